package dev.jbpfc.cli;

import dev.jbpfc.isa.BpfDisassembler;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.testsuite.conformance.AssemblyRoundTrip;
import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arena code (address_space(1) pointers, {@code __BPF_FEATURE_ADDR_SPACE_CAST} defined as clang-22 defines it)
 * gets the {@code addr_space_cast} instructions clang-22 gives it. The kernel cannot judge on a machine that refuses
 * arena maps, so clang's object in the same run is the reference: per function, the casts (their count and their
 * spaces, {@code cast(TO, FROM)}) must be the same. {@code arena/arena_casts.c} holds one function per form and must
 * match in every function; of the selftests' arena files, those whose code jbpfc shapes as clang does (inlining and
 * loop forms decide how many pointers there are to cast) must match per function, and every one must compile, have
 * casts exactly when clang's has, and give the same object through -S then -c.
 */
class ArenaCastsVsClangTest {
    private static final Path OUT = Path.of("target/arena-casts").toAbsolutePath();
    /** Selftests arena files whose every function has clang-22's casts (measured 2026-12-07). */
    private static final List<String> SAME_PER_FUNCTION = List.of("arena_atomics.c", "arena_htab_asm.c", "verifier_arena.c");
    /** The other arena files: inlining and loop shapes differ from clang's, and with them the pointers cast. */
    private static final List<String> COMPILED = List.of("arena_htab.c", "arena_list.c", "verifier_arena_large.c");

    @Test
    void everyFormHasClangsCasts() throws Exception {
        Path src = Path.of("src/test/resources/arena/arena_casts.c").toAbsolutePath();
        List<String> flags = List.of("-O2", "-g", "--target=bpf", "-mcpu=v3");
        Map<String, List<String>> clang = castsPerFunction(clangObject(src, flags));
        Map<String, List<String>> jbpfc = castsPerFunction(jbpfcObject(src, flags));
        assertTrue(clang.get("load_member").equals(List.of("cast(0,1)")), "clang's casts read: " + clang);
        assertTrue(clang.get("to_arena").equals(List.of("cast(1,0)")), "clang's casts read: " + clang);
        assertEquals(clang, jbpfc);
        roundTrip(src, flags);
    }

    @Test
    void selftestsArenaFiles() throws Exception {
        Path progs = OracleRequirement.corpus().resolve("src/tools/testing/selftests/bpf/progs");
        List<String> flags = new ArrayList<>(OracleRequirement.selftestsFlags());
        flags.addAll(List.of("-O2", "--target=bpf", "-mcpu=v3"));
        List<String> all = new ArrayList<>(SAME_PER_FUNCTION);
        all.addAll(COMPILED);
        for (String file : all) {
            Path src = progs.resolve(file);
            Map<String, List<String>> clang = castsPerFunction(clangObject(src, flags));
            Map<String, List<String>> jbpfc = castsPerFunction(jbpfcObject(src, flags));
            int clangCasts = total(clang), jbpfcCasts = total(jbpfc);
            System.out.printf("%s: addr_space_cast clang-22 %d, jbpfc %d; functions with clang's casts %d of %d%n",
                    file, clangCasts, jbpfcCasts, sameFunctions(clang, jbpfc), clang.size());
            assertTrue(clangCasts > 0, file + ": clang's casts read: " + clang);
            assertTrue(jbpfcCasts > 0, file + ": " + jbpfc);
            if (SAME_PER_FUNCTION.contains(file)) assertEquals(clang, jbpfc, file);
            roundTrip(src, flags);
        }
    }

    /** Each function's casts in order, as {@code cast(TO,FROM)}. */
    private static Map<String, List<String>> castsPerFunction(BpfObjectFile o) {
        Map<String, List<String>> out = new TreeMap<>();
        for (BpfObjectFile.FunctionSymbol f : o.functions()) {
            List<String> casts = new ArrayList<>();
            for (BpfInsn i : BpfDisassembler.disassemble(o.code(f))) {
                if (i.op == BpfOp.ADDR_SPACE_CAST) casts.add("cast(" + (i.imm >>> 16) + "," + (i.imm & 0xffff) + ")");
            }
            out.put(f.name(), casts);
        }
        return out;
    }

    private static int total(Map<String, List<String>> casts) {
        return casts.values().stream().mapToInt(List::size).sum();
    }

    private static long sameFunctions(Map<String, List<String>> clang, Map<String, List<String>> jbpfc) {
        return clang.entrySet().stream().filter(e -> e.getValue().equals(jbpfc.get(e.getKey()))).count();
    }

    private static void roundTrip(Path src, List<String> flags) throws Exception {
        String name = src.getFileName().toString().replaceFirst("\\.c$", "");
        Path s = OUT.resolve(name + ".s"), fromC = OUT.resolve(name + ".jbpfc.o"), fromS = OUT.resolve(name + ".s.o");
        String rt = AssemblyRoundTrip.compare(() -> jbpfc(flags, "-S", src.toString(), "-o", s.toString()),
                () -> jbpfc(List.of("--target=bpf"), "-c", s.toString(), "-o", fromS.toString()), fromC, fromS);
        assertEquals("", rt, name + ": -S then -c");
    }

    private static BpfObjectFile clangObject(Path src, List<String> flags) throws Exception {
        String clang = OracleRequirement.clang().executable();
        Files.createDirectories(OUT);
        Path out = OUT.resolve(src.getFileName() + ".clang.o");
        List<String> argv = new ArrayList<>(List.of(clang));
        argv.addAll(flags);
        argv.addAll(List.of("-c", src.toString(), "-o", out.toString()));
        CommandResult r = Command.run(argv, null, Duration.ofSeconds(300));
        assertEquals(0, r.exitCode(), r.stderr());
        return BpfObjectFile.read(out);
    }

    private static BpfObjectFile jbpfcObject(Path src, List<String> flags) throws Exception {
        Files.createDirectories(OUT);
        Path out = OUT.resolve(src.getFileName().toString().replaceFirst("\\.c$", "") + ".jbpfc.o");
        String err = jbpfc(flags, "-c", src.toString(), "-o", out.toString());
        assertFalse(err != null, src.getFileName() + ": " + err);
        return BpfObjectFile.read(out);
    }

    /** Runs jbpfc in this JVM; null when it succeeds, else the start of its diagnostics. */
    private static String jbpfc(List<String> flags, String... more) throws java.io.IOException {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of(more));
        InProcessJbpfc r = InProcessJbpfc.run(args);
        if (r.status() == 0) return null;
        String e = r.stderr();
        return e.length() > 400 ? e.substring(0, 400) : e;
    }
}
