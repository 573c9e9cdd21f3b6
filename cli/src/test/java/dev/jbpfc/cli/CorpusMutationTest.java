package dev.jbpfc.cli;

import dev.jbpfc.testsuite.mutation.SourceMutator;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 2's "never crashes": mutants of corpus programs (tokens and lines deleted, duplicated and swapped, see
 * {@link SourceMutator}) go through the whole compiler in-process ({@link Main#run} with the selftests flags and
 * {@code -O2 --target=bpf -mcpu=v3 -c}), and every one must end in an object (exit 0) or in diagnostics (exit 1
 * with at least one {@code error:} line, {@code file:line:col: error:} or clang's unlocated {@code error: ...}). A
 * Java exception escaping {@code Main.run}, the one-line "internal compiler error" Main prints for an exception it
 * caught (or the "internal error while ..." the parser and lowering report for one they caught), exit 1 without an
 * error line, or a case using more than its CPU time ({@code -Dmutation.timeout}, 10 s) fails the test.
 *
 * <p>Each case is (corpus file, seed); a failure prints a one-line command that re-runs just that case and writes
 * the mutant to {@code target/mutation-failures/}. Default run: {@value #DEFAULT_CASES} cases, spread round-robin
 * over the corpus files that do not include {@code vmlinux.h} (about 500 files that include libbpf's headers and
 * the uapi ones; a file that includes the 2.8 MB vmlinux.h costs 10-50x more per case). Larger opt-in run:
 * {@code -Dmutation.cases=50000}; {@code -Dmutation.vmlinux=true} adds the vmlinux.h files.
 *
 * <p>What it covers: every stage on broken input (the preprocessor sees mutated directives and macro uses, the
 * parser broken syntax, sema ill-typed code, lowering and the backend whatever still type-checks, e.g. swapped
 * operands or duplicated statements). What it does not: mutants inside the headers, mutants of the vmlinux.h
 * programs (unless asked for), whether the objects it accepts are right (the differential and conformance tests do
 * that), and whether the diagnostics are good ones.
 */
class CorpusMutationTest {
    static final int DEFAULT_CASES = 5000;
    private static final Pattern INTERNAL = Pattern.compile("internal (?:compiler )?error");
    /** clang's error line: {@code file:line:col: error: ...}, or {@code error: ...} for one with no place in a file. */
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^(?:\\S[^\\n]*:\\d+:\\d+: |jbpfc: )?(?:fatal )?error: ");
    private static final String REPRODUCE = "mvn -B -q -pl cli -am test -Dtest=CorpusMutationTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dmutation.file=%s -Dmutation.seed=%d";

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    record Case(Path file, long seed) {}

    record Failure(Case c, String why, String detail) {}

    @Test
    void mutantsEndInSuccessOrDiagnostics() throws Exception {
        Path progs = OracleRequirement.corpus().resolve("progs");
        List<String> flags = OracleRequirement.selftestsFlags();
        // Mutants are written elsewhere; their quoted includes ("bpf_misc.h") still resolve in progs/.
        flags.addAll(List.of("-iquote", progs.toString()));

        List<Case> cases = cases(progs);
        Path work = Files.createTempDirectory("jbpfc-mutation");
        long timeoutMillis = Long.getLong("mutation.timeout", 10) * 1000;
        int threads = Integer.getInteger("mutation.threads", Math.max(1, Math.min(2,
                Runtime.getRuntime().availableProcessors())));
        Runner runner = new Runner(cases, flags, work, timeoutMillis);
        long start = System.nanoTime();
        List<Failure> failures = runner.run(threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("CorpusMutationTest: %d cases over %d files (%d with errors, %d objects) in %.1f s on %d"
                        + " threads, %.1f ms CPU per case%n", runner.done.get(),
                cases.stream().map(Case::file).distinct().count(), runner.withErrors.get(), runner.objects.get(),
                seconds, threads, runner.cpuNanos.get() / 1e6 / Math.max(1, runner.done.get()));

        writeTimes(runner.cpuByFile);
        writeOutcomes(cases, runner.outcomes);
        if (!failures.isEmpty()) fail(report(failures));
        assertTrue(runner.done.get() == cases.size(), "ran " + runner.done.get() + " of " + cases.size());
        // Most mutants are broken C: if almost none got an error, errors are being swallowed or nothing is mutated.
        assertTrue(cases.size() < 20 || runner.withErrors.get() > cases.size() / 5,
                runner.withErrors.get() + " of " + cases.size() + " mutants got errors");
    }

    /** -Dmutation.file and -Dmutation.seed pick one case; otherwise the first N of the round-robin order. */
    private static List<Case> cases(Path progs) throws IOException {
        String oneFile = System.getProperty("mutation.file");
        if (oneFile != null && !oneFile.isBlank()) {
            Path f = progs.resolve(oneFile);
            long seed = Long.getLong("mutation.seed", 0);
            return List.of(new Case(f, seed));
        }
        boolean vmlinux = Boolean.getBoolean("mutation.vmlinux");
        List<Path> dirs = List.of(progs, progs.getParent().resolve("src/tools/testing/selftests/bpf"));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(progs)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".c")).sorted().toList()) {
                if (vmlinux || !HEAVY.matcher(f.getFileName().toString()).lookingAt()
                        && !includesVmlinux(f, dirs, new HashSet<>())) {
                    files.add(f);
                }
            }
        }
        assertTrue(files.size() > 300, "corpus files to mutate: " + files.size());
        int n = Integer.getInteger("mutation.cases", DEFAULT_CASES);
        List<Case> cases = new ArrayList<>(n);
        for (int i = 0; i < n; i++) cases.add(new Case(files.get(i % files.size()), i / files.size()));
        return cases;
    }

    /**
     * Programs left out of the default sample for their cost: pyperf*.c and strobemeta*.c unroll loops of 50 to 600
     * iterations and take seconds to compile even unmutated (pyperf100.c about 27 s of CPU today).
     */
    private static final Pattern HEAVY = Pattern.compile("pyperf|strobemeta");

    private static final Pattern QUOTED_INCLUDE = Pattern.compile("(?m)^\\s*#\\s*include\\s*\"([^\"]+)\"");

    /** Whether the file names vmlinux.h, itself or through the quoted includes it pulls in from the corpus. */
    private static boolean includesVmlinux(Path file, List<Path> dirs, Set<Path> seen) throws IOException {
        if (!seen.add(file.normalize())) return false;
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        if (text.contains("vmlinux.h")) return true;
        Matcher m = QUOTED_INCLUDE.matcher(text);
        while (m.find()) {
            List<Path> where = new ArrayList<>(List.of(file.getParent()));
            where.addAll(dirs);
            for (Path d : where) {
                Path inc = d.resolve(m.group(1));
                if (Files.isRegularFile(inc)) {
                    if (includesVmlinux(inc, dirs, seen)) return true;
                    break;
                }
            }
        }
        return false;
    }

    /** Runs the cases on worker threads; a case over its time is a failure and its worker is abandoned. */
    private static final class Runner {
        final List<Case> cases;
        final List<String> flags;
        final Path work;
        final long timeoutMillis;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger withErrors = new AtomicInteger();
        final AtomicInteger objects = new AtomicInteger();
        final AtomicLong cpuNanos = new AtomicLong();
        final Map<String, Long> cpuByFile = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<Case, String> outcomes = new java.util.concurrent.ConcurrentHashMap<>();
        final List<Failure> failures = new ArrayList<>();

        Runner(List<Case> cases, List<String> flags, Path work, long timeoutMillis) {
            this.cases = cases;
            this.flags = flags;
            this.work = work;
            this.timeoutMillis = timeoutMillis;
        }

        /** Per worker: the case it is on and when it started it, in wall and thread CPU time (read by the watchdog). */
        final class Worker implements Runnable {
            volatile Case current;
            volatile long sinceWall;
            volatile long sinceCpu;
            volatile boolean abandoned;
            volatile Thread thread;
            final int id;

            Worker(int id) {
                this.id = id;
            }

            @Override
            public void run() {
                while (!abandoned) {
                    int i = next.getAndIncrement();
                    if (i >= cases.size()) return;
                    Case c = cases.get(i);
                    sinceWall = System.nanoTime();
                    sinceCpu = CPU.getCurrentThreadCpuTime();
                    current = c;
                    Failure f = runOne(c, work.resolve("w" + id));
                    current = null;
                    if (abandoned) return;
                    long cpu = CPU.getCurrentThreadCpuTime() - sinceCpu;
                    cpuNanos.addAndGet(cpu);
                    cpuByFile.merge(c.file.getFileName().toString(), cpu, Long::sum);
                    if (f != null) record(f);
                    done.incrementAndGet();
                }
            }

            /** Whether the current case is over its time: CPU time, so that a loaded machine is not a hang. */
            boolean overTime() {
                Case c = current;
                if (c == null) return false;
                long cpu = CPU.getThreadCpuTime(thread.getId()) - sinceCpu;
                long wall = System.nanoTime() - sinceWall;
                return current == c && (cpu > timeoutMillis * 1_000_000 || wall > 20 * timeoutMillis * 1_000_000);
            }
        }

        List<Failure> run(int threads) throws InterruptedException {
            List<Worker> workers = new ArrayList<>();
            int ids = 0;
            for (int t = 0; t < threads; t++) workers.add(start(new Worker(ids++)));
            int hangs = 0;
            while (true) {
                boolean alive = false;
                for (int t = 0; t < workers.size(); t++) {
                    Worker w = workers.get(t);
                    if (!w.thread.isAlive()) continue;
                    alive = true;
                    Case c = w.current;
                    if (c != null && w.overTime()) {
                        w.abandoned = true;
                        w.thread.interrupt();
                        record(new Failure(c, "no result after " + timeoutMillis / 1000 + " s of CPU time",
                                "edits: " + String.join("; ", SourceMutator.mutate(read(c.file), c.seed).edits())));
                        done.incrementAndGet();
                        if (++hangs >= 3) return failures; // hung threads would eat the machine
                        workers.set(t, start(new Worker(ids++)));
                    }
                }
                if (!alive) return failures;
                Thread.sleep(200);
            }
        }

        private Worker start(Worker w) {
            // 16 MB of stack, as ./jbpfc runs with -Xss16m.
            w.thread = new Thread(null, w, "mutation-" + w.id, 16L << 20);
            w.thread.setDaemon(true);
            w.thread.start();
            return w;
        }

        synchronized void record(Failure f) {
            failures.add(f);
        }

        /** One case; null when it ended in an object or in diagnostics. */
        Failure runOne(Case c, Path dir) {
            SourceMutator.Mutant m;
            try {
                m = SourceMutator.mutate(read(c.file), c.seed);
                Files.createDirectories(dir);
                Path src = dir.resolve(c.file.getFileName());
                Files.writeString(src, m.text(), StandardCharsets.ISO_8859_1);
                Path obj = dir.resolve("out.o");
                Files.deleteIfExists(obj);
                List<String> args = new ArrayList<>(flags);
                args.addAll(List.of("-c", src.toString(), "-o", obj.toString()));
                InProcessJbpfc run;
                try {
                    run = InProcessJbpfc.run(args, OutputStream.nullOutputStream());
                } catch (Throwable t) {
                    return failure(c, m, "exception " + t, stackTop(t));
                }
                int status = run.status();
                String text = run.stderr();
                // Main's one line for an exception it caught, and the parser's and lowering's "internal error while
                // ..." diagnostics for one they caught: crashes all, however politely reported.
                Matcher internal = INTERNAL.matcher(text);
                if (internal.find()) {
                    return failure(c, m, firstLine(text, internal.group()), stackOf(args) + "\n" + text);
                }
                if (status == 0) {
                    if (!Files.isRegularFile(obj)) return failure(c, m, "exit 0 but no object", text);
                    objects.incrementAndGet();
                    outcomes.put(c, "object");
                    return null;
                }
                Matcher error = ERROR_LINE.matcher(text);
                if (status == 1 && error.find()) {
                    withErrors.incrementAndGet();
                    int eol = text.indexOf('\n', error.start());
                    outcomes.put(c, text.substring(error.start(), eol < 0 ? text.length() : eol));
                    return null;
                }
                return failure(c, m, "exit " + status + " without an error: line", text);
            } catch (IOException e) {
                return new Failure(c, "test I/O failed: " + e, "");
            }
        }

        private static Failure failure(Case c, SourceMutator.Mutant m, String why, String detail) {
            String name = c.file.getFileName().toString().replaceFirst("\\.c$", "") + "-" + c.seed + ".c";
            Path saved = Path.of("target", "mutation-failures", name);
            try {
                Files.createDirectories(saved.getParent());
                Files.writeString(saved, m.text(), StandardCharsets.ISO_8859_1);
            } catch (IOException ignored) {
                // the message still says how to make the mutant again
            }
            return new Failure(c, why, "edits: " + String.join("; ", m.edits()) + "\nmutant: " + saved.toAbsolutePath()
                    + "\n" + detail);
        }
    }

    /** Main prints an internal error as one line; the same compile run directly shows where it came from. */
    private static String stackOf(List<String> args) {
        OptionParser parser = new OptionParser();
        Options o = parser.parse(args.toArray(String[]::new));
        Path in = o.inputs.get(0);
        dev.jbpfc.api.CompileResult r = new dev.jbpfc.api.BpfCompiler().compile(InputCompilation.compileOptions(o, in), in);
        return r.internalError().map(CorpusMutationTest::stackTop).orElse("(no exception the second time)");
    }

    /** target/mutation-times.txt: CPU milliseconds spent on each file's mutants, most first (to choose the sample). */
    private static void writeTimes(Map<String, Long> cpuByFile) throws IOException {
        StringBuilder b = new StringBuilder();
        cpuByFile.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> b.append(e.getValue() / 1_000_000).append(' ').append(e.getKey()).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "mutation-times.txt"), b);
    }

    /** target/mutation-outcomes.txt: each case and how it ended (its first error, or "object"). */
    private static void writeOutcomes(List<Case> cases, Map<Case, String> outcomes) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Case c : cases) {
            b.append(c.file.getFileName()).append(' ').append(c.seed).append(' ')
                    .append(outcomes.getOrDefault(c, "(failed or not run)")).append('\n');
        }
        Files.writeString(Path.of("target", "mutation-outcomes.txt"), b);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String firstLine(String text, String containing) {
        for (String l : text.split("\n")) if (l.contains(containing)) return l;
        return text;
    }

    private static String stackTop(Throwable t) {
        StringBuilder b = new StringBuilder(t.toString());
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(12, st.length); i++) b.append("\n    at ").append(st[i]);
        return b.toString();
    }

    /** Distinct failures (same message with numbers and names blurred) first, each with a reproduction command. */
    private static String report(List<Failure> failures) {
        failures.sort(Comparator.comparing((Failure f) -> f.c.file.getFileName().toString())
                .thenComparingLong(f -> f.c.seed));
        Map<String, List<Failure>> byKind = new LinkedHashMap<>();
        for (Failure f : failures) {
            String key = f.why.replaceAll("'[^']*'", "'_'").replaceAll("\\d+", "N").replaceAll("\\S+\\.c\\b", "F");
            byKind.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        StringBuilder b = new StringBuilder(failures.size() + " mutants crashed, " + byKind.size()
                + " distinct failures:\n");
        for (Map.Entry<String, List<Failure>> e : byKind.entrySet()) {
            Failure f = e.getValue().get(0);
            b.append("\n== ").append(e.getValue().size()).append("x ").append(f.why).append('\n');
            b.append("   reproduce: ").append(String.format(REPRODUCE, f.c.file.getFileName(), f.c.seed)).append('\n');
            String detail = f.detail.length() > 3000 ? f.detail.substring(0, 3000) + "..." : f.detail;
            b.append("   ").append(detail.replace("\n", "\n   ")).append('\n');
        }
        return b.toString();
    }
}
