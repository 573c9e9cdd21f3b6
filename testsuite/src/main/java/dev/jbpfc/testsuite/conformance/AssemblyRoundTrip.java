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
final class AssemblyRoundTrip {
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
        CompilerCommand.Outcome s = compiler.run(withMode(compiler.argv(src, asm, flags), "-S"), asm, timeout);
        if (!s.ok()) return "-S fails where -c succeeds: " + s.firstError();
        CompilerCommand.Outcome c = compiler.compile(asm, reassembled, List.of("--target=bpf"), timeout);
        if (!c.ok()) return "the .s does not assemble: " + c.firstError();
        byte[] a = Files.readAllBytes(object), b = Files.readAllBytes(reassembled);
        if (Arrays.equals(a, b)) {
            Files.delete(asm);
            Files.delete(reassembled);
            return "";
        }
        return "the objects differ from byte " + Arrays.mismatch(a, b) + " (" + a.length + " and " + b.length
                + " bytes)";
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
