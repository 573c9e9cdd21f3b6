package dev.jbpfc.loophints;

import dev.jbpfc.loophints.LoopHint.Compare;
import dev.jbpfc.loophints.LoopHint.Limit;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule 6 of docs/loop-hints.md, checked against a loop run step by step where that is small enough. */
class TripCountTest {
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
                            TripCount.Result r = TripCount.of(32, signed, cmp, step, Limit.constant(limit), init);
                            if (!signed && (init < 0 || limit < 0)) continue; // huge ranges: not simulated
                            // Unsigned counting down below 0 wraps: no bound; everything else here has one.
                            boolean wraps = !signed && !cmp.countsUp() && (init - step < 0 || limit - step < -1
                                    || (cmp == Compare.GE && limit < step));
                            if (!r.ok()) {
                                assertTrue(wraps, cmp + " " + signed + " " + step + " " + init + " " + limit + ": " + r.reason());
                                continue;
                            }
                            assertEquals(simulate(32, signed, cmp, step, limit, init), r.trips(),
                                    cmp + " s=" + signed + " step=" + step + " init=" + init + " limit=" + limit);
                        }
                    }
                }
            }
        }
    }

    @Test
    void registerLimitsTakeTheWorstValue() {
        assertEquals(4294967295L, TripCount.of(32, false, Compare.LT, 1, Limit.register(7), 0).trips());
        assertEquals(Integer.MAX_VALUE, TripCount.of(32, true, Compare.LT, 1, Limit.register(7), 0).trips());
        assertEquals(-1L, TripCount.of(64, false, Compare.LT, 1, Limit.register(7), 0).trips());
        assertFalse(TripCount.of(32, false, Compare.LE, 1, Limit.register(7), 0).ok());
        assertFalse(TripCount.of(32, false, Compare.LT, 2, Limit.register(7), 0).ok()); // 2^32-2 + 2 wraps
        assertTrue(TripCount.of(32, false, Compare.LT, 2, Limit.register(7), 1).ok());  // odd values end at 2^32-1
        assertFalse(TripCount.of(32, false, Compare.GE, 1, Limit.constant(0), 10).ok()); // u >= 0 never exits
        assertFalse(TripCount.of(32, false, Compare.LE, 1, Limit.constant(-1), 0).ok()); // u <= 2^32-1
        assertEquals(100, TripCount.of(32, false, Compare.LT, 1, Limit.constant(100), 0).trips());
        assertEquals(1000000, TripCount.of(32, false, Compare.LT, 1, Limit.constant(1000000), 0).trips());
        assertEquals(1, TripCount.of(32, false, Compare.LT, 1, Limit.constant(0), 0).trips());
    }
}
