package dev.jbpfc.frontend.types;

/**
 * A type with qualifiers: {@code const}, {@code volatile}, {@code restrict}, {@code _Atomic}, and clang's
 * {@code address_space(N)} (used by BPF arena pointers, {@code __arena}). Kept as a wrapper (like BTF's CONST and
 * VOLATILE kinds) so that a typedef under qualifiers keeps its name: {@code const __u32} is
 * QualifiedType(CONST, TypedefType __u32). Nested wrappers are merged by {@link #of}.
 */
public record QualifiedType(CType base, int quals, int addressSpace) implements CType {
    public static final int CONST = 1;
    public static final int VOLATILE = 2;
    public static final int RESTRICT = 4;
    public static final int ATOMIC = 8;

    public QualifiedType {
        if (base instanceof QualifiedType) throw new IllegalArgumentException("nested QualifiedType");
    }

    /** {@code base} with {@code quals} added; merges into an existing wrapper, returns base itself for 0. */
    public static CType of(CType base, int quals) {
        return of(base, quals, 0);
    }

    public static CType of(CType base, int quals, int addressSpace) {
        if (base instanceof QualifiedType q) {
            return new QualifiedType(q.base, q.quals | quals, addressSpace != 0 ? addressSpace : q.addressSpace);
        }
        if (quals == 0 && addressSpace == 0) return base;
        return new QualifiedType(base, quals, addressSpace);
    }

    /** Written out, not generated (see {@link PointerType#equals}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof QualifiedType q && q.quals == quals && q.addressSpace == addressSpace && q.base.equals(base);
    }

    @Override
    public int hashCode() { return (base.hashCode() * 31 + quals) * 31 + addressSpace; }

    @Override
    public long size() { return base.size(); }

    @Override
    public int align() { return base.align(); }

    @Override
    public boolean isComplete() { return base.isComplete(); }

    @Override
    public CType unqualified() { return base.unqualified(); }

    @Override
    public int qualifiers() { return quals | base.qualifiers(); }

    /** The address space an object of type {@code t} lives in: its own, or its elements' for an array. */
    public static int objectAddressSpaceOf(CType t) {
        while (true) {
            int own = addressSpaceOf(t);
            if (own != 0) return own;
            ArrayType array = t.asArray();
            if (array == null) return 0;
            t = array.element();
        }
    }

    /** The address space of this type or of the typedef under it (0 = the default, generic one). */
    public static int addressSpaceOf(CType t) {
        while (true) {
            if (t instanceof QualifiedType q) {
                if (q.addressSpace != 0) return q.addressSpace;
                t = q.base;
            } else if (t instanceof TypedefType td) {
                t = td.aliased();
            } else {
                return 0;
            }
        }
    }

    /** Spelling of qualifier bits in clang's order: {@code const volatile restrict}. */
    public static String spell(int quals) {
        StringBuilder sb = new StringBuilder();
        if ((quals & CONST) != 0) sb.append("const ");
        if ((quals & VOLATILE) != 0) sb.append("volatile ");
        if ((quals & RESTRICT) != 0) sb.append("restrict ");
        if ((quals & ATOMIC) != 0) sb.append("_Atomic ");
        return sb.toString().trim();
    }

    @Override
    public String toString() { return spelling(); }
}
