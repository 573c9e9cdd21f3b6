package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.FunctionType;
import dev.jbpfc.source.SourceLocation;

/** A function: declared (extern, possibly a kfunc resolved by libbpf) or defined in this translation unit. */
public final class FunctionSymbol extends Symbol {
    private StorageClass storage;
    private boolean inline;
    private boolean defined;
    /** A file-scope declaration says {@code inline} without {@code extern}. */
    private boolean declaredInlineWithoutExtern;
    /** A file-scope declaration lacks {@code inline} or says {@code extern}. */
    private boolean declaredNotInlineOrExtern;
    /** The definition says both {@code extern} and {@code inline}. */
    private boolean definedExternInline;
    /** The name given by {@code asm("...")} on a declaration, or null. */
    private String asmLabel;
    public final DeclAttributes attributes = new DeclAttributes();

    public FunctionSymbol(String name, FunctionType type, SourceLocation location, StorageClass storage) {
        super(name, type, location);
        this.storage = storage;
    }

    /** An action that puts this function back as it is now: type, storage, inline, defined, attributes. */
    Runnable restorer() {
        CType t = type;
        StorageClass s = storage;
        boolean i = inline, d = defined;
        boolean iwe = declaredInlineWithoutExtern, nie = declaredNotInlineOrExtern, dei = definedExternInline;
        String label = asmLabel;
        Runnable attrs = attributes.restorer();
        return () -> {
            asmLabel = label;
            type = t;
            storage = s;
            inline = i;
            defined = d;
            declaredInlineWithoutExtern = iwe;
            declaredNotInlineOrExtern = nie;
            definedExternInline = dei;
            attrs.run();
        };
    }

    public FunctionType functionType() { return (FunctionType) type.unqualified(); }

    void setType(CType type) { this.type = type; }

    public StorageClass storage() { return storage; }

    void setStorage(StorageClass storage) { this.storage = storage; }

    public boolean isStatic() { return storage == StorageClass.STATIC; }

    public boolean isInline() { return inline; }

    void setInline(boolean inline) { this.inline = inline; }

    public boolean isDefined() { return defined; }

    /**
     * The declaration's {@code asm("name")} label, or null: libbpf's bpf_legacy.h names LLVM intrinsics this way
     * ({@code load_word(skb, off) asm("llvm.bpf.load.word")}).
     */
    public String asmLabel() { return asmLabel; }

    public void setAsmLabel(String label) { this.asmLabel = label; }

    void setDefined(boolean defined) { this.defined = defined; }

    /** Records how one file-scope declaration (or the definition) of this function is written. */
    void noteFileScopeDeclaration(boolean inline, boolean extern, boolean isDefinition) {
        if (inline && !extern) declaredInlineWithoutExtern = true;
        if (!inline || extern) declaredNotInlineOrExtern = true;
        if (isDefinition && inline && extern) definedExternInline = true;
    }

    /**
     * Whether this function's definition is an inline definition: a body for inlining only, never emitted, whose
     * calls left after optimisation go to the function of that name in another object (clang-22 emits no symbol,
     * no BTF FUNC for it, and relocates such calls against the undefined name, at -O0 every call). With
     * {@code gnu_inline} (glibc's {@code __extern_inline}, e.g. {@code __cmsg_nxthdr} of {@code <sys/socket.h>}
     * at -O2) the definition is written {@code extern inline} and no declaration is {@code inline} without
     * {@code extern}; otherwise C99 6.7.4p7: every file-scope declaration is {@code inline} and none is
     * {@code extern}.
     */
    public boolean isInlineDefinition() {
        if (!defined || isStatic()) return false;
        if (attributes.gnuInline) return definedExternInline && !declaredInlineWithoutExtern;
        return !declaredNotInlineOrExtern;
    }
}
