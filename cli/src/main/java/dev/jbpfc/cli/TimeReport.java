package dev.jbpfc.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code -ftime-report}: CPU time of the compiling thread per compiler phase, per input and summed over the
 * invocation, printed on standard error (wall time on a loaded machine is mostly waiting; the JIT and GC threads'
 * CPU is not in these figures but is in the JVM's total printed last). In a fresh JVM the first input's figures
 * include class loading and interpreted/C1 code, which is exactly what a one-file compile pays.
 * <pre>
 *   ===-- jbpfc time report: prog.c --===
 *     preprocess     0.412 s
 *     parse          0.803 s   (grammar 0.655 s, AST 0.148 s)
 *     sema           0.121 s
 * </pre>
 */
final class TimeReport {
    private final Map<String, Long> total = new LinkedHashMap<>();
    private final Map<String, Long> current = new LinkedHashMap<>();
    private final java.util.List<String> notes = new java.util.ArrayList<>();
    private int inputs;

    /** A line printed under the current input's figures. */
    void note(String text) { notes.add(text); }

    void add(String phase, long nanos) {
        current.merge(phase, nanos, Long::sum);
        total.merge(phase, nanos, Long::sum);
    }

    /** Prints the phases of one input and starts the next. */
    void endInput(String input, PrintStream err) {
        inputs++;
        print("jbpfc time report: " + input, current, err);
        for (String n : notes) err.println("  " + n);
        current.clear();
        notes.clear();
    }

    /** Prints the sum over the inputs and the JVM's figures ({@code server}: the compile server's, not this command's). */
    void endInvocation(PrintStream err, boolean server) {
        if (inputs > 1) print("jbpfc time report: all " + inputs + " inputs", total, err);
        long upMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        long processCpu = ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        err.printf("  %s: up %.3f s wall, %.3f s CPU over all threads, %d classes loaded%n",
                server ? "compile server's JVM (all its compiles)" : "JVM", upMillis / 1000.0,
                processCpu / 1e9, java.lang.management.ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
    }

    private static void print(String title, Map<String, Long> phases, PrintStream err) {
        err.println("===-- " + title + " --===");
        long sum = 0;
        for (Map.Entry<String, Long> e : phases.entrySet()) {
            err.printf("  %-18s %8.3f s%n", e.getKey(), e.getValue() / 1e9);
            if (!e.getKey().startsWith(" ")) sum += e.getValue();
        }
        err.printf("  %-18s %8.3f s%n", "total", sum / 1e9);
    }
}
