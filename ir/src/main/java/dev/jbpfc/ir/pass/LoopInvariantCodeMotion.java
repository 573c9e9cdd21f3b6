package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.DominatorTree;
import dev.jbpfc.ir.analysis.LoopInfo;
import dev.jbpfc.ir.analysis.LoopInfo.Loop;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Needs: SSA form; computes CFG, dominators and loops itself. Leaves stale: CFG, dominators, loops (it may add a
 * preheader block).
 *
 * Moves integer arithmetic whose operands do not change inside a loop to the loop's preheader, so it runs once per
 * entry instead of once per trip. The kernel's verifier walks a plain loop trip by trip, so every instruction
 * taken out of the body is an instruction fewer on each of those walks (selftests' loop1.c computes {@code j & 1}
 * on every trip of its inner loop):
 * <pre>
 *   for.cond.1:                                      for.cond.1.pre:
 *     %i = phi i32 [0, for.cond], [%i1, if.end]        %3 = and i32 %j, 1            ; once per outer trip
 *     ...                                     -&gt;       br for.cond.1
 *   for.body.2:                                      for.body.2:
 *     %3 = and i32 %j, 1                               %4 = cmp ne i32 %3, 0
 *     %4 = cmp ne i32 %3, 0                            condbr i1 %4, if.then, if.end
 * </pre>
 * What moves is limited to what the verifier sees the same way wherever it is computed: two-operand integer
 * arithmetic and integer casts and selects, and of those only what does not use a value some branch inside the
 * loop compares (that branch may be what bounds the result; {@code x & MASK} is bounded anyway and moves). Compares stay next to their branch (the verifier learns bounds and
 * non-NULL-ness from the branch on the compared registers, not from a materialised boolean), pointer arithmetic
 * stays where it is (moved above a NULL check inside the loop it is arithmetic on a maybe-NULL pointer, which the
 * verifier refuses), and so do loads, calls and everything with an effect. Moving an instruction out of a branch
 * of the body runs it on paths that did not run it before; none of the moved operations traps on BPF (division by
 * zero gives 0), and a shift by a constant at least the operand's width (which the verifier refuses) is not moved.
 * Loops are visited innermost first, so an expression leaves a nest as far as its operands allow. A loop entered
 * from several blocks, or from a block that branches elsewhere too, gets a preheader of its own, but only when
 * something moves.
 */
public final class LoopInvariantCodeMotion {
    public void run(Function fn) {
        // A new preheader changes the CFG: start again on fresh analyses (each such round moves something out of
        // a loop, so the rounds end).
        while (hoistUntilCfgChanges(fn)) { }
    }

    /** Moves what the loops can lose, innermost first; true when it stopped early because it added a block. */
    private static boolean hoistUntilCfgChanges(Function fn) {
        DominatorTree dt = new DominatorTree(new Cfg(fn));
        LoopInfo li = new LoopInfo(dt);
        for (Loop loop : li.innermostFirst()) {
            // 1. What can move, in dominator order so an operand moves before its users.
            List<Instruction> hoist = new ArrayList<>();
            Set<Instruction> moving = new HashSet<>();
            Set<Value> narrowed = testedInside(loop);
            for (Block b : dt.preorder()) {
                if (!loop.contains(b)) continue;
                for (Instruction i : b.instructionsView()) {
                    if (!movable(i) || !invariant(i, loop, moving)) continue;
                    boolean fromTested = false;
                    for (Value v : i.operands()) fromTested |= narrowed.contains(v);
                    if (fromTested && !boundedByMask(i)) continue;
                    if (fromTested) narrowed.add(i); // within the mask, the test may have bounded it closer
                    hoist.add(i);
                    moving.add(i);
                }
            }
            if (hoist.isEmpty()) continue;
            // 2. Where it goes: the preheader, made when the header has none.
            int blocks = fn.blocks().size();
            Block pre = preheader(fn, loop, dt.cfg());
            if (pre == null) continue;
            // 3. Move, keeping the order.
            for (Instruction i : hoist) {
                i.block().remove(i);
                pre.insertBeforeTerminator(i);
            }
            if (fn.blocks().size() != blocks) return true;
        }
        return false;
    }

    /** Operations that compute the same value anywhere and that the verifier treats alike wherever they are. */
    static boolean movable(Instruction i) {
        if (i.type() == Type.PTR) return false;
        Opcode op = i.op();
        if (op == Opcode.ZEXT || op == Opcode.SEXT || op == Opcode.TRUNC) return i.operand(0).type() != Type.PTR;
        if (op == Opcode.SELECT) return true;
        if (!op.isBinary()) return false;
        if (i.operand(0).type() == Type.PTR || i.operand(1).type() == Type.PTR) return false;
        if (op == Opcode.SHL || op == Opcode.LSHR || op == Opcode.ASHR) {
            int bits = i.type() == Type.I64 ? 64 : 32;
            if (i.operand(1) instanceof Constant c && (c.value() < 0 || c.value() >= bits)) return false;
        }
        return true;
    }

    /**
     * The values a branch inside the loop compares (or switches on). The verifier narrows a compared register's
     * range on each way out of the branch, so arithmetic on it computed after the branch can be bounded where the
     * same arithmetic moved above the branch is not: {@code if (n < 64) v = p[n * 8]} inside a loop must keep its
     * {@code n * 8} below the test ("unbounded memory access" otherwise).
     */
    private static Set<Value> testedInside(Loop loop) {
        Set<Value> out = new HashSet<>();
        for (Block b : loop.blocks()) {
            Instruction t = b.terminator();
            if (t == null) continue;
            if (t.op() == Opcode.SWITCH) out.add(t.operand(0));
            if (t.op() == Opcode.CONDBR && t.operand(0) instanceof Instruction c && c.op() == Opcode.CMP) {
                out.addAll(c.operands());
            }
        }
        return out;
    }

    /** {@code x & MASK}: its range is the mask's whatever the verifier knows of x. */
    private static boolean boundedByMask(Instruction i) {
        return i.op() == Opcode.AND && (i.operand(0) instanceof Constant c0 && c0.value() >= 0
                || i.operand(1) instanceof Constant c1 && c1.value() >= 0);
    }

    /** Every operand is defined outside the loop or by an instruction already chosen to move. */
    private static boolean invariant(Instruction i, Loop loop, Set<Instruction> moving) {
        for (Value v : i.operands()) {
            if (v instanceof Instruction d && loop.contains(d.block()) && !moving.contains(d)) return false;
        }
        return true;
    }

    /**
     * The block outside the loop that alone jumps to its header, made when missing: the blocks that entered the
     * header now jump to it, and the header's phis take their entering values through phis of its own when those
     * differ by predecessor.
     */
    private static Block preheader(Function fn, Loop loop, Cfg cfg) {
        Block head = loop.header();
        List<Block> outside = new ArrayList<>();
        for (Block p : cfg.preds(head)) if (!loop.contains(p)) outside.add(p);
        if (outside.isEmpty()) return null;
        if (outside.size() == 1 && outside.get(0).terminator().op() == Opcode.BR) return outside.get(0);
        return CfgEdits.insertPreheader(fn, head, outside, head.name() + ".pre");
    }
}
