package dev.jbpfc.ir.analysis;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Instruction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dominators of the reachable blocks (Cooper, Harvey and Kennedy's iterative algorithm over reverse post-order),
 * the dominator tree's children, and dominance frontiers. Stale whenever the CFG changes.
 */
public final class DominatorTree {
    private final Cfg cfg;
    private final Map<Block, Block> idom = new HashMap<>();
    private final Map<Block, List<Block>> children = new HashMap<>();
    private final Map<Block, int[]> interval = new HashMap<>(); // DFS entry/exit numbers for O(1) queries
    private Map<Block, Set<Block>> frontiers;

    public DominatorTree(Cfg cfg) {
        this.cfg = cfg;
        List<Block> rpo = cfg.rpo();
        if (rpo.isEmpty()) return;
        Block entry = rpo.get(0);
        idom.put(entry, entry);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 1; i < rpo.size(); i++) {
                Block b = rpo.get(i);
                Block newIdom = null;
                for (Block p : cfg.preds(b)) {
                    if (!idom.containsKey(p)) continue;
                    newIdom = newIdom == null ? p : intersect(p, newIdom);
                }
                if (newIdom != null && idom.get(b) != newIdom) {
                    idom.put(b, newIdom);
                    changed = true;
                }
            }
        }
        for (Block b : rpo) children.put(b, new ArrayList<>());
        for (Block b : rpo) if (b != entry) children.get(idom.get(b)).add(b);
        number(entry);
    }

    private Block intersect(Block a, Block b) {
        while (a != b) {
            while (cfg.rpoIndex(a) > cfg.rpoIndex(b)) a = idom.get(a);
            while (cfg.rpoIndex(b) > cfg.rpoIndex(a)) b = idom.get(b);
        }
        return a;
    }

    private void number(Block root) {
        int[] clock = {0};
        List<Object[]> stack = new ArrayList<>();
        stack.add(new Object[]{root, 0});
        interval.put(root, new int[]{clock[0]++, 0});
        while (!stack.isEmpty()) {
            Object[] top = stack.get(stack.size() - 1);
            Block b = (Block) top[0];
            int i = (Integer) top[1];
            List<Block> ch = children.get(b);
            if (i < ch.size()) {
                top[1] = i + 1;
                Block c = ch.get(i);
                interval.put(c, new int[]{clock[0]++, 0});
                stack.add(new Object[]{c, 0});
            } else {
                interval.get(b)[1] = clock[0]++;
                stack.remove(stack.size() - 1);
            }
        }
    }

    public Cfg cfg() { return cfg; }

    /** The immediate dominator; null for the entry and for unreachable blocks. */
    public Block idom(Block b) {
        Block d = idom.get(b);
        return d == b ? null : d;
    }

    public List<Block> children(Block b) { return children.getOrDefault(b, List.of()); }

    /** Whether {@code a} dominates {@code b} (every block dominates itself; unreachable blocks dominate nothing). */
    public boolean dominates(Block a, Block b) {
        int[] ia = interval.get(a), ib = interval.get(b);
        if (ia == null || ib == null) return false;
        return ia[0] <= ib[0] && ib[1] <= ia[1];
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
        return frontiers.getOrDefault(b, Set.of());
    }

    private void computeFrontiers() {
        frontiers = new HashMap<>();
        for (Block b : cfg.rpo()) frontiers.put(b, new LinkedHashSet<>());
        for (Block b : cfg.rpo()) {
            List<Block> ps = new ArrayList<>();
            for (Block p : cfg.preds(b)) if (cfg.isReachable(p)) ps.add(p);
            if (ps.size() < 2) continue;
            for (Block p : ps) {
                Block runner = p;
                while (runner != null && runner != idom.get(b)) {
                    frontiers.get(runner).add(b);
                    runner = runner == idom.get(runner) ? null : idom.get(runner);
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
