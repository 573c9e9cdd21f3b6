package dev.jbpfc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The command line run in this JVM ({@link Main#run}), standard output discarded: the exit status and what it wrote
 * on standard error. Tests compile this way so a failure shows jbpfc's own diagnostics.
 */
record InProcessJbpfc(int status, String stderr) {
    static InProcessJbpfc run(List<String> args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new InProcessJbpfc(status, err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code args}, asserting exit status 0 with {@code context} and the diagnostics as the message; returns stderr. */
    static String succeed(String context, List<String> args) {
        InProcessJbpfc r = run(args);
        assertEquals(0, r.status(), context + r.stderr());
        return r.stderr();
    }
}
