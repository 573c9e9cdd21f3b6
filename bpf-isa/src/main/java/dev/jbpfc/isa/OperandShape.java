package dev.jbpfc.isa;

/**
 * Which fields of an 8-byte BPF instruction slot carry operands for one instruction form. The encoder fills the
 * rest from the form itself (opcode byte, and the "key" field: {@code off} for sdiv/smod/movsx, {@code imm} for
 * byte swaps and atomics); the assembler knows from the shape which operands a line must supply.
 */
public enum OperandShape {
    /** {@code dst op= src}. */
    ALU_REG,
    /** {@code dst op= imm}. */
    ALU_IMM,
    /** {@code dst = -dst}, byte swaps: only dst. */
    ALU_UNARY,
    /** {@code if dst op src goto off}. */
    JMP_REG,
    /** {@code if dst op imm goto off}. */
    JMP_IMM,
    /** {@code goto off} (16-bit pc-relative, in slots). */
    JA,
    /** {@code gotol imm} (32-bit pc-relative, in slots; JMP32 class). */
    JA_LONG,
    /** {@code call imm}; src selects helper (0), BPF function (1, pc-relative imm) or kfunc (2, BTF id). */
    CALL,
    /** {@code callx dst}: calls the BPF function whose address dst holds (clobbers r0..r5 as a call). */
    CALL_REG,
    /** {@code exit}: no operands. */
    EXIT,
    /** {@code dst = imm64 ll}: two slots; src selects a pseudo source (map fd, map value, ...). */
    LD_IMM64,
    /** {@code dst = *(size *)(src + off)}. */
    LOAD,
    /** {@code *(size *)(dst + off) = src}. */
    STORE_REG,
    /** {@code *(size *)(dst + off) = imm}. */
    STORE_IMM,
    /** Atomic read-modify-write at {@code dst + off} with register src (the operation is the imm key). */
    ATOMIC,
    /** Legacy packet load {@code r0 = *(size *)skb[imm]}. */
    LD_ABS,
    /** Legacy packet load {@code r0 = *(size *)skb[src]}. */
    LD_IND,
    /** {@code may_goto off}. */
    MAY_GOTO,
    /** {@code dst = addr_space_cast(src, to, from)}: imm holds the two address spaces. */
    ADDR_SPACE_CAST
}
