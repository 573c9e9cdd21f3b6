package dev.jbpfc.ir.analysis;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
    /**
     * Per-block facts in arrays indexed by {@link Block#number()} (hash maps of blocks cost a third of a long
     * switch's compile): the block each number had when this was built, so that a block of another function with
     * the same number is told apart, its predecessors and its reverse post-order index (-1: unreachable).
     */
    private final Block[] byNumber;
    private final List<Block>[] preds;
    private final int[] rpoIndex;
    /** Predecessors of branch targets that are not blocks of the function (none in well-formed code). */
    private Map<Block, List<Block>> otherPreds;
    /**
     * The numbers the blocks had when this was built, made on the first query of a block that is not at its
     * number: one that moved to another function since (and was numbered there; {@code BpfLoopOutlining} moves a
     * loop's blocks into the callback and keeps asking its dominator tree about them), or one this never held.
     */
    private Map<Block, Integer> slotOf;
    private final List<Block> rpo = new ArrayList<>();

    @SuppressWarnings("unchecked")
    public Cfg(Function fn) {
        this.fn = fn;
        int limit = fn.blockNumberLimit();
        byNumber = new Block[limit];
        preds = new List[limit];
        rpoIndex = new int[limit];
        Arrays.fill(rpoIndex, -1);
        List<Block> blocks = fn.blocks();
        List<Block>[] succ = new List[blocks.size()];
        for (Block b : blocks) byNumber[b.number()] = b;
        // A block's successors are distinct, so walking the blocks in order lists each predecessor once, in order.
        for (int k = 0; k < blocks.size(); k++) {
            Block b = blocks.get(k);
            succ[k] = b.successors();
            for (int j = 0; j < succ[k].size(); j++) { // by index: no iterator per block per Cfg
                Block s = succ[k].get(j);
                List<Block> into;
                if (isOwn(s)) {
                    into = preds[s.number()];
                    if (into == null) into = preds[s.number()] = new ArrayList<>(2);
                } else {
                    if (otherPreds == null) otherPreds = new HashMap<>();
                    into = otherPreds.computeIfAbsent(s, x -> new ArrayList<>());
                }
                into.add(b);
            }
        }
        if (!blocks.isEmpty()) computeRpo(blocks, succ);
    }

    /** Whether {@code b} was a block of the function when this was built, by its number then. */
    private boolean isOwn(Block b) {
        int n = b.number();
        return n >= 0 && n < byNumber.length && byNumber[n] == b;
    }

    /** The number {@code b} had when this was built, or -1 if it was no block of the function then. */
    private int slot(Block b) {
        if (isOwn(b)) return b.number();
        if (slotOf == null) {
            slotOf = new IdentityHashMap<>();
            for (int n = 0; n < byNumber.length; n++) if (byNumber[n] != null) slotOf.put(byNumber[n], n);
        }
        return slotOf.getOrDefault(b, -1);
    }

    /** Iterative DFS post-order from the entry, over the successor lists {@code succ} (by position in blocks). */
    private void computeRpo(List<Block> blocks, List<Block>[] succ) {
        int[] position = new int[byNumber.length];
        for (int k = 0; k < blocks.size(); k++) position[blocks.get(k).number()] = k;
        boolean[] seen = new boolean[byNumber.length];
        List<Block> post = new ArrayList<>();
        // The stack: a block's position and the index of its next successor to visit.
        int[] stackBlock = new int[blocks.size()], stackNext = new int[blocks.size()];
        int top = 0;
        Block entry = fn.entry();
        seen[entry.number()] = true;
        stackBlock[top] = position[entry.number()];
        stackNext[top++] = 0;
        while (top > 0) {
            int k = stackBlock[top - 1];
            int i = stackNext[top - 1];
            if (i < succ[k].size()) {
                stackNext[top - 1] = i + 1;
                Block s = succ[k].get(i);
                if (s.function() == fn && isOwn(s) && !seen[s.number()]) {
                    seen[s.number()] = true;
                    stackBlock[top] = position[s.number()];
                    stackNext[top++] = 0;
                }
            } else {
                top--;
                post.add(blocks.get(k));
            }
        }
        Collections.reverse(post);
        rpo.addAll(post);
        for (int i = 0; i < rpo.size(); i++) rpoIndex[rpo.get(i).number()] = i;
    }

    public Function function() { return fn; }

    /** Distinct predecessors, in the order the function lists them (reachable or not). */
    public List<Block> preds(Block b) {
        int n = slot(b);
        List<Block> p = n >= 0 ? preds[n] : otherPreds == null ? null : otherPreds.get(b);
        return p == null ? List.of() : p;
    }

    public List<Block> succs(Block b) { return b.successors(); }

    /** Reachable blocks, reverse post-order from the entry. */
    public List<Block> rpo() { return rpo; }

    public boolean isReachable(Block b) { return rpoIndex(b) >= 0; }

    public int rpoIndex(Block b) {
        int n = slot(b);
        return n >= 0 ? rpoIndex[n] : -1;
    }

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
