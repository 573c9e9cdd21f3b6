package dev.jbpfc.ir;

/** A function parameter: a typed SSA value defined on entry. */
public final class Param extends Value {
    private final Type type;

    public Param(String name, Type type) {
        this.type = type;
        setName(name);
    }

    @Override
    public Type type() { return type; }

    @Override
    public String toString() { return type + " %" + name(); }
}
