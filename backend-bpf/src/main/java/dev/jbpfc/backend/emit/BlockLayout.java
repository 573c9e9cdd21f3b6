package dev.jbpfc.backend.emit;

import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Final control-flow cleanup in the order blocks will be emitted: jumps to a block that only jumps on are sent
 * straight to its target; blocks no path reaches are deleted (the verifier rejects unreachable instructions); a
 * {@code goto} to the next block is dropped; and {@code if c goto next; goto X} becomes {@code if !c goto X}.
 * <pre>
 *   if r1 > 5 goto B ; goto C       B is next:   if r1 <= 5 goto C
 *   B: ...                                        B: ...
 * </pre>
 * Instructions written in inline asm ({@link MInsn#fromAsm}) are left as written: clang-22 emits
 * {@code goto l0; goto l0; l0: exit} as {@code goto +1; goto +0; exit}, and so do we.
 * Needs: registers allocated. Every block ends in goto/exit on entry; afterwards blocks may fall through.
 */
public final class BlockLayout {
    private BlockLayout() {}

    private static final Map<BpfOp, BpfOp> INVERSE = Map.ofEntries(
            Map.entry(BpfOp.JEQ_REG, BpfOp.JNE_REG), Map.entry(BpfOp.JNE_REG, BpfOp.JEQ_REG),
            Map.entry(BpfOp.JEQ_IMM, BpfOp.JNE_IMM), Map.entry(BpfOp.JNE_IMM, BpfOp.JEQ_IMM),
            Map.entry(BpfOp.JGT_REG, BpfOp.JLE_REG), Map.entry(BpfOp.JLE_REG, BpfOp.JGT_REG),
            Map.entry(BpfOp.JGT_IMM, BpfOp.JLE_IMM), Map.entry(BpfOp.JLE_IMM, BpfOp.JGT_IMM),
            Map.entry(BpfOp.JGE_REG, BpfOp.JLT_REG), Map.entry(BpfOp.JLT_REG, BpfOp.JGE_REG),
            Map.entry(BpfOp.JGE_IMM, BpfOp.JLT_IMM), Map.entry(BpfOp.JLT_IMM, BpfOp.JGE_IMM),
            Map.entry(BpfOp.JSGT_REG, BpfOp.JSLE_REG), Map.entry(BpfOp.JSLE_REG, BpfOp.JSGT_REG),
            Map.entry(BpfOp.JSGT_IMM, BpfOp.JSLE_IMM), Map.entry(BpfOp.JSLE_IMM, BpfOp.JSGT_IMM),
            Map.entry(BpfOp.JSGE_REG, BpfOp.JSLT_REG), Map.entry(BpfOp.JSLT_REG, BpfOp.JSGE_REG),
            Map.entry(BpfOp.JSGE_IMM, BpfOp.JSLT_IMM), Map.entry(BpfOp.JSLT_IMM, BpfOp.JSGE_IMM),
            Map.entry(BpfOp.JEQ32_REG, BpfOp.JNE32_REG), Map.entry(BpfOp.JNE32_REG, BpfOp.JEQ32_REG),
            Map.entry(BpfOp.JEQ32_IMM, BpfOp.JNE32_IMM), Map.entry(BpfOp.JNE32_IMM, BpfOp.JEQ32_IMM),
            Map.entry(BpfOp.JGT32_REG, BpfOp.JLE32_REG), Map.entry(BpfOp.JLE32_REG, BpfOp.JGT32_REG),
            Map.entry(BpfOp.JGT32_IMM, BpfOp.JLE32_IMM), Map.entry(BpfOp.JLE32_IMM, BpfOp.JGT32_IMM),
            Map.entry(BpfOp.JGE32_REG, BpfOp.JLT32_REG), Map.entry(BpfOp.JLT32_REG, BpfOp.JGE32_REG),
            Map.entry(BpfOp.JGE32_IMM, BpfOp.JLT32_IMM), Map.entry(BpfOp.JLT32_IMM, BpfOp.JGE32_IMM),
            Map.entry(BpfOp.JSGT32_REG, BpfOp.JSLE32_REG), Map.entry(BpfOp.JSLE32_REG, BpfOp.JSGT32_REG),
            Map.entry(BpfOp.JSGT32_IMM, BpfOp.JSLE32_IMM), Map.entry(BpfOp.JSLE32_IMM, BpfOp.JSGT32_IMM),
            Map.entry(BpfOp.JSGE32_REG, BpfOp.JSLT32_REG), Map.entry(BpfOp.JSLT32_REG, BpfOp.JSGE32_REG),
            Map.entry(BpfOp.JSGE32_IMM, BpfOp.JSLT32_IMM), Map.entry(BpfOp.JSLT32_IMM, BpfOp.JSGE32_IMM));

    /** Register-register jumps with their operands exchanged: a < b is b > a. */
    private static final Map<BpfOp, BpfOp> SWAPPED = Map.of(
            BpfOp.JLT_REG, BpfOp.JGT_REG, BpfOp.JLE_REG, BpfOp.JGE_REG,
            BpfOp.JSLT_REG, BpfOp.JSGT_REG, BpfOp.JSLE_REG, BpfOp.JSGE_REG);

    /** The jump taken exactly when {@code op}'s is not, if this cpu has it; else null. */
    public static BpfOp inverse(BpfOp op, CpuVersion cpu) {
        BpfOp inv = INVERSE.get(op);
        return inv != null && cpu.atLeast(inv.minCpu) ? inv : null;
    }

    public static void run(MFunction mf, CpuVersion cpu) {
        threadJumps(mf);
        removeUnreachable(mf);
        List<MBlock> blocks = mf.blocks;
        for (int b = 0; b < blocks.size(); b++) {
            MBlock block = blocks.get(b);
            MBlock next = b + 1 < blocks.size() ? blocks.get(b + 1) : null;
            List<MInsn> insns = block.insns;
            if (insns.isEmpty()) continue;
            MInsn last = insns.get(insns.size() - 1);
            if (last.fromAsm) continue;
            if (last.op == BpfOp.JA && last.target == next) {
                insns.remove(insns.size() - 1);
                continue;
            }
            if (last.op == BpfOp.JA && insns.size() >= 2) {
                MInsn cond = insns.get(insns.size() - 2);
                if (cond.op.isConditionalJump() && cond.target == next && !cond.fromAsm) {
                    BpfOp inv = inverse(cond.op, cpu);
                    if (inv == null && INVERSE.containsKey(cond.op) && SWAPPED.containsKey(INVERSE.get(cond.op))) {
                        // v1 lacks the "less" jumps: !(a > b) is a <= b, which is b >= a.
                        BpfOp swapped = SWAPPED.get(INVERSE.get(cond.op));
                        if (cpu.atLeast(swapped.minCpu)) {
                            int a = cond.dst;
                            cond.dst = cond.src;
                            cond.src = a;
                            inv = swapped;
                        }
                    }
                    if (inv != null) {
                        cond.op = inv;
                        cond.target = last.target;
                        insns.remove(insns.size() - 1);
                    }
                }
            }
        }
    }

    /** Retargets jumps whose target block is nothing but {@code goto X}. */
    private static void threadJumps(MFunction mf) {
        for (MBlock b : mf.blocks) {
            for (MInsn m : b.insns) {
                // An asm jump may skip a block the compiler made (labels side by side), never an asm goto.
                Set<MBlock> seen = new HashSet<>();
                while (m.target != null && m.target.insns.size() == 1 && m.target.insns.get(0).op == BpfOp.JA
                        && !m.target.insns.get(0).fromAsm && seen.add(m.target)) {
                    m.target = m.target.insns.get(0).target;
                }
            }
        }
    }

    private static void removeUnreachable(MFunction mf) {
        Map<MBlock, Integer> position = new java.util.HashMap<>();
        for (int k = 0; k < mf.blocks.size(); k++) position.put(mf.blocks.get(k), k);
        Set<MBlock> reached = new HashSet<>();
        Deque<MBlock> work = new ArrayDeque<>();
        work.add(mf.blocks.get(0));
        // Inline asm is emitted as written, its unreachable instructions too (the verifier's tests rely on it).
        for (MBlock b : mf.blocks) {
            if (b.insns.stream().anyMatch(m -> m.fromAsm)) work.add(b);
        }
        while (!work.isEmpty()) {
            MBlock b = work.pop();
            if (!reached.add(b)) continue;
            work.addAll(b.successors());
            if (b.insns.isEmpty() || !b.insns.get(b.insns.size() - 1).isTerminatorJump()) {
                int at = position.get(b);
                if (at + 1 < mf.blocks.size()) work.add(mf.blocks.get(at + 1));
            }
        }
        mf.blocks.removeIf(b -> !reached.contains(b));
    }
}
