package dev.jbpfc.isa;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Instructions to bytes. Each slot is 8 bytes, little-endian: opcode, then dst in the low nibble and src in the
 * high nibble of byte 1, then the signed 16-bit {@code off}, then the signed 32-bit {@code imm}.
 * {@code r1 = *(u64 *)(r2 + 8)} is {@code 79 21 08 00 00 00 00 00}; ld_imm64 takes a second slot whose
 * {@code imm} is the upper half of the constant ({@code r1 = 0x123456789abcdef0 ll} is
 * {@code 18 01 00 00 f0 de bc 9a 00 00 00 00 78 56 34 12}).
 */
public final class BpfEncoder {
    private BpfEncoder() {}

    public static byte[] encode(List<BpfInsn> insns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(insns.size() * 8);
        for (BpfInsn insn : insns) encode(insn, out);
        return out.toByteArray();
    }

    public static void encode(BpfInsn insn, ByteArrayOutputStream out) {
        BpfOp op = insn.op;
        int off = op.key == BpfOp.Key.OFF ? op.keyValue : insn.off;
        int imm = op.key == BpfOp.Key.IMM ? op.keyValue : insn.imm;
        writeSlot(out, op.opcode, insn.dst, insn.src, off, imm);
        if (op == BpfOp.LD_IMM64) writeSlot(out, 0, 0, 0, 0, (int) (insn.imm64 >>> 32));
    }

    private static void writeSlot(ByteArrayOutputStream out, int opcode, int dst, int src, int off, int imm) {
        out.write(opcode);
        out.write((src << 4) | dst);
        out.write(off & 0xff);
        out.write((off >> 8) & 0xff);
        out.write(imm & 0xff);
        out.write((imm >> 8) & 0xff);
        out.write((imm >> 16) & 0xff);
        out.write((imm >>> 24) & 0xff);
    }
}
