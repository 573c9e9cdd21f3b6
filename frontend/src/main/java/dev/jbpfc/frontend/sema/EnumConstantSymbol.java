package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.EnumType;
import dev.jbpfc.source.SourceLocation;

import java.math.BigInteger;

/**
 * An enumeration constant. Its type is {@code int} when the value fits an int, else the enum's type (clang's C
 * rule; vmlinux.h has enumerators like {@code 0x80000000} and 64-bit ones). CO-RE's
 * {@code bpf_core_enum_value(enum e, X)} needs the owning enum.
 */
public final class EnumConstantSymbol extends Symbol {
    private final BigInteger value;
    private final EnumType owner;

    public EnumConstantSymbol(String name, CType type, BigInteger value, EnumType owner, SourceLocation location) {
        super(name, type, location);
        this.value = value;
        this.owner = owner;
    }

    public BigInteger value() { return value; }

    public EnumType owner() { return owner; }

    void setType(CType type) { this.type = type; }
}
