package dev.jbpfc.frontend.types;

import java.util.List;

/**
 * A pointer (8 bytes on BPF). {@code typeTags} are the {@code btf_type_tag} attributes written on the pointee, in
 * source order: {@code int __attribute__((btf_type_tag("user"))) *p} is a pointer with typeTags ["user"] to
 * {@code int}, which BTF encodes as PTR -> TYPE_TAG "user" -> INT. They never change type checking.
 */
public record PointerType(CType pointee, List<String> typeTags) implements CType {
    public PointerType {
        typeTags = List.copyOf(typeTags);
    }

    public PointerType(CType pointee) {
        this(pointee, List.of());
    }

    public static PointerType to(CType pointee) { return new PointerType(pointee); }

    // equals and hashCode written out: a record's generated ones are linked on first use through method handles,
    // ~10 ms of a one-file compile's start-up (the same for the other type records).
    @Override
    public boolean equals(Object o) {
        return o instanceof PointerType p && p.pointee.equals(pointee) && p.typeTags.equals(typeTags);
    }

    @Override
    public int hashCode() { return pointee.hashCode() * 31 + typeTags.hashCode(); }

    @Override
    public long size() { return 8; }

    @Override
    public int align() { return 8; }

    @Override
    public String toString() { return spelling(); }
}
