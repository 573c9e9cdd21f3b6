package dev.jbpfc.backend.regalloc;

import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many loops hold each block of a machine function, for the allocator's spill costs: the verifier walks a
 * loop's instructions once per trip, so a reload inside a loop nested twice costs as much as a hundred outside.
 * Needs: blocks in layout order, block 0 the entry. Changes nothing.
 *
 * <p>A loop is found from its back edges: a depth-first walk from the entry marks an edge whose target is still on
 * the walk's stack as a back edge {@code latch -> header}; the loop is the header plus every block that reaches the
 * latch without passing the header. Back edges to one header make one loop. For
 * <pre>
 *   entry -> a;  a -> b;  b -> b;  b -> a;  a -> exit
 * </pre>
 * the back edges are {@code b -> b} (loop {b}) and {@code b -> a} (loop {a, b}), so a has depth 1 and b depth 2.
 * Irreducible control flow (a cycle entered at two blocks) counts only the blocks the walk saw below its first
 * entry; the result is then an estimate, which is all a spill cost needs.
 */
final class LoopDepth {
    private LoopDepth() {}

    /** Depth per block, indexed like {@code mf.blocks}. */
    static int[] of(MFunction mf) {
        int n = mf.blocks.size();
        int[] depth = new int[n];
        if (n == 0) return depth;
        Map<MBlock, Integer> index = new HashMap<>();
        for (int b = 0; b < n; b++) index.put(mf.blocks.get(b), b);
        List<int[]> succ = new ArrayList<>(n);
        List<List<Integer>> pred = new ArrayList<>(n);
        for (int b = 0; b < n; b++) pred.add(new ArrayList<>());
        for (int b = 0; b < n; b++) {
            MBlock mb = mf.blocks.get(b);
            List<Integer> s = new ArrayList<>();
            for (MBlock t : mb.successors()) s.add(index.get(t));
            // A block not ending in goto or exit falls through to the next one.
            MInsn last = mb.insns.isEmpty() ? null : mb.insns.get(mb.insns.size() - 1);
            if ((last == null || !last.isTerminatorJump()) && b + 1 < n && !s.contains(b + 1)) s.add(b + 1);
            succ.add(s.stream().mapToInt(Integer::intValue).toArray());
            for (int t : s) pred.get(t).add(b);
        }
        // 1. Back edges, by an iterative depth-first walk (0 = unseen, 1 = on the stack, 2 = done).
        Map<Integer, List<Integer>> latchesOf = new HashMap<>();
        byte[] state = new byte[n];
        int[] next = new int[n];
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        stack.push(0);
        state[0] = 1;
        while (!stack.isEmpty()) {
            int b = stack.peek();
            if (next[b] < succ.get(b).length) {
                int t = succ.get(b)[next[b]++];
                if (state[t] == 1) latchesOf.computeIfAbsent(t, k -> new ArrayList<>()).add(b);
                else if (state[t] == 0) {
                    state[t] = 1;
                    stack.push(t);
                }
            } else {
                state[b] = 2;
                stack.pop();
            }
        }
        // 2. Each header's body: backwards from its latches, stopping at the header.
        for (Map.Entry<Integer, List<Integer>> e : latchesOf.entrySet()) {
            int header = e.getKey();
            BitSet body = new BitSet(n);
            body.set(header);
            ArrayDeque<Integer> work = new ArrayDeque<>();
            for (int latch : e.getValue()) {
                if (!body.get(latch)) {
                    body.set(latch);
                    work.push(latch);
                }
            }
            while (!work.isEmpty()) {
                int b = work.pop();
                for (int p : pred.get(b)) {
                    if (body.get(p) || state[p] == 0) continue; // unreachable blocks belong to no loop
                    body.set(p);
                    work.push(p);
                }
            }
            body.stream().forEach(b -> depth[b]++);
        }
        return depth;
    }
}
