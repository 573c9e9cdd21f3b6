package dev.jbpfc.loophints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import org.junit.jupiter.api.Test;

/** Every row of the ISA table, with dst r3 and src r4: which registers it may write. */
class RegisterWritesTest {
    private static final int DST = 1 << 3, SRC = 1 << 4, R0 = 1, CALLS = 0x3f;

    @Test
    void everyInstructionForm() {
        for (BpfOp op : BpfOp.values()) {
            BpfInsn insn = op == BpfOp.LD_IMM64 ? new BpfInsn(op, 3, 0, 0, 0, 1, null) : BpfInsn.of(op, 3, 4, 0, 0);
            assertEquals(expected(op), RegisterWrites.of(insn), op.name());
        }
    }

    private static int expected(BpfOp op) {
        String n = op.name();
        if (n.startsWith("LOAD_ACQ")) return DST;
        if (n.startsWith("STORE_REL")) return 0;
        if (n.startsWith("ATOMIC_CMPXCHG")) return R0;
        if (n.startsWith("ATOMIC_FETCH") || n.startsWith("ATOMIC_XCHG")) return SRC;
        if (n.startsWith("ATOMIC_")) return 0;
        if (n.startsWith("LD_ABS") || n.startsWith("LD_IND") || op == BpfOp.CALL || op == BpfOp.CALLX) return CALLS;
        if (n.startsWith("LDX") || op == BpfOp.LD_IMM64) return DST;
        if (n.startsWith("ST") || op == BpfOp.EXIT || op == BpfOp.MAY_GOTO || op == BpfOp.GOTOL || n.startsWith("J")) return 0;
        return DST; // ALU64 and ALU32: arithmetic, moves, movsx, neg, byte swaps, addr_space_cast
    }
}
