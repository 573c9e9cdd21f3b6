package dev.jbpfc.backend.emit;

import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.backend.mir.Reg;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Machine IR (physical registers, final layout) to {@link BpfInsn}s: block targets become pc-relative slot
 * distances ({@code off = target - (here + 1)}), long jumps take the forms {@link BranchRelaxation} chose, and
 * symbols, source lines and CO-RE records are remembered by instruction index for the object writer.
 */
public final class FunctionEncoder {
    private FunctionEncoder() {}

    public static EncodedFunction run(MFunction mf, Set<MInsn> longJumps, int functionIndex) {
        EncodedFunction out = new EncodedFunction(mf.name, mf.section, mf.linkage, mf.btfFuncId);
        out.stackBytes = mf.frameSize();
        // Per block, by its place in the layout: its first slot, its first instruction's index and its label (if a
        // jump goes there). Arrays, not maps of blocks: hashing each of a million instructions' blocks made this
        // phase grow faster than the code did (a 200,000-case switch).
        int blockCount = mf.blocks.size();
        Map<MBlock, Integer> blockIndex = new IdentityHashMap<>(blockCount);
        for (MBlock b : mf.blocks) blockIndex.put(b, blockIndex.size());
        int[] start = new int[blockCount];
        int[] firstInsn = new int[blockCount];
        boolean[] targeted = new boolean[blockCount];
        int slot = 0;
        int count = 0;
        for (int bi = 0; bi < blockCount; bi++) {
            start[bi] = slot;
            firstInsn[bi] = count;
            for (MInsn m : mf.blocks.get(bi).insns) {
                if (m.target == null) {
                    slot += BranchRelaxation.size(m, Set.of());
                    count++;
                    continue;
                }
                slot += BranchRelaxation.size(m, longJumps);
                count += longJumps.contains(m) && m.op != BpfOp.JA ? 3 : 1;
                targeted[indexOf(blockIndex, m.target, mf)] = true;
            }
        }
        String[] labels = new String[blockCount];
        for (int bi = 0; bi < blockCount; bi++) {
            if (!targeted[bi]) continue;
            labels[bi] = "LBB" + functionIndex + "_" + bi;
            out.labels.put(firstInsn[bi], labels[bi]);
        }
        Map<MInsn, Integer> keyInsns = new HashMap<>();
        for (dev.jbpfc.backend.mir.MLoop l : mf.loops) {
            for (MInsn k : new MInsn[] {l.initInsn, l.latchStep, l.backEdge}) if (k != null) keyInsns.put(k, -1);
        }
        slot = 0;
        Object lastLoc = null;
        for (MBlock b : mf.blocks) {
            for (MInsn m : b.insns) {
                for (int r : new int[] {m.dst, m.src}) {
                    if (Reg.isVirtual(r)) throw new IllegalStateException("virtual register left in " + mf.name + ": " + m);
                }
                int index = out.insns.size();
                if (keyInsns.containsKey(m)) keyInsns.put(m, index);
                if (m.loc != null && !m.loc.equals(lastLoc)) {
                    out.lines.add(new EncodedFunction.LineEntry(index, m.loc));
                    lastLoc = m.loc;
                }
                if (m.core != null) out.cores.add(new EncodedFunction.CoreEntry(index, m.core));
                if (m.symbol != null) out.symbols.add(new EncodedFunction.SymbolUse(index, m.symbol));
                if (m.target == null) {
                    String name = m.symbol == null ? null : m.symbol.name();
                    BpfInsn insn = m.op == BpfOp.LD_IMM64
                            ? new BpfInsn(m.op, m.dst, m.src, m.off, 0, m.imm64, name)
                            : new BpfInsn(m.op, m.dst, m.src, m.off, m.imm, m.imm, name);
                    out.insns.add(insn);
                    slot += insn.slots();
                    continue;
                }
                int targetBlock = indexOf(blockIndex, m.target, mf);
                int target = start[targetBlock];
                String label = labels[targetBlock];
                if (m.op == BpfOp.GOTOL) {
                    // written in inline asm: its distance goes in imm, whatever the distance
                    out.insns.add(new BpfInsn(BpfOp.GOTOL, 0, 0, 0, target - (slot + 1), 0, label));
                    slot += 1;
                } else if (!longJumps.contains(m)) {
                    out.insns.add(new BpfInsn(m.op, m.dst, m.src, target - (slot + 1), m.imm, m.imm, label));
                    slot += 1;
                } else if (m.op == BpfOp.JA) {
                    out.insns.add(new BpfInsn(BpfOp.GOTOL, 0, 0, 0, target - (slot + 1), 0, label));
                    slot += 1;
                } else {
                    out.insns.add(new BpfInsn(m.op, m.dst, m.src, 1, m.imm, m.imm, null));
                    out.insns.add(new BpfInsn(BpfOp.JA, 0, 0, 1, 0, 0, null));
                    out.insns.add(new BpfInsn(BpfOp.GOTOL, 0, 0, 0, target - (slot + 3), 0, label));
                    slot += 3;
                }
            }
        }
        for (dev.jbpfc.backend.mir.MLoop l : mf.loops) {
            // The block the back edge reaches now (layout may have threaded it past an empty header).
            MBlock head = l.backEdge != null && l.backEdge.target != null ? l.backEdge.target : l.header;
            Integer headIndex = head == null ? null : blockIndex.get(head);
            int header = headIndex == null ? -1 : firstInsn[headIndex];
            out.loopSites.add(new EncodedFunction.LoopSite(l, index(keyInsns, l.initInsn), header,
                    index(keyInsns, l.latchStep), index(keyInsns, l.backEdge)));
        }
        // The verifier wants line info at the first instruction of every function that has any.
        if (!out.lines.isEmpty() && out.lines.get(0).insn() != 0) {
            out.lines.add(0, new EncodedFunction.LineEntry(0, out.lines.get(0).loc()));
        }
        return out;
    }

    /** The place of a jump's target in the layout (a jump out of the function is a bug of an earlier stage). */
    private static int indexOf(Map<MBlock, Integer> blockIndex, MBlock target, MFunction mf) {
        Integer k = blockIndex.get(target);
        if (k == null) throw new IllegalStateException("in function '" + mf.name + "': a jump to a block outside it");
        return k;
    }

    private static int index(Map<MInsn, Integer> at, MInsn m) {
        return m == null ? -1 : at.getOrDefault(m, -1);
    }
}
