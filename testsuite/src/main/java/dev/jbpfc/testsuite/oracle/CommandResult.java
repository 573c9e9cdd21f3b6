package dev.jbpfc.testsuite.oracle;

/** What an external command did: exit code (-1 when it timed out), its output, and how long it took. */
public record CommandResult(int exitCode, String stdout, String stderr, long millis, boolean timedOut) {
    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }
}
