package dev.jbpfc.testsuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a command under {@code /usr/bin/time}, which reports what the kernel accounted for the whole process
 * tree's wall time, CPU time (user + system, every thread: the JIT and GC threads of a JVM count) and the largest
 * process's peak memory: the figures a user sees, JVM start-up included. On a loaded machine wall time is mostly
 * waiting; CPU time is the figure to compare.
 */
public record TimedRun(double wallSeconds, double cpuSeconds, long peakKilobytes, int exitCode) {

    public static TimedRun of(List<String> command, Path workDir) throws IOException, InterruptedException {
        return of(command, workDir, java.util.Map.of());
    }

    /** {@link #of(List, Path)} with {@code env} added to this process's environment. */
    public static TimedRun of(List<String> command, Path workDir, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        Path report = Files.createTempFile("jbpfc-time", ".txt");
        try {
            List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-o", report.toString(), "-f", "%e %U %S %M"));
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile());
            pb.environment().putAll(env);
            Process p = pb
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int exit = p.waitFor();
            List<String> lines = Files.readAllLines(report);
            String[] f = lines.get(lines.size() - 1).trim().split(" ");
            return new TimedRun(Double.parseDouble(f[0]), Double.parseDouble(f[1]) + Double.parseDouble(f[2]),
                    Long.parseLong(f[3]), exit);
        } finally {
            Files.deleteIfExists(report);
        }
    }

    public static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
