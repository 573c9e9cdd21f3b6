package dev.jbpfc.ir.analysis;

import dev.jbpfc.ir.Block;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Natural loops: a back edge is an edge latch -> header where the header dominates the latch; the loop is the
 * header plus every block that reaches a latch without passing through the header. Loops sharing a header are one
 * loop. Irreducible cycles (no dominating header) are not loops here. Stale whenever the CFG changes.
 */
public final class LoopInfo {
    /** One natural loop. */
    public static final class Loop {
        private final Block header;
        private final List<Block> latches = new ArrayList<>();
        private final Set<Block> blocks = new LinkedHashSet<>();
        private Loop parent;
        private final List<Loop> children = new ArrayList<>();

        Loop(Block header) { this.header = header; }

        public Block header() { return header; }

        public List<Block> latches() { return latches; }

        /** The loop's blocks, header first. */
        public Set<Block> blocks() { return blocks; }

        public boolean contains(Block b) { return blocks.contains(b); }

        public Loop parent() { return parent; }

        public List<Loop> children() { return children; }

        public int depth() {
            int d = 1;
            for (Loop p = parent; p != null; p = p.parent) d++;
            return d;
        }

        /** Blocks in the loop with a successor outside it. */
        public List<Block> exitingBlocks() {
            List<Block> out = new ArrayList<>();
            for (Block b : blocks) for (Block s : b.successors()) if (!blocks.contains(s)) { out.add(b); break; }
            return out;
        }

        /** Blocks outside the loop that a loop block branches to. */
        public List<Block> exitBlocks() {
            Set<Block> out = new LinkedHashSet<>();
            for (Block b : blocks) for (Block s : b.successors()) if (!blocks.contains(s)) out.add(s);
            return new ArrayList<>(out);
        }
    }

    private final List<Loop> loops = new ArrayList<>();
    /** The smallest loop holding each block in a loop. */
    private final Map<Block, Loop> innermost = new HashMap<>();

    public LoopInfo(DominatorTree dt) {
        Cfg cfg = dt.cfg();
        Map<Block, Loop> byHeader = new LinkedHashMap<>();
        for (Block b : cfg.rpo()) {
            for (Block s : b.successors()) {
                if (dt.dominates(s, b)) {
                    Loop l = byHeader.computeIfAbsent(s, Loop::new);
                    l.latches.add(b);
                }
            }
        }
        for (Loop l : byHeader.values()) {
            l.blocks.add(l.header);
            Deque<Block> work = new ArrayDeque<>();
            for (Block latch : l.latches) if (l.blocks.add(latch)) work.add(latch);
            while (!work.isEmpty()) {
                Block b = work.pop();
                for (Block p : cfg.preds(b)) if (cfg.isReachable(p) && l.blocks.add(p)) work.add(p);
            }
            loops.add(l);
        }
        // Nesting: the parent is the smallest other loop containing the header. Two natural loops are disjoint or
        // one holds the other, and a loop is smaller than any loop holding it, so visiting the loops largest first
        // and noting each block's smallest loop so far finds every parent without comparing pairs of loops (a
        // function of thousands of loops made that quadratic).
        List<Loop> largestFirst = new ArrayList<>(loops);
        largestFirst.sort((a, b) -> Integer.compare(b.blocks.size(), a.blocks.size()));
        for (Loop l : largestFirst) {
            Loop parent = innermost.get(l.header);
            while (parent != null && parent.blocks.size() <= l.blocks.size()) parent = parent.parent;
            l.parent = parent;
            for (Block b : l.blocks) innermost.put(b, l);
        }
        for (Loop l : loops) if (l.parent != null) l.parent.children.add(l);
    }

    /** All loops, outer loops before the loops they contain (header in reverse post-order). */
    public List<Loop> loops() { return loops; }

    /** Loops with no loop inside them first: the order an unroller wants. */
    public List<Loop> innermostFirst() {
        List<Loop> out = new ArrayList<>(loops);
        out.sort((a, b) -> Integer.compare(b.depth(), a.depth()));
        return out;
    }

    /** The innermost loop containing {@code b}, or null. */
    public Loop loopFor(Block b) { return innermost.get(b); }

}
