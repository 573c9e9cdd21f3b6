package dev.jbpfc.ir;

/** Function attributes the passes and the backend honour. */
public enum FnAttr {
    /** Inlined at every call; the inliner refuses nothing but recursion. */
    ALWAYS_INLINE("always_inline"),
    /** Never inlined. */
    NOINLINE("noinline"),
    /** No prologue/epilogue: the body is inline asm only (the selftests' {@code __naked} functions). */
    NAKED("naked"),
    /** Kept even when nothing in the IR refers to it ({@code __attribute__((used))}: asm text may call it). */
    USED("used"),
    /**
     * {@code visibility("hidden")}: the ELF symbol gets STV_HIDDEN, and libbpf then marks a global subprogram's
     * BTF FUNC static, so the verifier checks it per call site instead of once on its own.
     */
    HIDDEN("hidden"),
    /**
     * A loop's body outlined by the compiler into a {@code bpf_loop} callback: the verifier counts the frame of the
     * function that passes it to bpf_loop plus its own against the 512-byte stack limit, and the backend checks
     * that sum, since the compiler made the second frame.
     */
    LOOP_CALLBACK("bpf_loop_callback"),
    /**
     * An inline definition (C99 {@code inline}, GNU {@code extern inline}): the body is there to be inlined and is
     * never emitted; the function itself is defined in another object, so calls the inliner leaves go there.
     */
    AVAILABLE_EXTERNALLY("available_externally");

    public final String spelling;

    FnAttr(String spelling) { this.spelling = spelling; }

    public static FnAttr parse(String s) {
        for (FnAttr a : values()) if (a.spelling.equals(s)) return a;
        return null;
    }
}
