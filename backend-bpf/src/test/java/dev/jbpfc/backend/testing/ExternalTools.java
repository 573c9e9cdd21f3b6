package dev.jbpfc.backend.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern RETURN_VALUE = Pattern.compile("Return value: (-?\\d+)");

    /**
     * Loads every program of {@code object} with bpftool, pinned under /sys/fs/bpf/jbpfc-backend-NAME-PID (removed
     * afterwards), runs the one named "prog" once on a 64-byte zero packet and returns its return value. A refused
     * load fails the test with the last 40 lines of bpftool's debug log and then {@code what} (what was loaded);
     * the log comes from a second load with -d, since asking for the verifier's log on every load would slow the
     * big programs.
     */
    public static long loadAndRunProg(String bpftool, Path object, String name, Supplier<String> what) {
        Path pin = Path.of("/sys/fs/bpf/jbpfc-backend-" + name + "-" + ProcessHandle.current().pid());
        Path packet = null;
        try {
            Result load = run(List.of(bpftool, "prog", "loadall", object.toString(), pin.toString()), null);
            if (load.status != 0) {
                run(List.of("rm", "-rf", pin.toString()), null);
                Result debug = run(List.of(bpftool, "-d", "prog", "loadall", object.toString(), pin.toString()), null);
                Assertions.fail("the kernel refused " + object.getFileName() + ":\n" + tail(debug.stderr + load.stderr, 40)
                        + "\n" + what.get());
            }
            packet = Files.createTempFile("jbpfc-packet", ".bin");
            Files.write(packet, new byte[64]);
            Result r = run(List.of(bpftool, "prog", "run", "pinned", pin.resolve("prog").toString(),
                    "data_in", packet.toString(), "repeat", "1"), null);
            Assertions.assertEquals(0, r.status, r.stderr);
            Matcher m = RETURN_VALUE.matcher(r.stdout);
            Assertions.assertTrue(m.find(), r.stdout + r.stderr);
            return Long.parseLong(m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            run(List.of("rm", "-rf", pin.toString()), null);
            if (packet != null) packet.toFile().delete();
        }
    }

    /** The last {@code n} lines of a log. */
    public static String tail(String log, int n) {
        String[] lines = log.split("\n");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - n), lines.length));
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
