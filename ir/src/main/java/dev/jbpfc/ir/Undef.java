package dev.jbpfc.ir;

/**
 * An unspecified value of a type: what a read of an uninitialised local becomes after mem2reg. Passes may pick any
 * value for it; the backend may leave the register as it is, but must still write it before a use the kernel
 * checks (it treats an unwritten register as an error), so it materialises undef as 0.
 */
public final class Undef extends Value {
    private final Type type;

    private Undef(Type type) { this.type = type; }

    public static Undef of(Type type) { return new Undef(type); }

    @Override
    public Type type() { return type; }

    @Override
    public boolean equals(Object o) { return o instanceof Undef u && u.type == type; }

    @Override
    public int hashCode() { return type.hashCode() + 7; }

    @Override
    public String toString() { return "undef"; }
}
