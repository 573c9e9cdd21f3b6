package dev.jbpfc.testsuite.loops;

import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.LoopHint;
import dev.jbpfc.testsuite.interp.Code;
import dev.jbpfc.testsuite.interp.InterpException;
import dev.jbpfc.testsuite.interp.Interpreter;
import dev.jbpfc.testsuite.interp.Memory;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The campaign's generator on its own, without the checker: correct cases keep their hints when run (never more
 * body executions than {@code trips}, and exactly {@code trips} for a constant-limit loop that nothing exits early),
 * mutated cases differ from the correct case of the same seed, and the hints taken at their word are caught lying
 * by the runs (so the harness can see a violation).
 */
class LoopGeneratorTest {
    @Test
    void tripCountAtTheEdges() {
        var LT = LoopHint.Compare.LT;
        var LE = LoopHint.Compare.LE;
        var GE = LoopHint.Compare.GE;
        BigInteger u32max = TripCount.max(32, false);
        assertEquals(BigInteger.valueOf(4294967295L), TripCount.trips(true, LT, BigInteger.ZERO, u32max, 1, 32, false));
        assertNull(TripCount.trips(true, LE, BigInteger.ZERO, u32max, 1, 32, false));          // i <= 0xffffffff wraps
        assertNull(TripCount.trips(false, GE, BigInteger.TEN, BigInteger.ZERO, 1, 64, false));  // u >= 0 never exits
        assertEquals(BigInteger.ONE, TripCount.trips(true, LT, BigInteger.TEN, BigInteger.ONE, 1, 64, true));   // init past the limit
        assertEquals(BigInteger.valueOf(4), TripCount.trips(true, LT, BigInteger.ZERO, BigInteger.TEN, 3, 32, true)); // 0,3,6,9
        assertEquals(BigInteger.valueOf(11), TripCount.trips(true, LT, BigInteger.valueOf(-1), BigInteger.TEN, 1, 32, true));
        assertNull(TripCount.trips(true, LT, BigInteger.ZERO, u32max, 2, 32, false));           // 2 does not divide 2^32-1
    }

    @Test
    void correctCasesRunWithinTheirHintsAndExactlyToThemWhenNothingExitsEarly() {
        int cases = 0, exact = 0;
        for (long sd = 1; cases < 1500; sd++) {
            final long seed = sd;
            LoopCase c = LoopGenerator.generate(seed);
            FunctionCode f = c.function();
            List<LoopHint> hints = c.decodedHints();
            cases++;
            Code code = Code.of(f.code());
            Map<Integer, Integer> byEnd = new HashMap<>();
            for (int i = 0; i < hints.size(); i++) byEnd.put(hints.get(i).end(), i);
            Random r = new Random(seed);
            for (int run = 0; run < 3; run++) {
                Interpreter in = new Interpreter(code, new Memory(), (h, regs, m, pc) -> r.nextInt()).budget(10_000);
                long[] counter = new long[hints.size()];
                long[][] perEntry = new long[hints.size()][2];   // entries completed, entries that went exactly trips
                for (LoopHint h : hints) in.watch(h.start() - 1);
                in.observer(new Interpreter.Observer() {
                    @Override public void watched(int pc, long[] regs, int depth) {
                        for (int i = 0; i < hints.size(); i++) if (hints.get(i).start() - 1 == pc) counter[i] = 0;
                    }

                    @Override public void backEdge(int from, int to, int depth) {
                        Integer i = byEnd.get(from);
                        assertTrue(i != null, () -> "seed " + seed + ": backward jump " + from + " is no loop's back edge");
                        counter[i]++;
                        final int k = i;
                        assertTrue(Long.compareUnsigned(counter[i] + 1, hints.get(i).trips()) <= 0,
                                () -> "seed " + seed + ": loop " + hints.get(i) + " ran " + (counter[k] + 1) + " times\n" + c.describe());
                        if (counter[i] + 1 == hints.get(i).trips()) perEntry[i][1]++;
                    }
                });
                long[] regs = new long[10];
                for (int k = 0; k < 10; k++) regs[k] = r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(5) - 2;
                try {
                    in.run(0, regs);
                } catch (InterpException.BudgetExhausted e) {
                    continue;   // a register limit with a huge bound
                }
                for (int i = 0; i < hints.size(); i++) {
                    LoopSpec l = c.loops.get(i);
                    if (l.limitReg < 0 && !exitsEarly(l) && hints.get(i).trips() > 1 && in.backEdgesTaken(hints.get(i).end()) > 0) {
                        final int k2 = i;
                        assertTrue(perEntry[i][1] > 0, () -> "seed " + seed + ": loop " + hints.get(k2) + " never reached its bound\n" + c.describe());
                        exact++;
                    }
                }
            }
        }
        assertTrue(exact > 500, "only " + exact + " loops were run to their exact bound");
    }

    private static boolean exitsEarly(LoopSpec l) {
        if (l.earlyExit) return true;
        for (LoopSpec k : l.children) if (exitsEarly(k)) return true;
        return false;
    }

    @Test
    void mutatedCasesDifferFromTheirCorrectCase() {
        int mutated = 0;
        for (long seed = 1; seed <= 2000; seed++) {
            LoopCase m = LoopCases.make(seed);
            if (m.mutations.isEmpty()) continue;
            mutated++;
            LoopCase c = LoopGenerator.generate(seed);
            boolean same = Arrays.equals(c.function().code(), m.function().code()) && c.function().tags().equals(m.function().tags());
            assertFalse(same, "seed " + seed + ": mutation " + m.kind() + " changed nothing");
        }
        assertTrue(mutated > 1500, "mutated " + mutated);
    }

    @Test
    void theHarnessCatchesHintsTakenAtTheirWord() {
        LoopCampaign.Stats s = new LoopCampaign(3, 20_000, LoopCampaign.hintsAtTheirWord()).run(1, 3000);
        assertEquals(0, s.byMutation.get("none")[3], "a correct case broke its own hint");
        assertTrue(s.violations > 100, "the lies of 3000 cases gave only " + s.violations + " violations");
        assertTrue(s.boundsBelowTruth > 10, "the bound comparison caught only " + s.boundsBelowTruth + " lies");
        for (String m : List.of("TRIPS_MINUS_ONE", "STEP_ZERO", "IV_WRITTEN", "BACK_EDGE_FROM_MIDDLE", "JUMP_TO_BACK_EDGE")) {
            assertTrue(s.byMutation.containsKey(m) && s.byMutation.get(m)[3] > 0, m + " never caught");
        }
    }
}
