package dev.jbpfc.backend.frame;

import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spill slots whose contents are never needed at the same time share bytes. The allocator gives every spilled
 * virtual register its own 8-byte slot, so a long function with many short-lived spills (an unrolled loop, a
 * big inlined body) asked for thousands of bytes where the values live at any one point need a few dozen:
 * <pre>
 *   *(u64 *)(r10 - 8) = r6     ; spill %a                  *(u64 *)(r10 - 8) = r6
 *   r1 = *(u64 *)(r10 - 8)     ; last reload of %a   ->    r1 = *(u64 *)(r10 - 8)
 *   *(u64 *)(r10 - 16) = r7    ; spill %b                  *(u64 *)(r10 - 8) = r7     ; %a's slot is free
 *   r2 = *(u64 *)(r10 - 16)                                r2 = *(u64 *)(r10 - 8)
 * </pre>
 * A slot is live where a reload of it can be reached without passing a store to it (each spill store writes
 * all 8 bytes, so it kills). Two slots interfere when one is stored while the other is live (a store to a dead
 * slot interferes too: it would overwrite the live one). Slots are coloured greedily, in order of first
 * appearance, and the spill code is rewritten to the coloured offsets below the allocas.
 * Needs: register allocation done (spill code marked {@link MInsn#spillCode}). Leaves:
 * {@link MFunction#spillBytes} = the coloured size.
 */
public final class SpillSlotColoring {
    private SpillSlotColoring() {}

    public static void run(MFunction mf) {
        Map<Integer, Integer> index = new HashMap<>();
        List<Integer> offsets = new ArrayList<>();
        for (MBlock b : mf.blocks) {
            for (MInsn m : b.insns) {
                if (!isSlotAccess(m)) continue;
                if (index.putIfAbsent(m.off, offsets.size()) == null) offsets.add(m.off);
            }
        }
        int n = offsets.size();
        if (n == 0) return;

        int nb = mf.blocks.size();
        Map<MBlock, Integer> blockIndex = new HashMap<>();
        for (int b = 0; b < nb; b++) blockIndex.put(mf.blocks.get(b), b);
        BitSet[] gen = new BitSet[nb], kill = new BitSet[nb], liveIn = new BitSet[nb], liveOut = new BitSet[nb];
        for (int b = 0; b < nb; b++) {
            gen[b] = new BitSet();
            kill[b] = new BitSet();
            liveIn[b] = new BitSet();
            liveOut[b] = new BitSet();
            for (MInsn m : mf.blocks.get(b).insns) {
                if (!isSlotAccess(m)) continue;
                int s = index.get(m.off);
                if (isReload(m)) {
                    if (!kill[b].get(s)) gen[b].set(s);
                } else {
                    kill[b].set(s);
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = nb - 1; b >= 0; b--) {
                BitSet out = new BitSet();
                for (MBlock succ : mf.blocks.get(b).successors()) out.or(liveIn[blockIndex.get(succ)]);
                BitSet in = (BitSet) out.clone();
                in.andNot(kill[b]);
                in.or(gen[b]);
                if (!in.equals(liveIn[b]) || !out.equals(liveOut[b])) {
                    liveIn[b] = in;
                    liveOut[b] = out;
                    changed = true;
                }
            }
        }

        BitSet[] interferes = new BitSet[n];
        for (int s = 0; s < n; s++) interferes[s] = new BitSet();
        for (int b = 0; b < nb; b++) {
            BitSet live = (BitSet) liveOut[b].clone();
            List<MInsn> insns = mf.blocks.get(b).insns;
            for (int k = insns.size() - 1; k >= 0; k--) {
                MInsn m = insns.get(k);
                if (!isSlotAccess(m)) continue;
                int s = index.get(m.off);
                if (isReload(m)) {
                    live.set(s);
                } else {
                    for (int t = live.nextSetBit(0); t >= 0; t = live.nextSetBit(t + 1)) {
                        if (t == s) continue;
                        interferes[s].set(t);
                        interferes[t].set(s);
                    }
                    live.clear(s);
                }
            }
        }

        int[] colour = new int[n];
        int colours = 0;
        for (int s = 0; s < n; s++) {
            BitSet taken = new BitSet();
            for (int t = interferes[s].nextSetBit(0); t >= 0 && t < s; t = interferes[s].nextSetBit(t + 1)) {
                taken.set(colour[t]);
            }
            colour[s] = taken.nextClearBit(0);
            colours = Math.max(colours, colour[s] + 1);
        }
        int base = (mf.allocaBytes + 7) / 8 * 8;
        for (MBlock b : mf.blocks) {
            for (MInsn m : b.insns) {
                if (isSlotAccess(m)) m.off = -(base + 8 * (colour[index.get(m.off)] + 1));
            }
        }
        mf.spillBytes = base - mf.allocaBytes + 8 * colours;
    }

    private static boolean isSlotAccess(MInsn m) {
        return m.spillCode && (m.op == BpfOp.LDX_DW || m.op == BpfOp.STX_DW);
    }

    private static boolean isReload(MInsn m) { return m.op == BpfOp.LDX_DW; }
}
