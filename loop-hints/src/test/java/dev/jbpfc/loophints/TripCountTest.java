package dev.jbpfc.loophints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bound arithmetic at the edges of both widths and both signednesses, and against a simulation of the loop. */
class TripCountTest {
    private static final TripCount.Domain U32 = new TripCount.Domain(32, false);
    private static final TripCount.Domain S32 = new TripCount.Domain(32, true);
    private static final TripCount.Domain U64 = new TripCount.Domain(64, false);
    private static final TripCount.Domain S64 = new TripCount.Domain(64, true);
    private static final BigInteger TWO_32 = BigInteger.ONE.shiftLeft(32);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private static BigInteger b(long v) { return BigInteger.valueOf(v); }

    private static BigInteger up(TripCount.Domain d, BigInteger init, long step, boolean le, BigInteger limit) {
        TripCount.Result r = TripCount.countedUp(d, init, b(step), le, limit);
        return r.proved() ? r.trips() : null;
    }

    private static BigInteger down(TripCount.Domain d, BigInteger init, long step, boolean ge, BigInteger limit) {
        TripCount.Result r = TripCount.countedDown(d, init, b(step), ge, limit);
        return r.proved() ? r.trips() : null;
    }

    @Test
    void domainsAndSpellings() {
        assertEquals(BigInteger.ZERO, U32.min());
        assertEquals(TWO_32.subtract(BigInteger.ONE), U32.max());
        assertEquals(b(Integer.MIN_VALUE), S32.min());
        assertEquals(b(Integer.MAX_VALUE), S32.max());
        assertEquals(TWO_64.subtract(BigInteger.ONE), U64.max());
        assertEquals(b(Long.MIN_VALUE), S64.min());
        assertEquals(b(4294967295L), U32.valueOf(-1));
        assertEquals(b(-1), S32.valueOf(0xffffffffL));
        assertEquals(b(Integer.MIN_VALUE), S32.valueOf(0x80000000L));
        assertEquals(b(5), U32.valueOf(0x7_0000_0005L)); // only the low half counts at width 32
        assertEquals(TWO_64.subtract(BigInteger.ONE), U64.valueOf(-1));
        assertEquals(-1L, U64.spelling(U64.valueOf(-1)));
        assertEquals(4294967295L, U32.spelling(U32.valueOf(-1)));
        assertEquals(Long.MIN_VALUE, S64.spelling(S64.min()));
    }

    @Test
    void countedUpEdges() {
        assertEquals(b(1), up(U32, b(0), 1, false, b(0)));        // init == limit: the rotated body runs once
        assertEquals(b(1), up(U32, b(0), 1, false, b(1)));
        assertEquals(b(2), up(U32, b(0), 1, false, b(2)));
        assertEquals(b(1), up(U32, b(0), 1, true, b(0)));         // v1 = 1 > 0: one trip
        assertEquals(U32.max(), up(U32, b(0), 1, false, U32.max()));
        assertEquals(null, up(U32, b(0), 1, true, U32.max()));  // le max never exits without wrapping
        assertEquals(U32.max(), up(U32, b(0), 1, true, U32.max().subtract(BigInteger.ONE)));
        assertEquals(U32.max(), up(U32, b(0), 1, false, null));   // register limit: at worst max
        assertEquals(null, up(U32, b(0), 1, true, null));
        assertEquals(null, up(U32, b(0), 2, false, null));        // 2^32 - 2 goes round, + 2 wraps
        assertEquals(b(2147483647), up(U32, b(1), 2, false, null)); // ends on max exactly
        assertEquals(null, up(U32, U32.max(), 1, false, b(0)));   // init max: the first step wraps
        assertEquals(b(1), up(U32, U32.max().subtract(BigInteger.ONE), 1, false, b(0)));
        assertEquals(TWO_64.subtract(BigInteger.ONE), up(U64, b(0), 1, false, null));
        assertEquals(null, up(U64, b(0), 1, true, null));
        assertEquals(TWO_64.subtract(BigInteger.ONE), up(S64, S64.min(), 1, false, null));
        assertEquals(TWO_32.subtract(BigInteger.ONE), up(S32, S32.min(), 1, true, S32.max().subtract(BigInteger.ONE)));
        assertEquals(null, up(S32, S32.max(), 1, false, S32.min()));
        assertEquals(b(1), up(S64, b(0), Long.MAX_VALUE, false, b(10)));
        assertEquals(b(1), up(S64, b(0), Long.MAX_VALUE, false, S64.max()));
        assertEquals(null, up(S64, b(1), Long.MAX_VALUE, false, b(10)));
        assertEquals(b(3), up(S32, b(-7), 3, false, b(1)));       // -7, -4, -1; then 2
        assertEquals(b(4), up(S32, b(-7), 3, true, b(2)));        // -7, -4, -1, 2; then 5
        assertFalse(TripCount.countedUp(U32, b(0), b(0), false, b(10)).proved());
        assertFalse(TripCount.countedUp(U32, b(0), b(-1), false, b(10)).proved());
    }

    @Test
    void countedDownEdges() {
        assertEquals(U32.max(), down(U32, U32.max(), 1, false, b(0)));
        assertEquals(null, down(U32, U32.max(), 1, true, b(0)));  // u >= 0
        assertEquals(null, down(U32, b(0), 1, false, b(5)));      // init 0: the first step wraps below 0
        assertEquals(b(1), down(U32, b(1), 1, false, b(5)));
        assertEquals(TWO_64.subtract(BigInteger.ONE), down(U64, U64.max(), 1, false, null));
        assertEquals(null, down(U64, U64.max(), 1, true, null));
        assertEquals(TWO_64.subtract(BigInteger.ONE), down(S64, S64.max(), 1, false, null));
        assertEquals(null, down(S64, S64.max(), 1, true, null));
        assertEquals(TWO_64.subtract(BigInteger.ONE), down(S64, S64.max(), 1, true, S64.min().add(BigInteger.ONE)));
        assertEquals(null, down(S32, S32.min(), 1, false, b(0)));
        assertEquals(null, down(U64, b(10), 3, false, b(0)));     // 10, 7, 4, 1 go round; 1 - 3 wraps
        assertEquals(b(3), down(U64, b(9), 3, false, null));
        assertEquals(null, down(U64, b(10), 3, false, null));
        assertFalse(TripCount.countedDown(U32, b(10), b(0), false, b(0)).proved());
    }

    @Test
    void ceilDivision() {
        assertEquals(b(4), TripCount.ceilDiv(b(10), b(3)));
        assertEquals(b(3), TripCount.ceilDiv(b(9), b(3)));
        assertEquals(b(-3), TripCount.ceilDiv(b(-10), b(3)));
        assertEquals(b(0), TripCount.ceilDiv(b(0), b(3)));
    }

    @Test
    void worstCaseSaturates() {
        assertEquals(15, BodyCost.worstCase(3, 5));
        assertEquals(0, BodyCost.worstCase(0, 5));
        assertEquals(Long.MAX_VALUE, BodyCost.worstCase(-1L, 1));          // 2^64 - 1 trips
        assertEquals(Long.MAX_VALUE - 1, BodyCost.worstCase(Long.MAX_VALUE - 1, 1));
        assertEquals(Long.MAX_VALUE, BodyCost.worstCase(1L << 62, 2));
    }

    /**
     * Against the loop itself, run in 32-bit modular arithmetic near both ends of both types: whenever a bound is
     * proved, the simulated loop runs exactly that many times and never wraps; whenever none is, it wraps.
     */
    @Test
    void agreesWithSimulation() {
        Random random = new Random(11);
        for (int n = 0; n < 20000; n++) {
            boolean signed = random.nextBoolean(), upward = random.nextBoolean(), inclusive = random.nextBoolean();
            TripCount.Domain d = signed ? S32 : U32;
            int edge = random.nextInt(3); // near the minimum, zero, or the maximum of the type
            long base = edge == 0 ? d.min().longValue() : edge == 1 ? 0 : d.max().longValue();
            long init = clamp(d, base + random.nextInt(400) - 200);
            long limit = clamp(d, base + random.nextInt(400) - 200);
            int step = 1 + random.nextInt(random.nextBoolean() ? 3 : 40);
            TripCount.Result r = upward ? TripCount.countedUp(d, b(init), b(step), inclusive, b(limit))
                    : TripCount.countedDown(d, b(init), b(step), inclusive, b(limit));
            long runs = 0;
            long v = init;
            boolean wrapped = false;
            while (true) {
                runs++;
                long next = upward ? v + step : v - step;
                if (next > d.max().longValue() || next < d.min().longValue()) {
                    wrapped = true;
                    break;
                }
                v = next;
                boolean goesRound = upward ? (inclusive ? v <= limit : v < limit) : (inclusive ? v >= limit : v > limit);
                if (!goesRound) break;
            }
            String what = (upward ? "up " : "down ") + d + " init " + init + " step " + step + (inclusive ? " incl " : " excl ") + limit;
            if (r.proved()) {
                assertFalse(wrapped, what + ": proved " + r.trips() + " but the loop wraps");
                assertEquals(b(runs), r.trips(), what);
            } else {
                assertTrue(wrapped, what + ": no bound proved (" + r.problem() + ") but the loop ends after " + runs);
            }
        }
    }

    private static long clamp(TripCount.Domain d, long v) {
        return Math.max(d.min().longValue(), Math.min(d.max().longValue(), v));
    }
}
