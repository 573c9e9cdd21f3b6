package dev.jbpfc.loophints;

import dev.jbpfc.loophints.LoopHint.Compare;
import dev.jbpfc.loophints.LoopHint.Limit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TripCount#ofImmediates}, what the compiler calls with the immediates it is about to emit, checked against
 * a loop run step by step where that is small enough, and at the register-limit edges.
 */
class TripCountOfImmediatesTest {
    private static long simulate(int width, boolean signed, Compare cmp, long step, long limit, long init) {
        long mask = width == 32 ? 0xffffffffL : -1L;
        long iv = init & mask;
        long trips = 0;
        while (true) {
            trips++;
            iv = cmp.countsUp() ? (iv + step) & mask : (iv - step) & mask;
            long a = iv, b = limit & mask;
            if (width == 32 && signed) { a = (int) a; b = (int) b; }
            int c = signed ? Long.compare(a, b) : Long.compareUnsigned(a, b);
            boolean go = switch (cmp) { case LT -> c < 0; case LE -> c <= 0; case GT -> c > 0; case GE -> c >= 0; };
            if (!go) return trips;
        }
    }

    @Test
    void constantLimitsMatchASimulation() {
        for (Compare cmp : Compare.values()) {
            for (boolean signed : new boolean[] {false, true}) {
                for (long step = 1; step <= 7; step++) {
                    for (long init = -20; init <= 20; init += 3) {
                        for (long limit = -25; limit <= 25; limit += 2) {
                            TripCount.Result r = TripCount.ofImmediates(32, signed, cmp, step, Limit.constant(limit), init);
                            if (!signed && (init < 0 || limit < 0)) continue; // huge ranges: not simulated
                            // Unsigned counting down below 0 wraps: no bound; everything else here has one.
                            boolean wraps = !signed && !cmp.countsUp() && (init - step < 0 || limit - step < -1
                                    || (cmp == Compare.GE && limit < step));
                            if (!r.proved()) {
                                assertTrue(wraps, cmp + " " + signed + " " + step + " " + init + " " + limit + ": " + r.problem());
                                continue;
                            }
                            assertEquals(simulate(32, signed, cmp, step, limit, init), TripCount.asUnsignedLong(r.trips()),
                                    cmp + " s=" + signed + " step=" + step + " init=" + init + " limit=" + limit);
                        }
                    }
                }
            }
        }
    }

    @Test
    void registerLimitsTakeTheWorstValue() {
        assertEquals(4294967295L, TripCount.asUnsignedLong(TripCount.ofImmediates(32, false, Compare.LT, 1, Limit.register(7), 0).trips()));
        assertEquals(Integer.MAX_VALUE, TripCount.asUnsignedLong(TripCount.ofImmediates(32, true, Compare.LT, 1, Limit.register(7), 0).trips()));
        assertEquals(-1L, TripCount.asUnsignedLong(TripCount.ofImmediates(64, false, Compare.LT, 1, Limit.register(7), 0).trips()));
        assertFalse(TripCount.ofImmediates(32, false, Compare.LE, 1, Limit.register(7), 0).proved());
        assertFalse(TripCount.ofImmediates(32, false, Compare.LT, 2, Limit.register(7), 0).proved()); // 2^32-2 + 2 wraps
        assertTrue(TripCount.ofImmediates(32, false, Compare.LT, 2, Limit.register(7), 1).proved());  // odd values end at 2^32-1
        assertFalse(TripCount.ofImmediates(32, false, Compare.GE, 1, Limit.constant(0), 10).proved()); // u >= 0 never exits
        assertFalse(TripCount.ofImmediates(32, false, Compare.LE, 1, Limit.constant(-1), 0).proved()); // u <= 2^32-1
        assertEquals(100, TripCount.asUnsignedLong(TripCount.ofImmediates(32, false, Compare.LT, 1, Limit.constant(100), 0).trips()));
        assertEquals(1000000, TripCount.asUnsignedLong(TripCount.ofImmediates(32, false, Compare.LT, 1, Limit.constant(1000000), 0).trips()));
        assertEquals(1, TripCount.asUnsignedLong(TripCount.ofImmediates(32, false, Compare.LT, 1, Limit.constant(0), 0).trips()));
    }
}
