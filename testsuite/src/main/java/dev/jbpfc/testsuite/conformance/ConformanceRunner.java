package dev.jbpfc.testsuite.conformance;

import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.ObjectVerdicts;
import dev.jbpfc.testsuite.oracle.OracleException;
import dev.jbpfc.testsuite.oracle.OracleUnavailableException;
import dev.jbpfc.testsuite.oracle.ProjectLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Compiles corpus files with two compilers (the reference, clang-22, and a candidate, ./jbpfc), has the kernel
 * verify every program of each object alone, and writes testsuite/target/conformance/report.{md,json}. The
 * number that matters is jbpfcVerifiedOfClang: of the programs clang's objects get verified, how many the
 * candidate's objects get verified too. A candidate that fails to compile a file is reported as such; nothing is
 * skipped silently.
 *
 * <pre>
 *   ConformanceRunner --candidate ./jbpfc --corpus                  # all ~800 files (mvn -Pconformance)
 *   ConformanceRunner --candidate clang-22 --corpus --every 16      # ~50 files, both sides clang: a self-check
 *   ConformanceRunner --candidate ./jbpfc progs/xdp_dummy.c progs/test_xdp.c
 *   ConformanceRunner --corpus --corpus2                            # both corpora, one report with a section each
 * </pre>
 * --corpus2 adds the second corpus ({@link SecondCorpus}: the BPF programs of the kernel tree outside the
 * selftests, each with its own Makefile's flags); its report is written to {@code OUT/corpus2/} and as a second
 * section of {@code OUT/report.md}. Every object of both compilers goes through {@code bpftool gen skeleton}, and
 * every file the candidate compiles through its {@code -S} then {@code -c} of the {@code .s}, which must give the
 * same object byte for byte ({@link AssemblyRoundTrip}; what differs is kept in {@code OUT/objects/roundtrip/});
 * {@code --no-round-trip} and {@code --no-skeleton} leave them out (a candidate without {@code -S}, or a quick run).
 * Options: --reference CMD (default clang-22), --candidate CMD (default ROOT/jbpfc), --files LIST (one path a
 * line), --corpus, --every K, --limit N, --jobs N (default 1: the machine is shared), --out DIR,
 * --timeout SECONDS (per compile), --fresh-reference, --no-round-trip, --no-skeleton. Relative file names are looked up in the corpus's progs/ as
 * well. Without --reference, clang-22's objects come from ClangReference's cache (~/.cache/jbpfc/clang), so a
 * repeated run compiles only the candidate; the reported reference compile time is then the cached compile's
 * own. --fresh-reference compiles the reference every time (for timing on a quiet machine).
 */
public final class ConformanceRunner {
    private ConformanceRunner() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        String referenceCmd = System.getenv().getOrDefault("JBPFC_CLANG", "clang-22");
        boolean cachedReference = true;
        String candidateCmd = null;
        Path out = null;
        List<Path> files = new ArrayList<>();
        boolean corpus = false, corpus2 = false, roundTrip = true, skeletons = true;
        int every = 1, limit = Integer.MAX_VALUE, jobs = 1;
        long timeout = 300;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--corpus")) { corpus = true; continue; }
            if (a.equals("--corpus2")) { corpus2 = true; continue; }
            if (a.equals("--fresh-reference")) { cachedReference = false; continue; }
            if (a.equals("--no-round-trip")) { roundTrip = false; continue; }
            if (a.equals("--no-skeleton")) { skeletons = false; continue; }
            if (!a.startsWith("--")) { files.add(Path.of(a)); continue; }
            if (i + 1 >= args.length) return usage("missing value after " + a);
            String v = args[++i];
            switch (a) {
                case "--reference" -> { referenceCmd = v; cachedReference = false; }
                case "--candidate" -> candidateCmd = v;
                case "--out" -> out = Path.of(v);
                case "--files" -> Files.readAllLines(Path.of(v)).stream().map(String::strip)
                        .filter(s -> !s.isEmpty() && !s.startsWith("#")).forEach(s -> files.add(Path.of(s)));
                case "--every" -> every = Integer.parseInt(v);
                case "--limit" -> limit = Integer.parseInt(v);
                case "--jobs" -> jobs = Integer.parseInt(v);
                case "--timeout" -> timeout = Long.parseLong(v);
                default -> { return usage("unknown option " + a); }
            }
        }
        Path root;
        KernelOracle oracle;
        List<String> flags;
        Path progs;
        ClangReference clang = null;
        SecondCorpus second = null;
        List<Path> secondFiles = List.of();
        try {
            root = ProjectLayout.root();
            progs = ProjectLayout.corpus().resolve("progs");
            if (corpus) files.addAll(ProjectLayout.corpusFiles());
            flags = ClangReference.selftestsFlags();
            if (corpus2) {
                second = new SecondCorpus(ProjectLayout.corpus());
                secondFiles = second.files();
            }
            if (cachedReference) clang = ClangReference.create();
            oracle = KernelOracle.create();
            String problem = oracle.probe();
            if (problem != null) throw new OracleUnavailableException(problem);
        } catch (OracleUnavailableException e) {
            System.err.println("conformance: the oracle is unavailable: " + e.getMessage());
            return 1;
        }
        if (candidateCmd == null) candidateCmd = root.resolve("jbpfc").toString();
        if (out == null) out = root.resolve("testsuite/target/conformance");
        List<Input> selected = new ArrayList<>();
        for (int i = 0; i < files.size() && selected.size() < limit; i += every) {
            Path f = files.get(i);
            Path src = f.isAbsolute() || Files.exists(f) ? f.toAbsolutePath() : progs.resolve(f);
            selected.add(new Input(src, src.getFileName().toString(), flags, false));
        }
        for (int i = 0; i < secondFiles.size() && selected.size() < limit; i += every) {
            Path src = secondFiles.get(i);
            selected.add(new Input(src, second.name(src), second.flags(src), true));
        }
        if (selected.isEmpty()) return usage("no files given (use --corpus, --corpus2, --files LIST or file names)");

        CompilerCommand reference = new CompilerCommand("reference", referenceCmd, root);
        CompilerCommand candidate = new CompilerCommand("candidate", candidateCmd, root);
        Path refDir = out.resolve("objects/reference"), candDir = out.resolve("objects/candidate");
        Path roundTripDir = out.resolve("objects/roundtrip");
        Files.createDirectories(refDir);
        Files.createDirectories(candDir);
        Files.createDirectories(roundTripDir);
        System.err.printf("conformance: %d files, reference `%s`%s, candidate `%s`, %d job(s)%n", selected.size(),
                reference.template(), cachedReference ? " (cached)" : "", candidate.template(), jobs);
        ClangReference cache = clang;
        warmUp(candidateCmd);

        long start = System.nanoTime();
        Duration compileTimeout = Duration.ofSeconds(timeout);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        List<Future<FileResult>> futures = new ArrayList<>();
        int n = selected.size();
        Map<String, String> skeletonsRef = new ConcurrentHashMap<>(), skeletonsCand = new ConcurrentHashMap<>();
        Map<String, String> roundTrips = new ConcurrentHashMap<>();
        boolean checkRoundTrip = roundTrip, runSkeletons = skeletons;
        for (int i = 0; i < n; i++) {
            Input in = selected.get(i);
            Path src = in.src();
            int index = i + 1;
            futures.add(pool.submit(() -> {
                String base = in.name().replaceFirst("\\.c$", "").replace('/', '_');
                FileResult.Side r = cache != null ? cachedSide(cache, src, in.flags(), oracle)
                        : side(reference, src, refDir.resolve(base + ".o"), in.flags(), compileTimeout, oracle);
                Path candObj = candDir.resolve(base + ".o");
                FileResult.Side c = side(candidate, src, candObj, in.flags(), compileTimeout, oracle);
                if (runSkeletons) {
                    if (r.compiled() && r.verdicts() != null) skeletonsRef.put(in.name(), skeleton(r.verdicts().object()));
                    if (c.compiled()) skeletonsCand.put(in.name(), skeleton(candObj));
                }
                String rt = null;
                if (checkRoundTrip && c.compiled()) {
                    rt = AssemblyRoundTrip.check(candidate, src, candObj, in.flags(), roundTripDir, base, compileTimeout);
                    roundTrips.put(in.name(), rt);
                }
                System.err.printf("[%d/%d] %s: reference %s, candidate %s%s%n", index, n, in.name(),
                        describe(r), describe(c), rt == null ? "" : rt.isEmpty() ? ", -S/-c identical"
                                : ", -S/-c: " + abbreviate(rt));
                return new FileResult(in.name(), r, c);
            }));
        }
        List<FileResult> results = new ArrayList<>(), secondResults = new ArrayList<>();
        for (int i = 0; i < n; i++) (selected.get(i).secondCorpus() ? secondResults : results).add(futures.get(i).get());
        pool.shutdown();
        long wall = (System.nanoTime() - start) / 1_000_000;

        String env = String.format("Linux %s, libbpf %s, %s, flags from scripts/selftests-flags + -O2 --target=bpf "
                        + "-mcpu=v3, %s", Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip(),
                oracle.libbpfVersion(), referenceVersion(referenceCmd), Instant.now())
                + (cachedReference ? "; reference objects from ~/.cache/jbpfc/clang (their compile times are the "
                + "cached compiles' own)" : "");
        if (!secondResults.isEmpty()) {
            String env2 = env.replace("flags from scripts/selftests-flags + -O2 --target=bpf -mcpu=v3",
                    "flags of each file's own Makefile (testsuite conformance.SecondCorpus)");
            ConformanceReport first = results.isEmpty() ? null
                    : new ConformanceReport(reference, candidate, results, wall, env).titled("Selftests")
                    .withSkeletons(skeletonsRef, skeletonsCand).withRoundTrips(roundTrips);
            ConformanceReport report2 = new ConformanceReport(reference, candidate, secondResults, wall, env2)
                    .titled("Second corpus: the kernel tree's BPF programs outside the selftests")
                    .withSkeletons(skeletonsRef, skeletonsCand).withRoundTrips(roundTrips);
            ConformanceReport.writeCorpora(out, first, report2);
            if (first != null) System.err.println("conformance: " + first.summary());
            System.err.println("conformance (second corpus): " + report2.summary());
            System.err.println("conformance: wrote " + out.resolve("report.md") + ", report.json and corpus2/");
            return 0;
        }
        ConformanceReport report = new ConformanceReport(reference, candidate, results, wall, env)
                .withSkeletons(skeletonsRef, skeletonsCand).withRoundTrips(roundTrips);
        report.write(out);
        System.err.println("conformance: " + report.summary());
        System.err.println("conformance: wrote " + out.resolve("report.md") + " and report.json");
        return 0;
    }

    /** One input file: where it is, how the report names it, its flags, and whether it is of the second corpus. */
    private record Input(Path src, String name, List<String> flags, boolean secondCorpus) {
    }

    /**
     * "" when {@code bpftool gen skeleton OBJ} succeeds, else its first error line and, in parentheses, the last
     * line libbpf printed before it (bpftool's own line says only "failed to open BPF object file: Invalid
     * argument"; libbpf's says which map, program or relocation it refused).
     */
    static String skeleton(Path obj) {
        var r = dev.jbpfc.testsuite.oracle.Command.run(List.of("bpftool", "gen", "skeleton", obj.toString()), null,
                Duration.ofSeconds(120));
        if (r.ok()) return "";
        return skeletonError(r.stderr(), r.exitCode());
    }

    static String skeletonError(String stderr, int exitCode) {
        String first = CompilerCommand.firstError(stderr);
        if (first.isEmpty()) return "exit " + exitCode;
        String why = "";
        for (String line : stderr.split("\n")) {
            String l = line.strip();
            if (l.equals(first)) break;
            if (l.startsWith("libbpf: ") && !l.contains("skipping")) why = l;
        }
        return why.isEmpty() ? first : first + " (" + why + ")";
    }

    private static FileResult.Side side(CompilerCommand cmd, Path src, Path obj, List<String> flags, Duration timeout,
                                        KernelOracle oracle) throws IOException {
        Files.deleteIfExists(obj);
        CompilerCommand.Outcome o = cmd.compile(src, obj, flags, timeout);
        if (!o.ok()) return new FileResult.Side(o, null, "");
        try {
            ObjectVerdicts v = oracle.verifyAll(obj);
            return new FileResult.Side(o, v, "");
        } catch (OracleException e) {
            return new FileResult.Side(o, null, e.getMessage());
        }
    }

    private static FileResult.Side cachedSide(ClangReference clang, Path src, List<String> flags, KernelOracle oracle) {
        ClangResult c = clang.compile(src, flags);
        CompilerCommand.Outcome o = new CompilerCommand.Outcome(c.ok(), c.compileMillis(),
                c.ok() ? "" : CompilerCommand.firstError(c.diagnostics()), c.diagnostics());
        if (!c.ok()) return new FileResult.Side(o, null, "");
        try {
            return new FileResult.Side(o, oracle.verifyAll(c.object()), "");
        } catch (OracleException e) {
            return new FileResult.Side(o, null, e.getMessage());
        }
    }

    private static String describe(FileResult.Side s) {
        if (!s.compiled()) return "compile failed (" + abbreviate(s.compile().firstError()) + ")";
        if (!s.oracleError().isEmpty()) return "oracle error (" + abbreviate(s.oracleError()) + ")";
        if (!s.verdicts().openError().isEmpty()) return "open failed (" + abbreviate(s.verdicts().openError()) + ")";
        return s.verdicts().verifiedCount() + "/" + s.verdicts().programs().size() + " verified, "
                + s.compile().millis() + "+" + s.verdicts().millis() + " ms";
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    /**
     * The first run of {@code ./jbpfc} in a fresh checkout may build the compiler and start its compile server,
     * which on a loaded machine took longer than a file's compile timeout and was reported as the first file's
     * compile failing; one untimed {@code --version} pays that cost before any file is timed.
     */
    private static void warmUp(String cmd) {
        var r = version(cmd, Duration.ofMinutes(30));
        if (!r.ok()) System.err.println("conformance: `" + cmd + " --version` failed: " + r.stderr().strip());
    }

    private static String referenceVersion(String cmd) {
        var r = version(cmd, Duration.ofSeconds(30));
        return r.ok() ? r.stdout().lines().findFirst().orElse(cmd) : cmd;
    }

    private static dev.jbpfc.testsuite.oracle.CommandResult version(String cmd, Duration timeout) {
        return dev.jbpfc.testsuite.oracle.Command.run(List.of(cmd.trim().split("\\s+")[0], "--version"), null, timeout);
    }

    private static int usage(String why) {
        System.err.println("conformance: " + why);
        System.err.println("usage: ConformanceRunner [--reference CMD] [--candidate CMD] [--corpus | --files LIST | "
                + "FILE...] [--corpus2] [--every K] [--limit N] [--jobs N] [--out DIR] [--timeout SECONDS] [--fresh-reference] "
                + "[--no-round-trip] [--no-skeleton]");
        return 2;
    }
}
