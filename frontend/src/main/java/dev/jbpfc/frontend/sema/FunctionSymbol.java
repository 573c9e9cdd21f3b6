package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.FunctionType;
import dev.jbpfc.source.SourceLocation;

/** A function: declared (extern, possibly a kfunc resolved by libbpf) or defined in this translation unit. */
public final class FunctionSymbol extends Symbol {
    private StorageClass storage;
    private boolean inline;
    private boolean defined;
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
        String label = asmLabel;
        Runnable attrs = attributes.restorer();
        return () -> {
            asmLabel = label;
            type = t;
            storage = s;
            inline = i;
            defined = d;
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
}
