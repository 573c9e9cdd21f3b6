package dev.jbpfc.ir;

/**
 * Every IR operation, with the facts the passes need about it. The meaning of each is in docs/ir.md; the
 * operand shapes are checked by {@link IrVerifier} and folded by {@link Fold}.
 */
public enum Opcode {
    // integer arithmetic on i32/i64; wrapping; udiv/sdiv/urem/srem by zero are left to the target (BPF: x/0 = 0,
    // x%0 = x) and never folded; shift amounts >= width are left unfolded too (C leaves them undefined).
    ADD("add", Kind.BINARY), SUB("sub", Kind.BINARY), MUL("mul", Kind.BINARY),
    UDIV("udiv", Kind.BINARY), SDIV("sdiv", Kind.BINARY), UREM("urem", Kind.BINARY), SREM("srem", Kind.BINARY),
    AND("and", Kind.BINARY), OR("or", Kind.BINARY), XOR("xor", Kind.BINARY),
    SHL("shl", Kind.BINARY), LSHR("lshr", Kind.BINARY), ASHR("ashr", Kind.BINARY),
    CMP("cmp", Kind.PURE),
    ZEXT("zext", Kind.CAST), SEXT("sext", Kind.CAST), TRUNC("trunc", Kind.CAST),
    PTRTOINT("ptrtoint", Kind.CAST), INTTOPTR("inttoptr", Kind.CAST),
    PTRADD("ptradd", Kind.PURE),
    /**
     * A pointer converted between address spaces (BPF arena pointers, address_space(1), and generic ones): one
     * {@code addr_space_cast} instruction. Pure: the same pointer gives the same result.
     */
    ADDRSPACECAST("addrspacecast", Kind.PURE),
    SELECT("select", Kind.PURE),
    PHI("phi", Kind.PHI),
    /** Address of a global, a function or an extern: one ld_imm64 with a relocation. */
    ADDR("addr", Kind.PURE),
    ALLOCA("alloca", Kind.MEMORY),
    LOAD("load", Kind.MEMORY),
    STORE("store", Kind.EFFECT),
    ATOMICRMW("atomicrmw", Kind.EFFECT),
    CMPXCHG("cmpxchg", Kind.EFFECT),
    MEMCPY("memcpy", Kind.EFFECT),
    MEMSET("memset", Kind.EFFECT),
    CALL("call", Kind.EFFECT),
    CALLHELPER("callhelper", Kind.EFFECT),
    CALLKFUNC("callkfunc", Kind.EFFECT),
    /**
     * A call through a pointer (operand 0; the arguments follow). Devirtualization turns it into call, callkfunc
     * or callhelper when the pointer is known; what is left becomes {@code callx}, which the kernel refuses.
     */
    CALLIND("callind", Kind.EFFECT),
    INLINE_ASM("inline_asm", Kind.EFFECT),
    /** A CO-RE relocated constant: never folded, never merged with another. */
    CORE_FIELD("core_field", Kind.RELOCATED),
    BR("br", Kind.TERMINATOR), CONDBR("condbr", Kind.TERMINATOR), SWITCH("switch", Kind.TERMINATOR),
    RET("ret", Kind.TERMINATOR), UNREACHABLE("unreachable", Kind.TERMINATOR);

    /** What kind of operation this is, which decides what a pass may do with it. */
    public enum Kind {
        /** Pure two-operand integer arithmetic. */
        BINARY,
        /** Pure conversion of one operand. */
        CAST,
        /** Other pure operations (no memory, no side effect). */
        PURE,
        PHI,
        /** Reads memory or names a stack slot: removable when unused, never merged (alloca is unique). */
        MEMORY,
        /** Has an effect: never removed, moved or merged. */
        EFFECT,
        /** A constant the loader patches: removable when unused, but never folded or merged. */
        RELOCATED,
        TERMINATOR
    }

    public final String spelling;
    public final Kind kind;

    Opcode(String spelling, Kind kind) {
        this.spelling = spelling;
        this.kind = kind;
    }

    public boolean isTerminator() { return kind == Kind.TERMINATOR; }

    public boolean isBinary() { return kind == Kind.BINARY; }

    public boolean isCast() { return kind == Kind.CAST; }

    public boolean isCall() {
        return this == CALL || this == CALLHELPER || this == CALLKFUNC || this == CALLIND || this == INLINE_ASM;
    }

    /** The result depends only on the operands (CSE and constant folding may apply). */
    public boolean isPure() { return kind == Kind.BINARY || kind == Kind.CAST || kind == Kind.PURE; }

    /** Removing the instruction when its result is unused changes nothing observable. */
    public boolean isRemovableIfUnused() {
        return kind != Kind.EFFECT && kind != Kind.TERMINATOR;
    }

    public boolean isCommutative() {
        return this == ADD || this == MUL || this == AND || this == OR || this == XOR;
    }

    public static Opcode parse(String s) {
        for (Opcode o : values()) if (o.spelling.equals(s)) return o;
        return null;
    }
}
