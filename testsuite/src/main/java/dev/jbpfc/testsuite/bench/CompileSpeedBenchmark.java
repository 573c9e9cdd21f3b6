package dev.jbpfc.testsuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 14's one-file speed, side by side with clang-22 in the same run: a compile of one selftests file that
 * includes vmlinux.h ({@code -fsyntax-only} and {@code -c}), each a fresh {@code ./jbpfc} process the way make
 * runs a compiler, and 100 such files in one invocation. A report, not a timed test.
 * <pre>
 *   java -cp testsuite/target/classes dev.jbpfc.testsuite.bench.CompileSpeedBenchmark [--runs 7] [--warmup 5]
 *       [--file bpf_iter_task_vmas.c] [--batch 100]
 * </pre>
 * Each row runs jbpfc and clang-22 in turn (A B A B ...) after warm-up runs, and prints medians of wall time and
 * CPU time (user + system of the whole process tree, from {@code /usr/bin/time}) and the ratios of the medians.
 * <p>
 * With the compile server ({@code ./jbpfc}'s default), the work happens in another process that
 * {@code /usr/bin/time} does not see: its CPU time is read from {@code /proc/PID/stat} at the end of each jbpfc run
 * and everything it spent since the previous jbpfc run (the clang run between them included: background JIT and
 * GC count) is added to that run's CPU. Its peak memory is printed apart. The rows with {@code JBPFC_SERVER=0} are
 * what a compile costs without the server.
 */
public final class CompileSpeedBenchmark {
    private final Path root;
    private final Path jar;
    private final List<String> flags;
    private final int runs;
    private final int warmup;

    private CompileSpeedBenchmark(Path root, List<String> flags, int runs, int warmup) {
        this.root = root;
        this.jar = root.resolve("cli/target/jbpfc.jar");
        this.flags = flags;
        this.runs = runs;
        this.warmup = warmup;
    }

    public static void main(String[] args) throws Exception {
        int runs = 7, warmup = 5, batch = 100;
        String file = "bpf_iter_task_vmas.c";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--file" -> file = args[++i];
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path root = Path.of(System.getenv().getOrDefault("JBPFC_ROOT", ".")).toAbsolutePath().normalize();
        Path progs = SyntaxOnlyBenchmark.corpusDir(root).resolve("progs");
        List<String> flags = new ArrayList<>(SyntaxOnlyBenchmark.selftestsFlags(root));
        flags.addAll(List.of("-O2", "--target=bpf", "-mcpu=v3"));
        CompileSpeedBenchmark b = new CompileSpeedBenchmark(root, flags, runs, warmup);
        Path single = progs.resolve(file);
        Path obj = Files.createTempFile("jbpfc-speed", ".o");
        List<Path> many = SyntaxOnlyBenchmark.filesIncludingVmlinux(progs, batch);

        System.out.printf("%s, %d counted runs after %d warm-up runs each, medians; CPU = user + system%n%n",
                single.getFileName(), runs, warmup);
        System.out.println("| compile | jbpfc wall | clang-22 wall | ratio | jbpfc CPU | clang-22 CPU | ratio |");
        System.out.println("|---|---|---|---|---|---|---|");
        List<String> notes = new ArrayList<>();
        b.row("one file `-fsyntax-only`", List.of("-fsyntax-only", single.toString()), 1, true, notes);
        b.row("one file `-c`", List.of("-c", single.toString(), "-o", obj.toString()), 1, true, notes);
        b.row("one file `-fsyntax-only`, `JBPFC_SERVER=0`", List.of("-fsyntax-only", single.toString()), 1, false, notes);
        b.row("one file `-c`, `JBPFC_SERVER=0`", List.of("-c", single.toString(), "-o", obj.toString()), 1, false, notes);
        List<String> batchArgs = new ArrayList<>(List.of("-fsyntax-only"));
        for (Path f : many) batchArgs.add(f.toString());
        CompileSpeedBenchmark few = new CompileSpeedBenchmark(root, flags, Math.max(1, runs / 2), 1);
        few.row(many.size() + " files in one invocation, per file", batchArgs, many.size(), true, notes);
        System.out.println();
        for (String n : notes) System.out.println(n);
        Files.deleteIfExists(obj);
    }

    private void row(String name, List<String> action, int perFile, boolean server, List<String> notes)
            throws IOException, InterruptedException {
        List<String> jbpfc = new ArrayList<>(List.of(root.resolve("jbpfc").toString()));
        jbpfc.addAll(flags);
        jbpfc.addAll(action);
        List<String> clang = new ArrayList<>(List.of("clang-22"));
        clang.addAll(flags);
        clang.addAll(action);
        Map<String, String> env = server ? Map.of("JBPFC_SERVER", "1", "CI", "") : Map.of("JBPFC_SERVER", "0");
        List<Double> warmCpu = new ArrayList<>();
        long serverPid = -1;
        for (int i = 0; i < warmup; i++) {
            TimedRun w = TimedRun.of(jbpfc, root, env);
            if (server && serverPid < 0) serverPid = waitForServer(i == 0 ? 30_000 : 1000);
            warmCpu.add(w.cpuSeconds());
        }
        if (server && serverPid < 0) serverPid = waitForServer(30_000);
        if (server && serverPid < 0) throw new IllegalStateException("no compile server for " + jar + " came up");
        for (int i = 0; i < warmup; i++) TimedRun.of(clang, root);
        List<Double> wallA = new ArrayList<>(), wallB = new ArrayList<>(), cpuA = new ArrayList<>(), cpuB = new ArrayList<>();
        long peakA = 0, peakB = 0;
        int failA = 0, failB = 0;
        double serverMark = server ? serverCpuSeconds(serverPid) : 0;
        for (int i = 0; i < runs; i++) {
            TimedRun a = TimedRun.of(jbpfc, root, env);
            double serverCpu = 0;
            if (server) {
                double now = serverCpuSeconds(serverPid);
                serverCpu = now - serverMark;
                serverMark = now;
            }
            TimedRun b = TimedRun.of(clang, root);
            wallA.add(a.wallSeconds() / perFile);
            cpuA.add((a.cpuSeconds() + serverCpu) / perFile);
            wallB.add(b.wallSeconds() / perFile);
            cpuB.add(b.cpuSeconds() / perFile);
            peakA = Math.max(peakA, a.peakKilobytes());
            peakB = Math.max(peakB, b.peakKilobytes());
            if (a.exitCode() != 0) failA++;
            if (b.exitCode() != 0) failB++;
        }
        double wa = TimedRun.median(wallA), wb = TimedRun.median(wallB), ca = TimedRun.median(cpuA), cb = TimedRun.median(cpuB);
        System.out.printf("| %s | %.3f s | %.3f s | %.2f | %.3f s | %.3f s | %.2f |%n", name, wa, wb, wa / wb, ca, cb, ca / cb);
        String peaks = String.format("%s: peak memory jbpfc %d MB%s, clang-22 %d MB", name, peakA / 1024,
                server ? " (client) + " + serverPeakMegabytes(serverPid) + " MB (server, its whole life)" : "",
                peakB / 1024);
        notes.add("- " + peaks + "; jbpfc CPU of the warm-up runs (client only): " + warmCpu.stream()
                .map(d -> String.format("%.2f", d)).toList()
                + (failA + failB > 0 ? "; non-zero exits: jbpfc " + failA + ", clang " + failB : ""));
    }

    /** The pid of the compile server running this checkout's jar, waiting up to {@code millis} for it. */
    private long waitForServer(long millis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        do {
            long pid = findServer();
            if (pid > 0) return pid;
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        return -1;
    }

    private long findServer() throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmd.contains("dev.jbpfc.cli.server.CompileServer") && cmd.contains(" " + jar + " ")) {
                        return Long.parseLong(name);
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return -1;
    }

    /** User + system CPU of a process so far, from /proc/PID/stat (clock ticks of 1/100 s). */
    private static double serverCpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static long serverPeakMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
        return -1;
    }
}
