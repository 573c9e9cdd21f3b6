package dev.jbpfc.backend.mir;

import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.OperandShape;
import dev.jbpfc.ir.DebugLoc;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A machine instruction before register allocation: a {@link BpfOp} whose register fields may hold virtual
 * registers, whose jump target is a block (not yet a distance), and which may name a symbol to relocate against.
 * {@link #defs()} and {@link #uses()} read the operand shape from the instruction table, so the allocator needs no
 * per-opcode knowledge beyond calls and the atomics that write their source register.
 */
public final class MInsn {
    public BpfOp op;
    public int dst;
    public int src;
    public int off;
    public int imm;
    public long imm64;
    /** Jump target (conditional jumps, goto). */
    public MBlock target;
    /** Symbol of a call or ld_imm64, or null. */
    public SymbolRef symbol;
    /** For calls: how many of r1..r5 carry arguments. */
    public int argCount;
    public CoreRelocation core;
    public DebugLoc loc;
    /** Spill code made by the allocator: never spilled again. */
    public boolean spillCode;
    /**
     * Written by the user in inline asm: emitted as written, so layout neither drops nor inverts nor retargets it
     * (a {@code goto} to the next instruction, or one no path reaches, stays, as clang-22 keeps them).
     */
    public boolean fromAsm;

    public MInsn(BpfOp op, int dst, int src, int off, int imm) {
        this.op = op;
        this.dst = dst;
        this.src = src;
        this.off = off;
        this.imm = imm;
        this.imm64 = imm;
    }

    public static MInsn mov(int dst, int src) { return new MInsn(BpfOp.MOV64_REG, dst, src, 0, 0); }

    public boolean isCopy() { return op == BpfOp.MOV64_REG; }

    /** A call (by number, symbol or, for callx, register): it reads r1..r{argCount} and clobbers r0..r5. */
    public boolean isCall() { return op == BpfOp.CALL || op == BpfOp.CALLX; }

    public boolean isTerminatorJump() { return op == BpfOp.JA || op == BpfOp.EXIT || op == BpfOp.GOTOL; }

    /** Sign-extending moves: they write dst without reading it. Sets, not name tests: these run per operand query. */
    private static final EnumSet<BpfOp> SIGN_EXTENDING_MOVES = EnumSet.noneOf(BpfOp.class);
    /** Load-acquire atomics: they write dst (the loaded value) and read only src. */
    private static final EnumSet<BpfOp> LOAD_ACQUIRES = EnumSet.noneOf(BpfOp.class);
    static {
        for (BpfOp o : BpfOp.values()) {
            if (o.name().startsWith("MOVSX")) SIGN_EXTENDING_MOVES.add(o);
            if (o.name().startsWith("LOAD_ACQ")) LOAD_ACQUIRES.add(o);
        }
    }

    private boolean readsDst() {
        switch (op.shape) {
            case ALU_REG:
                return !(op == BpfOp.MOV64_REG || op == BpfOp.MOV32_REG || SIGN_EXTENDING_MOVES.contains(op));
            case ALU_IMM:
                return !(op == BpfOp.MOV64_IMM || op == BpfOp.MOV32_IMM);
            case ALU_UNARY: case JMP_REG: case JMP_IMM: case STORE_REG: case STORE_IMM: case CALL_REG:
                return true;
            case ATOMIC:
                return !LOAD_ACQUIRES.contains(op);
            default:
                return false;
        }
    }

    private boolean writesDst() {
        switch (op.shape) {
            case ALU_REG: case ALU_IMM: case ALU_UNARY: case LD_IMM64: case LOAD: case ADDR_SPACE_CAST:
                return true;
            case ATOMIC:
                return LOAD_ACQUIRES.contains(op);
            default:
                return false;
        }
    }

    private boolean readsSrc() {
        switch (op.shape) {
            case ALU_REG: case JMP_REG: case LOAD: case STORE_REG: case ATOMIC: case LD_IND: case ADDR_SPACE_CAST:
                return true;
            default:
                return false;
        }
    }

    private boolean isCmpxchg() { return op == BpfOp.ATOMIC_CMPXCHG_W || op == BpfOp.ATOMIC_CMPXCHG_DW; }

    private boolean writesSrc() {
        if (op.shape != OperandShape.ATOMIC || isCmpxchg()) return false;
        return (op.keyValue & 0x01) != 0 && op.keyValue < 0x100; // BPF_FETCH, xchg
    }

    /** Registers this instruction reads (physical and virtual; r10 included). */
    public List<Integer> uses() {
        List<Integer> out = new ArrayList<>(3);
        if (readsDst()) out.add(dst);
        if (readsSrc()) out.add(src);
        if (isCall()) for (int r = 1; r <= argCount; r++) out.add(r);
        if (op == BpfOp.EXIT) out.add(Reg.R0);
        if (isCmpxchg()) out.add(Reg.R0);
        return out;
    }

    /** Registers this instruction writes; calls write (clobber) r0..r5. */
    public List<Integer> defs() {
        List<Integer> out = new ArrayList<>(2);
        if (writesDst()) out.add(dst);
        if (writesSrc()) out.add(src);
        if (isCall()) for (int r = 0; r <= 5; r++) out.add(r);
        if (isCmpxchg()) out.add(Reg.R0);
        return out;
    }

    /** Rewrites register operands through {@code map} (applied to dst and src fields). */
    public void rename(java.util.function.IntUnaryOperator map) {
        dst = map.applyAsInt(dst);
        src = map.applyAsInt(src);
    }

    /** The final instruction, once registers are physical and jumps resolved. */
    public BpfInsn toBpf(int offOverride, int immOverride) {
        return new BpfInsn(op, dst, src, offOverride, immOverride, op == BpfOp.LD_IMM64 ? imm64 : immOverride, null);
    }

    @Override public String toString() {
        String text = op + " " + Reg.name(dst) + ", " + Reg.name(src) + " off=" + off + " imm=" + (op == BpfOp.LD_IMM64 ? imm64 : imm);
        if (target != null) text += " -> " + target.label;
        if (symbol != null) text += " @" + symbol.name();
        return text;
    }
}
