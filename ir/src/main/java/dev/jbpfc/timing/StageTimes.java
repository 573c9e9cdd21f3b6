package dev.jbpfc.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the compiling thread per named stage (an optimisation pass, a backend stage, a part of the parse),
 * summed over every run of that stage, in the order the stages first ran: the detail under {@code -ftime-report}'s
 * "parse", "optimize" and "backend" lines. The one clock of {@code -ftime-report}: its phases are read from here too.
 * CPU rather than wall time because on a shared machine wall time is mostly waiting. {@link #NONE} keeps no figures
 * and reads no clock, so a compile that does not report pays nothing.
 */
public class StageTimes {
    /** Times nothing. */
    public static final StageTimes NONE = new StageTimes() {
        @Override public long start() { return 0; }

        @Override public void stop(String stage, long started) { }

        @Override public long lap(String stage, long started) { return 0; }
    };

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** A reading of the clock to pass to {@link #stop}. */
    public long start() { return THREADS.getCurrentThreadCpuTime(); }

    /** Adds the CPU time since {@code started} to {@code stage}. */
    public void stop(String stage, long started) {
        nanos.merge(stage, THREADS.getCurrentThreadCpuTime() - started, Long::sum);
    }

    /**
     * As {@link #stop}, and returns the reading it took, to start the next stage with: back-to-back stages read the
     * clock once between them.
     */
    public long lap(String stage, long started) {
        long now = THREADS.getCurrentThreadCpuTime();
        nanos.merge(stage, now - started, Long::sum);
        return now;
    }

    /** Nanoseconds per stage, in the order the stages first ran. */
    public Map<String, Long> nanos() { return Collections.unmodifiableMap(nanos); }
}
