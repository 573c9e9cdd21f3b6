package dev.jbpfc.testsuite.loops;

import org.junit.jupiter.api.Test;

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
}
