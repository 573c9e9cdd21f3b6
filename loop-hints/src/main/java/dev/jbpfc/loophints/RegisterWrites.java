package dev.jbpfc.loophints;

import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;

/**
 * Which registers an instruction may change, as a bit mask (bit N = rN). This is the one place the checker knows
 * it; a template asks it for every instruction of a loop body. Being conservative is sound (a clobber counts as a
 * write); forgetting a way to write a register is not, so the switch below has no default: a new operand shape in
 * the ISA table does not compile until it is classified here.
 *
 * <pre>
 *   w6 += 1                               r6       ALU, mov, neg, byte swaps, movsx, addr_space_cast: dst
 *   r6 = *(u32 *)(r1 + 0)                 r6       ldx (and load-acquire): dst
 *   r6 = 0x100000000 ll                   r6       ld_imm64: dst
 *   r0 = *(u8 *)skb[r7]                   r0-r5    legacy packet loads: r0, and r1-r5 are scratch after them
 *   call 1                                r0-r5    any call (helper, BPF-to-BPF, kfunc): r0 result, r1-r5 clobbered
 *   r6 = atomic_fetch_add((u64 *)(r1 + 0), r6)   r6   atomics with fetch and xchg: their src
 *   r0 = cmpxchg_64(r1 + 0, r0, r6)       r0       cmpxchg: r0
 *   lock *(u64 *)(r1 + 0) += r6           -        atomics without fetch, stores, jumps, exit: nothing
 * </pre>
 */
public final class RegisterWrites {
    /** r0..r5: a call's result and its argument registers, which no call preserves. */
    public static final int CALLER_SAVED = 0x3f;

    private RegisterWrites() {}

    /** The registers {@code insn} may write. */
    public static int of(BpfInsn insn) {
        BpfOp op = insn.op;
        return switch (op.shape) {
            case ALU_REG, ALU_IMM, ALU_UNARY, ADDR_SPACE_CAST, LOAD, LD_IMM64 -> bit(insn.dst);
            case LD_ABS, LD_IND, CALL, CALL_REG -> CALLER_SAVED;
            case ATOMIC -> atomic(insn);
            case STORE_REG, STORE_IMM, JMP_REG, JMP_IMM, JA, JA_LONG, EXIT, MAY_GOTO -> 0;
        };
    }

    /** Whether {@code insn} may write register {@code reg}. */
    public static boolean writes(BpfInsn insn, int reg) { return (of(insn) & bit(reg)) != 0; }

    private static int atomic(BpfInsn insn) {
        int operation = insn.op.keyValue;
        if (operation == 0x100) return bit(insn.dst);   // load-acquire: dst = *(src + off)
        if (operation == 0x110) return 0;               // store-release: a store
        if (operation == 0xf1) return bit(0);           // cmpxchg: the old value lands in r0
        if ((operation & 0x01) != 0) return bit(insn.src); // FETCH forms and xchg: the old value lands in src
        return 0;                                        // add/or/and/xor without fetch
    }

    private static int bit(int reg) { return 1 << reg; }
}
