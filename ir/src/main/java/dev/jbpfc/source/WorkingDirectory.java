package dev.jbpfc.source;

import java.nio.file.Path;

/**
 * The directory relative paths of a compile are taken from. A process that compiles once uses its own working
 * directory and nothing changes. The compile server ({@code ./jbpfc}'s daemon) serves clients started in many
 * directories from one process, whose working directory a JVM cannot change: it sets the client's directory
 * here for the thread of that request (and the threads it starts), and every place that touches the file system
 * with a path taken from the command line or an {@code #include} passes it through {@link #resolve}.
 * <p>
 * Names stay as the user wrote them (diagnostics, dependency files, line_info print {@code prog.c}, not
 * {@code /home/me/prog.c}); only the file system sees the resolved path. So a compile in the server writes
 * byte for byte what the same command writes in a fresh process.
 */
public final class WorkingDirectory {
    private static final InheritableThreadLocal<Path> CURRENT = new InheritableThreadLocal<>();

    private WorkingDirectory() {}

    /** Runs {@code work} with relative paths taken from {@code dir} (absolute) on this thread and its children. */
    public static void runIn(Path dir, Runnable work) {
        Path before = CURRENT.get();
        CURRENT.set(dir);
        try {
            work.run();
        } finally {
            CURRENT.set(before);
        }
    }

    /** {@code p} as the file system should see it: unchanged unless a server request set another directory. */
    public static Path resolve(Path p) {
        Path dir = CURRENT.get();
        return dir == null || p == null || p.isAbsolute() ? p : dir.resolve(p);
    }

    /** {@link #resolve(Path)} for a path kept as a string (the preprocessor's file names). */
    public static Path resolve(String p) {
        return resolve(Path.of(p));
    }
}
