package dev.jbpfc.ir.analysis;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The control-flow graph of a function as it is now: successors come from the terminators, predecessors are
 * derived (distinct, in block order), and reverse post-order covers the blocks reachable from the entry. Stale
 * after any edit of a terminator or of the block list.
 */
public final class Cfg {
    private final Function fn;
    private final Map<Block, List<Block>> preds = new HashMap<>();
    private final List<Block> rpo = new ArrayList<>();
    private final Map<Block, Integer> rpoIndex = new HashMap<>();

    public Cfg(Function fn) {
        this.fn = fn;
        Map<Block, Set<Block>> p = new HashMap<>();
        for (Block b : fn.blocks()) p.put(b, new LinkedHashSet<>());
        for (Block b : fn.blocks()) for (Block s : b.successors()) p.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(b);
        for (Map.Entry<Block, Set<Block>> e : p.entrySet()) preds.put(e.getKey(), new ArrayList<>(e.getValue()));
        if (!fn.blocks().isEmpty()) computeRpo();
    }

    private void computeRpo() {
        // iterative DFS post-order
        Set<Block> seen = new HashSet<>();
        List<Block> post = new ArrayList<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        Block entry = fn.entry();
        seen.add(entry);
        // Each entry: the block, its next successor's index, its successors (asked once: a switch's list is long).
        stack.push(new Object[]{entry, 0, entry.successors()});
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Block b = (Block) top[0];
            int i = (Integer) top[1];
            @SuppressWarnings("unchecked")
            List<Block> succ = (List<Block>) top[2];
            if (i < succ.size()) {
                top[1] = i + 1;
                Block s = succ.get(i);
                if (s.function() == fn && seen.add(s)) stack.push(new Object[]{s, 0, s.successors()});
            } else {
                stack.pop();
                post.add(b);
            }
        }
        Collections.reverse(post);
        rpo.addAll(post);
        for (int i = 0; i < rpo.size(); i++) rpoIndex.put(rpo.get(i), i);
    }

    public Function function() { return fn; }

    /** Distinct predecessors, in the order the function lists them (reachable or not). */
    public List<Block> preds(Block b) { return preds.getOrDefault(b, List.of()); }

    public List<Block> succs(Block b) { return b.successors(); }

    /** Reachable blocks, reverse post-order from the entry. */
    public List<Block> rpo() { return rpo; }

    public boolean isReachable(Block b) { return rpoIndex.containsKey(b); }

    public int rpoIndex(Block b) { return rpoIndex.getOrDefault(b, -1); }

    /** Blocks no path from the entry reaches (the kernel rejects such code). */
    public List<Block> unreachable() {
        List<Block> out = new ArrayList<>();
        for (Block b : fn.blocks()) if (!isReachable(b)) out.add(b);
        return out;
    }

    /**
     * Deletes unreachable blocks and the phi entries that came from them. Passes that fold branches call this so
     * that the verifier (and the kernel's "unreachable insn") never sees dead code. Returns whether anything changed.
     */
    public static boolean removeUnreachable(Function fn) {
        Cfg cfg = new Cfg(fn);
        List<Block> dead = cfg.unreachable();
        if (dead.isEmpty()) return false;
        Set<Block> deadSet = new HashSet<>(dead);
        for (Block b : fn.blocks()) {
            if (deadSet.contains(b)) continue;
            for (Instruction phi : b.phis()) phi.removeIncoming(deadSet);
        }
        fn.removeBlocks(deadSet);
        // values defined in dead blocks can only be used in dead blocks or in phis from them (SSA dominance)
        return true;
    }

    /** Predecessor count of every block (for passes that only need the numbers). */
    public int predCount(Block b) { return preds(b).size(); }
}
