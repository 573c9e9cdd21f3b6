package dev.jbpfc.testsuite.loops;

import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.FunctionReport;
import dev.jbpfc.loophints.LoopChecker;
import dev.jbpfc.loophints.LoopHint;
import dev.jbpfc.loophints.LoopVerdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The soundness campaign of the template loop checker (issue 11 item 6): seeded cases of loops built to the
 * templates ({@link LoopGenerator}), most of them mutated ({@link Mutation}: hints that lie, bodies changed against
 * their hints), each given to {@code LoopChecker.check}; every function with an accepted loop is run in the
 * interpreter with adversarial inputs ({@link SoundnessRunner}) and no run may exceed an accepted bound.
 * <pre>
 *   mvn -B -q -pl testsuite -am compile -o
 *   java -cp testsuite/target/classes:... dev.jbpfc.testsuite.loops.LoopCampaign --seed 1 --count 100000 \
 *       [--runs 4] [--budget 30000] [--out testsuite/campaigns] [--reference]
 * </pre>
 * {@code --reference} replaces the checker by the cases' own hints taken at their word (a self-test of the
 * generator: the unmutated cases must show no violation). Exit status 1 on any violation or checker exception.
 */
public final class LoopCampaign {
    /** Figures of one campaign; {@link #markdown} is the record. */
    public static final class Stats {
        public long cases, loops, accepted, rejected, violations, checkerExceptions, proved, runs, budgetRuns, errorRuns, instructions;
        public long correctLoops, correctAccepted;
        /** Accepted loops whose code no mutation touched, compared with their true worst case (any register limit too). */
        public long boundsCompared, boundsBelowTruth;
        /** Per mutation: cases, accepted loops, rejected loops, violations, mutated loop accepted, mutated loop rejected. */
        public final Map<String, long[]> byMutation = new TreeMap<>();
        public final Map<String, List<String>> acceptedMutants = new TreeMap<>();
        public final Map<String, Long> reasons = new TreeMap<>();
        public final List<String> findings = new ArrayList<>();

        void mutation(String kind, int col, long add) {
            byMutation.computeIfAbsent(kind, k -> new long[6])[col] += add;
        }
    }

    private final int runs;
    private final long budget;
    private final Function<FunctionCode, FunctionReport> checker;

    public LoopCampaign(int runs, long budget, Function<FunctionCode, FunctionReport> checker) {
        this.runs = runs;
        this.budget = budget;
        this.checker = checker;
    }

    /** The checker itself. */
    public static Function<FunctionCode, FunctionReport> realChecker() { return LoopChecker::check; }

    /** Takes every well-formed hint at its word: accepted with its own trips (the generator's self-test). */
    public static Function<FunctionCode, FunctionReport> hintsAtTheirWord() {
        return f -> {
            List<LoopVerdict> v = new ArrayList<>();
            for (String t : f.tags()) {
                LoopHint h = LoopHint.decode(t);
                v.add(new LoopVerdict(h.start(), h.end(), h.template(), true, h.trips(), 0, 0, null, -1));
            }
            return new FunctionReport(f.section(), f.name(), f.isProgram(), v, List.of());
        };
    }

    public Stats run(long firstSeed, long count) {
        Stats s = new Stats();
        SoundnessRunner runner = new SoundnessRunner(runs, budget);
        for (long seed = firstSeed; seed < firstSeed + count; seed++) one(seed, s, runner);
        return s;
    }

    void one(long seed, Stats s, SoundnessRunner runner) {
        LoopCase c = LoopCases.make(seed);
        FunctionCode f = c.function();
        String kind = c.mutations.size() > 1 ? "(two mutations)" : c.kind();
        s.cases++;
        s.mutation(kind, 0, 1);
        FunctionReport report;
        try {
            report = checker.apply(f);
        } catch (UnsupportedOperationException e) {
            throw e;   // the stub: nothing to measure
        } catch (RuntimeException e) {
            s.checkerExceptions++;
            if (s.findings.size() < 50) s.findings.add("checker exception " + e + " on\n" + c.describe());
            return;
        }
        List<SoundnessRunner.Claim> claims = new ArrayList<>();
        for (LoopVerdict v : report.loops()) {
            s.loops++;
            if (v.accepted()) {
                s.accepted++;
                s.mutation(kind, 1, 1);
                claims.add(new SoundnessRunner.Claim(v.start(), v.end(), v.bound()));
            } else {
                s.rejected++;
                s.mutation(kind, 2, 1);
                s.reasons.merge(normalize(v.reason()), 1L, Long::sum);
            }
        }
        // (RANGE_OF_ANOTHER_LOOP gives two hints the same range: their verdicts cannot be told apart by range)
        if (c.mutations.size() == 1 && !c.targets.get(0).hintDropped && !kind.equals("RANGE_OF_ANOTHER_LOOP")) {
            // the verdict on the loop the mutation was aimed at (found by the range its hint claims)
            LoopHint th;
            try {
                th = c.extraHints.isEmpty() ? c.targets.get(0).hint(c.asm) : LoopHint.decode(c.extraHints.get(0));
            } catch (RuntimeException e) {
                th = null;
            }
            for (LoopVerdict v : report.loops()) {
                if (th == null || v.start() != th.start() || v.end() != th.end()) continue;
                s.mutation(kind, v.accepted() ? 4 : 5, 1);
                if (v.accepted()) {
                    List<String> ex = s.acceptedMutants.computeIfAbsent(kind, k -> new ArrayList<>());
                    if (ex.size() < 2) ex.add(c.describe());
                }
                break;
            }
        }
        if (kind.equals("none")) {
            s.correctLoops += report.loops().size();
            s.correctAccepted += claims.size();
        }
        if (report.proved()) s.proved++;
        // Budget-free check: when only hints were mutated, every loop's code is as generated, so its true worst case is
        // known exactly (TripCount); an accepted bound below it is a violation even where no run could reach it (a
        // register limit's four billion trips).
        boolean codeAsGenerated = c.mutations.stream().allMatch(m -> Mutation.valueOf(m).isHintLie());
        if (codeAsGenerated) {
            for (LoopVerdict v : report.loops()) {
                if (!v.accepted()) continue;
                for (LoopSpec l : c.loops) {
                    LoopHint t = l.trueHint(c.asm);
                    if (t.start() != v.start() || t.end() != v.end()) continue;
                    s.boundsCompared++;
                    if (Long.compareUnsigned(v.bound(), t.trips()) < 0) {
                        s.boundsBelowTruth++;
                        s.violations++;
                        s.mutation(kind, 3, 1);
                        if (s.findings.size() < 50) {
                            s.findings.add("VIOLATION: loop [" + v.start() + ", " + v.end() + "] accepted with bound "
                                    + Long.toUnsignedString(v.bound()) + " below its true worst case " + Long.toUnsignedString(t.trips())
                                    + "\n" + c.describe());
                        }
                    }
                }
            }
        }
        if (claims.isEmpty()) return;
        List<LoopHint> hints = new ArrayList<>();
        for (String t : f.tags()) {
            try {
                hints.add(LoopHint.decode(t));
            } catch (RuntimeException e) {
                // a malformed hint contributes no constants to the input pool
            }
        }
        SoundnessRunner.Outcome o = runner.run(f, claims, report.proved(), hints, seed);
        s.runs += o.runs();
        s.budgetRuns += o.budgetRuns();
        s.errorRuns += o.errorRuns();
        s.instructions += o.instructions();
        if (o.violation() != null) {
            s.violations++;
            s.mutation(kind, 3, 1);
            if (s.findings.size() < 50) s.findings.add("VIOLATION: " + o.violation() + "\n" + c.describe());
        }
    }

    /** A reason without its numbers, so reasons group. */
    static String normalize(String reason) {
        if (reason == null) return "(no reason given)";
        String r = reason.replaceAll("-?\\d+", "N");
        return r.length() > 90 ? r.substring(0, 90) + "..." : r;
    }

    public static String markdown(Stats s, long seed, long count, int runs, long budget, String checkerName, double seconds) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Loop checker soundness campaign of ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        sb.append("Cases ").append(seed).append("..").append(seed + count - 1).append(" of `LoopCampaign` (checker: ").append(checkerName)
                .append("), ").append(runs).append(" interpreter runs per function with an accepted loop, budget ")
                .append(budget).append(" instructions a run, ").append(String.format("%.0f s", seconds)).append(".\n\n");
        sb.append("| cases | hinted loops | accepted | rejected | violations | checker exceptions | functions proved |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        sb.append(String.format("| %,d | %,d | %,d | %,d | %d | %d | %,d |%n%n", s.cases, s.loops, s.accepted, s.rejected,
                s.violations, s.checkerExceptions, s.proved));
        sb.append(String.format("Runs: %,d (%,d instructions), %,d stopped by the budget, %,d stopped by an interpreter error "
                + "(an access outside the stack, a jump out of the function: mutated code). Unmutated cases: %,d of %,d hinted "
                + "loops accepted.%n%n", s.runs, s.instructions, s.budgetRuns, s.errorRuns, s.correctAccepted, s.correctLoops));
        sb.append(String.format("Bounds checked without running: %,d accepted loops of cases whose code no mutation touched were compared "
                + "with their true worst case (exact, from TripCount; this covers register limits, whose billions of trips no run "
                + "reaches): %d below it (counted as violations above).%n%n", s.boundsCompared, s.boundsBelowTruth));
        sb.append("Per mutation: the loops of the function (all verdicts), and the verdict on the loop the mutation was aimed "
                + "at (one-mutation cases, found by the range its hint claims; not for RANGE_OF_ANOTHER_LOOP, whose hint shares its range "
                + "with the other loop's; a mutation can leave its loop bounded as claimed, e.g. a call that clobbers r0-r5 "
                + "when the loop lives in r6-r9, so some of those are rightly accepted: examples below).\n\n");
        sb.append("| mutation | cases | loops accepted | loops rejected | violations | mutated loop accepted | mutated loop rejected |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, long[]> e : s.byMutation.entrySet()) {
            long[] v = e.getValue();
            sb.append(String.format("| %s | %,d | %,d | %,d | %d | %,d | %,d |%n", e.getKey(), v[0], v[1], v[2], v[3], v[4], v[5]));
        }
        sb.append("\n| rejection reason (numbers as N; the 40 most frequent) | loops |\n|---|---|\n");
        List<Map.Entry<String, Long>> rs = s.reasons.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).toList();
        long rest = 0;
        for (int i = 0; i < rs.size(); i++) {
            if (i < 40) sb.append("| ").append(rs.get(i).getKey().replace("|", "\\|")).append(" | ").append(String.format("%,d", rs.get(i).getValue())).append(" |\n");
            else rest += rs.get(i).getValue();
        }
        if (rest > 0) sb.append(String.format("| (%d other reasons) | %,d |%n", rs.size() - 40, rest));
        if (!s.acceptedMutants.isEmpty()) {
            sb.append("\n## Mutated loops the checker accepted (up to two examples per mutation; each ran within its bound)\n\n");
            for (Map.Entry<String, List<String>> e : s.acceptedMutants.entrySet()) {
                for (String ex : e.getValue()) sb.append("```\n").append(ex).append("```\n");
            }
        }
        if (!s.findings.isEmpty()) {
            sb.append("\n## Findings (first ").append(s.findings.size()).append(")\n\n");
            for (String f : s.findings) sb.append("```\n").append(f).append("```\n\n");
        }
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        long seed = 1, count = 1000, budget = 30_000;
        int runs = 4;
        Path out = null;
        boolean reference = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--count" -> count = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--budget" -> budget = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--reference" -> reference = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        LoopCampaign c = new LoopCampaign(runs, budget, reference ? hintsAtTheirWord() : realChecker());
        long t0 = System.nanoTime();
        Stats s = new Stats();
        SoundnessRunner runner = new SoundnessRunner(runs, budget);
        for (long k = 0; k < count; k++) {
            c.one(seed + k, s, runner);
            if ((k + 1) % 10_000 == 0) {
                System.err.printf("%,d cases: %,d accepted, %,d rejected, %d violations, %.0f s%n", k + 1, s.accepted, s.rejected,
                        s.violations, (System.nanoTime() - t0) / 1e9);
            }
        }
        String md = markdown(s, seed, count, runs, budget, reference ? "the hints taken at their word (--reference)" : "LoopChecker.check",
                (System.nanoTime() - t0) / 1e9);
        System.out.print(md);
        if (out != null) {
            Files.createDirectories(out);
            Path file = out.resolve(LocalDate.now(ZoneOffset.UTC) + "-loop-soundness" + (reference ? "-reference" : "") + ".md");
            Files.writeString(file, md);
            System.err.println("wrote " + file);
        }
        System.exit(s.violations == 0 && s.checkerExceptions == 0 ? 0 : 1);
    }
}
