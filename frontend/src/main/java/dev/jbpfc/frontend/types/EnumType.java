package dev.jbpfc.frontend.types;

import dev.jbpfc.source.SourceLocation;

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
    private String origin;
    /** Where an anonymous enum was declared; turned into {@link #origin} only when a message prints it. */
    private final SourceLocation declaredAt;
    /** Where the enumerator list was, for "previous definition is here"; null until defined. */
    private SourceLocation definedAt;
    private List<Enumerator> enumerators = List.of();
    private IntegerType underlying = IntegerType.UINT;
    private boolean complete;
    private boolean packed;

    public EnumType(String tag, String origin) {
        this(tag, origin, null);
    }

    private EnumType(String tag, String origin, SourceLocation declaredAt) {
        this.tag = tag;
        this.origin = origin;
        this.declaredAt = declaredAt;
    }

    /** An enum without a tag declared at {@code at} (origin text made only when printed, as for records). */
    public static EnumType anonymous(SourceLocation at) {
        return new EnumType(null, null, at);
    }

    public String tag() { return tag; }

    public String origin() {
        if (origin == null && declaredAt != null) origin = declaredAt.toString();
        return origin;
    }

    /** Where the enumerator list was written, or null (not defined, or made without a location). */
    public SourceLocation definedAt() { return definedAt; }

    public void setDefinedAt(SourceLocation at) { this.definedAt = at; }

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

    private static final IntegerType[] SIGNED = {IntegerType.INT, IntegerType.LONG};
    private static final IntegerType[] SIGNED_PACKED = {IntegerType.SCHAR, IntegerType.SHORT, IntegerType.INT,
            IntegerType.LONG};
    private static final IntegerType[] UNSIGNED = {IntegerType.UINT, IntegerType.ULONG};
    private static final IntegerType[] UNSIGNED_PACKED = {IntegerType.UCHAR, IntegerType.USHORT, IntegerType.UINT,
            IntegerType.ULONG};

    /** An action that puts this enum back as it is now (see {@link RecordType#restorer}). */
    public Runnable restorer() {
        List<Enumerator> e = enumerators;
        IntegerType u = underlying;
        boolean c = complete, p = packed;
        SourceLocation d = definedAt;
        return () -> {
            enumerators = e;
            underlying = u;
            complete = c;
            packed = p;
            definedAt = d;
        };
    }

    static IntegerType underlyingFor(List<Enumerator> values, boolean packed) {
        // A type holds every value iff it holds the one with the most significant bits (BigInteger.bitLength
        // excludes the sign), so one pass finds what the candidates are tested against.
        boolean negative = false;
        int widest = 0;
        for (int i = 0; i < values.size(); i++) {
            BigInteger v = values.get(i).value;
            negative |= v.signum() < 0;
            widest = Math.max(widest, v.bitLength());
        }
        IntegerType[] candidates = negative ? (packed ? SIGNED_PACKED : SIGNED) : (packed ? UNSIGNED_PACKED : UNSIGNED);
        for (IntegerType c : candidates) {
            if (widest <= (negative ? c.bits() - 1 : c.bits())) return c;
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
