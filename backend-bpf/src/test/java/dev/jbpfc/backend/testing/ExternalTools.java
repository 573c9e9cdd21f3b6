package dev.jbpfc.backend.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference tools the backend's tests compare against (clang-22, llvm-objdump-22, llvm-readelf-22, bpftool).
 * A missing tool skips the test with a message, or fails it when JBPFC_REQUIRE_ORACLE=1.
 */
public final class ExternalTools {
    private ExternalTools() {}

    public static String require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p.toString();
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin"}) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p.toString();
        }
        missing(tool + " is not installed");
        return null;
    }

    public static void missing(String what) {
        if ("1".equals(System.getenv("JBPFC_REQUIRE_ORACLE"))) Assertions.fail(what + " (JBPFC_REQUIRE_ORACLE=1)");
        Assumptions.abort(what);
    }

    public static boolean isRoot() {
        try {
            Result r = run(List.of("id", "-u"), null);
            return r.stdout.trim().equals("0");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Runs a command; returns its exit status and outputs. */
    public static Result run(List<String> command, Path workDir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            if (workDir != null) pb.directory(workDir.toFile());
            Path out = Files.createTempFile("jbpfc-tool", ".out");
            Path err = Files.createTempFile("jbpfc-tool", ".err");
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result runOk(String... command) {
        Result r = run(new ArrayList<>(List.of(command)), null);
        if (r.status != 0) {
            Assertions.fail(String.join(" ", command) + " failed with " + r.status + ":\n" + r.stderr + r.stdout);
        }
        return r;
    }

    public static final class Result {
        public final int status;
        public final String stdout;
        public final String stderr;

        Result(int status, String stdout, String stderr) {
            this.status = status;
            this.stdout = stdout;
            this.stderr = stderr;
        }
    }
}
