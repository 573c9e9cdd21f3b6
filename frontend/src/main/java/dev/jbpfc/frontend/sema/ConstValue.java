package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.IntegerType;

import java.math.BigInteger;

/**
 * The value of a constant expression: an integer of a given type, a floating value, or an address constant
 * ({@code &global + 8}, a string literal, or a null-based integer cast to a pointer).
 *
 * <p>Address constants matter for BPF: libbpf's {@code bpf_helper_defs.h} declares each helper as
 * <pre>
 * static long (*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
 * </pre>
 * which evaluates to an address constant with no base and offset 1; lowering turns a call through such a pointer
 * into {@code call 1} (helper #1).
 */
public record ConstValue(Kind kind, CType type, BigInteger integer, double floating, Object base, long offset) {
    public enum Kind { INTEGER, FLOAT, ADDRESS }

    public static ConstValue ofInteger(BigInteger v, CType type) {
        IntegerType it = type.asInteger();
        return new ConstValue(Kind.INTEGER, type, it == null ? v : wrap(v, it), 0, null, 0);
    }

    public static ConstValue ofInteger(long v, CType type) { return ofInteger(BigInteger.valueOf(v), type); }

    public static ConstValue ofFloat(double v, CType type) {
        return new ConstValue(Kind.FLOAT, type, null, v, null, 0);
    }

    /**
     * An address: {@code base} is the symbol whose address it is (a {@link Symbol}, or a string literal's text),
     * null for an integer cast to a pointer; {@code offset} in bytes.
     */
    public static ConstValue ofAddress(Object base, long offset, CType type) {
        return new ConstValue(Kind.ADDRESS, type, null, 0, base, offset);
    }

    public boolean isInteger() { return kind == Kind.INTEGER; }

    public boolean isAddress() { return kind == Kind.ADDRESS; }

    public boolean isFloat() { return kind == Kind.FLOAT; }

    /** The value as a Java long (two's complement for unsigned 64-bit values). */
    public long asLong() {
        return switch (kind) {
            case INTEGER -> integer.longValue();
            case FLOAT -> (long) floating;
            case ADDRESS -> offset;
        };
    }

    /** Whether the value is a zero integer (or a null address). */
    public boolean isZero() {
        return switch (kind) {
            case INTEGER -> integer.signum() == 0;
            case FLOAT -> floating == 0;
            case ADDRESS -> base == null && offset == 0;
        };
    }

    /** {@code v} reduced to the range of {@code t} (modulo 2^bits, as C conversion to an integer type does). */
    public static BigInteger wrap(BigInteger v, IntegerType t) {
        if (t.canRepresent(v)) return v; // the usual case: nothing to reduce, nothing to allocate
        if (t == IntegerType.BOOL) return v.signum() != 0 ? BigInteger.ONE : BigInteger.ZERO;
        int bits = t.bits();
        BigInteger mod = BigInteger.ONE.shiftLeft(bits);
        BigInteger r = v.mod(mod);
        if (t.signed && r.testBit(bits - 1)) r = r.subtract(mod);
        return r;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case INTEGER -> integer.toString();
            case FLOAT -> Double.toString(floating);
            case ADDRESS -> (base == null ? "" : base + "+") + offset;
        };
    }
}
