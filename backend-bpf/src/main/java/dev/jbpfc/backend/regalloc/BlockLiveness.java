package dev.jbpfc.backend.regalloc;

import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.backend.mir.Reg;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The virtual registers live into and out of each block of selected code (not SSA: a register may be written in
 * several blocks), for the allocator's intervals and the coalescer's interference.
 *
 * <p>Computed one register at a time: from each block that reads the register before writing it, the register
 * is live in there, and live out of each predecessor; it is live in a predecessor too unless that writes it, and
 * so on backwards. This is the least solution of the usual equations (in = use + (out - def), out = the union of
 * the successors' in), the one iterating them from empty sets reaches, at a cost of the sizes of the sets found.
 * Dense bit sets per block cost blocks times registers instead, in time and memory: 16,384 nested ifs (33,000
 * blocks, 50,000 registers) took 2.4 GB.
 *
 * <p>The sets come out as arrays in ascending register order, as {@code BitSet.stream()} gave them.
 */
final class BlockLiveness {
    /** Per block (index into {@code mf.blocks}), the virtual registers live at its start, ascending. */
    final int[][] liveIn;
    /** Per block, the virtual registers live at its end, ascending. */
    final int[][] liveOut;

    /**
     * {@code succ[b]}: the indices of the blocks control goes to from block b (the caller decides whether a
     * fall-through counts).
     */
    BlockLiveness(MFunction mf, int[][] succ) {
        int n = mf.blocks.size();
        int base = Reg.FIRST_VIRTUAL;
        int regs = Math.max(0, mf.vregLimit() - base);
        // 1. Per register, the blocks that read it before any write there ("upward-exposed") and those that write it.
        IntLists exposedIn = new IntLists(regs), writtenIn = new IntLists(regs);
        int[] writtenAt = new int[regs];
        Arrays.fill(writtenAt, -1);
        int[] exposedAt = new int[regs];
        Arrays.fill(exposedAt, -1);
        for (int b = 0; b < n; b++) {
            for (MInsn m : mf.blocks.get(b).insns) {
                for (int r : m.uses()) {
                    if (!Reg.isVirtual(r)) continue;
                    int v = r - base;
                    if (writtenAt[v] != b && exposedAt[v] != b) {
                        exposedAt[v] = b;
                        exposedIn.add(v, b);
                    }
                }
                for (int r : m.defs()) {
                    if (!Reg.isVirtual(r)) continue;
                    int v = r - base;
                    if (writtenAt[v] != b) {
                        writtenAt[v] = b;
                        writtenIn.add(v, b);
                    }
                }
            }
        }
        // 2. Predecessors.
        int[] predCount = new int[n];
        for (int[] s : succ) for (int t : s) predCount[t]++;
        int[][] pred = new int[n][];
        for (int b = 0; b < n; b++) pred[b] = new int[predCount[b]];
        int[] fill = new int[n];
        for (int b = 0; b < n; b++) for (int t : succ[b]) pred[t][fill[t]++] = b;
        // 3. Each register's live range, walked backwards from its exposed reads. Registers go in ascending
        // order, so each block's sets fill in ascending order; a mark holds the register last recorded for a block.
        IntLists in = new IntLists(n), out = new IntLists(n);
        int[] inMark = new int[n], outMark = new int[n], writesMark = new int[n];
        Arrays.fill(inMark, -1);
        Arrays.fill(outMark, -1);
        Arrays.fill(writesMark, -1);
        int[] work = new int[Math.max(1, n)];
        for (int v = 0; v < regs; v++) {
            if (exposedIn.size(v) == 0) continue;
            int reg = v + base;
            for (int k = 0; k < writtenIn.size(v); k++) writesMark[writtenIn.get(v, k)] = v;
            int top = 0;
            for (int k = 0; k < exposedIn.size(v); k++) {
                int b = exposedIn.get(v, k);
                inMark[b] = v;
                in.add(b, reg);
                work[top++] = b;
            }
            while (top > 0) {
                int b = work[--top];
                for (int p : pred[b]) {
                    if (outMark[p] != v) {
                        outMark[p] = v;
                        out.add(p, reg);
                    }
                    if (writesMark[p] == v || inMark[p] == v) continue;
                    inMark[p] = v;
                    in.add(p, reg);
                    work[top++] = p;
                }
            }
        }
        liveIn = in.toArrays();
        liveOut = out.toArrays();
    }

    /**
     * {@code out[b]}: the blocks control goes to from block b, a block that does not end in a goto or exit also
     * falling through to the next one in layout order.
     */
    static int[][] successorsWithFallThrough(MFunction mf) {
        int n = mf.blocks.size();
        Map<MBlock, Integer> index = new HashMap<>();
        for (int b = 0; b < n; b++) index.put(mf.blocks.get(b), b);
        int[][] succ = new int[n][];
        for (int b = 0; b < n; b++) {
            MBlock mb = mf.blocks.get(b);
            List<MBlock> targets = mb.successors();
            // Plain arrays, not boxed lists and a stream: this runs for every block before the coalescer, the
            // operand commuting and each allocation round, mostly before the JIT has compiled it (issue 14).
            int[] s = new int[targets.size() + 1];
            int count = 0;
            boolean hasNext = false;
            for (MBlock t : targets) {
                int k = index.get(t);
                s[count++] = k;
                hasNext |= k == b + 1;
            }
            if (mb.insns.isEmpty() || !mb.insns.get(mb.insns.size() - 1).isTerminatorJump()) {
                if (b + 1 < n && !hasNext) s[count++] = b + 1;
            }
            succ[b] = count == s.length ? s : Arrays.copyOf(s, count);
        }
        return succ;
    }

    /** Growable int arrays, one per key. */
    private static final class IntLists {
        private final int[][] items;
        private final int[] sizes;

        IntLists(int keys) {
            items = new int[keys][];
            sizes = new int[keys];
        }

        void add(int key, int value) {
            int[] a = items[key];
            if (a == null) items[key] = a = new int[2];
            else if (sizes[key] == a.length) items[key] = a = Arrays.copyOf(a, a.length * 2);
            a[sizes[key]++] = value;
        }

        int size(int key) { return sizes[key]; }

        int get(int key, int k) { return items[key][k]; }

        int[][] toArrays() {
            int[][] out = new int[items.length][];
            for (int k = 0; k < items.length; k++) {
                out[k] = items[k] == null ? new int[0] : Arrays.copyOf(items[k], sizes[k]);
            }
            return out;
        }
    }
}
