package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: nothing. Leaves stale: CFG, dominators, loops.
 *
 * Cleans up the control flow, repeating until nothing changes:
 * <ol>
 *   <li>fold branches: {@code condbr} on a constant or with two equal targets, {@code switch} on a constant, become
 *       {@code br};</li>
 *   <li>delete unreachable blocks (the kernel rejects dead code) and the phi entries from them;</li>
 *   <li>merge a block into its only predecessor when that predecessor has no other successor;</li>
 *   <li>thread empty blocks: a block holding only {@code br T} is bypassed, its predecessors branch to T directly
 *       (unless a phi in T would need two different values from one predecessor);</li>
 *   <li>thread branches on a short-circuit condition's phi into the predecessors that decide it
 *       ({@link BooleanPhiThreading}).</li>
 * </ol>
 * A branch that carries a loop hint ({@code !unroll}) is never threaded away, so the hint stays on the loop's
 * back edge.
 */
public final class SimplifyCfg {
    public void run(Function fn) {
        boolean changed = true;
        while (changed) {
            changed = foldBranches(fn);
            if (Cfg.removeUnreachable(fn)) changed = true;
            CfgEdits.prunePhis(fn);
            if (mergeBlocks(fn)) changed = true;
            if (threadEmptyBlocks(fn)) changed = true;
            if (BooleanPhiThreading.run(fn)) changed = true;
        }
    }

    private static boolean foldBranches(Function fn) {
        boolean changed = false;
        for (Block b : fn.blocks()) {
            Instruction t = b.terminator();
            Block dest = null;
            if (t.op() == Opcode.CONDBR) {
                if (t.targets().get(0) == t.targets().get(1)) dest = t.targets().get(0);
                else if (t.operand(0) instanceof Constant c) dest = t.targets().get(c.value() != 0 ? 0 : 1);
            } else if (t.op() == Opcode.SWITCH) {
                if (t.operand(0) instanceof Constant c) dest = Sccp.switchTarget(t, c.value());
                else if (t.successors().size() == 1) dest = t.targets().get(0);
            }
            if (dest == null) continue;
            List<Block> oldSuccs = t.successors();
            int hint = t.loopHint;
            t.morph(Opcode.BR, Type.VOID);
            t.targets().add(dest);
            t.loopHint = hint;
            for (Block s : oldSuccs) if (s != dest) for (Instruction phi : s.phis()) phi.removeIncoming(b);
            changed = true;
        }
        return changed;
    }

    /**
     * Merges chains in one sweep: when b ends in {@code br s} and s has no other predecessor, s's instructions
     * move into b. Predecessor counts of other blocks do not change (s's successors see b instead of s), so one
     * CFG computed up front stays good for the whole sweep.
     */
    private static boolean mergeBlocks(Function fn) {
        Cfg cfg = new Cfg(fn);
        Map<Value, Value> replace = new HashMap<>();
        Set<Block> removed = new HashSet<>();
        boolean changed = false;
        for (Block b : new ArrayList<>(fn.blocks())) {
            if (removed.contains(b)) continue;
            while (true) {
                Instruction t = b.terminator();
                if (t.op() != Opcode.BR) break;
                Block s = t.targets().get(0);
                if (s == b || s == fn.entry() || cfg.preds(s).size() != 1) break;
                for (Instruction phi : s.phis()) { // one predecessor: the phi is its only value
                    replace.put(phi, phi.operand(0));
                    s.remove(phi);
                }
                b.remove(t);
                for (Instruction i : s.splitOff(0)) b.append(i);
                for (Block succ : b.successors()) for (Instruction phi : succ.phis()) phi.replaceTarget(s, b);
                removed.add(s);
                changed = true;
            }
        }
        if (!changed) return false;
        fn.removeBlocks(removed);
        fn.replaceAllUses(replace);
        return true;
    }

    /**
     * Predecessor lists are sets in insertion order, and each phi of a target is read through a map of its
     * entries, made when first asked and kept in step; the entries of the threaded blocks leave each phi in one
     * pass at the end. Searching the lists made a switch of n cases that each set a constant quadratic (a
     * 12,800-case one spent two thirds of its compile here). The result is the one the searches gave: entries are
     * only appended for new predecessors and removed for threaded blocks, which never come back.
     * Branches are retargeted once, at the end: a threaded block's predecessors go where it went, followed through
     * blocks threaded after it ({@link #resolve}); one {@code replaceTarget} per threaded block made the switch's n
     * targets a scan per case, and removing blocks one by one a scan of the block list each.
     */
    private static boolean threadEmptyBlocks(Function fn) {
        boolean changed = false;
        Cfg initial = new Cfg(fn);
        Map<Block, Set<Block>> preds = new HashMap<>();
        for (Block b : fn.blocks()) preds.put(b, new LinkedHashSet<>(initial.preds(b)));
        PhiEntries entries = new PhiEntries();
        Map<Block, Block> threadedTo = new HashMap<>();
        Set<Instruction> retarget = new LinkedHashSet<>(); // branches that may name a threaded block
        Set<Block> threaded = new HashSet<>();
        for (Block e : new ArrayList<>(fn.blocks())) {
            if (e == fn.entry() || e.size() != 1) continue;
            Instruction t = e.terminator();
            if (t.op() != Opcode.BR || t.loopHint != Instruction.HINT_NONE) continue;
            Block target = resolve(threadedTo, t.targets().get(0));
            if (target == e) continue;
            Set<Block> ePreds = preds.get(e);
            if (ePreds.isEmpty()) continue;
            Set<Block> targetPreds = preds.get(target);
            List<Instruction> phis = target.phis();
            boolean ok = true;
            for (Block p : ePreds) {
                if (!targetPreds.contains(p)) continue;
                for (Instruction phi : phis) {
                    if (!entries.incomingFor(phi, p).equals(entries.incomingFor(phi, e))) ok = false;
                }
            }
            if (!ok) continue;
            for (Block p : ePreds) {
                boolean alreadyPred = targetPreds.contains(p);
                retarget.add(p.terminator());
                if (!alreadyPred) {
                    for (Instruction phi : phis) entries.add(phi, entries.incomingFor(phi, e), p);
                    targetPreds.add(p);
                }
            }
            for (Instruction phi : phis) entries.remove(phi, e);
            targetPreds.remove(e);
            threadedTo.put(e, target);
            threaded.add(e);
            changed = true;
        }
        for (Instruction t : retarget) {
            List<Block> targets = t.targets();
            for (int k = 0; k < targets.size(); k++) targets.set(k, resolve(threadedTo, targets.get(k)));
        }
        fn.removeBlocks(threaded);
        entries.applyRemovals();
        return changed;
    }

    /**
     * Where a branch to b goes once the threaded blocks are gone: b, or the block b was threaded to, followed
     * further while that was threaded too (the path is shortened as it is walked, so chains cost once).
     */
    private static Block resolve(Map<Block, Block> threadedTo, Block b) {
        Block end = b;
        for (Block next; (next = threadedTo.get(end)) != null; ) end = next;
        while (b != end) b = threadedTo.put(b, end);
        return end;
    }

    /** The phi entries threadEmptyBlocks reads and edits, by incoming block, with removals put off to the end. */
    private static final class PhiEntries {
        /** Per phi asked about: the first value from each block (what Instruction.incomingFor answers). */
        private final Map<Instruction, Map<Block, Value>> first = new HashMap<>();
        /**
         * Per phi, the blocks whose entries are still to be removed from it. A set because removal only asks
         * whether an entry's block is in it ({@link Instruction#removeIncoming(Set)} keeps the other entries in
         * their own order), so the order the blocks went in cannot change the result; nor can the order of the
         * phis, each of which is edited alone.
         */
        private final Map<Instruction, Set<Block>> removed = new LinkedHashMap<>();

        Value incomingFor(Instruction phi, Block from) { return of(phi).get(from); }

        void add(Instruction phi, Value v, Block from) {
            phi.addIncoming(v, from);
            of(phi).putIfAbsent(from, v);
        }

        void remove(Instruction phi, Block from) {
            of(phi).remove(from);
            removed.computeIfAbsent(phi, k -> new HashSet<>()).add(from);
        }

        private Map<Block, Value> of(Instruction phi) {
            Map<Block, Value> m = first.get(phi);
            if (m == null) {
                m = new HashMap<>();
                Set<Block> gone = removed.getOrDefault(phi, Set.of());
                for (int k = 0; k < phi.targets().size(); k++) {
                    if (!gone.contains(phi.targets().get(k))) m.putIfAbsent(phi.targets().get(k), phi.operand(k));
                }
                first.put(phi, m);
            }
            return m;
        }

        void applyRemovals() {
            for (Map.Entry<Instruction, Set<Block>> r : removed.entrySet()) r.getKey().removeIncoming(r.getValue());
        }
    }
}
