package dev.jbpfc.loophints;

import dev.jbpfc.isa.BpfAsmSyntax;
import dev.jbpfc.isa.BpfDisassembler;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.OperandShape;
import java.util.ArrayList;
import java.util.List;

/**
 * One function's code decoded into a slot-indexed array, with its control flow: every template reads the code
 * through this class. Slot {@code i} is the instruction at byte {@code 8 * i}; an {@code ld_imm64} occupies slots
 * {@code i} and {@code i + 1}, and slot {@code i + 1} is marked as its second half (no instruction there).
 *
 * <pre>
 *   slot 0   w6 = 0
 *   slot 1   r1 = 0x100000000 ll        ld_imm64: slots 1 and 2
 *   slot 2   (second half)              insn(2) == null, isSecondHalf(2)
 *   slot 3   w6 += 1
 *   slot 4   if w6 < 10 goto -4         jumpTarget(4) == 1 (4 + 1 - 4): a back edge
 *   slot 5   exit                       jumpTarget(5) == NO_TARGET
 * </pre>
 * A jump's target is {@code slot + 1 + off} ({@code + imm} for {@code gotol}); {@code may_goto} is a conditional
 * jump. A BPF-to-BPF call ({@code call} with src 1) whose target lies inside this function counts as an entry into
 * its target slot (the kernel would make that slot a function of its own). Decoding fails, with the slot, on
 * anything the kernel would refuse to load at the instruction level: an unknown opcode or key, a length that is
 * not a multiple of 8, an {@code ld_imm64} without a clean second slot, a register beyond r10, a jump outside the
 * function or into the middle of an {@code ld_imm64}.
 */
public final class CodeView {
    /** {@link #jumpTarget} of an instruction that is not a jump. */
    public static final int NO_TARGET = Integer.MIN_VALUE;

    private final BpfInsn[] insns;
    private final int[] target;
    /** Prefix counts of instructions: instructionsBefore[i] = instructions in slots [0, i). */
    private final int[] instructionsBefore;
    /** For each slot, the slots of the jumps (and in-function calls) that land there. */
    private final int[][] entries;

    private CodeView(BpfInsn[] insns, int[] target, int[][] entries) {
        this.insns = insns;
        this.target = target;
        this.entries = entries;
        this.instructionsBefore = new int[insns.length + 1];
        for (int i = 0; i < insns.length; i++) instructionsBefore[i + 1] = instructionsBefore[i] + (insns[i] != null ? 1 : 0);
    }

    /** Decodes a function's bytes; every problem is a {@link MalformedCodeException} naming the slot. */
    public static CodeView decode(byte[] code) throws MalformedCodeException {
        if (code == null) throw new MalformedCodeException("the function has no code", -1);
        if (code.length % 8 != 0) {
            throw new MalformedCodeException("code size " + code.length + " is not a multiple of 8", code.length / 8);
        }
        int n = code.length / 8;
        BpfInsn[] insns = new BpfInsn[n];
        for (int i = 0; i < n; i++) {
            int p = 8 * i;
            int opcode = code[p] & 0xff;
            int off = (short) ((code[p + 2] & 0xff) | (code[p + 3] << 8));
            int imm = readInt(code, p + 4);
            BpfOp op = BpfOp.decode(opcode, off, imm);
            if (op == null) {
                throw new MalformedCodeException(String.format("unknown instruction: opcode 0x%02x off %d imm %d", opcode, off, imm), i);
            }
            if (op == BpfOp.LD_IMM64) {
                if (i + 1 >= n) throw new MalformedCodeException("ld_imm64 lacks its second slot", i);
                int q = p + 8;
                if (code[q] != 0 || code[q + 1] != 0 || code[q + 2] != 0 || code[q + 3] != 0) {
                    throw new MalformedCodeException("the second slot of ld_imm64 must hold only the upper half of the constant", i + 1);
                }
            }
            BpfInsn insn = BpfDisassembler.disassemble(code, p, 8 * op.slots()).get(0);
            if (insn.dst > 10 || insn.src > 10 && op != BpfOp.LD_IMM64 && op != BpfOp.CALL) {
                throw new MalformedCodeException("register beyond r10", i);
            }
            insns[i] = insn;
            if (op == BpfOp.LD_IMM64) i++;
        }
        int[] target = new int[n];
        int[] incoming = new int[n];
        for (int i = 0; i < n; i++) {
            target[i] = NO_TARGET;
            BpfInsn insn = insns[i];
            if (insn == null) continue;
            long t;
            if (insn.op.hasJumpOffset()) t = (long) i + 1 + insn.off;
            else if (insn.op.shape == OperandShape.JA_LONG) t = (long) i + 1 + insn.imm;
            else if (insn.op == BpfOp.CALL && insn.src == 1) {
                t = (long) i + 1 + insn.imm;
                if (t < 0 || t >= n) continue; // a call into another function
                if (insns[(int) t] == null) throw new MalformedCodeException("call into the middle of an ld_imm64", i);
                incoming[(int) t]++;
                continue; // a call returns: it is an entry into its target, not a jump of this function
            } else continue;
            if (t < 0 || t >= n) throw new MalformedCodeException("jump to slot " + t + ", outside the function", i);
            if (insns[(int) t] == null) throw new MalformedCodeException("jump into the middle of an ld_imm64", i);
            target[i] = (int) t;
            incoming[(int) t]++;
        }
        int[][] entries = new int[n][];
        for (int i = 0; i < n; i++) entries[i] = new int[incoming[i]];
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            BpfInsn insn = insns[i];
            if (insn == null) continue;
            int t = target[i];
            if (t == NO_TARGET && insn.op == BpfOp.CALL && insn.src == 1) {
                long c = (long) i + 1 + insn.imm;
                if (c >= 0 && c < n) t = (int) c;
            }
            if (t != NO_TARGET) entries[t][fill[t]++] = i;
        }
        return new CodeView(insns, target, entries);
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xff) | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff) << 16 | (b[p + 3] & 0xff) << 24;
    }

    /** An instruction as messages quote it: clang -S spelling with decimal numbers ("if w6 < 100 goto -4"). */
    public static String show(BpfInsn insn) { return BpfAsmSyntax.CLANG_S.format(insn); }

    /** Number of slots. */
    public int size() { return insns.length; }

    /** The instruction starting at {@code slot}, or null for the second half of an ld_imm64 or a slot outside. */
    public BpfInsn insn(int slot) { return slot >= 0 && slot < insns.length ? insns[slot] : null; }

    /** Whether an instruction starts at {@code slot} (inside the function, not the second half of an ld_imm64). */
    public boolean isInstruction(int slot) { return insn(slot) != null; }

    /** The slot after the instruction at {@code slot} (its fall-through successor). */
    public int next(int slot) { return slot + insns[slot].slots(); }

    /** The slot a jump at {@code slot} goes to, or {@link #NO_TARGET}. Calls are not jumps. */
    public int jumpTarget(int slot) { return slot >= 0 && slot < insns.length ? target[slot] : NO_TARGET; }

    /** Whether control can continue to the next slot: everything but {@code exit}, {@code goto} and {@code gotol}. */
    public boolean fallsThrough(int slot) {
        OperandShape shape = insns[slot].op.shape;
        return shape != OperandShape.EXIT && shape != OperandShape.JA && shape != OperandShape.JA_LONG;
    }

    /** A back edge is a jump whose target is at or before its own slot ({@code goto -1} included). */
    public boolean isBackEdge(int slot) {
        int t = jumpTarget(slot);
        return t != NO_TARGET && t <= slot;
    }

    /** The slots of every back edge, in order. */
    public List<Integer> backEdges() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < insns.length; i++) if (isBackEdge(i)) out.add(i);
        return out;
    }

    /** The slots of the jumps and in-function calls whose target is {@code slot} (do not modify). */
    public int[] entries(int slot) { return entries[slot]; }

    /** How many instructions (not slots) lie in {@code [from, to]}, clipped to the function. */
    public int instructionsIn(int from, int to) {
        int a = Math.max(0, from), b = Math.min(insns.length - 1, to);
        return b < a ? 0 : instructionsBefore[b + 1] - instructionsBefore[a];
    }
}
