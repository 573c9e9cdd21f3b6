package dev.jbpfc.isa;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assembler reads back what the printer writes, in both number styles and both register views. */
class AssemblerRoundTripTest {
    @Test
    void everyFormParsesBackFromEveryStyle() {
        SampleInsns samples = new SampleInsns(99);
        for (int round = 0; round < 6; round++) {
            for (BpfOp op : BpfOp.values()) {
                BpfInsn insn = samples.of(op);
                for (BpfAsmSyntax style : new BpfAsmSyntax[] {BpfAsmSyntax.CLANG_S, BpfAsmSyntax.OBJDUMP,
                        BpfAsmSyntax.CLANG_S_V1, BpfAsmSyntax.OBJDUMP_V1}) {
                    String text = style.format(insn);
                    BpfInsn back = BpfAssembler.instruction(text).insn();
                    assertEquals(insn, back, op + " from '" + text + "'");
                }
            }
        }
    }

    @Test
    void labelsSymbolsAndSeparators() {
        List<BpfAssembler.Statement> s = BpfAssembler.parse(
                "r1 = my_map ll; call bpf_func\nl0_1: if w1 > 7 goto l0_1 // loop\n  call 1 # helper\nexit");
        assertEquals("my_map", s.get(0).symbol());
        assertEquals(BpfOp.LD_IMM64, s.get(0).insn().op);
        assertEquals("bpf_func", s.get(1).symbol());
        assertEquals(1, s.get(1).insn().src, "a call to a named function is a BPF-to-BPF call");
        assertEquals("l0_1", s.get(2).label());
        assertEquals("l0_1", s.get(3).jumpLabel());
        assertEquals(BpfOp.JGT32_IMM, s.get(3).insn().op);
        assertEquals(1, s.get(4).insn().imm);
        assertEquals(BpfOp.EXIT, s.get(5).insn().op);
    }

    @Test
    void unknownInstructionIsReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BpfAssembler.parse("r1 = frob r2"));
        assertTrue(e.getMessage().contains("r1 = frob r2"), e.getMessage());
    }
}
