package dev.jbpfc.testsuite.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (clang-22, gcc, bpfrun, a compiler under test) and collects its output. A command that
 * cannot be started yields exit code 127 with the reason in stderr, like a shell would, so callers handle one
 * kind of failure. On timeout the process and its children are killed (only those this call started).
 */
public final class Command {
    private Command() {
    }

    public static CommandResult run(List<String> argv, Path cwd, Duration timeout) {
        long start = System.nanoTime();
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(argv);
            if (cwd != null) pb.directory(cwd.toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            p = pb.start();
        } catch (IOException e) {
            return new CommandResult(127, "", "cannot run " + argv.get(0) + ": " + e.getMessage(), 0, false);
        }
        StringBuilder err = new StringBuilder();
        Thread errReader = new Thread(() -> err.append(readAll(p.getErrorStream())), "stderr-" + argv.get(0));
        errReader.setDaemon(true);
        errReader.start();
        StringBuilder out = new StringBuilder();
        Thread outReader = new Thread(() -> out.append(readAll(p.getInputStream())), "stdout-" + argv.get(0));
        outReader.setDaemon(true);
        outReader.start();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            outReader.join();
            errReader.join();
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new OracleException("interrupted while running " + argv.get(0));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new CommandResult(finished ? p.exitValue() : -1, out.toString(), err.toString(), millis, !finished);
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
