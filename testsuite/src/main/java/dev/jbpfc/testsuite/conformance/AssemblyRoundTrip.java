package dev.jbpfc.testsuite.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Issue 13's round trip for one file: the compiler's {@code -S} of the C file, then {@code -c} of that {@code .s}
 * (with {@code --target=bpf} only, as a build that assembles a {@code .s} would), must give the object {@code -c} of
 * the C file gave, byte for byte. The {@code .s} keeps everything the object holds (.BTF, .BTF.ext, relocations,
 * symbols), so any difference is a gap in the {@code -S} printer or the assembler.
 *
 * <p>Example: {@code jbpfc FLAGS -S x.c -o x.s; jbpfc --target=bpf -c x.s -o x.s.o; cmp x.o x.s.o}.
 */
public final class AssemblyRoundTrip {
    private AssemblyRoundTrip() {
    }

    /**
     * Runs the round trip of {@code src}, whose object from {@code -c} is {@code object}, writing {@code NAME.s} and
     * {@code NAME.s.o} into {@code dir}. Returns "" when the objects are identical (and deletes both files), else
     * what went wrong, in one line (the files are kept to look at).
     */
    static String check(CompilerCommand compiler, Path src, Path object, List<String> flags, Path dir, String name,
                        Duration timeout) throws IOException {
        Path asm = dir.resolve(name + ".s"), reassembled = dir.resolve(name + ".s.o");
        Files.deleteIfExists(asm);
        Files.deleteIfExists(reassembled);
        List<String> toAssembly = withMode(compiler.argv(src, asm, flags), "-S");
        String rt = compare(() -> firstErrorOf(compiler.run(toAssembly, asm, timeout)),
                () -> firstErrorOf(compiler.compile(asm, reassembled, List.of("--target=bpf"), timeout)),
                object, reassembled);
        if (rt.isEmpty()) {
            Files.delete(asm);
            Files.delete(reassembled);
        }
        return rt;
    }

    /** One compiler run of the round trip: null when it succeeds, else the start of its diagnostics. */
    public interface Step {
        String run() throws IOException;
    }

    /**
     * The round trip's verdict once {@code object} (from {@code -c} of the C file) exists: {@code toAssembly}
     * writes the {@code .s} ({@code -S}), {@code assemble} makes {@code reassembled} of it ({@code -c} of the
     * {@code .s}); "" when the two objects are identical, else what went wrong, in one line. Shared by the conformance
     * runner (the compiler as a command) and cli's CI sample (jbpfc in its own JVM).
     */
    public static String compare(Step toAssembly, Step assemble, Path object, Path reassembled) throws IOException {
        String err = toAssembly.run();
        if (err != null) return "-S fails where -c succeeds: " + err;
        err = assemble.run();
        if (err != null) return "the .s does not assemble: " + err;
        byte[] a = Files.readAllBytes(object), b = Files.readAllBytes(reassembled);
        if (Arrays.equals(a, b)) return "";
        return "the objects differ from byte " + Arrays.mismatch(a, b) + " (" + a.length + " and " + b.length
                + " bytes)";
    }

    private static String firstErrorOf(CompilerCommand.Outcome o) {
        return o.ok() ? null : o.firstError();
    }

    /** {@code argv} of a {@code -c} compile with {@code -c} replaced by {@code mode}. */
    static List<String> withMode(List<String> argv, String mode) {
        List<String> out = new ArrayList<>(argv);
        int i = out.indexOf("-c");
        if (i < 0) throw new IllegalArgumentException("the compiler's command has no -c: " + String.join(" ", argv));
        out.set(i, mode);
        return out;
    }
}
