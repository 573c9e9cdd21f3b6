package dev.jbpfc.timing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of the compiling thread per named stage (an optimisation pass, a backend stage), summed over every run of
 * that stage, in the order the stages first ran: the detail under {@code -ftime-report}'s "optimize" and "backend"
 * lines. CPU rather than wall time because on a shared machine wall time is mostly waiting. {@link #NONE} keeps no
 * figures and reads no clock, so a compile that does not report pays nothing.
 */
public class StageTimes {
    /** Times nothing. */
    public static final StageTimes NONE = new StageTimes() {
        @Override public long start() { return 0; }

        @Override public void stop(String stage, long started) { }
    };

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<String, Long> nanos = new LinkedHashMap<>();

    /** A reading of the clock to pass to {@link #stop}. */
    public long start() { return THREADS.getCurrentThreadCpuTime(); }

    /** Adds the CPU time since {@code started} to {@code stage}. */
    public void stop(String stage, long started) {
        nanos.merge(stage, THREADS.getCurrentThreadCpuTime() - started, Long::sum);
    }

    /** Nanoseconds per stage, in the order the stages first ran. */
    public Map<String, Long> nanos() { return Collections.unmodifiableMap(nanos); }
}
