package dev.jbpfc.testsuite.loops;

import dev.jbpfc.loophints.LoopHint.Compare;

import java.math.BigInteger;

/**
 * The exact worst-case number of body executions of a rotated counted loop, computed with unbounded integers in
 * the compare's width and signedness, or null when some value would wrap (or the loop never exits). The campaign's
 * own reference, independent of the checker: its correct hints carry this number.
 *
 * <p>Counting up with {@code lt}: the body runs for {@code I, I+s, I+2s, ...} while the next value passes, so the
 * number of back edges is {@code n = max(0, ceil((L-I)/s) - 1)} ({@code le}: {@code max(0, floor((L-I)/s))}) and
 * the first value that fails, {@code I + (n+1)s}, must still be a value of the type (else the latch wraps and the
 * compare passes again). Counting down mirrors it at the minimum. A register limit's worst value is the type's
 * maximum (up) or minimum (down). Example: u32, init 0, step 1, {@code lt} a register: 4294967295 executions.
 */
final class TripCount {
    private TripCount() {}

    static BigInteger min(int width, boolean signed) {
        return signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
    }

    static BigInteger max(int width, boolean signed) {
        return BigInteger.ONE.shiftLeft(signed ? width - 1 : width).subtract(BigInteger.ONE);
    }

    /** The value a 64-bit register holds, seen in the width and signedness of a compare. */
    static BigInteger domain(long raw, int width, boolean signed) {
        if (width == 32) return BigInteger.valueOf(signed ? (long) (int) raw : raw & 0xffffffffL);
        if (signed || raw >= 0) return BigInteger.valueOf(raw);
        return BigInteger.valueOf(raw).add(BigInteger.ONE.shiftLeft(64));
    }

    /** Worst-case body executions, or null (wraps, never exits, or cmp does not go with the direction). */
    static BigInteger trips(boolean up, Compare cmp, BigInteger init, BigInteger limit, long step, int width, boolean signed) {
        return count(up, cmp, init, limit, step, width, signed, true);
    }

    /** What a compiler that forgets the wrap-around would claim (the same count without the overflow check). */
    static BigInteger tripsIgnoringWrap(boolean up, Compare cmp, BigInteger init, BigInteger limit, long step, int width, boolean signed) {
        return count(up, cmp, init, limit, step, width, signed, false);
    }

    private static BigInteger count(boolean up, Compare cmp, BigInteger init, BigInteger limit, long step, int width,
                                    boolean signed, boolean checkWrap) {
        if (step <= 0 || cmp.countsUp() != up) return null;
        BigInteger s = BigInteger.valueOf(step);
        BigInteger span = up ? limit.subtract(init) : init.subtract(limit);
        BigInteger n = (cmp == Compare.LT || cmp == Compare.GT) ? ceilDiv(span, s).subtract(BigInteger.ONE) : floorDiv(span, s);
        if (n.signum() < 0) n = BigInteger.ZERO;
        BigInteger fin = up ? init.add(n.add(BigInteger.ONE).multiply(s)) : init.subtract(n.add(BigInteger.ONE).multiply(s));
        if (checkWrap && (fin.compareTo(max(width, signed)) > 0 || fin.compareTo(min(width, signed)) < 0)) return null;
        return n.add(BigInteger.ONE);
    }

    static BigInteger worstLimit(boolean up, int width, boolean signed) {
        return up ? max(width, signed) : min(width, signed);
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        return floorDiv(a.add(b).subtract(BigInteger.ONE), b);
    }
}
