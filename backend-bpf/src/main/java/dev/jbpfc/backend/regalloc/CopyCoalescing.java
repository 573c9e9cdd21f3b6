package dev.jbpfc.backend.regalloc;

import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.backend.mir.MLoop;
import dev.jbpfc.backend.mir.Reg;
import dev.jbpfc.isa.BpfOp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: instructions selected (virtual registers, phis turned into copies). Leaves: fewer virtual registers;
 * copies between merged registers deleted. Runs before {@link LinearScanAllocator}.
 *
 * <p>Merges the two virtual registers of a copy {@code a = b} into one when their values never have to be held
 * at the same time, so the copy disappears. Selection makes many such copies: a phi becomes {@code t = next;
 * phi = t} at the end of each predecessor, and a two-address operation {@code x = y + z} becomes {@code x = y;
 * x += z}. The allocator's hints remove a copy only when both sides happen to get the same register, which the
 * single-segment intervals of a loop-carried value prevent. For the running sum of a loop
 * <pre>
 *   loop:  %s1 = %s            ; add: two-address copy           loop:  %s += %m
 *          %s1 += %m                                    ->               ...
 *          %t = %s1            ; phi copy through a temporary            if ... goto loop
 *          %s = %t
 *          if ... goto loop
 * </pre>
 * every trip executes three copies fewer, and the verifier walks three instructions fewer per trip.
 *
 * <p>Interference (Chaitin's rule, exact liveness per instruction, valid on code that is not SSA): a register
 * defined by an instruction interferes with every register live after it, except, for a copy, with the registers
 * that hold the copied value (its source and earlier copies of it in the block, {@link #sameValueAtCopies}). Two
 * merged registers interfere with what either did. Only registers that appear in a virtual-to-virtual copy are
 * tracked. The induction and limit registers of loops built to a loop-hint template ({@link MLoop}) are left
 * alone: the template allows no write of them but the latch's.
 */
public final class CopyCoalescing {
    private final MFunction mf;
    private final int base = Reg.FIRST_VIRTUAL;
    /** Union-find parent per virtual register (index = register - base). */
    private int[] parent;
    private final Map<Integer, Set<Integer>> interference = new HashMap<>();

    private CopyCoalescing(MFunction mf) { this.mf = mf; }

    public static void run(MFunction mf) { new CopyCoalescing(mf).coalesce(); }

    private void coalesce() {
        // 1. The copies that could go, and the registers they relate.
        Set<Integer> pinned = new HashSet<>();
        for (MLoop l : mf.loops) {
            pinned.add(l.iv);
            if (l.limitReg >= 0) pinned.add(l.limitReg);
        }
        List<MInsn> copies = new ArrayList<>();
        BitSet related = new BitSet();
        for (MBlock b : mf.blocks) {
            for (MInsn m : b.insns) {
                if (!isCandidate(m, pinned)) continue;
                copies.add(m);
                related.set(m.dst - base);
                related.set(m.src - base);
            }
        }
        if (copies.isEmpty()) return;
        // 2. Interference among the related registers.
        buildInterference(related);
        // 3. Merge each copy's two sides unless they interfere.
        parent = new int[mf.vregLimit() - base];
        for (int k = 0; k < parent.length; k++) parent[k] = k;
        boolean merged = false;
        for (MInsn c : copies) {
            int a = find(c.dst - base), b = find(c.src - base);
            if (a == b || interferes(a, b)) continue;
            union(a, b);
            merged = true;
        }
        if (!merged) return;
        // 4. Rename, and drop the copies that became `r = r`.
        for (MBlock b : mf.blocks) {
            for (MInsn m : b.insns) m.rename(r -> Reg.isVirtual(r) ? find(r - base) + base : r);
            b.insns.removeIf(m -> m.op == BpfOp.MOV64_REG && m.dst == m.src && Reg.isVirtual(m.dst));
        }
    }

    private static boolean isCandidate(MInsn m, Set<Integer> pinned) {
        return m.op == BpfOp.MOV64_REG && Reg.isVirtual(m.dst) && Reg.isVirtual(m.src) && m.dst != m.src
                && !pinned.contains(m.dst) && !pinned.contains(m.src);
    }

    private void buildInterference(BitSet related) {
        int n = mf.blocks.size();
        int[][] succ = BlockLiveness.successorsWithFallThrough(mf);
        BlockLiveness liveness = new BlockLiveness(mf, succ);
        for (int b = 0; b < n; b++) {
            Set<Integer> live = new HashSet<>();
            for (int r : liveness.liveOut[b]) if (related.get(r - base)) live.add(r - base);
            List<MInsn> insns = mf.blocks.get(b).insns;
            Map<MInsn, Set<Integer>> sameValue = sameValueAtCopies(insns);
            for (int k = insns.size() - 1; k >= 0; k--) {
                MInsn m = insns.get(k);
                Set<Integer> same = sameValue.get(m);
                for (int r : m.defs()) {
                    if (!Reg.isVirtual(r) || !related.get(r - base)) continue;
                    int d = r - base;
                    for (int l : live) if (l != d && (same == null || !same.contains(l))) addEdge(d, l);
                }
                for (int r : m.defs()) if (Reg.isVirtual(r)) live.remove(r - base);
                for (int r : m.uses()) if (Reg.isVirtual(r) && related.get(r - base)) live.add(r - base);
            }
        }
    }

    /**
     * For each virtual-to-virtual copy of the block, the registers (index = register - base) that hold the copied
     * value just before it: its source and the earlier copies of that value in the block not overwritten since.
     * A copy's destination does not interfere with them, since it receives the value they hold. Without this,
     * {@code t = a; x = t} with a read later made x and a interfere, though they hold one value: a rotated loop's
     * latch {@code next = v; phi = next}, with v read again on the exit edge, kept a copy per trip.
     */
    private Map<MInsn, Set<Integer>> sameValueAtCopies(List<MInsn> insns) {
        Map<MInsn, Set<Integer>> out = new HashMap<>();
        Map<Integer, Integer> valueOf = new HashMap<>();
        Map<Integer, Set<Integer>> holders = new HashMap<>();
        int[] fresh = {0};
        for (MInsn m : insns) {
            if (m.op == BpfOp.MOV64_REG && Reg.isVirtual(m.dst) && Reg.isVirtual(m.src)) {
                int s = m.src - base, d = m.dst - base;
                int value = valueOf.computeIfAbsent(s, k -> {
                    int v = --fresh[0];
                    holders.computeIfAbsent(v, x -> new HashSet<>()).add(k);
                    return v;
                });
                out.put(m, new HashSet<>(holders.get(value)));
                if (d == s) continue;
                Integer old = valueOf.put(d, value);
                if (old != null) holders.get(old).remove(d);
                holders.get(value).add(d);
                continue;
            }
            for (int r : m.defs()) {
                if (!Reg.isVirtual(r)) continue;
                Integer old = valueOf.remove(r - base);
                if (old != null) holders.get(old).remove(r - base);
            }
        }
        return out;
    }

    private void addEdge(int a, int b) {
        interference.computeIfAbsent(a, k -> new HashSet<>()).add(b);
        interference.computeIfAbsent(b, k -> new HashSet<>()).add(a);
    }

    /**
     * Whether classes {@code a} and {@code b} (roots) interfere. A class's neighbor set holds registers as they
     * were when the edge was added, some since merged into other classes, so a neighbor counts under its root:
     * the smaller set is walked.
     */
    private boolean interferes(int a, int b) {
        Set<Integer> na = interference.get(a), nb = interference.get(b);
        if (na == null || nb == null) return false;
        Set<Integer> small = na.size() <= nb.size() ? na : nb;
        int other = small == na ? b : a;
        for (int x : small) if (find(x) == other) return true;
        return false;
    }

    /**
     * Merges the class of {@code b} into {@code a}: {@code a} inherits b's interference. The smaller neighbor set
     * is poured into the larger (which {@code a} then keeps), and neighbors' sets are not rewritten: both would
     * make merging into a class with many neighbors cost its size each time, quadratic over a long chain of
     * copies (nests of ifs, each join a phi copy of the same value).
     */
    private void union(int a, int b) {
        parent[b] = a;
        Set<Integer> nb = interference.remove(b);
        if (nb == null) return;
        Set<Integer> na = interference.get(a);
        if (na == null) {
            interference.put(a, nb);
            return;
        }
        if (na.size() < nb.size()) {
            interference.put(a, nb);
            nb.addAll(na);
        } else {
            na.addAll(nb);
        }
    }

    private int find(int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }
}
