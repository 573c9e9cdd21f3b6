package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;

/**
 * Asm "i" operands that C does not call constants but clang folds: bpf_misc.h's
 * {@code __imm_insn(name, BPF_RAW_INSN(...))} is {@code "i"(*(long *)&(struct bpf_insn){...})}, an instruction
 * read as the 64-bit number a {@code ".8byte %[name]"} statement wants:
 * <pre>
 *   *(long *)&amp;((struct bpf_insn){ .code = 0xe5, .off = 1 })   ->   0x00000000000100e5
 * </pre>
 * Sema evaluates the literal's elements; lowering lays out its bytes.
 */
public final class AsmImmediates {
    private AsmImmediates() {}

    /**
     * The compound literal of {@code *(long *)&(struct bpf_insn){...}} (bpf_misc.h's __imm_insn: an instruction
     * as the 64-bit number ".8byte" wants), or null. Its elements are evaluated so lowering can lay out its bytes.
     */
    public static Expr.CompoundLiteral punnedCompoundLiteral(Expr e) {
        if (!(e instanceof Expr.Unary deref) || deref.op != Expr.UnaryOp.DEREF) return null;
        Expr inner = deref.operand;
        while (inner instanceof Expr.Cast c) inner = c.operand;
        if (!(inner instanceof Expr.Unary addr) || addr.op != Expr.UnaryOp.ADDRESS_OF) return null;
        return addr.operand instanceof Expr.CompoundLiteral cl ? cl : null;
    }

}
