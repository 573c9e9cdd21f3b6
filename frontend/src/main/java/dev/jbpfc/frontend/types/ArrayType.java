package dev.jbpfc.frontend.types;

/**
 * {@code element[length]}. {@code length} is {@link #INCOMPLETE} for {@code T[]} (an incomplete array: an extern
 * declaration, a parameter before adjustment, or a flexible array member as the last field of a struct);
 * {@code T[0]} is GNU's zero-length array, a complete type of size 0.
 */
public record ArrayType(CType element, long length) implements CType {
    public static final long INCOMPLETE = -1;

    public static ArrayType incomplete(CType element) { return new ArrayType(element, INCOMPLETE); }

    /** Written out, not generated (see {@link PointerType#equals}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayType a && a.length == length && a.element.equals(element);
    }

    @Override
    public int hashCode() { return element.hashCode() * 31 + Long.hashCode(length); }

    @Override
    public long size() {
        if (length < 0) throw new IllegalStateException("size of incomplete array");
        return element.size() * length;
    }

    @Override
    public int align() { return element.align(); }

    @Override
    public boolean isComplete() { return length >= 0; }

    @Override
    public int qualifiers() {
        // C11 6.7.3p9: qualifiers on an array type apply to its elements; clang reports them on the array too.
        return element.qualifiers();
    }

    @Override
    public String toString() { return spelling(); }
}
