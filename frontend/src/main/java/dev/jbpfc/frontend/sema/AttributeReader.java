package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Attribute;
import dev.jbpfc.frontend.ast.Expr;

import java.math.BigInteger;
import java.util.List;

/**
 * Reads GNU attributes into {@link DeclAttributes} and answers questions about attribute lists (aligned value,
 * btf tags). Arguments that must be constants are evaluated with the {@link ConstantEvaluator}.
 *
 * <p>Nearly every declaration has no attribute at all (vmlinux.h: ~100k declarations and members, a handful of
 * attributes), so every question about an empty or null list returns at once, allocating nothing; loops index
 * the list (the C1-only JVM of a one-file compile allocates an iterator for every for-each over a List).
 */
final class AttributeReader {
    /** {@code __attribute__((aligned))} without a value: the largest alignment the BPF target uses. */
    static final int DEFAULT_MAX_ALIGN = 8;

    private final Sema sema;

    AttributeReader(Sema sema) { this.sema = sema; }

    /**
     * The attributes written in up to three places of one declaration (specifiers, declarator, after the
     * declarator), as one list: an existing list when at most one place has any, a new one only otherwise.
     */
    static List<Attribute> concat(List<Attribute> a, List<Attribute> b, List<Attribute> c) {
        boolean hasA = a != null && !a.isEmpty(), hasB = b != null && !b.isEmpty(), hasC = c != null && !c.isEmpty();
        if (!hasB && !hasC) return hasA ? a : List.of();
        if (!hasA && !hasC) return b;
        if (!hasA && !hasB) return c;
        List<Attribute> all = new java.util.ArrayList<>();
        if (hasA) all.addAll(a);
        if (hasB) all.addAll(b);
        if (hasC) all.addAll(c);
        return all;
    }

    boolean has(List<Attribute> attrs, String name) {
        if (attrs == null) return false;
        for (int i = 0; i < attrs.size(); i++) if (attrs.get(i).is(name)) return true;
        return false;
    }

    /** The largest {@code aligned(N)} in the list, 0 if none. */
    int aligned(List<Attribute> attrs) {
        int max = 0;
        if (attrs == null) return 0;
        for (int i = 0; i < attrs.size(); i++) {
            Attribute a = attrs.get(i);
            if (a.is("aligned")) max = Math.max(max, alignValue(a));
        }
        return max;
    }

    private int alignValue(Attribute a) {
        if (a.args().isEmpty()) return DEFAULT_MAX_ALIGN;
        BigInteger v = sema.exprs.integerConstant(a.args().get(0), "'aligned' attribute argument");
        if (v == null) return 0;
        long n = v.longValue();
        if (n <= 0 || Long.bitCount(n) != 1) {
            sema.diags.error(a.loc(), "requested alignment is not a power of 2");
            return 0;
        }
        return (int) Math.min(n, 1 << 28);
    }

    /**
     * The string arguments of every attribute called {@code name} ({@code btf_decl_tag}, {@code btf_type_tag});
     * an unmodifiable empty list when there is none.
     */
    List<String> strings(List<Attribute> attrs, String name) {
        List<String> out = List.of();
        if (attrs == null) return out;
        for (int i = 0; i < attrs.size(); i++) {
            Attribute a = attrs.get(i);
            if (a.is(name)) {
                String s = stringArg(a, 0);
                if (s == null) continue;
                if (out.isEmpty()) out = new java.util.ArrayList<>();
                out.add(s);
            }
        }
        return out;
    }

    String stringArg(Attribute a, int index) {
        if (a.args().size() <= index || !(a.args().get(index) instanceof Expr.StringLiteral lit)) {
            sema.diags.error(a.loc(), "'" + a.baseName() + "' attribute requires a string");
            return null;
        }
        byte[] b = Literals.string(lit.pieces);
        return b == null ? null : new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Adds the declaration attributes in {@code attrs} to {@code out}. */
    void read(List<Attribute> attrs, DeclAttributes out) {
        if (attrs == null) return;
        for (int i = 0; i < attrs.size(); i++) {
            Attribute a = attrs.get(i);
            switch (a.baseName()) {
                case "section" -> out.section = stringArg(a, 0);
                case "weak" -> out.weak = true;
                case "always_inline" -> out.alwaysInline = true;
                case "noinline" -> out.noinline = true;
                case "naked" -> out.naked = true;
                case "used" -> out.used = true;
                case "unused", "maybe_unused" -> out.unused = true;
                case "packed" -> out.packed = true;
                case "noreturn" -> out.noreturn = true;
                case "gnu_inline" -> out.gnuInline = true;
                case "aligned" -> out.aligned = Math.max(out.aligned, alignValue(a));
                case "visibility" -> out.visibility = stringArg(a, 0);
                case "btf_decl_tag" -> {
                    String s = stringArg(a, 0);
                    if (s != null && !out.btfDeclTags.contains(s)) out.btfDeclTags.add(s);
                }
                default -> { }
            }
        }
    }
}
