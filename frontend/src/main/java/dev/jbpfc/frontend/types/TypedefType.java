package dev.jbpfc.frontend.types;

import java.util.List;

/**
 * A typedef name, kept because BTF and CO-RE need it ({@code bpf_core_type_exists(__u32)} names the typedef, and
 * BTF of a variable of type {@code __u32} goes through a TYPEDEF entry). {@code alignedAttr} is the value of an
 * {@code __attribute__((aligned(N)))} on the typedef (0 if none): unlike on a struct, it can lower the alignment
 * ({@code typedef int unaligned_int __attribute__((aligned(1)))}), as GCC and clang allow for typedefs.
 * {@code declTags} are its {@code btf_decl_tag} values.
 */
public record TypedefType(String name, CType aliased, int alignedAttr, List<String> declTags) implements CType {
    public TypedefType {
        declTags = List.copyOf(declTags);
    }

    public TypedefType(String name, CType aliased) {
        this(name, aliased, 0, List.of());
    }

    @Override
    public long size() { return aliased.size(); }

    @Override
    public int align() { return alignedAttr != 0 ? alignedAttr : aliased.align(); }

    @Override
    public boolean isComplete() { return aliased.isComplete(); }

    @Override
    public CType unqualified() { return aliased.unqualified(); }

    @Override
    public int qualifiers() { return aliased.qualifiers(); }

    /** Identity of the typedef is its name and target; equality must not recurse through a long typedef chain. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TypedefType t && t.name.equals(name) && t.aliased.equals(aliased)
                && t.alignedAttr == alignedAttr;
    }

    @Override
    public int hashCode() { return name.hashCode(); }

    @Override
    public String toString() { return spelling(); }
}
