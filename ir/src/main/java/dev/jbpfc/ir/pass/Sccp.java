package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Fold;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.UseList;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: nothing (computes CFG and use lists). Leaves stale: CFG (branches on constants become {@code br}; blocks
 * that never run are deleted).
 *
 * Sparse conditional constant propagation (Wegman and Zadeck): values start unknown, blocks start unreached; only
 * edges whose branch can go that way are followed, so a constant that reaches a phi only along live edges stays a
 * constant:
 * <pre>
 *   entry: %c = cmp eq i32 1, 1 ; condbr i1 %c, a, b      ->   entry: br a
 *   join:  %x = phi i32 [3, a], [%y, b]                        join:  (uses of %x become 3, block b is gone)
 * </pre>
 * Folding goes through {@link Fold} (C semantics: x/0 is not a constant). Parameters, loads, calls and CO-RE
 * relocations are never constants. undef is treated as an unknown run-time value.
 */
public final class Sccp {
    /** Lattice: absent = unknown (top); a Constant; or OVER (bottom). */
    private static final Object OVER = new Object();

    private final Map<Value, Object> state = new HashMap<>();
    /** By block number ({@link Block#number()}): whether the block can run. */
    private boolean[] reached;
    private EdgeSet edges; // executable edges, as (from number, to number)
    private final Deque<Block> blockWork = new ArrayDeque<>();
    private final Deque<Instruction> valueWork = new ArrayDeque<>();
    /** Pairs (phi, operand whose lattice value dropped), flattened: the phi's entries for that operand to meet. */
    private final Deque<Instruction> phiWork = new ArrayDeque<>();
    /** Large phis' entries by incoming block and value, built when first needed (see {@link PhiEntryIndex}). */
    private final Map<Instruction, PhiEntryIndex> phiEntries = new IdentityHashMap<>();
    private UseList uses;

    public void run(Function fn) {
        state.clear();
        phiEntries.clear();
        reached = new boolean[fn.blockNumberLimit()];
        edges = new EdgeSet();
        uses = new UseList(fn);
        reach(fn.entry());
        while (!blockWork.isEmpty() || !valueWork.isEmpty() || !phiWork.isEmpty()) {
            while (!valueWork.isEmpty() || !phiWork.isEmpty()) {
                if (!phiWork.isEmpty()) {
                    Instruction phi = phiWork.pop();
                    operandDropped(phi, phiWork.pop());
                    continue;
                }
                Instruction i = valueWork.pop();
                if (reached[i.block().number()]) visit(i);
            }
            if (!blockWork.isEmpty()) {
                Block b = blockWork.pop();
                for (Instruction i : b.instructionsView()) visit(i);
            }
        }
        rewrite(fn);
    }

    private void reach(Block b) {
        if (!reached[b.number()]) {
            reached[b.number()] = true;
            blockWork.add(b);
        }
    }

    private void markEdge(Block from, Block to) {
        if (edges.add(edgeKey(from, to))) {
            if (!reached[to.number()]) reach(to);
            else for (Instruction phi : to.phis()) edgeLive(phi, from); // a new live edge into a reached block
        }
    }

    /*
     * Incremental phi evaluation. Lattice values only drop, so a phi's value after one change (an edge into its
     * block became live, or an operand's value dropped) is its current value met with the entries that change
     * concerns: the same value a meet over all entries gives, without the scan over all of them that made a
     * switch's join (one entry per case, one new live edge per case) quadratic. A whole-phi meet is still done when
     * its block is first reached (visit). An overdefined phi cannot drop further.
     */

    /** The edge from {@code from} into the phi's block just became live. */
    private void edgeLive(Instruction phi, Block from) {
        if (state.get(phi) == OVER) return;
        PhiEntryIndex index = entries(phi);
        if (index == null) {
            for (int k = 0; k < phi.operands().size(); k++) if (phi.targets().get(k) == from) meetEntry(phi, k);
        } else {
            for (int k : index.fromBlock(from)) meetEntry(phi, k);
        }
    }

    /** The lattice value of {@code v}, one of the phi's operands, just dropped. */
    private void operandDropped(Instruction phi, Instruction v) {
        if (!reached[phi.block().number()] || state.get(phi) == OVER) return; // no live edge into an unreached block
        PhiEntryIndex index = entries(phi);
        if (index == null) {
            for (int k = 0; k < phi.operands().size(); k++) if (phi.operand(k) == v && meetEntry(phi, k)) return;
        } else {
            for (int k : index.withValue(v)) if (meetEntry(phi, k)) return;
        }
    }

    /**
     * Meets the phi with entry k if its edge is live and its value known; whether it did (then the phi's other
     * entries of the same value add nothing).
     */
    private boolean meetEntry(Instruction phi, int k) {
        if (!edges.contains(edgeKey(phi.targets().get(k), phi.block()))) return false;
        Object v = valueOf(phi.operand(k));
        if (v == null) return false;
        set(phi, v);
        return true;
    }

    private PhiEntryIndex entries(Instruction phi) {
        if (phi.operands().size() <= PhiEntryIndex.SCAN_LIMIT) return null;
        return phiEntries.computeIfAbsent(phi, PhiEntryIndex::index);
    }

    private static long edgeKey(Block from, Block to) { return EdgeSet.edge(from.number(), to.number()); }

    private Object valueOf(Value v) {
        if (v instanceof Constant) return v;
        if (v instanceof Instruction) return state.get(v); // null = unknown
        return OVER; // params, undef
    }

    private void set(Instruction i, Object s) {
        Object old = state.get(i);
        if (old == OVER || (old != null && old.equals(s))) return;
        if (old != null && s != OVER && !old.equals(s)) s = OVER;
        state.put(i, s);
        Instruction previous = null;
        for (Instruction u : uses.users(i)) {
            if (u == previous) continue; // one user per operand slot: a phi's slots of one value come together
            previous = u;
            if (u.isPhi()) {
                phiWork.add(u);
                phiWork.add(i);
            } else {
                valueWork.add(u);
            }
        }
    }

    private void visit(Instruction i) {
        Opcode op = i.op();
        if (op == Opcode.PHI) {
            if (state.get(i) == OVER) return;
            Object acc = null;
            for (int k = 0; k < i.operands().size(); k++) {
                if (!edges.contains(edgeKey(i.targets().get(k), i.block()))) continue;
                Object v = valueOf(i.operand(k));
                if (v == null) continue;
                if (v == OVER || (acc != null && !acc.equals(v))) { acc = OVER; break; }
                acc = v;
            }
            if (acc != null) set(i, acc);
            return;
        }
        if (op.isTerminator()) {
            visitTerminator(i);
            return;
        }
        if (!i.hasResult()) return;
        if (!op.isPure() || op == Opcode.ADDR) {
            set(i, OVER);
            return;
        }
        if (op == Opcode.SELECT) {
            Object c = valueOf(i.operand(0));
            if (c == null) return;
            if (c instanceof Constant k) {
                Object v = valueOf(i.operand(k.value() != 0 ? 1 : 2));
                if (v != null) set(i, v);
                return;
            }
        }
        // all operands must be known; any overdefined makes the result overdefined
        List<Value> consts = new ArrayList<>();
        for (Value v : i.operands()) {
            Object s = valueOf(v);
            if (s == null) return;
            if (s == OVER) { set(i, OVER); return; }
            consts.add((Constant) s);
        }
        Instruction probe = i.copy();
        for (int k = 0; k < consts.size(); k++) probe.setOperand(k, consts.get(k));
        Constant r = Fold.constant(probe);
        set(i, r == null ? OVER : r);
    }

    private void visitTerminator(Instruction t) {
        Block b = t.block();
        switch (t.op()) {
            case BR -> markEdge(b, t.targets().get(0));
            case CONDBR -> {
                Object c = valueOf(t.operand(0));
                if (c == null) return;
                if (c instanceof Constant k) markEdge(b, t.targets().get(k.value() != 0 ? 0 : 1));
                else for (Block s : t.targets()) markEdge(b, s);
            }
            case SWITCH -> {
                Object c = valueOf(t.operand(0));
                if (c == null) return;
                if (c instanceof Constant k) markEdge(b, switchTarget(t, k.value()));
                else for (Block s : t.targets()) markEdge(b, s);
            }
            default -> { }
        }
    }

    static Block switchTarget(Instruction sw, long v) {
        for (int k = 0; k < sw.caseValues.length; k++) if (sw.caseValues[k] == v) return sw.targets().get(k + 1);
        return sw.targets().get(0);
    }

    private void rewrite(Function fn) {
        Map<Value, Value> replace = new HashMap<>();
        for (Block b : fn.blocks()) {
            if (!reached[b.number()]) continue;
            for (Instruction i : b.instructions()) {
                Object s = state.get(i);
                if (s instanceof Constant c && i.hasResult() && !i.hasSideEffects()) {
                    replace.put(i, c);
                    i.remove();
                }
            }
            Instruction t = b.terminator();
            if ((t.op() == Opcode.CONDBR || t.op() == Opcode.SWITCH) && valueOf(t.operand(0)) instanceof Constant k) {
                Block dest = t.op() == Opcode.CONDBR ? t.targets().get(k.value() != 0 ? 0 : 1) : switchTarget(t, k.value());
                int hint = t.loopHint;
                t.morph(Opcode.BR, dev.jbpfc.ir.Type.VOID);
                t.targets().add(dest);
                t.loopHint = hint;
            }
        }
        fn.replaceAllUses(replace);
        // delete blocks that never run, then phi entries for edges that no longer exist
        Set<Block> dead = new HashSet<>();
        for (Block b : fn.blocks()) if (!reached[b.number()]) dead.add(b);
        fn.removeBlocks(dead);
        CfgEdits.prunePhis(fn);
        Cfg.removeUnreachable(fn);
    }
}
