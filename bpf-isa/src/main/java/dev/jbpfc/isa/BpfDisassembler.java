package dev.jbpfc.isa;

import java.util.ArrayList;
import java.util.List;

/**
 * Bytes to instructions (tests read objects back with it; the inverse of {@link BpfEncoder}). An unknown opcode
 * or key is an {@link IllegalArgumentException} naming the slot.
 */
public final class BpfDisassembler {
    private BpfDisassembler() {}

    public static List<BpfInsn> disassemble(byte[] code) { return disassemble(code, 0, code.length); }

    public static List<BpfInsn> disassemble(byte[] code, int start, int length) {
        if (length % 8 != 0) throw new IllegalArgumentException("code size " + length + " is not a multiple of 8");
        List<BpfInsn> insns = new ArrayList<>();
        int end = start + length;
        for (int p = start; p < end; p += 8) {
            int opcode = code[p] & 0xff;
            int dst = code[p + 1] & 0x0f;
            int src = (code[p + 1] >> 4) & 0x0f;
            int off = (short) ((code[p + 2] & 0xff) | (code[p + 3] << 8));
            int imm = readInt(code, p + 4);
            BpfOp op = BpfOp.decode(opcode, off, imm);
            if (op == null) {
                throw new IllegalArgumentException(String.format("unknown instruction at slot %d: opcode 0x%02x off %d imm %d",
                        (p - start) / 8, opcode, off, imm));
            }
            if (op == BpfOp.LD_IMM64) {
                if (p + 16 > end) throw new IllegalArgumentException("ld_imm64 at the end of the code lacks its second slot");
                long hi = readInt(code, p + 12);
                long value = (hi << 32) | (imm & 0xffffffffL);
                insns.add(new BpfInsn(op, dst, src, off, imm, value, null));
                p += 8;
                continue;
            }
            insns.add(new BpfInsn(op, dst, src, op.key == BpfOp.Key.OFF ? 0 : off,
                    op.key == BpfOp.Key.IMM ? 0 : imm, 0, null));
        }
        return insns;
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }
}
