package dev.jbpfc.loophints;

import java.math.BigInteger;

/**
 * The trip-count bound of docs/loop-hints.md rule 6, shared by whoever writes hints (the compiler) and whoever
 * checks them. Worked example: {@code for (u32 i = 0; i < 100; i++)} rotated, {@code w6 = 0} before the body,
 * {@code w6 += 1; if w6 < 100 goto start} at its end. The body runs once before the first compare; the back edge
 * is taken for iv = 1..99, so the body runs 1 + 99 = 100 times. With a register limit the worst limit is the
 * type's largest value (counted up) or smallest (counted down): {@code i < n} over u32 from 0 runs at most
 * 1 + #{k >= 1 : k < 2^32-1} = 2^32-1 times.
 *
 * <p>Values live in the compare's domain: {@code width} bits, signed or unsigned. {@code init} is the preheader
 * move's immediate (MOV32_IMM: its 32 bits; MOV64_IMM: sign-extended to 64), a constant limit is the jump's
 * immediate (JMP32: its 32 bits; JMP: sign-extended to 64), both then read in that domain. Wrap-around is never
 * allowed: {@code init + step} and {@code last + step} for every value {@code last} that passes the compare must
 * stay inside the domain (mirror at the minimum for counting down); otherwise there is no bound ({@code null}).
 * This class does the arithmetic only; the instruction shapes are the checker's business.
 */
public final class TripCount {
    private TripCount() {}

    /** The bound, or why there is none. {@code trips} is unsigned (up to 2^64-1) and meaningful when ok. */
    public record Result(boolean ok, long trips, String reason) {
        static Result of(BigInteger trips) { return new Result(true, trips.longValue(), null); }

        static Result no(String reason) { return new Result(false, 0, reason); }
    }

    public static Result of(int width, boolean signed, LoopHint.Compare cmp, long step, LoopHint.Limit limit, long init) {
        if (width != 32 && width != 64) return Result.no("width must be 32 or 64");
        if (step < 1) return Result.no("the step must be at least 1");
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(width - 1).negate() : BigInteger.ZERO;
        BigInteger max = signed ? BigInteger.ONE.shiftLeft(width - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
        BigInteger s = BigInteger.valueOf(step);
        BigInteger i0 = inDomain(init, width, signed);
        boolean up = cmp.countsUp();
        // The first increment happens before any compare: it must not wrap either.
        BigInteger first = up ? i0.add(s) : i0.subtract(s);
        if (first.compareTo(max) > 0 || first.compareTo(min) < 0) return Result.no("the first step wraps around");
        boolean strict = cmp == LoopHint.Compare.LT || cmp == LoopHint.Compare.GT;
        BigInteger l;
        if (limit.isRegister()) {
            if (!strict) return Result.no("'" + cmp.text + "' against a register limit never exits at the type's "
                    + (up ? "largest" : "smallest") + " value");
            l = up ? max : min;
        } else {
            l = inDomain(limit.constant(), width, signed);
        }
        // Back edges taken: k >= 1 with init +- k*step passing the compare; D = distance from init to the last
        // passing value's bound.
        BigInteger dist = up ? l.subtract(i0) : i0.subtract(l); // lt: pass while i0 + k*s < l, i.e. k*s < dist
        BigInteger k;
        if (strict) {
            k = dist.signum() <= 0 ? BigInteger.ZERO : dist.subtract(BigInteger.ONE).divide(s);  // k*s <= dist-1
        } else {
            k = dist.signum() < 0 ? BigInteger.ZERO : dist.divide(s);                           // k*s <= dist
        }
        if (k.signum() > 0) {
            BigInteger last = up ? i0.add(k.multiply(s)) : i0.subtract(k.multiply(s));
            BigInteger next = up ? last.add(s) : last.subtract(s);
            if (next.compareTo(max) > 0 || next.compareTo(min) < 0) {
                return Result.no("the induction variable wraps around after its last value " + last);
            }
        }
        return Result.of(k.add(BigInteger.ONE));
    }

    /** An immediate as the instructions read it, in the compare's domain. */
    static BigInteger inDomain(long imm, int width, boolean signed) {
        if (width == 32) {
            int v = (int) imm;
            return signed ? BigInteger.valueOf(v) : BigInteger.valueOf(v & 0xffffffffL);
        }
        BigInteger v = BigInteger.valueOf(imm);
        return signed || imm >= 0 ? v : v.add(BigInteger.ONE.shiftLeft(64));
    }
}
