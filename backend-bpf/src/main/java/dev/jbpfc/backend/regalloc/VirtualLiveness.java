package dev.jbpfc.backend.regalloc;

import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.backend.mir.Reg;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which virtual registers are live at the end of each block of a machine function (bit {@code r - FIRST_VIRTUAL}).
 * Needs: blocks in layout order; a block that does not end in goto or exit falls through to the next. Changes
 * nothing; stale after any edit of the code.
 */
final class VirtualLiveness {
    private final BitSet[] liveOut;

    private VirtualLiveness(BitSet[] liveOut) { this.liveOut = liveOut; }

    static VirtualLiveness of(MFunction mf) {
        int n = mf.blocks.size();
        int base = Reg.FIRST_VIRTUAL;
        Map<MBlock, Integer> index = new HashMap<>();
        for (int b = 0; b < n; b++) index.put(mf.blocks.get(b), b);
        BitSet[] use = new BitSet[n], def = new BitSet[n], in = new BitSet[n], out = new BitSet[n];
        List<int[]> succ = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            use[b] = new BitSet();
            def[b] = new BitSet();
            in[b] = new BitSet();
            out[b] = new BitSet();
            MBlock mb = mf.blocks.get(b);
            for (MInsn m : mb.insns) {
                for (int r : m.uses()) if (Reg.isVirtual(r) && !def[b].get(r - base)) use[b].set(r - base);
                for (int r : m.defs()) if (Reg.isVirtual(r)) def[b].set(r - base);
            }
            List<Integer> s = new ArrayList<>();
            for (MBlock t : mb.successors()) s.add(index.get(t));
            MInsn last = mb.insns.isEmpty() ? null : mb.insns.get(mb.insns.size() - 1);
            if ((last == null || !last.isTerminatorJump()) && b + 1 < n && !s.contains(b + 1)) s.add(b + 1);
            succ.add(s.stream().mapToInt(Integer::intValue).toArray());
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = n - 1; b >= 0; b--) {
                BitSet o = new BitSet();
                for (int s : succ.get(b)) o.or(in[s]);
                BitSet i = (BitSet) o.clone();
                i.andNot(def[b]);
                i.or(use[b]);
                if (i.equals(in[b]) && o.equals(out[b])) continue;
                in[b] = i;
                out[b] = o;
                changed = true;
            }
        }
        return new VirtualLiveness(out);
    }

    /** The virtual registers live at the end of block {@code b} (a copy the caller may change). */
    BitSet liveOut(int b) { return (BitSet) liveOut[b].clone(); }
}
