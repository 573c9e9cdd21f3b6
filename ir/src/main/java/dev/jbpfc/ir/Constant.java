package dev.jbpfc.ir;

/**
 * An integer constant of an integer type, or the null pointer ({@code ptr 0}, printed {@code null}). The value is
 * kept normalised by {@link Type#normalize} so that equal constants compare equal.
 */
public final class Constant extends Value {
    private final Type type;
    private final long value;

    private Constant(Type type, long value) {
        this.type = type;
        this.value = value;
    }

    public static Constant of(Type type, long value) {
        if (type == Type.PTR) {
            if (value != 0) throw new IllegalArgumentException("the only ptr constant is null; use inttoptr");
            return new Constant(type, 0);
        }
        if (!type.isInt()) throw new IllegalArgumentException("no constants of type " + type);
        return new Constant(type, type.normalize(value));
    }

    public static Constant nullPtr() { return new Constant(Type.PTR, 0); }

    public static Constant bool(boolean b) { return new Constant(Type.I1, b ? 1 : 0); }

    @Override
    public Type type() { return type; }

    /** Sign-extended value (i1: 0 or 1). */
    public long value() { return value; }

    public long unsignedValue() { return type.unsigned(value); }

    public boolean isZero() { return value == 0; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Constant c && c.type == type && c.value == value;
    }

    @Override
    public int hashCode() { return type.hashCode() * 31 + Long.hashCode(value); }

    @Override
    public String toString() { return type == Type.PTR ? "null" : Long.toString(value); }
}
