package dev.jbpfc.loophints;

import java.math.BigInteger;

/**
 * The trip-count arithmetic of the counted templates, in exact integers (BigInteger): no overflow inside the
 * checker, and a constant cost whatever the count (nothing here iterates over trips).
 *
 * <p>A rotated counted loop runs its body once with {@code v0 = init}, then with {@code v1 = v0 + step},
 * {@code v2}, ... as long as {@code v CMP limit} holds after each step. Counting up with {@code cmp = lt} it stops
 * at the first {@code k >= 1} with {@code init + k * step >= limit}; that {@code k} is the number of body runs:
 * <pre>
 *   init 0, step 1, lt 10          k = 10           (v = 0..9 run the body)
 *   init 0, step 3, lt 10          k = ceil(10/3) = 4 (v = 0, 3, 6, 9; then 12 >= 10)
 *   init 50, step 1, lt 10         k = 1            (rotated: the body runs once before the first compare)
 *   init 0, step 1, le 10          k = 11           (le is lt against limit + 1)
 * </pre>
 * Sound only without wrap-around: the hardware computes {@code v + step} modulo 2^width, so the largest value the
 * iv reaches, {@code init + k * step}, must still be in the compare's type (unsigned: {@code <= 2^w - 1}, signed:
 * {@code <= 2^(w-1) - 1}); otherwise the check is a rejection. A limit held in a register may be any value of the
 * type: the bound is taken at the worst one (the type's maximum counting up, its minimum counting down), so
 * {@code le} against a register always wraps, and so does {@code lt} with a step that does not divide
 * {@code max - init}. Counting down is the mirror image at the minimum.
 */
public final class TripCount {
    private TripCount() {}

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /** The integer type of a compare: its width and signedness, with the value range that implies. */
    public record Domain(int width, boolean signed) {
        public Domain {
            if (width != 32 && width != 64) throw new IllegalArgumentException("width " + width);
        }

        public BigInteger min() { return signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO; }

        public BigInteger max() {
            return (signed ? BigInteger.ONE.shiftLeft(width - 1) : BigInteger.ONE.shiftLeft(width)).subtract(BigInteger.ONE);
        }

        /** The value of a register's low {@code width} bits (given as a 64-bit pattern) in this type. */
        public BigInteger valueOf(long bits) {
            if (width == 32) return BigInteger.valueOf(signed ? (long) (int) bits : bits & 0xffffffffL);
            return signed ? BigInteger.valueOf(bits) : new BigInteger(Long.toUnsignedString(bits));
        }

        /**
         * How a hint spells a value of this type in its signed 64-bit decimal fields ({@code init}, a constant
         * {@code limit}): the value itself, except that 64-bit unsigned values above 2^63 - 1 are written as their
         * two's complement (-1 for 2^64 - 1).
         */
        public long spelling(BigInteger value) { return value.longValue(); }

        @Override public String toString() { return (signed ? "s" : "u") + width; }
    }

    /** A proved bound, or why there is none. */
    public record Result(BigInteger trips, String problem) {
        public boolean proved() { return problem == null; }

        static Result bound(BigInteger trips) { return new Result(trips, null); }

        static Result fails(String problem) { return new Result(null, problem); }
    }

    /**
     * Counting up: {@code v += step} while {@code v < limit} ({@code inclusive}: {@code v <= limit}).
     *
     * @param limit the constant limit, or null for a register limit (any value of the type)
     */
    public static Result countedUp(Domain type, BigInteger init, BigInteger step, boolean inclusive, BigInteger limit) {
        if (step.signum() <= 0) return Result.fails("step " + step + " does not advance the induction variable");
        BigInteger worstLimit = limit != null ? limit : type.max();
        BigInteger exitAt = inclusive ? worstLimit.add(BigInteger.ONE) : worstLimit; // leaves at the first v >= exitAt
        BigInteger k = ceilDiv(exitAt.subtract(init), step).max(BigInteger.ONE);
        BigInteger highest = init.add(k.multiply(step));
        if (highest.compareTo(type.max()) > 0) {
            BigInteger last = highest.subtract(step);
            return Result.fails("wrap-around: " + describe(limit, type) + ", the value " + last
                    + " still goes round and " + last + " + " + step + " exceeds the " + type + " maximum " + type.max());
        }
        return checked(k);
    }

    /**
     * Counting down: {@code v -= step} while {@code v > limit} ({@code inclusive}: {@code v >= limit}).
     *
     * @param limit the constant limit, or null for a register limit (any value of the type)
     */
    public static Result countedDown(Domain type, BigInteger init, BigInteger step, boolean inclusive, BigInteger limit) {
        if (step.signum() <= 0) return Result.fails("step " + step + " does not advance the induction variable");
        BigInteger worstLimit = limit != null ? limit : type.min();
        BigInteger exitAt = inclusive ? worstLimit.subtract(BigInteger.ONE) : worstLimit; // leaves at the first v <= exitAt
        BigInteger k = ceilDiv(init.subtract(exitAt), step).max(BigInteger.ONE);
        BigInteger lowest = init.subtract(k.multiply(step));
        if (lowest.compareTo(type.min()) < 0) {
            BigInteger last = lowest.add(step);
            return Result.fails("wrap-around: " + describe(limit, type) + ", the value " + last
                    + " still goes round and " + last + " - " + step + " is below the " + type + " minimum " + type.min());
        }
        return checked(k);
    }

    private static String describe(BigInteger limit, Domain type) {
        return limit != null ? "with the limit " + limit : "with the limit register at its worst value";
    }

    private static Result checked(BigInteger k) {
        // Cannot happen for values inside the type (k + 1 distinct values fit in 2^64), but the bound is a u64.
        if (k.compareTo(TWO_64) >= 0) return Result.fails("the trip count " + k + " does not fit in 64 bits");
        return Result.bound(k);
    }

    /** ceil(a / b) for b > 0, for any sign of a. */
    static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }

    /** The bound as the unsigned 64-bit number a {@link LoopVerdict} and a hint's {@code trips} hold. */
    public static long asUnsignedLong(BigInteger trips) { return trips.longValue(); }
}
