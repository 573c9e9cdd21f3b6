package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.TypedefType;
import dev.jbpfc.source.SourceLocation;

/** A typedef name; its type is the {@link TypedefType} that keeps the name for BTF. */
public final class TypedefSymbol extends Symbol {
    public TypedefSymbol(TypedefType type, SourceLocation location) {
        super(type.name(), type, location);
    }

    public TypedefType typedefType() { return (TypedefType) type; }
}
