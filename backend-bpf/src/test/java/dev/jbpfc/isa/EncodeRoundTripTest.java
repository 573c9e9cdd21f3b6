package dev.jbpfc.isa;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodeRoundTripTest {
    @Test
    void everyFormSurvivesEncodeThenDisassemble() {
        SampleInsns samples = new SampleInsns(20261126);
        for (int round = 0; round < 200; round++) {
            List<BpfInsn> program = new ArrayList<>();
            for (BpfOp op : BpfOp.values()) program.add(samples.of(op));
            byte[] bytes = BpfEncoder.encode(program);
            List<BpfInsn> back = BpfDisassembler.disassemble(bytes);
            assertEquals(program, back, "round " + round);
            assertArrayEquals(bytes, BpfEncoder.encode(back));
        }
    }

    @Test
    void knownEncodings() {
        assertEquals("79 21 08 00 00 00 00 00",
                hex(BpfInsn.of(BpfOp.LDX_DW, 1, 2, 8, 0)));
        assertEquals("18 01 00 00 f0 de bc 9a 00 00 00 00 78 56 34 12",
                hex(BpfInsn.ldImm64(1, 0x123456789abcdef0L)));
        assertEquals("3f 21 01 00 00 00 00 00", hex(BpfInsn.alu(BpfOp.SDIV64_REG, 1, 2)));
        assertEquals("bf 21 08 00 00 00 00 00", hex(BpfInsn.alu(BpfOp.MOVSX64_8, 1, 2)));
        assertEquals("d7 01 00 00 10 00 00 00", hex(BpfInsn.of(BpfOp.BSWAP16, 1, 0, 0, 0)));
        assertEquals("db 21 00 00 f1 00 00 00", hex(BpfInsn.of(BpfOp.ATOMIC_CMPXCHG_DW, 1, 2, 0, 0)));
        assertEquals("06 00 00 00 01 00 00 00", hex(BpfInsn.of(BpfOp.GOTOL, 0, 0, 0, 1)));
    }

    @Test
    void formsAreUniqueByOpcodeAndKey() {
        Set<String> seen = new HashSet<>();
        for (BpfOp op : BpfOp.values()) {
            assertTrue(seen.add(op.opcode + "/" + op.key + "/" + op.keyValue), "duplicate row " + op);
        }
    }

    @Test
    void unknownOpcodeIsRejected() {
        byte[] bad = {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0};
        assertThrows(IllegalArgumentException.class, () -> BpfDisassembler.disassemble(bad));
    }

    @Test
    void printsBothStyles() {
        BpfInsn load = BpfInsn.of(BpfOp.LDX_W, 1, 1, 4, 0);
        assertEquals("w1 = *(u32 *)(r1 + 0x4)", BpfAsmSyntax.OBJDUMP.format(load));
        assertEquals("r1 = *(u32 *)(r1 + 4)", BpfAsmSyntax.CLANG_S_V1.format(load));
        BpfInsn jump = BpfInsn.of(BpfOp.JGT_REG, 1, 2, 3, 0);
        assertEquals("if r1 > r2 goto +0x3", BpfAsmSyntax.OBJDUMP.format(jump));
        assertEquals("if r1 > r2 goto LBB0_2", BpfAsmSyntax.CLANG_S.format(jump.withSymbol("LBB0_2")));
        assertEquals("r1 = 0x0 ll", BpfAsmSyntax.OBJDUMP.format(BpfInsn.ldImm64(1, 0)));
        assertEquals("lock *(u64 *)(r1 + 0) += r2",
                BpfAsmSyntax.CLANG_S.format(BpfInsn.of(BpfOp.ATOMIC_ADD_DW, 1, 2, 0, 0)));
        assertEquals("w0 = 2", BpfAsmSyntax.CLANG_S.format(BpfInsn.aluImm(BpfOp.MOV32_IMM, 0, 2)));
        assertEquals("call 0x1", BpfAsmSyntax.OBJDUMP.format(BpfInsn.of(BpfOp.CALL, 0, 0, 0, 1)));
    }

    private static String hex(BpfInsn insn) {
        StringBuilder sb = new StringBuilder();
        for (byte b : BpfEncoder.encode(List.of(insn))) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }
}
