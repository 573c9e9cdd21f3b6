package dev.jbpfc.testsuite.interp;

import dev.jbpfc.isa.BpfEncoder;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.jbpfc.isa.BpfInsn.aluImm;
import static dev.jbpfc.isa.BpfInsn.alu;
import static dev.jbpfc.isa.BpfInsn.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ISA's corner cases, one program each: r1 and r2 are the inputs, the program leaves its result in r0. */
class InterpreterTest {
    private static long run(long r1, long r2, BpfInsn... body) {
        List<BpfInsn> p = new ArrayList<>(List.of(body));
        p.add(BpfInsn.exit());
        Interpreter in = new Interpreter(Code.of(BpfEncoder.encode(p)), new Memory(), Interpreter.Helpers.NONE);
        return in.run(0, new long[] {0, r1, r2});
    }

    private static BpfInsn mov0(int src) { return alu(BpfOp.MOV64_REG, 0, src); }

    @Test void divisionAndModuloByZero() {
        assertEquals(0, run(7, 0, alu(BpfOp.DIV64_REG, 1, 2), mov0(1)));
        assertEquals(7, run(7, 0, alu(BpfOp.MOD64_REG, 1, 2), mov0(1)));
        // 32-bit modulo by zero keeps the low half and zeroes the upper one
        assertEquals(0xffffffffL, run(-1, 0, alu(BpfOp.MOD32_REG, 1, 2), mov0(1)));
        assertEquals(0, run(-1, 0, alu(BpfOp.SDIV64_REG, 1, 2), mov0(1)));
        assertEquals(Long.MIN_VALUE, run(Long.MIN_VALUE, -1, alu(BpfOp.SDIV64_REG, 1, 2), mov0(1)));
        assertEquals(0, run(Long.MIN_VALUE, -1, alu(BpfOp.SMOD64_REG, 1, 2), mov0(1)));
        assertEquals(-1, run(-7, 3, alu(BpfOp.SMOD64_REG, 1, 2), mov0(1)));
        assertEquals(Long.divideUnsigned(-7, 3), run(-7, 3, alu(BpfOp.DIV64_REG, 1, 2), mov0(1)));
    }

    @Test void shiftsAreMaskedAndAlu32ZeroExtends() {
        assertEquals(2, run(1, 65, alu(BpfOp.LSH64_REG, 1, 2), mov0(1)));
        assertEquals(2, run(1, 33, alu(BpfOp.LSH32_REG, 1, 2), mov0(1)));
        assertEquals(0xffffffffL, run(0, 0, aluImm(BpfOp.MOV32_IMM, 1, -1), mov0(1)));
        assertEquals(-1, run(0, 0, aluImm(BpfOp.MOV64_IMM, 1, -1), mov0(1)));
        assertEquals(0xfffffff0L, run(-256, 4, alu(BpfOp.ARSH32_REG, 1, 2), mov0(1)));
        assertEquals(0, run(0xffffffffL, 1, alu(BpfOp.ADD32_REG, 1, 2), mov0(1)));
        assertEquals(0x100000000L, run(0xffffffffL, 1, alu(BpfOp.ADD64_REG, 1, 2), mov0(1)));
    }

    @Test void movsxAndByteSwaps() {
        assertEquals(-128, run(0x180, 0, of(BpfOp.MOVSX64_8, 0, 1, 0, 0)));
        assertEquals(0xffff8000L, run(0x18000, 0, of(BpfOp.MOVSX32_16, 0, 1, 0, 0)));
        assertEquals(0x3412, run(0xabcd1234L, 0, aluImm(BpfOp.BE16, 1, 16), mov0(1)));
        assertEquals(0x1234, run(0xabcd1234L, 0, aluImm(BpfOp.LE16, 1, 16), mov0(1)));
        assertEquals(0x0807060504030201L, run(0x0102030405060708L, 0, aluImm(BpfOp.BSWAP64, 1, 64), mov0(1)));
    }

    @Test void jmp32ComparesLowHalves() {
        // if w1 s< 0 goto +1; r0 = 1; exit  -> r1 = 0x1_8000_0000 has a negative low half
        assertEquals(0, run(0x180000000L, 0, aluImm(BpfOp.MOV64_IMM, 0, 0), of(BpfOp.JSLT32_IMM, 1, 0, 1, 0),
                aluImm(BpfOp.MOV64_IMM, 0, 1)));
        assertEquals(1, run(0x180000000L, 0, aluImm(BpfOp.MOV64_IMM, 0, 0), of(BpfOp.JSLT_IMM, 1, 0, 1, 0),
                aluImm(BpfOp.MOV64_IMM, 0, 1)));
        // unsigned 64-bit compare with a sign-extended immediate: 5 < 0xffff_ffff_ffff_ffff
        assertEquals(0, run(5, 0, aluImm(BpfOp.MOV64_IMM, 0, 0), of(BpfOp.JLT_IMM, 1, 0, 1, -1),
                aluImm(BpfOp.MOV64_IMM, 0, 1)));
    }

    @Test void stackAtomicsAndCmpxchg() {
        // *(u64 *)(r10 - 8) = r1; r2 = atomic_fetch_add(r10 - 8, r2); r0 = cmpxchg(r10-8, r0, r1); r0 += *(r10-8)
        long v = run(10, 5,
                of(BpfOp.STX_DW, 10, 1, -8, 0),
                of(BpfOp.ATOMIC_FETCH_ADD_DW, 10, 2, -8, 0),   // mem = 15, r2 = 10
                alu(BpfOp.MOV64_REG, 0, 2),                    // r0 = 10: differs from 15, no exchange
                of(BpfOp.ATOMIC_CMPXCHG_DW, 10, 1, -8, 0),    // r0 = 15
                of(BpfOp.LDX_DW, 3, 10, -8, 0),
                alu(BpfOp.ADD64_REG, 0, 3));                   // 15 + 15
        assertEquals(30, v);
        long w = run(0x1_0000_0007L, 3,
                of(BpfOp.STX_W, 10, 1, -4, 0),
                of(BpfOp.ATOMIC_XCHG_W, 10, 2, -4, 0),         // r2 = 7 (zero-extended), mem = 3
                of(BpfOp.LDX_W, 0, 10, -4, 0),
                alu(BpfOp.MUL64_REG, 0, 2));
        assertEquals(21, w);
    }

    @Test void outOfBoundsIsAnErrorAndBackEdgesAreCounted() {
        InterpException e = assertThrows(InterpException.class, () -> run(0, 0, of(BpfOp.LDX_DW, 0, 10, 0, 0)));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertThrows(InterpException.class, () -> run(0, 0, of(BpfOp.LDX_DW, 0, 10, -520, 0)));
        // r0 = 0; r0 += 1; if r0 < 10 goto -2; exit
        List<BpfInsn> loop = List.of(aluImm(BpfOp.MOV64_IMM, 0, 0), aluImm(BpfOp.ADD64_IMM, 0, 1),
                of(BpfOp.JLT_IMM, 0, 0, -2, 10), BpfInsn.exit());
        Interpreter in = new Interpreter(Code.of(BpfEncoder.encode(loop)), new Memory(), Interpreter.Helpers.NONE);
        assertEquals(10, in.run(0, new long[10]));
        assertEquals(9, in.backEdgesTaken(2));
        Interpreter spin = new Interpreter(Code.of(BpfEncoder.encode(List.of(of(BpfOp.JA, 0, 0, -1, 0)))), new Memory(),
                Interpreter.Helpers.NONE).budget(1000);
        assertThrows(InterpException.BudgetExhausted.class, () -> spin.run(0, new long[10]));
    }

    @Test void bpfToBpfCallsKeepCalleeSavedRegisters() {
        // 0: r6 = 5; 1: call +2; 2: r0 += r6; 3: exit; 4: r6 = 100; 5: r0 = 1; 6: exit
        List<BpfInsn> p = List.of(aluImm(BpfOp.MOV64_IMM, 6, 5), of(BpfOp.CALL, 0, 1, 0, 2), alu(BpfOp.ADD64_REG, 0, 6),
                BpfInsn.exit(), aluImm(BpfOp.MOV64_IMM, 6, 100), aluImm(BpfOp.MOV64_IMM, 0, 1), BpfInsn.exit());
        Interpreter in = new Interpreter(Code.of(BpfEncoder.encode(p)), new Memory(), Interpreter.Helpers.NONE);
        assertEquals(6, in.run(0, new long[10]));
    }
}
