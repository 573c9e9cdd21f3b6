package dev.jbpfc.testsuite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Front-end speed against clang-22 in the same run (issue 2's targets: one invocation per file within 2x clang's
 * time; per file in a batch of 100 at most half of clang's; peak memory under 1 GB).
 * <pre>
 *   java -cp testsuite/target/classes dev.jbpfc.testsuite.bench.SyntaxOnlyBenchmark [runs]
 * </pre>
 * Runs, alternating A and B so drift hits both: {@code ./jbpfc -fsyntax-only} and {@code clang-22 -fsyntax-only}
 * on one corpus file that includes vmlinux.h, each in a fresh process; then 100 such files in one invocation of
 * each. Prints medians of wall and CPU time (user + system), the ratios jbpfc/clang, and peak memory.
 */
public final class SyntaxOnlyBenchmark {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = Path.of(System.getenv().getOrDefault("JBPFC_ROOT", ".")).toAbsolutePath();
        Path corpus = corpusDir(root);
        List<String> flags = selftestsFlags(root);
        List<Path> vmlinuxFiles = filesIncludingVmlinux(corpus.resolve("progs"), 100);
        if (vmlinuxFiles.isEmpty()) throw new IllegalStateException("no corpus files include vmlinux.h");
        Path single = vmlinuxFiles.get(0);

        System.out.printf("single file (%s), fresh process each, %d runs%n", single.getFileName(), runs);
        compare(root, runs, flags, List.of(single), 1);
        System.out.printf("%n%d files in one invocation, %d runs, per file%n", vmlinuxFiles.size(), Math.max(1, runs / 2));
        compare(root, Math.max(1, runs / 2), flags, vmlinuxFiles, vmlinuxFiles.size());
    }

    private static void compare(Path root, int runs, List<String> flags, List<Path> files, int perFile)
            throws IOException, InterruptedException {
        List<String> jbpfc = command(root.resolve("jbpfc").toString(), flags, files);
        List<String> clang = command("clang-22", flags, files);
        TimedRun.of(jbpfc, root); // warm-up: builds the jar and the class-data archive on first use
        List<Double> a = new ArrayList<>(), b = new ArrayList<>(), cpuA = new ArrayList<>(), cpuB = new ArrayList<>();
        long peakA = 0, peakB = 0;
        int failA = 0, failB = 0;
        for (int i = 0; i < runs; i++) {
            TimedRun ra = TimedRun.of(jbpfc, root), rb = TimedRun.of(clang, root);
            a.add(ra.wallSeconds() / perFile);
            b.add(rb.wallSeconds() / perFile);
            cpuA.add(ra.cpuSeconds() / perFile);
            cpuB.add(rb.cpuSeconds() / perFile);
            peakA = Math.max(peakA, ra.peakKilobytes());
            peakB = Math.max(peakB, rb.peakKilobytes());
            if (ra.exitCode() != 0) failA++;
            if (rb.exitCode() != 0) failB++;
        }
        double ma = TimedRun.median(a), mb = TimedRun.median(b);
        double ca = TimedRun.median(cpuA), cb = TimedRun.median(cpuB);
        System.out.printf("  jbpfc    median wall %.3f s  cpu %.3f s  peak %d MB%s%n", ma, ca, peakA / 1024,
                failA > 0 ? "  (" + failA + " runs exited non-zero)" : "");
        System.out.printf("  clang-22 median wall %.3f s  cpu %.3f s  peak %d MB%s%n", mb, cb, peakB / 1024,
                failB > 0 ? "  (" + failB + " runs exited non-zero)" : "");
        System.out.printf("  ratio jbpfc/clang wall %.2f  cpu %.2f%n", ma / mb, ca / cb);
    }

    private static List<String> command(String compiler, List<String> flags, List<Path> files) {
        List<String> c = new ArrayList<>();
        c.add(compiler);
        c.addAll(flags);
        c.addAll(List.of("-O2", "--target=bpf", "-mcpu=v3", "-fsyntax-only"));
        for (Path f : files) c.add(f.toString());
        return c;
    }

    static Path corpusDir(Path root) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(root.resolve("scripts/setup-corpus.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) throw new IllegalStateException("scripts/setup-corpus.sh failed");
        return Path.of(out);
    }

    static List<String> selftestsFlags(Path root) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(root.resolve("scripts/selftests-flags").toString()).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return Arrays.asList(out.split("\\s+"));
    }

    /** Corpus files that include vmlinux.h, in name order, at most {@code max} (failures are counted in the output). */
    static List<Path> filesIncludingVmlinux(Path progs, int max) throws IOException {
        try (Stream<Path> s = Files.list(progs)) {
            return s.filter(f -> f.toString().endsWith(".c")).sorted()
                    .filter(f -> {
                        try {
                            return Files.readString(f).contains("#include \"vmlinux.h\"")
                                    || Files.readString(f).contains("#include <vmlinux.h>");
                        } catch (IOException e) {
                            return false;
                        }
                    }).limit(max).toList();
        }
    }
}
