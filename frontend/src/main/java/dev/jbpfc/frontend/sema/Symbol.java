package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.source.SourceLocation;

/**
 * An ordinary identifier's meaning (C11 6.2.3: everything but tags, labels and members): an object, a function,
 * a typedef name or an enumeration constant. One Symbol per entity: redeclarations update the same object
 * (its type becomes the composite type, a later definition marks it defined), so every use in the AST points at
 * the one object that lowering turns into one global, function or stack slot.
 */
public abstract sealed class Symbol permits ObjectSymbol, FunctionSymbol, TypedefSymbol, EnumConstantSymbol {
    private final String name;
    private final SourceLocation location;
    protected CType type;

    protected Symbol(String name, CType type, SourceLocation location) {
        this.name = name;
        this.type = type;
        this.location = location;
    }

    public String name() { return name; }

    public CType type() { return type; }

    /** Where it was first declared. */
    public SourceLocation location() { return location; }

    @Override
    public String toString() { return name; }
}
