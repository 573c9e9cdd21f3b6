package dev.jbpfc.frontend.types;

import java.util.List;

/**
 * A function type. {@code prototyped} is false for an old-style {@code int f()} (no parameter information);
 * {@code int f(void)} is prototyped with no parameters. Parameter names are kept because BTF's FUNC_PROTO records
 * them; they play no part in type compatibility ({@code equals} ignores them through {@link Param#equals}).
 * Attributes of a function declaration ({@code section}, {@code always_inline}, {@code btf_decl_tag}) belong to
 * the declaration, not to its type, and live in sema's declaration objects.
 */
public record FunctionType(CType returnType, List<Param> params, boolean variadic, boolean prototyped)
        implements CType {

    public FunctionType {
        params = List.copyOf(params);
    }

    /** One parameter: its name (null when unnamed) and its type after array/function-to-pointer adjustment. */
    public record Param(String name, CType type) {
        @Override
        public boolean equals(Object o) { return o instanceof Param p && p.type.equals(type); }

        @Override
        public int hashCode() { return type.hashCode(); }
    }

    /** Written out, not generated (see {@link PointerType#equals}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof FunctionType f && f.variadic == variadic && f.prototyped == prototyped
                && f.returnType.equals(returnType) && f.params.equals(params);
    }

    @Override
    public int hashCode() { return returnType.hashCode() * 31 + params.hashCode(); }

    @Override
    public long size() { throw new IllegalStateException("sizeof(function)"); }

    /** GNU C: sizeof and alignment of a function type are 1 (pointer arithmetic on function pointers). */
    @Override
    public int align() { return 1; }

    @Override
    public boolean isComplete() { return false; }

    @Override
    public String toString() { return spelling(); }
}
