package dev.jbpfc.frontend.types;

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
 * Runs the reference tools (clang-22, bpftool) for the layout tests. A missing tool skips the test with a message,
 * or fails it when {@code JBPFC_REQUIRE_ORACLE=1} (CI).
 */
public final class ClangOracle {
    private ClangOracle() {}

    public static void require(String tool, String... probeArgs) {
        List<String> cmd = new ArrayList<>(List.of(tool));
        cmd.addAll(List.of(probeArgs));
        boolean ok;
        try {
            ok = run(cmd, null).exitCode == 0;
        } catch (IOException e) {
            ok = false;
        }
        if (!ok) {
            String msg = tool + " is not installed (needed as the reference for this test)";
            if ("1".equals(System.getenv("JBPFC_REQUIRE_ORACLE"))) Assertions.fail(msg);
            Assumptions.abort(msg);
        }
    }

    public static void requireFile(Path p) {
        if (!Files.isReadable(p)) {
            String msg = p + " is not readable (needed as the reference for this test)";
            if ("1".equals(System.getenv("JBPFC_REQUIRE_ORACLE"))) Assertions.fail(msg);
            Assumptions.abort(msg);
        }
    }

    public record Result(int exitCode, String output) {}

    /** Runs a command, returning its exit code and its stdout+stderr (stdout to {@code outFile} if given). */
    public static Result run(List<String> cmd, Path outFile) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (outFile != null) {
            pb.redirectOutput(outFile.toFile());
        } else {
            pb.redirectErrorStream(true);
        }
        Process p = pb.start();
        String out = new String((outFile != null ? p.getErrorStream() : p.getInputStream()).readAllBytes(),
                StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), out);
    }
}
