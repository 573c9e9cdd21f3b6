package dev.jbpfc.frontend.types;

import dev.jbpfc.source.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/**
 * A struct or union. It has identity: sema creates one object per tag declaration scope, and a forward declaration
 * ({@code struct foo;}) is the same object that {@link #complete} fills in when the definition comes. Layout
 * (member offsets, size, alignment) is computed by {@link RecordLayout} at completion.
 *
 * <p>{@code preserveAccessIndex} is set by {@code __attribute__((preserve_access_index))} or by
 * {@code #pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)} (vmlinux.h): every
 * member access through such a record becomes a CO-RE field relocation.
 */
public final class RecordType implements CType {
    private final boolean union;
    private final String tag;
    /** For anonymous records: where they were declared ({@code file:line:col}), as clang names them. */
    private String origin;
    /** Where an anonymous record was declared; turned into {@link #origin} only when a message prints it. */
    private final SourceLocation declaredAt;
    /** Where the definition (the member list) was, for "previous definition is here"; null until defined. */
    private SourceLocation definedAt;
    private List<Field> fields = List.of();
    private boolean complete;
    private boolean packed;
    private int alignedAttr;
    private boolean preserveAccessIndex;
    private List<String> declTags = List.of();
    private RecordLayout layout;

    public RecordType(boolean union, String tag, String origin) {
        this(union, tag, origin, null);
    }

    private RecordType(boolean union, String tag, String origin, SourceLocation declaredAt) {
        this.union = union;
        this.tag = tag;
        this.origin = origin;
        this.declaredAt = declaredAt;
    }

    /**
     * A struct or union without a tag declared at {@code at}. Its origin text ({@code file:line:col}) is made only
     * if a message names the type: vmlinux.h has thousands of anonymous records and nearly none is ever printed.
     */
    public static RecordType anonymous(boolean union, SourceLocation at) {
        return new RecordType(union, null, null, at);
    }

    public boolean isUnionType() { return union; }

    /** The tag name, or null for an anonymous struct/union. */
    public String tag() { return tag; }

    public String origin() {
        if (origin == null && declaredAt != null) origin = declaredAt.toString();
        return origin;
    }

    /** Where the member list was written, or null (not defined, or made without a location). */
    public SourceLocation definedAt() { return definedAt; }

    public void setDefinedAt(SourceLocation at) { this.definedAt = at; }

    /** "struct" or "union". */
    public String keyword() { return union ? "union" : "struct"; }

    public List<Field> fields() { return fields; }

    public boolean packed() { return packed; }

    public int alignedAttr() { return alignedAttr; }

    public boolean preserveAccessIndex() { return preserveAccessIndex; }

    public List<String> declTags() { return declTags; }

    public void setPacked(boolean packed) { this.packed = packed; }

    public void setAlignedAttr(int alignedAttr) { this.alignedAttr = alignedAttr; }

    public void setPreserveAccessIndex(boolean on) { this.preserveAccessIndex = on; }

    public void setDeclTags(List<String> tags) { this.declTags = List.copyOf(tags); }

    /**
     * Gives the record its members and lays it out. Attributes ({@link #setPacked}, {@link #setAlignedAttr}) must
     * be set before; calling it again (a redefinition that sema has already reported) replaces the members.
     */
    public void complete(List<Field> members) {
        this.fields = List.copyOf(members);
        this.layout = RecordLayout.compute(this);
        this.complete = true;
    }

    /**
     * An action that puts this record back as it is now (members, layout, attributes, definition site): a batch
     * compile undoes with it what one input's declarations did to a struct declared in the inputs' shared headers.
     */
    public Runnable restorer() {
        List<Field> f = fields;
        boolean c = complete, p = packed, pai = preserveAccessIndex;
        int a = alignedAttr;
        List<String> tags = declTags;
        RecordLayout l = layout;
        SourceLocation d = definedAt;
        return () -> {
            fields = f;
            complete = c;
            packed = p;
            preserveAccessIndex = pai;
            alignedAttr = a;
            declTags = tags;
            layout = l;
            definedAt = d;
        };
    }

    public RecordLayout layout() {
        if (!complete) throw new IllegalStateException("layout of incomplete " + spelling());
        return layout;
    }

    @Override
    public boolean isComplete() { return complete; }

    @Override
    public long size() { return layout().size(); }

    @Override
    public int align() { return layout().align(); }

    /** Whether the last member is a flexible array member ({@code T x[];}). */
    public boolean hasFlexibleArrayMember() {
        return !fields.isEmpty() && fields.get(fields.size() - 1).type.unqualified() instanceof ArrayType a
                && a.length() == ArrayType.INCOMPLETE;
    }

    /** Index of the direct member named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) if (name.equals(fields.get(i).name)) return i;
        return -1;
    }

    /**
     * Finds a member by name through anonymous struct/union members: the path of field indices from this record to
     * the member ({@code [2, 0]} = member 0 of the anonymous record at index 2), or null if there is none. CO-RE
     * access strings and lowering use the path.
     */
    public List<Integer> lookupPath(String name) {
        List<Integer> path = new ArrayList<>();
        return lookup(name, path) ? path : null;
    }

    private boolean lookup(String name, List<Integer> path) {
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (name.equals(f.name)) {
                path.add(i);
                return true;
            }
            if (f.isAnonymousRecord()) {
                path.add(i);
                if (f.type.asRecord().lookup(name, path)) return true;
                path.remove(path.size() - 1);
            }
        }
        return false;
    }

    @Override
    public String toString() { return spelling(); }
}
