package dev.jbpfc.testsuite.difftest;

import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.KernelOracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the differential tester over a range of seeds: generates, judges ({@link DiffRunner}), reduces each
 * failure ({@link Reducer}) keeping its outcome kind, and saves the reduced reproducer as
 * {@code DIR/seed-N-KIND.c} (plus {@code .clang.c}, the form clang compiles).
 *
 * <p>Long campaigns from the command line (see testsuite/README.md):
 * <pre>
 *   java -cp testsuite/target/classes dev.jbpfc.testsuite.difftest.Campaign \
 *       --from 0 --count 10000 --out /tmp/difftest --compiler "./jbpfc -O2 -g --target=bpf"
 * </pre>
 */
public final class Campaign {
    /** One failing seed: the outcome of the original program, the reduced program and where it was saved. */
    public record Failure(long seed, Outcome outcome, Program reduced, Path saved, int reducerTests) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + outcome + " (reduced with " + reducerTests + " tries, saved as " + saved + ")\n"
                    + CPrinter.direct(reduced);
        }
    }

    /** unsupported: known gaps; tolerated: failures the campaign was told not to fail on (see failingOn). */
    public record Summary(int programs, Map<Outcome.Kind, Integer> counts, List<Failure> failures, List<String> unsupported,
                          List<String> tolerated) {
        @Override
        public String toString() {
            return programs + " programs: " + counts;
        }
    }

    private final DiffRunner runner;
    private final Path reproducers;
    private final ProgramGenerator.Config config;
    private final int reduceBudget;
    private int maxReduced = Integer.MAX_VALUE;
    private java.util.function.Predicate<Outcome> failing = Outcome::isFailure;

    /** Which outcomes count as failures (reduced, saved, returned); default {@link Outcome#isFailure()}. */
    public Campaign failingOn(java.util.function.Predicate<Outcome> p) {
        failing = p;
        return this;
    }

    /** Reduces (and saves) only the first n failures; the rest are counted. */
    public Campaign reduceAtMost(int n) {
        maxReduced = n;
        return this;
    }

    public Campaign(DiffRunner runner, Path reproducers, ProgramGenerator.Config config, int reduceBudget) {
        this.runner = runner;
        this.reproducers = reproducers;
        this.config = config;
        this.reduceBudget = reduceBudget;
    }

    /** Judges seeds from..from+count-1 (or until the deadline, in System.nanoTime terms; 0 = none). */
    public Summary run(long from, int count, long deadlineNanos, java.io.PrintStream log) {
        return run(java.util.stream.LongStream.range(from, from + count).boxed().toList(), deadlineNanos, log);
    }

    /** Runs the given seeds (a campaign's failures again, say) in order. */
    public Summary run(List<Long> seeds, long deadlineNanos, java.io.PrintStream log) {
        Map<Outcome.Kind, Integer> counts = new EnumMap<>(Outcome.Kind.class);
        List<Failure> failures = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        List<String> other = new ArrayList<>();
        int n = 0;
        for (long seed : seeds) {
            if (deadlineNanos != 0 && System.nanoTime() > deadlineNanos) break;
            Program p = ProgramGenerator.generate(seed, config);
            Outcome o = runner.run(p);
            n++;
            counts.merge(o.kind(), 1, Integer::sum);
            if (o.kind() == Outcome.Kind.JBPFC_UNSUPPORTED) unsupported.add("seed " + seed + ": " + o.detail());
            if (o.isFailure() && !failing.test(o)) other.add("seed " + seed + ": " + o);
            if (failing.test(o) && failures.size() < maxReduced) {
                Failure f = reduceAndSave(p, o);
                failures.add(f);
                if (log != null) log.println(f);
            }
            if (log != null && n % 100 == 0) log.println(n + " programs: " + counts);
        }
        return new Summary(n, counts, failures, unsupported, other);
    }

    /** Reduces p keeping o's kind and saves the reproducer. */
    public Failure reduceAndSave(Program p, Outcome o) {
        Reducer r = new Reducer(v -> runner.run(v).kind() == o.kind(), reduceBudget);
        Program small = r.reduce(p);
        Outcome last = runner.run(small);
        try {
            Files.createDirectories(reproducers);
            Path c = reproducers.resolve("seed-" + p.seed() + "-" + o.kind() + ".c");
            String head = "/* difftest reproducer: seed " + p.seed() + ", outcome " + o + "\n   reduced outcome "
                    + last + " */\n";
            Files.writeString(c, head + CPrinter.direct(small));
            Files.writeString(reproducers.resolve("seed-" + p.seed() + "-" + o.kind() + ".clang.c"),
                    head + CPrinter.clangCompatible(small));
            return new Failure(p.seed(), o, small, c, r.tests());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        long from = 0;
        int count = 1000, inputs = 4, budget = 400;
        Path out = Path.of("difftest-out");
        String compiler = "./jbpfc -O2 -g --target=bpf";
        boolean small = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--from": from = Long.parseLong(args[++i]); break;
                case "--count": count = Integer.parseInt(args[++i]); break;
                case "--inputs": inputs = Integer.parseInt(args[++i]); break;
                case "--reduce-budget": budget = Integer.parseInt(args[++i]); break;
                case "--out": out = Path.of(args[++i]); break;
                case "--compiler": compiler = args[++i]; break;
                case "--small": small = true; break;
                default:
                    System.err.println("usage: Campaign [--from SEED] [--count N] [--inputs N] [--out DIR] "
                            + "[--compiler \"CMD ARGS\"] [--reduce-budget N] [--small]");
                    System.exit(2);
            }
        }
        DiffRunner runner = new DiffRunner(KernelOracle.create(), ClangReference.create(),
                Compiler.command(Arrays.asList(compiler.trim().split("\\s+"))), out.resolve("work"), inputs);
        Campaign c = new Campaign(runner, out, small ? ProgramGenerator.Config.small() : ProgramGenerator.Config.standard(), budget);
        Summary s = c.run(from, count, 0, System.out);
        System.out.println(s);
        for (String u : s.unsupported()) System.out.println("unsupported: " + u);
        System.exit(s.failures().isEmpty() ? 0 : 1);
    }
}
