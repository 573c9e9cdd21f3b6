package dev.jbpfc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line run in this JVM ({@link Main#run}): the exit status and what it wrote on standard output and
 * standard error. Tests run jbpfc this way, and only this way, so a failure shows jbpfc's own diagnostics. An
 * exception that escapes {@code Main.run} escapes {@link #run} too (tests that judge crashes catch it).
 */
public record InProcessJbpfc(int status, String stdout, String stderr) {
    public static InProcessJbpfc run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InProcessJbpfc r = run(args, out);
        return new InProcessJbpfc(r.status(), out.toString(StandardCharsets.UTF_8), r.stderr());
    }

    public static InProcessJbpfc run(String... args) { return run(List.of(args)); }

    /**
     * As {@link #run(List)}, standard output written to {@code stdout} as it comes (for output too large to keep, or
     * thrown away: {@link OutputStream#nullOutputStream()}); {@link #stdout()} is then empty.
     */
    public static InProcessJbpfc run(List<String> args, OutputStream stdout) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        int status = Main.run(args.toArray(String[]::new), out, new PrintStream(err, true, StandardCharsets.UTF_8));
        out.flush();
        return new InProcessJbpfc(status, "", err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code args}: null when it succeeds, else the start of its diagnostics (for a message listing many). */
    public static String failure(List<String> args) {
        InProcessJbpfc r = run(args);
        if (r.status() == 0) return null;
        return r.stderr().length() > 400 ? r.stderr().substring(0, 400) : r.stderr();
    }

    /** Compiles {@code source} with {@code flags} to {@code object} ({@code -c}), asserting success; returns {@code object}. */
    public static Path compile(List<String> flags, Path source, Path object) throws IOException {
        Files.createDirectories(object.toAbsolutePath().getParent());
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("-c", source.toString(), "-o", object.toString()));
        succeed("jbpfc failed on " + source + " (" + object.getFileName() + "):\n", args);
        return object;
    }

    /** Runs {@code args}, asserting exit status 0 with {@code context} and the diagnostics as the message; returns stderr. */
    public static String succeed(String context, List<String> args) {
        InProcessJbpfc r = run(args);
        assertEquals(0, r.status(), context + r.stderr());
        return r.stderr();
    }
}
