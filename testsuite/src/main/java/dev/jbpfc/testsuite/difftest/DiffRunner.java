package dev.jbpfc.testsuite.difftest;

import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.Hex;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleException;
import dev.jbpfc.testsuite.oracle.RunInput;
import dev.jbpfc.testsuite.oracle.RunResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.Random;

/**
 * Judges one generated program: prints it twice ({@link CPrinter}), compiles the direct form with the compiler
 * under test and the clang-compatible form with clang-22 {@code -O2 -g --target=bpf -mcpu=v3}, loads both in the
 * kernel and runs them with BPF_PROG_TEST_RUN on the same seeded packets, comparing retval, packet and maps.
 */
public final class DiffRunner {
    /** Flags of the reference compile. */
    public static final List<String> CLANG_FLAGS = List.of("-O2", "-g", "--target=bpf", "-mcpu=v3");

    private final KernelOracle kernel;
    private final ClangReference clang;
    private final Compiler candidate;
    private final Path work;
    private final int inputs;

    public DiffRunner(KernelOracle kernel, ClangReference clang, Compiler candidate, Path work, int inputs) {
        this.kernel = kernel;
        this.clang = clang;
        this.candidate = candidate;
        this.work = work;
        this.inputs = inputs;
    }

    /** The packets a program with this seed runs on: 64 to 95 bytes, random, some all-zero or all-ones. */
    public static List<RunInput> packets(long seed, int count) {
        Random r = new Random(seed * 31 + 7);
        List<RunInput> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] b = new byte[Program.PACKET_BYTES + r.nextInt(32)];
            switch (i % 4) {
                case 1: java.util.Arrays.fill(b, (byte) 0xff); break;
                case 3: for (int j = 0; j < b.length; j++) b[j] = (byte) r.nextInt(4); break;
                default: r.nextBytes(b);
            }
            out.add(RunInput.packet(b));
        }
        return out;
    }

    public Outcome run(Program p) {
        try {
            Files.createDirectories(work);
            String stem = "p" + Long.toUnsignedString(p.seed());
            Path direct = work.resolve(stem + ".c"), forClang = work.resolve(stem + ".clang.c");
            Path object = work.resolve(stem + ".o");
            Files.writeString(direct, CPrinter.direct(p));
            Files.writeString(forClang, CPrinter.clangCompatible(p));
            ClangResult ref = clang.compile(forClang, CLANG_FLAGS);
            if (!ref.ok()) return new Outcome(Outcome.Kind.INVALID, "clang: " + firstLine(ref.diagnostics()));
            Files.deleteIfExists(object);
            Compiler.Result c;
            try {
                c = candidate.compile(direct, object);
            } catch (RuntimeException | StackOverflowError e) {
                return new Outcome(Outcome.Kind.JBPFC_CRASH, e.toString());
            }
            if (c.crashed()) return new Outcome(Outcome.Kind.JBPFC_CRASH, firstLine(c.diagnostics()));
            if (!c.ok()) {
                String why = firstLine(c.diagnostics());
                return new Outcome(why.contains("not supported") ? Outcome.Kind.JBPFC_UNSUPPORTED : Outcome.Kind.JBPFC_ERROR, why);
            }
            List<RunInput> in = packets(p.seed(), inputs);
            RunResult first = kernel.run(ref.object(), "prog", in.get(0));
            if (!first.ran()) return new Outcome(Outcome.Kind.INVALID, "clang's object does not run: " + first.verdict().reason());
            // Compared: retval, packet and the map out. Not .rodata: whether a constant array lives there or on the
            // stack is the compiler's choice (clang keeps one in .rodata, jbpfc may build it on the stack).
            for (int i = 0; i < in.size(); i++) {
                RunResult a = i == 0 ? first : kernel.run(ref.object(), "prog", in.get(i));
                RunResult b = kernel.run(object, "prog", in.get(i));
                if (!b.ran()) {
                    return new Outcome(Outcome.Kind.VERIFIER_DISAGREEMENT, "reference ran, candidate did not run ("
                            + (b.verdict().loaded() ? b.runError() : b.verdict().reason()) + ")");
                }
                String what = a.retval() != b.retval() ? "retval " + a.retval() + " vs " + b.retval()
                        : !Arrays.equals(a.dataOut(), b.dataOut()) ? "packet " + Hex.of(a.dataOut()) + " vs " + Hex.of(b.dataOut())
                        : !Arrays.equals(out(a), out(b)) ? "map out " + Hex.of(out(a)) + " vs " + Hex.of(out(b)) : null;
                if (what != null) return new Outcome(Outcome.Kind.MISMATCH, "input #" + i + " (data " + Hex.of(in.get(i).dataIn()) + "): " + what);
            }
            return new Outcome(Outcome.Kind.MATCH, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OracleException e) {
            return new Outcome(Outcome.Kind.INVALID, "oracle: " + e.getMessage());
        }
    }

    /** The map out's values, slot by slot, concatenated. */
    private static byte[] out(RunResult r) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (var m : r.maps().values()) {
            if (!m.name().equals("out")) continue;
            for (var e : new java.util.TreeMap<>(m.entries()).entrySet()) b.writeBytes(e.getValue());
        }
        return b.toByteArray();
    }

    private static String firstLine(String s) {
        for (String line : s.split("\n")) if (line.contains("error")) return line.strip();
        return s.strip().isEmpty() ? "(no message)" : s.strip().split("\n")[0];
    }
}
