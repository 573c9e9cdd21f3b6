package dev.jbpfc.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jbpfc.testsuite.conformance.BaselineJudge;
import dev.jbpfc.testsuite.conformance.BaselineJudge.Judgement;
import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.KernelFeatures;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.ObjectVerdicts;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.OracleUnavailableException;
import dev.jbpfc.testsuite.oracle.ProjectLayout;
import dev.jbpfc.testsuite.oracle.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The conformance guard: a fixed sample of the selftests corpus (every 5th file by name, about 160 files) is
 * compiled with jbpfc in this JVM, every program of each object is verified alone by the kernel, and the test
 * fails when a program that verified in the committed baseline
 * (testsuite/src/test/resources/conformance/baseline.txt) no longer does while clang-22's object of it verifies
 * here, in this run ({@link BaselineJudge}). Where clang's object is refused here too (a machine that refuses
 * arena maps or trampolines), the program is printed as "not judged here" with the environment's reason.
 * Programs that newly verify are printed as improvements; recording them is a deliberate commit of a
 * regenerated baseline:
 * <pre>
 *   mvn -B -pl cli -am test -Dtest=ConformanceBaselineTest -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dconformance.updateBaseline=true
 * </pre>
 * The update also records clang-22's verdict for each program (from ClangReference's cached objects), so the
 * file shows what is left to win. Every run writes what it saw to cli/target/conformance-baseline.txt.
 *
 * <p>Compiles run on two threads (the compiler keeps no shared mutable state), each object's programs are
 * verified by one bpfrun verify-all while the next files compile.
 */
class ConformanceBaselineTest {
    /** The sample: files 0, 5, 10, ... of the corpus sorted by name. */
    static final int EVERY = 5;
    static final String BASELINE = "testsuite/src/test/resources/conformance/baseline.txt";
    private static final long COMPILE_TIMEOUT_SECONDS = 300;

    /** One line of the baseline: jbpfc's verdict ("yes", "no", or "no-object") and clang's ("-" if unknown). */
    record Entry(String file, String program, String jbpfc, String clang, String why) {
        String key() {
            return file + "\t" + program;
        }
    }

    @Test
    void noProgramThatVerifiedInTheBaselineRegresses() throws Exception {
        KernelOracle kernel = OracleRequirement.kernel();
        OracleRequirement.corpus();
        Path root;
        List<Path> sample = new ArrayList<>();
        List<String> flags;
        try {
            root = ProjectLayout.root();
            List<Path> all = ProjectLayout.corpusFiles();
            for (int i = 0; i < all.size(); i += EVERY) sample.add(all.get(i));
            flags = ClangReference.selftestsFlags();
        } catch (OracleUnavailableException e) {
            OracleRequirement.missing(e.getMessage());
            return;
        }
        boolean update = Boolean.getBoolean("conformance.updateBaseline");
        ClangReference clang = update ? OracleRequirement.clang() : null;
        Path work = Files.createTempDirectory("jbpfc-conformance");
        long start = System.nanoTime();

        ExecutorService compilers = Executors.newFixedThreadPool(2, daemon());
        ExecutorService verifiers = Executors.newFixedThreadPool(2, daemon());
        List<Future<Compiled>> compiles = new ArrayList<>();
        for (Path src : sample) compiles.add(compilers.submit(() -> compile(src, work, flags)));
        List<Future<List<Entry>>> checks = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            Path src = sample.get(i);
            Compiled c;
            try {
                c = compiles.get(i).get(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                c = new Compiled(src, null, "timed out after " + COMPILE_TIMEOUT_SECONDS + " s");
            }
            Compiled done = c;
            checks.add(verifiers.submit(() -> verdicts(done, kernel, clang, flags)));
        }
        Map<String, Entry> now = new LinkedHashMap<>();
        for (Future<List<Entry>> f : checks) for (Entry e : f.get()) now.put(e.key(), e);
        compilers.shutdownNow();
        verifiers.shutdown();
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        Path baselineFile = root.resolve(BASELINE);
        String text = render(now.values(), sample.size());
        Files.writeString(root.resolve("cli/target/conformance-baseline.txt"), text);
        long verified = now.values().stream().filter(e -> e.jbpfc().equals("yes")).count();
        long clangVerified = now.values().stream().filter(e -> e.clang().equals("yes")).count();
        System.out.printf("conformance baseline: %d files, %d programs, jbpfc verified %d%s, %d s%n", sample.size(),
                now.size(), verified, update ? ", clang verified " + clangVerified : "", seconds);
        if (update) {
            Files.createDirectories(baselineFile.getParent());
            Files.writeString(baselineFile, text);
            System.out.println("conformance baseline: wrote " + baselineFile);
            return;
        }
        if (!Files.isRegularFile(baselineFile)) fail("no baseline at " + baselineFile);
        Judgement j = judge(parse(Files.readAllLines(baselineFile)), now, kernel, OracleRequirement::clang, flags);
        report(j);
    }

    /**
     * The guard's verdict: {@link BaselineJudge} over the baseline and this run, with clang-22's object of a
     * file compiled and verified here only when one of its programs would otherwise be a regression.
     */
    static Judgement judge(Map<String, Entry> before, Map<String, Entry> now, KernelOracle kernel,
                           Supplier<ClangReference> clang, List<String> flags) {
        Map<String, BaselineJudge.Outcome> b = new LinkedHashMap<>(), n = new LinkedHashMap<>();
        before.forEach((k, e) -> b.put(k, new BaselineJudge.Outcome(e.jbpfc(), e.why())));
        now.forEach((k, e) -> n.put(k, new BaselineJudge.Outcome(e.jbpfc(), e.why())));
        Map<String, ObjectVerdicts> clangByFile = new HashMap<>();
        Path corpusProgs = OracleRequirement.corpus().resolve("progs");
        KernelFeatures features = kernel.features();
        return BaselineJudge.judge(b, n, key -> {
            String file = key.substring(0, key.indexOf('\t')), program = key.substring(key.indexOf('\t') + 1);
            ObjectVerdicts v = clangByFile.computeIfAbsent(file, f -> {
                ClangResult r = clang.get().compile(corpusProgs.resolve(f), flags);
                return r.ok() ? kernel.verifyAll(r.object()) : new ObjectVerdicts(r.source(), "clang-22 failed: " + r.diagnostics(), List.of(), 0);
            });
            if (!v.openError().isEmpty()) return new BaselineJudge.Reference(false, v.openError());
            return v.program(program).map(p -> new BaselineJudge.Reference(p.verified(), p.reason()))
                    .orElse(new BaselineJudge.Reference(false, "not in clang-22's object"));
        }, features::explain);
    }

    /** Prints what is not judged and what improved; fails on regressions. */
    static void report(Judgement j) {
        if (!j.notJudged().isEmpty()) {
            System.out.println("conformance baseline: " + j.notJudged().size() + " program(s) not judged here:\n  "
                    + String.join("\n  ", j.notJudged()));
        }
        if (!j.improvements().isEmpty()) {
            System.out.println("conformance baseline: " + j.improvements().size() + " program(s) verify now that did "
                    + "not in the baseline (update it with -Dconformance.updateBaseline=true):\n  "
                    + String.join("\n  ", j.improvements()));
        }
        if (!j.passed()) {
            fail(j.regressions().size() + " program(s) verified in the baseline but no longer do, while clang-22's "
                    + "objects of them verify here:\n  " + String.join("\n  ", j.regressions()));
        }
    }

    /** The result of compiling one corpus file in-process: the object, or the first error. */
    record Compiled(Path source, Path object, String error) {
    }

    static Compiled compile(Path src, Path work, List<String> flags) {
        Path obj = work.resolve(src.getFileName().toString().replaceFirst("\\.c$", ".o"));
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("-g", "-c", src.toString(), "-o", obj.toString()));
        InProcessJbpfc run;
        try {
            run = InProcessJbpfc.run(args);
        } catch (RuntimeException | StackOverflowError e) {
            return new Compiled(src, null, "crash: " + e);
        }
        int status = run.status();
        if (status == 0 && Files.isRegularFile(obj)) return new Compiled(src, obj, "");
        String first = run.stderr().lines().filter(l -> l.contains("error"))
                .findFirst().orElse("exit " + status);
        return new Compiled(src, null, first);
    }

    /**
     * The program verdicts of one file. When jbpfc wrote no object its programs are taken from clang's object
     * (update mode) or are simply absent: a baseline "yes" then reports as missing.
     */
    static List<Entry> verdicts(Compiled c, KernelOracle kernel, ClangReference clang, List<String> flags) {
        String file = c.source().getFileName().toString();
        Map<String, String> jbpfc = new TreeMap<>(), ref = new TreeMap<>(), why = new TreeMap<>();
        if (c.object() != null) {
            ObjectVerdicts v = kernel.verifyAll(c.object());
            for (Verdict p : v.programs()) {
                jbpfc.put(p.program(), p.verified() ? "yes" : "no");
                why.put(p.program(), p.verified() ? "" : p.reason());
            }
            if (v.programs().isEmpty()) {
                jbpfc.put("*", v.openError().isEmpty() ? "no-programs" : "open-failed");
                why.put("*", v.openError());
            }
        } else {
            jbpfc.put("*", "no-object");
            why.put("*", c.error());
        }
        if (clang != null) {
            ClangResult r = clang.compile(c.source(), flags);
            if (r.ok()) {
                for (Verdict p : kernel.verifyAll(r.object()).programs()) {
                    ref.put(p.program(), p.verified() ? "yes" : "no");
                }
            } else {
                ref.put("*", "no-object");
            }
        }
        List<Entry> out = new ArrayList<>();
        TreeMap<String, String> names = new TreeMap<>(jbpfc);
        ref.forEach(names::putIfAbsent);
        boolean jbpfcFailed = jbpfc.containsKey("*");
        for (String p : names.keySet()) {
            if (p.equals("*") && names.size() > 1) continue;
            String j = jbpfc.getOrDefault(p, jbpfcFailed ? jbpfc.get("*") : "absent");
            out.add(new Entry(file, p, j, ref.getOrDefault(p, clang == null ? "-" : "absent"),
                    why.getOrDefault(p, jbpfcFailed ? why.get("*") : "")));
        }
        return out;
    }

    private static String render(Iterable<Entry> entries, int files) {
        StringBuilder sb = new StringBuilder();
        sb.append("# jbpfc conformance baseline: every ").append(EVERY).append("th selftests corpus file by name (")
                .append(files).append(" files), each program verified alone by the kernel.\n")
                .append("# Columns: file, program, jbpfc's verdict, clang-22's verdict. yes = the kernel verified it;\n")
                .append("# no-object = the compiler wrote no object (jbpfc's program names then come from clang's).\n")
                .append("# ConformanceBaselineTest (cli) fails when a 'yes' of jbpfc turns into anything else.\n")
                .append("# Regenerate (a deliberate commit): mvn -B -pl cli -am test -Dtest=ConformanceBaselineTest "
                        + "-Dsurefire.failIfNoSpecifiedTests=false -Dconformance.updateBaseline=true\n");
        for (Entry e : entries) {
            sb.append(e.file()).append('\t').append(e.program()).append('\t').append(e.jbpfc()).append('\t')
                    .append(e.clang()).append('\n');
        }
        return sb.toString();
    }

    static Map<String, Entry> parse(List<String> lines) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            if (f.length != 4) throw new IllegalArgumentException("bad baseline line: " + line);
            Entry e = new Entry(f[0], f[1], f[2], f[3], "");
            m.put(e.key(), e);
        }
        return m;
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(null, r, "conformance", 64L << 20);
            t.setDaemon(true);
            return t;
        };
    }
}
