package dev.jbpfc.frontend.sema;

import java.util.ArrayList;
import java.util.List;

/**
 * The GNU attributes of a declaration that later stages read, collected by sema from the syntax:
 * {@code section("xdp")}, {@code weak}, {@code always_inline}/{@code noinline}, {@code naked}, {@code used},
 * {@code unused}, {@code btf_decl_tag("...")}, {@code aligned(N)}, {@code visibility("hidden")}, {@code gnu_inline}.
 * Attributes sema does not know are ignored, like clang ignores unknown attributes with a warning.
 */
public final class DeclAttributes {
    public String section;
    public boolean weak;
    public boolean alwaysInline;
    public boolean noinline;
    public boolean naked;
    public boolean used;
    public boolean unused;
    public boolean packed;
    public boolean noreturn;
    /** {@code gnu_inline}: the function's {@code inline} follows GNU89 rules ({@link FunctionSymbol#isInlineDefinition}). */
    public boolean gnuInline;
    public int aligned;
    public String visibility;
    public final List<String> btfDeclTags = new ArrayList<>();

    /** {@code visibility("hidden")} or {@code ("internal")}: the symbol is not exported from the object. */
    public boolean isHidden() {
        return "hidden".equals(visibility) || "internal".equals(visibility);
    }

    /** An action that puts these attributes back as they are now (see {@link Trail}). */
    Runnable restorer() {
        DeclAttributes now = new DeclAttributes();
        now.merge(this);
        now.section = section;
        now.visibility = visibility;
        return () -> {
            section = now.section;
            weak = now.weak;
            alwaysInline = now.alwaysInline;
            noinline = now.noinline;
            naked = now.naked;
            used = now.used;
            unused = now.unused;
            packed = now.packed;
            noreturn = now.noreturn;
            gnuInline = now.gnuInline;
            aligned = now.aligned;
            visibility = now.visibility;
            btfDeclTags.clear();
            btfDeclTags.addAll(now.btfDeclTags);
        };
    }

    /** Adds the attributes of a redeclaration (section and tags of an earlier declaration stay). */
    public void merge(DeclAttributes other) {
        if (other.section != null) section = other.section;
        weak |= other.weak;
        alwaysInline |= other.alwaysInline;
        noinline |= other.noinline;
        naked |= other.naked;
        used |= other.used;
        unused |= other.unused;
        packed |= other.packed;
        noreturn |= other.noreturn;
        gnuInline |= other.gnuInline;
        aligned = Math.max(aligned, other.aligned);
        if (other.visibility != null) visibility = other.visibility;
        for (String t : other.btfDeclTags) if (!btfDeclTags.contains(t)) btfDeclTags.add(t);
    }
}
