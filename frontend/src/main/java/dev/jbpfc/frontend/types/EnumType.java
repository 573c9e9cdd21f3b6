package dev.jbpfc.frontend.types;

import java.math.BigInteger;
import java.util.List;

/**
 * An enum. Its underlying integer type follows clang's rules for C (checked against clang-22): if no enumerator is
 * negative, {@code unsigned int} when every value fits 32 bits, else {@code unsigned long}; with a negative one,
 * {@code int} if all fit, else {@code long}. {@code __attribute__((packed))} picks the smallest of
 * char/short/int/long (signed when a value is negative). vmlinux.h has 64-bit enums (BTF_KIND_ENUM64), so values
 * are kept as {@link BigInteger} (an unsigned 64-bit value does not fit a long).
 */
public final class EnumType implements CType {
    /** One enumerator: its name and value. */
    public record Enumerator(String name, BigInteger value) {}

    private final String tag;
    private final String origin;
    private List<Enumerator> enumerators = List.of();
    private IntegerType underlying = IntegerType.UINT;
    private boolean complete;
    private boolean packed;

    public EnumType(String tag, String origin) {
        this.tag = tag;
        this.origin = origin;
    }

    public String tag() { return tag; }

    public String origin() { return origin; }

    public List<Enumerator> enumerators() { return enumerators; }

    public IntegerType underlying() { return underlying; }

    public boolean packed() { return packed; }

    public void setPacked(boolean packed) { this.packed = packed; }

    /** Completes the enum with its enumerators and picks the underlying type. */
    public void complete(List<Enumerator> values) {
        this.enumerators = List.copyOf(values);
        this.underlying = underlyingFor(values, packed);
        this.complete = true;
    }

    /** Completes an enum with a fixed underlying type ({@code enum e : unsigned char {...}}, a C23 form). */
    public void complete(List<Enumerator> values, IntegerType fixed) {
        this.enumerators = List.copyOf(values);
        this.underlying = fixed;
        this.complete = true;
    }

    static IntegerType underlyingFor(List<Enumerator> values, boolean packed) {
        boolean negative = false;
        for (Enumerator e : values) if (e.value.signum() < 0) negative = true;
        IntegerType[] candidates = negative
                ? (packed ? new IntegerType[]{IntegerType.SCHAR, IntegerType.SHORT, IntegerType.INT, IntegerType.LONG}
                          : new IntegerType[]{IntegerType.INT, IntegerType.LONG})
                : (packed ? new IntegerType[]{IntegerType.UCHAR, IntegerType.USHORT, IntegerType.UINT, IntegerType.ULONG}
                          : new IntegerType[]{IntegerType.UINT, IntegerType.ULONG});
        for (IntegerType c : candidates) {
            boolean fits = true;
            for (Enumerator e : values) if (!c.canRepresent(e.value)) { fits = false; break; }
            if (fits) return c;
        }
        return negative ? IntegerType.LONG : IntegerType.ULONG;
    }

    @Override
    public boolean isComplete() { return complete; }

    @Override
    public long size() {
        if (!complete) throw new IllegalStateException("size of incomplete enum");
        return underlying.size();
    }

    @Override
    public int align() { return underlying.align(); }

    @Override
    public String toString() { return spelling(); }
}
