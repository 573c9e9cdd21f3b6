package dev.jbpfc.testsuite.loops;

import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.FunctionReport;
import dev.jbpfc.loophints.LoopChecker;
import dev.jbpfc.loophints.LoopHint;
import dev.jbpfc.loophints.LoopVerdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded slice of the soundness campaign in CI: 2,000 cases (seeds 1..2000, {@code -Dloops.count=N} and
 * {@code -Dloops.seed=S} to move it) through {@code LoopChecker.check}, every function with an accepted loop run in
 * the interpreter. No accepted loop may run past its bound, the checker may not throw, and both verdicts must occur
 * (so a checker that accepts everything or nothing fails here too). The full campaign: {@link LoopCampaign}.
 */
class LoopSoundnessTest {
    @Test
    void noAcceptedLoopRunsPastItsBound() {
        long seed = Long.getLong("loops.seed", 1), count = Long.getLong("loops.count", 2000);
        long t0 = System.nanoTime();
        LoopCampaign.Stats s = new LoopCampaign(4, 30_000, LoopCampaign.realChecker()).run(seed, count);
        System.out.printf("loop soundness: %d cases, %d loops accepted, %d rejected, %d violations, %d checker exceptions, %.1f s%n",
                s.cases, s.accepted, s.rejected, s.violations, s.checkerExceptions, (System.nanoTime() - t0) / 1e9);
        assertEquals(0, s.checkerExceptions, () -> String.join("\n", s.findings));
        assertEquals(0, s.violations, () -> String.join("\n", s.findings));
        assertTrue(s.accepted > count / 4, "too few accepted loops: " + s.accepted);
        assertTrue(s.rejected > count / 4, "too few rejected loops: " + s.rejected);
        assertEquals(s.correctLoops, s.correctAccepted, "a correct hint was rejected");
        assertTrue(s.boundsCompared > count / 4, "too few accepted bounds compared with the truth: " + s.boundsCompared);
    }

    /** The real checker with one rule switched off: what it rejected for a reason matching {@code rule} it accepts. */
    private static Function<FunctionCode, FunctionReport> without(String rule) {
        return f -> {
            FunctionReport r = LoopChecker.check(f);
            List<LoopHint> hints = new ArrayList<>();
            for (String t : f.tags()) {
                try {
                    hints.add(LoopHint.decode(t));
                } catch (RuntimeException e) {
                    // malformed: no verdict to weaken
                }
            }
            List<LoopVerdict> out = new ArrayList<>();
            for (LoopVerdict v : r.loops()) {
                LoopHint h = hints.stream().filter(x -> x.start() == v.start() && x.end() == v.end()).findFirst().orElse(null);
                if (!v.accepted() && h != null && v.reason() != null && v.reason().contains(rule)) {
                    out.add(new LoopVerdict(v.start(), v.end(), v.template(), true, h.trips(), 0, 0, null, -1));
                } else {
                    out.add(v);
                }
            }
            return new FunctionReport(r.section(), r.name(), r.isProgram(), out, r.unhintedBackEdges());
        };
    }

    @Test
    void aCheckerThatMissesARuleIsCaught() {
        for (String rule : List.of("writes the induction variable", "trips: the hint claims", "skips the latch",
                "never advances")) {
            LoopCampaign.Stats s = new LoopCampaign(4, 30_000, without(rule)).run(1, 1500);
            assertTrue(s.violations > 0, "a checker without the rule '" + rule + "' went unnoticed");
        }
    }
}
