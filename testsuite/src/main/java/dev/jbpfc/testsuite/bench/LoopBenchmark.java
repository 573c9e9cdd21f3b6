package dev.jbpfc.testsuite.bench;

import dev.jbpfc.loophints.CheckLoops;
import dev.jbpfc.loophints.object.ObjectFormatException;
import dev.jbpfc.testsuite.bench.LoopTable.Loops;
import dev.jbpfc.testsuite.bench.LoopTable.Row;
import dev.jbpfc.testsuite.bench.LoopTable.Side;
import dev.jbpfc.testsuite.conformance.CompilerCommand;
import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.ObjectVerdicts;
import dev.jbpfc.testsuite.oracle.OracleUnavailableException;
import dev.jbpfc.testsuite.oracle.ProjectLayout;
import dev.jbpfc.testsuite.oracle.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The loop benchmark (issues 11 and 12; a report, not a timed test): for the selftests' loop programs and jbpfc's
 * own, each program's verdict and processed instructions from clang-22's object and from jbpfc's, side by side in
 * one run on one machine, and the template loop checker's figures on jbpfc's object (loops hinted, accepted,
 * rejected, back edges no hint covers, instructions examined, the checker's best time of a few runs, in-process).
 * <pre>
 *   mvn -q -B -pl testsuite -am compile
 *   java -cp testsuite/target/classes:loop-hints/target/classes:bpf-isa/target/classes:btf-emit/target/classes:ir/target/classes \
 *       dev.jbpfc.testsuite.bench.LoopBenchmark [--files loop1.c,pyperf50.c] [--jbpfc PATH] [--out FILE.md] [--all]
 * </pre>
 * Files: {@code loop1.c}..{@code loop6.c}, {@code pyperf*.c}, {@code strobemeta*.c}, {@code test_verif_scale*.c},
 * {@code iters*.c} from the corpus ({@code scripts/setup-corpus.sh}), then {@code cli/src/test/resources/programs}'s
 * C files that have a loop; all compiled with the selftests flags, -O2 -mcpu=v3. {@code --files} names files (a
 * bare name is looked up in the corpus, then in the project's programs). Every program of both objects is verified
 * alone ({@code KernelOracle.verifyAll}); a compile error or a refused load is a row with its reason.
 *
 * <p>At the end: totals, and over the programs both objects get verified, jbpfc's processed instructions / clang's
 * (the sum, and the median of the per-program ratios). {@code --all} does only that last comparison, over every
 * corpus file in a fixed shuffled order, two files at a time, progress and the figure so far on stderr (with
 * {@code --out}, every row goes to the markdown file, by file name).
 */
public final class LoopBenchmark {
    /** How many times the checker runs on each program; the best time counts (the first run warms the JIT up). */
    static final int CHECKER_RUNS = 5;
    private static final Pattern CORPUS_LOOP_FILES =
            Pattern.compile("loop[1-6]\\.c|pyperf.*\\.c|strobemeta.*\\.c|test_verif_scale.*\\.c|iters.*\\.c");
    private static final Pattern HAS_LOOP = Pattern.compile("\\b(for|while)\\s*\\(|\\bdo\\s*\\{");

    private final CompilerCommand jbpfc;
    private final ClangReference clang;
    private final KernelOracle kernel;
    private final List<String> flags;
    /** jbpfc's flags: the shared ones plus {@code --jbpfc-flags} (for example -floop-hints). */
    private List<String> jbpfcFlags;
    private final Path work;
    private final Duration timeout;

    LoopBenchmark(Path root, String jbpfcCommand, ClangReference clang, KernelOracle kernel, List<String> flags,
                  Path work, Duration timeout) {
        this.jbpfc = new CompilerCommand("jbpfc", jbpfcCommand, root);
        this.clang = clang;
        this.kernel = kernel;
        this.flags = flags;
        this.jbpfcFlags = flags;
        this.work = work;
        this.timeout = timeout;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        if (opt == null) {
            System.err.println("usage: LoopBenchmark [--files a.c,b.c] [--jbpfc PATH] [--jbpfc-flags '-floop-hints ...'] [--out FILE.md] [--all] "
                    + "[--threads N] [--timeout SECONDS]");
            System.exit(2);
        }
        Path root;
        LoopBenchmark bench;
        List<Path> files;
        Path work = Files.createTempDirectory("jbpfc-loop-bench");
        try {
            root = ProjectLayout.root();
            KernelOracle kernel = KernelOracle.create();
            String problem = kernel.probe();
            if (problem != null) throw new OracleUnavailableException(problem);
            bench = new LoopBenchmark(root, opt.getOrDefault("jbpfc", root.resolve("jbpfc").toString()),
                    ClangReference.create(), kernel, ClangReference.selftestsFlags(), work,
                    Duration.ofSeconds(Long.parseLong(opt.getOrDefault("timeout", "600"))));
            if (opt.containsKey("jbpfc-flags")) {
                List<String> extra = new ArrayList<>(bench.flags);
                extra.addAll(List.of(opt.get("jbpfc-flags").trim().split("\\s+")));
                bench.jbpfcFlags = extra;
            }
            files = opt.containsKey("files") ? named(root, opt.get("files"))
                    : opt.containsKey("all") ? ProjectLayout.corpusFiles() : defaultFiles(root);
        } catch (OracleUnavailableException e) {
            deleteTree(work);
            System.err.println("LoopBenchmark: cannot run here: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean ok;
        try {
            ok = bench.report(files, opt);
        } finally {
            deleteTree(work);
        }
        System.exit(ok ? 0 : 1);
    }

    /** Runs and prints; false when there was nothing to run. */
    private boolean report(List<Path> files, Map<String, String> opt) throws Exception {
        if (files.isEmpty()) {
            System.err.println("LoopBenchmark: no files");
            return false;
        }
        boolean all = opt.containsKey("all");
        int threads = Integer.parseInt(opt.getOrDefault("threads", all ? "2" : "1"));
        Instant start = Instant.now();
        String about = String.format("%s, %s, jbpfc = %s, kernel %s", start, clang.version(),
                jbpfc.template().split(" ")[0], System.getProperty("os.version"));
        System.out.printf("loop benchmark, %d files, %s%n", files.size(), about);
        warmUp(files.get(0));
        if (all) {
            // A fixed random order: the running figure on stderr is then a fair sample when a run is cut short
            // (in name order the verifier_*.c files, 40% of the programs, would all come last).
            files = new ArrayList<>(files);
            Collections.shuffle(files, new Random(12));
        }
        List<Row> rows = run(files, threads, !all);
        if (all) rows.sort(Comparator.comparing(Row::file));
        System.out.print(all ? LoopTable.compare(rows).line() + "\n" : LoopTable.text(rows));
        System.out.printf("(%d rows, %d s)%n", rows.size(), Duration.between(start, Instant.now()).toSeconds());
        if (opt.containsKey("out")) {
            Files.writeString(Path.of(opt.get("out")), "Loop benchmark, " + about + "\n\n" + LoopTable.markdown(rows));
        }
        return true;
    }

    /** {@code --name value} pairs and the flag {@code --all}; null when something is not understood. */
    static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--all" -> m.put("all", "");
                case "--files", "--jbpfc", "--jbpfc-flags", "--out", "--threads", "--timeout" -> {
                    if (i + 1 >= args.length) return null;
                    m.put(args[i].substring(2), args[++i]);
                }
                default -> {
                    return null;
                }
            }
        }
        return m;
    }

    /** The corpus's loop programs, then the project's own programs that have a loop. */
    static List<Path> defaultFiles(Path root) throws OracleUnavailableException, IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : ProjectLayout.corpusFiles()) {
            if (CORPUS_LOOP_FILES.matcher(p.getFileName().toString()).matches()) files.add(p);
        }
        files.addAll(projectLoopFiles(root));
        return files;
    }

    /** examples/*.bpf.c and cli/src/test/resources/programs/*.c (not known-failing/) with a for, while or do loop. */
    static List<Path> projectLoopFiles(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(root.resolve("examples"), root.resolve("cli/src/test/resources/programs"))) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".c")).sorted().toList()) {
                    if (HAS_LOOP.matcher(stripComments(Files.readString(p))).find()) out.add(p);
                }
            }
        }
        return out;
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }

    private static List<Path> named(Path root, String list) throws OracleUnavailableException {
        List<Path> out = new ArrayList<>();
        Path progs = ProjectLayout.corpus().resolve("progs");
        for (String name : list.split(",")) {
            if (name.isBlank()) continue;
            Path p = Path.of(name);
            if (!Files.isRegularFile(p)) p = progs.resolve(name);
            if (!Files.isRegularFile(p)) p = root.resolve("cli/src/test/resources/programs").resolve(name);
            if (!Files.isRegularFile(p)) p = root.resolve("examples").resolve(name);
            out.add(p.toAbsolutePath());
        }
        return out;
    }

    /** One compile before the timed work: {@code ./jbpfc} builds itself and its class-data archive on first use. */
    void warmUp(Path file) {
        jbpfc.compile(file, work.resolve("warm-up.o"), jbpfcFlags, timeout);
    }

    /** Rows for every file, in file order; {@code threads} files at a time; the checker runs unless disabled. */
    List<Row> run(List<Path> files, int threads, boolean checkLoops) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        List<Row> finished = new ArrayList<>();
        List<Path> done = new ArrayList<>();
        try {
            List<Future<List<Row>>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    List<Row> rows = rows(f, checkLoops);
                    long both = rows.stream().filter(Row::bothVerified).count();
                    // The figure so far, so that a long run stopped early still says something.
                    synchronized (finished) {
                        finished.addAll(rows);
                        done.add(f);
                        LoopTable.Comparison c = LoopTable.compare(finished);
                        System.err.printf("[%d/%d] %s: %d programs, %d verified from both objects (%.1f s); "
                                        + "so far %d programs, jbpfc/clang %s, median %s%n",
                                done.size(), files.size(), f.getFileName(), rows.size(), both,
                                (System.nanoTime() - t0) / 1e9, c.programs(), LoopTable.ratio(c.totalRatio()),
                                LoopTable.ratio(c.medianRatio()));
                        if (checkLoops) for (Row r : rows) System.err.println("    " + LoopTable.oneLine(r));
                    }
                    return rows;
                }));
            }
            List<Row> rows = new ArrayList<>();
            for (Future<List<Row>> fu : futures) rows.addAll(fu.get());
            return rows;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Compiles one file with both compilers, verifies both objects' programs, checks jbpfc's object's loops. */
    List<Row> rows(Path src, boolean checkLoops) {
        String file = src.getFileName().toString();
        try {
            ClangResult c = clang.compile(src, flags);
            ObjectVerdicts cv = c.ok() ? kernel.verifyAll(c.object()) : null;
            String clangFailure = !c.ok() ? "compile error: " + withoutErrorWord(firstError(c.diagnostics()))
                    : !cv.openError().isEmpty() ? "open failed: " + cv.openError() : "";

            Path obj = work.resolve(Thread.currentThread().getId() + "-" + file.replaceAll("\\.c$", "") + ".o");
            Files.deleteIfExists(obj);
            CompilerCommand.Outcome j = jbpfc.compile(src, obj, jbpfcFlags, timeout);
            ObjectVerdicts jv = j.ok() ? kernel.verifyAll(obj) : null;
            String jbpfcFailure = !j.ok() ? "compile error: " + withoutErrorWord(j.firstError())
                    : !jv.openError().isEmpty() ? "open failed: " + jv.openError() : "";

            ProgramLoops loops = null;
            String loopsNote = "";
            if (checkLoops && j.ok()) {
                try {
                    loops = new ProgramLoops(CheckLoops.read(obj));
                } catch (ObjectFormatException | RuntimeException e) {
                    loopsNote = "checker: " + e.getMessage();
                }
            }

            // The programs of both objects, clang's order first.
            Map<String, Verdict[]> programs = new LinkedHashMap<>();
            if (cv != null) for (Verdict v : cv.programs()) programs.computeIfAbsent(v.program(), k -> new Verdict[2])[0] = v;
            if (jv != null) for (Verdict v : jv.programs()) programs.computeIfAbsent(v.program(), k -> new Verdict[2])[1] = v;
            List<Row> rows = new ArrayList<>();
            if (programs.isEmpty()) {
                rows.add(new Row(file, "-", side(null, clangFailure), side(null, jbpfcFailure),
                        Loops.unavailable(jbpfcFailure.isEmpty() ? "no programs" : "no object")));
            }
            for (Map.Entry<String, Verdict[]> e : programs.entrySet()) {
                Verdict[] v = e.getValue();
                Loops l = loops != null ? loops.check(e.getKey(), CHECKER_RUNS)
                        : Loops.unavailable(!loopsNote.isEmpty() ? loopsNote : !checkLoops ? "not checked" : "no object");
                rows.add(new Row(file, e.getKey(), side(v[0], clangFailure.isEmpty() ? "not in clang's object" : clangFailure),
                        side(v[1], jbpfcFailure.isEmpty() ? "not in jbpfc's object" : jbpfcFailure), l));
            }
            return rows;
        } catch (Exception | StackOverflowError e) {
            String why = "benchmark error: " + e;
            return List.of(new Row(file, "-", Side.failed(-1, why), Side.failed(-1, why), Loops.unavailable(why)));
        }
    }

    private static Side side(Verdict v, String otherwise) {
        if (v == null) return Side.failed(-1, otherwise);
        if (v.verified()) return Side.verified(v.processed());
        String why = v.reason();
        return Side.failed(v.processed(), why.isEmpty() ? "not verified" : why);
    }

    /** "error: x" and "jbpfc: error: x" as "x" ("compile error: " says it already); "f.c:1:2: error: x" stays. */
    static String withoutErrorWord(String line) {
        return line.replaceFirst("^(jbpfc: |clang[-0-9]*: )?(fatal )?error: ", "");
    }

    /** The first line of clang's diagnostics that says "error", else the first line. */
    private static String firstError(String stderr) {
        for (String line : stderr.split("\n")) if (line.contains("error")) return line.strip();
        return stderr.strip().lines().findFirst().orElse("failed");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            System.err.println("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
