package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.source.SourceLocation;

/**
 * A variable or parameter. File-scope and {@code static} locals have static storage (lowering makes them globals in
 * .data/.bss/.rodata or a named section); others live on the stack or in registers.
 *
 * <p>{@code constantValue} is the value of a static-storage object's initializer when sema could evaluate it as a
 * constant; for libbpf's helper pointers ({@code static long (*bpf_foo)(...) = (void *) 7;}) it is the address
 * constant 7, which lowering turns into helper call #7 ({@link #helperId()}).
 */
public final class ObjectSymbol extends Symbol {
    public enum Kind { GLOBAL, LOCAL, STATIC_LOCAL, PARAMETER }

    private final Kind kind;
    private StorageClass storage;
    private boolean defined;       // has an initializer, or is a definition without one (tentative at file scope)
    private boolean hasInitializer;
    private ConstValue constantValue;
    public final DeclAttributes attributes = new DeclAttributes();

    public ObjectSymbol(String name, CType type, SourceLocation location, Kind kind, StorageClass storage) {
        super(name, type, location);
        this.kind = kind;
        this.storage = storage;
    }

    /** An action that puts this object back as it is now: type, storage, definition state, attributes. */
    Runnable restorer() {
        CType t = type;
        StorageClass s = storage;
        boolean d = defined, i = hasInitializer;
        ConstValue v = constantValue;
        Runnable attrs = attributes.restorer();
        return () -> {
            type = t;
            storage = s;
            defined = d;
            hasInitializer = i;
            constantValue = v;
            attrs.run();
        };
    }

    public Kind kind() { return kind; }

    public StorageClass storage() { return storage; }

    void setStorage(StorageClass storage) { this.storage = storage; }

    void setType(CType type) { this.type = type; }

    public boolean hasStaticStorage() { return kind == Kind.GLOBAL || kind == Kind.STATIC_LOCAL; }

    /** Internal linkage: {@code static} at file scope (or a later {@code extern} of such a symbol). */
    public boolean isInternal() { return kind == Kind.GLOBAL && storage == StorageClass.STATIC; }

    /** Whether this object is defined in this translation unit (with an initializer or as a tentative definition). */
    public boolean isDefined() { return defined; }

    void setDefined(boolean defined) { this.defined = defined; }

    public boolean hasInitializer() { return hasInitializer; }

    void setHasInitializer(boolean on) { this.hasInitializer = on; }

    /** The evaluated initializer of a static-storage scalar, or null. */
    public ConstValue constantValue() { return constantValue; }

    void setConstantValue(ConstValue v) { this.constantValue = v; }

    /**
     * The BPF helper number if this is a libbpf helper pointer: a {@code static} function pointer initialized to an
     * integer cast to a pointer ({@code = (void *) 1}); -1 otherwise.
     */
    public long helperId() {
        if (constantValue == null || !constantValue.isAddress() || constantValue.base() != null) return -1;
        if (!type.isPointer() || !type.asPointer().pointee().isFunction()) return -1;
        return constantValue.offset();
    }
}
