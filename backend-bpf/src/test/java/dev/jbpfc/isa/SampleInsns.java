package dev.jbpfc.isa;

import java.util.Random;

/** Seeded generator of valid instructions of a given form: every operand field within what the shape allows. */
final class SampleInsns {
    private final Random random;

    SampleInsns(long seed) { this.random = new Random(seed); }

    BpfInsn of(BpfOp op) {
        int dst = random.nextInt(10);
        int src = random.nextInt(11);
        int off = random.nextInt(65536) - 32768;
        int imm = random.nextBoolean() ? random.nextInt(2001) - 1000 : random.nextInt();
        switch (op.shape) {
            case ALU_REG: return BpfInsn.alu(op, dst, src);
            case ALU_IMM: return BpfInsn.aluImm(op, dst, imm);
            case ALU_UNARY: return BpfInsn.of(op, dst, 0, 0, 0);
            case JMP_REG: return BpfInsn.of(op, dst, src, off, 0);
            case JMP_IMM: return BpfInsn.of(op, dst, 0, off, imm);
            case JA: case MAY_GOTO: return BpfInsn.of(op, 0, 0, off, 0);
            // LLVM's assembler takes only 16-bit literals after gotol (labels may be further away).
            case JA_LONG: return BpfInsn.of(op, 0, 0, 0, off);
            case CALL: return BpfInsn.of(op, 0, 0, 0, imm);
            case CALL_REG: return BpfInsn.of(op, dst, 0, 0, 0);
            case EXIT: return BpfInsn.exit();
            case LD_IMM64: return BpfInsn.ldImm64(dst, random.nextLong());
            case LOAD: case STORE_REG: return BpfInsn.of(op, dst, src, off, 0);
            case STORE_IMM: return BpfInsn.of(op, dst, 0, off, imm);
            case ATOMIC: {
                boolean cmpxchg = op == BpfOp.ATOMIC_CMPXCHG_W || op == BpfOp.ATOMIC_CMPXCHG_DW;
                return BpfInsn.of(op, dst, cmpxchg ? 1 + random.nextInt(9) : src, off, 0);
            }
            case LD_ABS: return BpfInsn.of(op, 0, 0, 0, imm);
            case LD_IND: return BpfInsn.of(op, 0, src, 0, 0);
            case ADDR_SPACE_CAST: return BpfInsn.of(op, dst, src, 0, (random.nextInt(2) << 16) | random.nextInt(2));
            default: throw new IllegalStateException(op.toString());
        }
    }
}
