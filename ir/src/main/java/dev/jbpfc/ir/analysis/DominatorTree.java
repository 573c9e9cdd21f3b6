package dev.jbpfc.ir.analysis;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Instruction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Dominators of the reachable blocks (Cooper, Harvey and Kennedy's iterative algorithm over reverse post-order),
 * the dominator tree's children, and dominance frontiers. Stale whenever the CFG changes.
 */
public final class DominatorTree {
    private final Cfg cfg;
    /**
     * Per reachable block, by its reverse post-order index (arrays, not hash maps of blocks: issue 14): the
     * immediate dominator's index (the entry's own; -1 before the iteration reaches a block), the tree's children,
     * and the tree's DFS entry and exit numbers, which answer dominance in O(1).
     */
    private final int[] idom;
    private final List<Block>[] children;
    private final int[] enter, exit;
    private List<Set<Block>> frontiers;

    @SuppressWarnings("unchecked")
    public DominatorTree(Cfg cfg) {
        this.cfg = cfg;
        List<Block> rpo = cfg.rpo();
        int n = rpo.size();
        idom = new int[n];
        children = new List[n];
        enter = new int[n];
        exit = new int[n];
        if (n == 0) return;
        Arrays.fill(idom, -1);
        idom[0] = 0;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 1; i < n; i++) {
                int newIdom = -1;
                for (Block p : cfg.preds(rpo.get(i))) {
                    int pi = cfg.rpoIndex(p);
                    if (pi < 0 || idom[pi] < 0) continue;
                    newIdom = newIdom < 0 ? pi : intersect(pi, newIdom);
                }
                if (newIdom >= 0 && idom[i] != newIdom) {
                    idom[i] = newIdom;
                    changed = true;
                }
            }
        }
        for (int i = 1; i < n; i++) {
            if (children[idom[i]] == null) children[idom[i]] = new ArrayList<>();
            children[idom[i]].add(rpo.get(i));
        }
        number();
    }

    /** The nearest common dominator of two blocks, by reverse post-order index. */
    private int intersect(int a, int b) {
        while (a != b) {
            while (a > b) a = idom[a];
            while (b > a) b = idom[b];
        }
        return a;
    }

    /** DFS entry and exit numbers of the tree, iteratively (a tree may be as deep as the function is long). */
    private void number() {
        int n = idom.length;
        int clock = 0;
        int[] stack = new int[n], next = new int[n];
        int top = 0;
        stack[top] = 0;
        next[top++] = 0;
        enter[0] = clock++;
        while (top > 0) {
            int b = stack[top - 1];
            int i = next[top - 1];
            List<Block> ch = children[b];
            if (ch != null && i < ch.size()) {
                next[top - 1] = i + 1;
                int c = cfg.rpoIndex(ch.get(i));
                enter[c] = clock++;
                stack[top] = c;
                next[top++] = 0;
            } else {
                exit[b] = clock++;
                top--;
            }
        }
    }

    public Cfg cfg() { return cfg; }

    /** The immediate dominator; null for the entry and for unreachable blocks. */
    public Block idom(Block b) {
        int i = cfg.rpoIndex(b);
        return i <= 0 || idom[i] < 0 ? null : cfg.rpo().get(idom[i]);
    }

    public List<Block> children(Block b) {
        int i = cfg.rpoIndex(b);
        return i < 0 || children[i] == null ? List.of() : children[i];
    }

    /** Whether {@code a} dominates {@code b} (every block dominates itself; unreachable blocks dominate nothing). */
    public boolean dominates(Block a, Block b) {
        int ia = cfg.rpoIndex(a), ib = cfg.rpoIndex(b);
        if (ia < 0 || ib < 0) return false;
        return enter[ia] <= enter[ib] && exit[ib] <= exit[ia];
    }

    public boolean strictlyDominates(Block a, Block b) { return a != b && dominates(a, b); }

    /** Whether instruction {@code def} is available at instruction {@code use} (same block: defined earlier). */
    public boolean dominates(Instruction def, Instruction use) {
        Block db = def.block(), ub = use.block();
        if (db == ub) return db.indexOf(def) < ub.indexOf(use);
        return dominates(db, ub);
    }

    /** Dominance frontier of each reachable block (where a definition in the block stops dominating). */
    public Set<Block> frontier(Block b) {
        if (frontiers == null) computeFrontiers();
        int i = cfg.rpoIndex(b);
        return i < 0 ? Set.of() : frontiers.get(i);
    }

    private void computeFrontiers() {
        List<Block> rpo = cfg.rpo();
        frontiers = new ArrayList<>(rpo.size());
        for (int i = 0; i < rpo.size(); i++) frontiers.add(new LinkedHashSet<>());
        for (int i = 0; i < rpo.size(); i++) {
            List<Integer> ps = new ArrayList<>();
            for (Block p : cfg.preds(rpo.get(i))) if (cfg.isReachable(p)) ps.add(cfg.rpoIndex(p));
            if (ps.size() < 2) continue;
            for (int p : ps) {
                int runner = p;
                while (runner >= 0 && runner != idom[i]) {
                    frontiers.get(runner).add(rpo.get(i));
                    runner = runner == idom[runner] ? -1 : idom[runner];
                }
            }
        }
    }

    /** Blocks in dominator-tree pre-order (parents before children). */
    public List<Block> preorder() {
        List<Block> out = new ArrayList<>();
        if (cfg.rpo().isEmpty()) return out;
        List<Block> stack = new ArrayList<>();
        stack.add(cfg.rpo().get(0));
        while (!stack.isEmpty()) {
            Block b = stack.remove(stack.size() - 1);
            out.add(b);
            List<Block> ch = children(b);
            for (int i = ch.size() - 1; i >= 0; i--) stack.add(ch.get(i));
        }
        return out;
    }
}
