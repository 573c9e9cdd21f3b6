package dev.jbpfc.frontend.lower;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs clang-22 / llvm-objcopy-22 for the lowering's reference tests. A missing tool skips the test with a message,
 * or fails it when {@code JBPFC_REQUIRE_ORACLE=1} (CI).
 */
final class Oracle {
    private Oracle() {}

    static void missing(String what) {
        String msg = what + " is not available (needed as the reference for this test)";
        if ("1".equals(System.getenv("JBPFC_REQUIRE_ORACLE"))) Assertions.fail(msg);
        Assumptions.abort(msg);
    }

    /** Compiles {@code source} with clang-22 -g -O2 --target=bpf and returns its .BTF section bytes. */
    static byte[] clangBtf(String source) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jbpfc-lower");
        try {
            Path c = dir.resolve("t.c"), o = dir.resolve("t.o"), btf = dir.resolve("t.btf");
            Files.writeString(c, source);
            run(List.of("clang-22", "-g", "-O2", "--target=bpf", "-mcpu=v3", "-c", c.toString(), "-o", o.toString()));
            run(List.of("llvm-objcopy-22", "--dump-section", ".BTF=" + btf, o.toString()));
            return Files.readAllBytes(btf);
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
        } catch (IOException e) {
            missing(cmd.get(0));
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
    }
}
