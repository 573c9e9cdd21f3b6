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
import java.util.function.Function;

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
 * section of {@code OUT/report.md}. Every object of both compilers goes through {@code bpftool gen skeleton} (after
 * the static link its Makefile does, for the one file that needs it: {@link SkeletonCheck}), and every file the
 * candidate compiles through its {@code -S} then {@code -c} of the {@code .s}, which must give the same object byte
 * for byte ({@link AssemblyRoundTrip}; what differs is kept in {@code OUT/objects/roundtrip/});
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
            selected.add(new Input(src, src.getFileName().toString(), flags, false, List.of()));
        }
        for (int i = 0; i < secondFiles.size() && selected.size() < limit; i += every) {
            Path src = secondFiles.get(i);
            List<Input> linkWith = new ArrayList<>();
            for (Path p : second.linkedWith(src)) linkWith.add(new Input(p, second.name(p), second.flags(p), true, List.of()));
            selected.add(new Input(src, second.name(src), second.flags(src), true, linkWith));
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
                    if (r.compiled() && r.verdicts() != null) {
                        skeletonsRef.put(in.name(), skeleton(in, r.verdicts().object(), refDir.resolve(base),
                                p -> cache != null ? cachedObject(cache, p)
                                        : compiled(reference, p, refDir.resolve(base + ".link"), compileTimeout)));
                    }
                    if (c.compiled()) {
                        skeletonsCand.put(in.name(), skeleton(in, candObj, candDir.resolve(base),
                                p -> compiled(candidate, p, candDir.resolve(base + ".link"), compileTimeout)));
                    }
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

    /**
     * One input file: where it is, how the report names it, its flags, whether it is of the second corpus, and the
     * files its Makefile links its object with before making the skeleton ({@link SkeletonCheck}).
     */
    private record Input(Path src, String name, List<String> flags, boolean secondCorpus, List<Input> linkWith) {
    }

    /** An object of {@code in}, or a message saying why there is none. */
    private record PartnerObject(Path object, String error) {}

    /**
     * "" when {@code obj} skeletons as its Makefile builds the skeleton (linked first with the objects
     * {@code compile} gives for {@code in.linkWith()}, into {@code base + ".lbpf.o"}), else the first error.
     */
    private static String skeleton(Input in, Path obj, Path base, Function<Input, PartnerObject> compile) {
        if (in.linkWith().isEmpty()) return SkeletonCheck.alone(obj);
        List<Path> others = new ArrayList<>();
        for (Input p : in.linkWith()) {
            PartnerObject o = compile.apply(p);
            if (o.object() == null) return p.name() + ", linked with it for the skeleton: " + o.error();
            others.add(o.object());
        }
        return SkeletonCheck.linked(obj, others, Path.of(base + ".lbpf.o"));
    }

    private static PartnerObject cachedObject(ClangReference clang, Input in) {
        ClangResult c = clang.compile(in.src(), in.flags());
        return c.ok() ? new PartnerObject(c.object(), "") : new PartnerObject(null, CompilerCommand.firstError(c.diagnostics()));
    }

    private static PartnerObject compiled(CompilerCommand cmd, Input in, Path dir, Duration timeout) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return new PartnerObject(null, e.getMessage());
        }
        Path obj = dir.resolve(in.src().getFileName().toString().replaceFirst("\\.c$", ".o"));
        CompilerCommand.Outcome o = cmd.compile(in.src(), obj, in.flags(), timeout);
        return o.ok() ? new PartnerObject(obj, "") : new PartnerObject(null, o.firstError());
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
