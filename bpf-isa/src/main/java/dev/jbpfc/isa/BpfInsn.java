package dev.jbpfc.isa;

import java.util.Objects;

/**
 * One machine instruction with physical registers: a row of {@link BpfOp} plus its operand fields. The key field
 * of the form (sdiv's {@code off = 1}, bswap's {@code imm = 16}, an atomic's operation) is implied by the op and
 * filled in by the encoder, so {@code off}/{@code imm} here hold only real operands.
 *
 * <p>{@code symbol} is the symbolic operand printed by {@code -S} instead of a number: a label for a jump
 * ("LBB0_2"), a function for a BPF-to-BPF call, a global or map for {@code ld_imm64}. It does not change the
 * encoding (relocations are recorded separately, by the ELF stage).
 */
public final class BpfInsn {
    public final BpfOp op;
    public final int dst;
    public final int src;
    public final short off;
    public final int imm;
    /** The 64-bit immediate of ld_imm64 (imm holds its low half, too). */
    public final long imm64;
    public final String symbol;

    public BpfInsn(BpfOp op, int dst, int src, int off, int imm, long imm64, String symbol) {
        this.op = Objects.requireNonNull(op);
        if (dst < 0 || dst > 15 || src < 0 || src > 15) throw new IllegalArgumentException("register out of range");
        if (off < Short.MIN_VALUE || off > Short.MAX_VALUE) throw new IllegalArgumentException("off out of range: " + off);
        this.dst = dst;
        this.src = src;
        this.off = (short) off;
        this.imm = op == BpfOp.LD_IMM64 ? (int) imm64 : imm;
        this.imm64 = op == BpfOp.LD_IMM64 ? imm64 : imm;
        this.symbol = symbol;
    }

    public static BpfInsn of(BpfOp op, int dst, int src, int off, int imm) {
        return new BpfInsn(op, dst, src, off, imm, imm, null);
    }

    public static BpfInsn alu(BpfOp op, int dst, int src) { return of(op, dst, src, 0, 0); }

    public static BpfInsn aluImm(BpfOp op, int dst, int imm) { return of(op, dst, 0, 0, imm); }

    public static BpfInsn ldImm64(int dst, long value) {
        return new BpfInsn(BpfOp.LD_IMM64, dst, 0, 0, 0, value, null);
    }

    public static BpfInsn exit() { return of(BpfOp.EXIT, 0, 0, 0, 0); }

    public BpfInsn withSymbol(String newSymbol) {
        return new BpfInsn(op, dst, src, off, imm, imm64, newSymbol);
    }

    public BpfInsn withOff(int newOff) { return new BpfInsn(op, dst, src, newOff, imm, imm64, symbol); }

    public BpfInsn withImm(int newImm) {
        return new BpfInsn(op, dst, src, off, newImm, op == BpfOp.LD_IMM64 ? newImm : newImm, symbol);
    }

    public int slots() { return op.slots(); }

    @Override public boolean equals(Object o) {
        if (!(o instanceof BpfInsn)) return false;
        BpfInsn other = (BpfInsn) o;
        return op == other.op && dst == other.dst && src == other.src && off == other.off && imm == other.imm
                && imm64 == other.imm64;
    }

    @Override public int hashCode() { return Objects.hash(op, dst, src, off, imm, imm64); }

    @Override public String toString() { return BpfAsmSyntax.OBJDUMP.format(this); }
}
