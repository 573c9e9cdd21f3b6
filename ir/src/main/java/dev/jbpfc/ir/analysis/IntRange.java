package dev.jbpfc.ir.analysis;

import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.Map;

/**
 * Needs: nothing (reads the operands' definitions). A signed range {@code [lo, hi]} an {@code i32} or {@code i64}
 * value is sure to lie in, found by looking a few definitions up: what a loop's trip count can be at most when its bound is computed
 * from data.
 * <pre>
 *   %b = load i8 %p                 ; [0, 255] once zero-extended
 *   %n = urem i32 %x, 100000        ; [0, 99999]
 *   %m = sub i32 0, %n              ; [-99999, 0]
 *   %k = select i32 %c, %m, %n      ; [-99999, 99999]   (C's int % on a possibly negative int)
 *   %h = shl i32 %b, 8              ; [0, 65280]
 *   %w = or i32 %h, %b              ; [0, 65535]         (bytes put together: p[0] | p[1] << 8)
 * </pre>
 * Anything not understood is the whole range of its type. Ranges never wrap: an operation whose result could
 * overflow gives the whole range.
 */
public record IntRange(long lo, long hi) {
    public static final IntRange I32 = new IntRange(Integer.MIN_VALUE, Integer.MAX_VALUE);
    public static final IntRange I64 = new IntRange(Long.MIN_VALUE, Long.MAX_VALUE);

    /** How many definitions deep {@link #of} looks. */
    private static final int DEPTH = 8;

    public static IntRange of(Value v) { return of(v, DEPTH, Map.of()); }

    /**
     * As {@link #of(Value)}, with ranges the caller knows for some values (a loop's counter inside the loop, which
     * a phi does not show): {@code and i32 %i, 63} with {@code %i} assumed in [0, 47] is [0, 47].
     */
    public static IntRange of(Value v, Map<Value, IntRange> assumed) { return of(v, DEPTH, assumed); }

    public boolean nonNegative() { return lo >= 0; }

    /** Whether every value fits a C {@code int}. */
    public boolean fitsInt() { return lo >= Integer.MIN_VALUE && hi <= Integer.MAX_VALUE; }

    private static IntRange whole(Type t) { return t == Type.I64 ? I64 : I32; }

    private static IntRange of(Value v, int depth, Map<Value, IntRange> assumed) {
        IntRange known = assumed.get(v);
        if (known != null) return known;
        if (v instanceof Constant c && (c.type() == Type.I32 || c.type() == Type.I64)) return new IntRange(c.value(), c.value());
        if (v.type() != Type.I32 && v.type() != Type.I64) return I64;
        IntRange whole = whole(v.type());
        if (!(v instanceof Instruction i) || depth == 0) return whole;
        int d = depth - 1;
        switch (i.op()) {
            case ZEXT: {
                Type from = i.operand(0).type();
                if (from == Type.I1) return new IntRange(0, 1);
                if (from == Type.I8) return new IntRange(0, 0xff);
                if (from == Type.I16) return new IntRange(0, 0xffff);
                if (from == Type.I32) {
                    IntRange r = of(i.operand(0), d, assumed);
                    return r.nonNegative() ? r : new IntRange(0, 0xffffffffL);
                }
                return whole;
            }
            case SEXT: {
                Type from = i.operand(0).type();
                if (from == Type.I8) return new IntRange(Byte.MIN_VALUE, Byte.MAX_VALUE);
                if (from == Type.I16) return new IntRange(Short.MIN_VALUE, Short.MAX_VALUE);
                if (from == Type.I32) return of(i.operand(0), d, assumed);
                return whole;
            }
            case AND: {
                IntRange a = of(i.operand(0), d, assumed), b = of(i.operand(1), d, assumed);
                if (b.lo == b.hi && b.lo >= 0) return new IntRange(0, b.lo);
                if (a.lo == a.hi && a.lo >= 0) return new IntRange(0, a.lo);
                if (a.nonNegative() && b.nonNegative()) return new IntRange(0, Math.min(a.hi, b.hi));
                return whole;
            }
            case UREM: {
                if (i.operand(1) instanceof Constant c && c.unsignedValue() > 0 && c.unsignedValue() <= 0x80000000L) {
                    return new IntRange(0, c.unsignedValue() - 1);
                }
                return whole;
            }
            case SHL: {
                // a non-negative value shifted by an amount in [s, t] (a constant, or a loop counter's range for
                // C's `1 << i` bit masks) that moves no bit into the sign
                IntRange a = of(i.operand(0), d, assumed), by = of(i.operand(1), d, assumed);
                if (!a.nonNegative() || by.lo < 0 || by.hi >= 62) return whole;
                if (a.hi > (whole.hi >> by.hi)) return whole;
                return new IntRange(a.lo << by.lo, a.hi << by.hi);
            }
            case OR: case XOR: {
                // Non-negative operands set no bit above the highest bit of the larger one.
                IntRange a = of(i.operand(0), d, assumed), b = of(i.operand(1), d, assumed);
                if (!a.nonNegative() || !b.nonNegative()) return whole;
                long top = Long.highestOneBit(Math.max(a.hi, b.hi));
                long hi = top == 0 ? 0 : top == Long.highestOneBit(Long.MAX_VALUE) ? Long.MAX_VALUE : (top << 1) - 1;
                return clamp(whole, 0, hi);
            }
            case UDIV: {
                if (!(i.operand(1) instanceof Constant c) || c.unsignedValue() < 2) return whole;
                long div = c.unsignedValue();
                IntRange a = of(i.operand(0), d, assumed);
                if (a.nonNegative()) return new IntRange(Long.divideUnsigned(a.lo, div), Long.divideUnsigned(a.hi, div));
                return i.type() == Type.I32 ? new IntRange(0, 0xffffffffL / div) : new IntRange(0, Long.divideUnsigned(-1L, div));
            }
            case LSHR: {
                int bits = i.type().bits;
                if (i.operand(1) instanceof Constant c && c.value() >= 1 && c.value() < bits) {
                    return new IntRange(0, bits - c.value() >= 63 ? Long.MAX_VALUE : (1L << (bits - c.value())) - 1);
                }
                return whole;
            }
            case ADD: {
                IntRange a = of(i.operand(0), d, assumed), b = of(i.operand(1), d, assumed);
                if (!a.fitsInt() || !b.fitsInt()) return whole;
                return clamp(whole, a.lo + b.lo, a.hi + b.hi);
            }
            case SUB: {
                IntRange a = of(i.operand(0), d, assumed), b = of(i.operand(1), d, assumed);
                if (!a.fitsInt() || !b.fitsInt()) return whole;
                return clamp(whole, a.lo - b.hi, a.hi - b.lo);
            }
            case SELECT: {
                IntRange a = of(i.operand(1), d, assumed), b = of(i.operand(2), d, assumed);
                return new IntRange(Math.min(a.lo, b.lo), Math.max(a.hi, b.hi));
            }
            default:
                return whole;
        }
    }

    private static IntRange clamp(IntRange whole, long lo, long hi) {
        if (lo < whole.lo || hi > whole.hi) return whole;
        return new IntRange(lo, hi);
    }
}
