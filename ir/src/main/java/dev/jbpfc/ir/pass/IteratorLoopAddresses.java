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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: SSA form; computes CFG, dominators and loops itself. Leaves stale: nothing (no block is added or removed).
 *
 * Moves the address of a global's or a stack slot's element out of an open-coded iterator loop when the element
 * index does not change in the loop: selftests' iters.c, an outer loop's counter indexing inside an inner one.
 * <pre>
 *   bpf_for(row, 0, 4)                            inner.pre:
 *     bpf_for(col, 0, 5)                            %o = mul i64 (sext %row), 20
 *       sum += arr2d[row][col];          -&gt;         %r = ptradd (addr @arr2d), %o     ; a pointer, kept
 *                                                 inner.body:
 *                                                   %a = ptradd %r, (mul (sext %col), 4)
 * </pre>
 * Why: at an iterator's {@code _next} call the kernel verifier compares the state with the one of the previous
 * iteration and forgets the range of every scalar that is not exactly the same, ids included ("widening"). A copy
 * of a scalar ({@code r1 = r7}) gives it an id, so an outer counter the inner body copies to compute an index has
 * one in the states of the inner loop and none when the next outer trip enters it: its range is dropped and the
 * index is refused ("value ... makes map_value pointer be out of bounds"). Pointers are never widened: computed
 * once before the inner loop, the element's address keeps its bounds, as in clang's objects.
 * <p>
 * What moves: a {@code ptradd} whose base is the address of a global or a stack slot (never NULL, so the
 * arithmetic is allowed anywhere), or such a ptradd itself, and whose offset is computed in the loop by integer
 * arithmetic and casts from values defined before it, together with that arithmetic. An offset built from a value
 * the loop compares stays put: the compare may be the bound check the verifier needs before the arithmetic.
 * Only loops that call an iterator's {@code _next} kfunc and have a preheader (one block outside the loop jumping
 * only to the header) are touched. Innermost loops first, so an address leaves a nest as far as it may.
 */
public final class IteratorLoopAddresses {
    public void run(Function fn) {
        DominatorTree dt = new DominatorTree(new Cfg(fn));
        LoopInfo li = new LoopInfo(dt);
        for (Loop loop : li.innermostFirst()) {
            if (!callsIteratorNext(loop)) continue;
            Block pre = preheader(loop, dt.cfg());
            if (pre == null) continue;
            hoist(loop, pre, dt);
        }
    }

    private static boolean callsIteratorNext(Loop loop) {
        for (Block b : loop.blocks()) {
            for (Instruction i : b.instructions()) {
                if (i.op() == Opcode.CALLKFUNC && i.symbol != null && i.symbol.startsWith("bpf_iter_")
                        && i.symbol.endsWith("_next")) return true;
            }
        }
        return false;
    }

    /** The one block outside the loop that enters it, when it jumps nowhere else; else null. */
    private static Block preheader(Loop loop, Cfg cfg) {
        Block pre = null;
        for (Block p : cfg.preds(loop.header())) {
            if (loop.contains(p)) continue;
            if (pre != null) return null;
            pre = p;
        }
        if (pre == null || pre.terminator() == null || pre.terminator().op() != Opcode.BR) return null;
        return pre;
    }

    private static void hoist(Loop loop, Block pre, DominatorTree dt) {
        Set<Value> compared = new HashSet<>();
        for (Block b : loop.blocks()) {
            for (Instruction i : b.instructions()) {
                if (i.op() == Opcode.CMP || i.op() == Opcode.SWITCH) compared.addAll(i.operands());
            }
        }
        Map<Value, Boolean> memo = new HashMap<>();
        // Loop blocks in dominator order, so an address's operands are placed in the preheader before it.
        List<Block> order = new ArrayList<>();
        for (Block b : dt.preorder()) if (loop.contains(b)) order.add(b);
        Set<Instruction> moved = new LinkedHashSet<>();
        for (Block b : order) {
            for (Instruction i : b.instructions()) {
                if (i.op() != Opcode.PTRADD || !movable(i, loop, compared, memo)) continue;
                if (i.operand(1) instanceof Constant) continue; // base + constant: nothing a register would keep
                collect(i, loop, moved);
            }
        }
        for (Instruction i : moved) {
            i.remove();
            pre.insertBeforeTerminator(i);
        }
    }

    /** Adds {@code i}'s operands defined in the loop, then {@code i}, to {@code out} (operands first). */
    private static void collect(Instruction i, Loop loop, Set<Instruction> out) {
        if (out.contains(i)) return;
        for (Value v : i.operands()) {
            if (v instanceof Instruction d && loop.contains(d.block())) collect(d, loop, out);
        }
        out.add(i);
    }

    /** Whether {@code v} can be computed before the loop as a never-NULL address or integer arithmetic. */
    private static boolean movable(Value v, Loop loop, Set<Value> compared, Map<Value, Boolean> memo) {
        Boolean known = memo.get(v);
        if (known != null) return known;
        boolean ok = computeMovable(v, loop, compared, memo);
        memo.put(v, ok);
        return ok;
    }

    private static boolean computeMovable(Value v, Loop loop, Set<Value> compared, Map<Value, Boolean> memo) {
        if (v instanceof Constant) return true;
        if (!(v instanceof Instruction i) || !loop.contains(i.block())) {
            // Defined before the loop: an address must be one that is never NULL; an integer must not be one the
            // loop checks (its bound may come from that check).
            if (v.type() == Type.PTR) return neverNull(v);
            return !compared.contains(v);
        }
        if (compared.contains(i)) return false;
        switch (i.op()) {
            case ADDR:
                return true;
            case PTRADD:
                return movable(i.operand(0), loop, compared, memo) && movable(i.operand(1), loop, compared, memo);
            case ADD, SUB, MUL, AND, OR, SEXT, ZEXT, TRUNC:
                break;
            case SHL:
                // a shift the verifier refuses (by the width or more) stays where the program put it
                if (!(i.operand(1) instanceof Constant c) || c.value() < 0 || c.value() >= (i.type() == Type.I64 ? 64 : 32)) return false;
                break;
            default:
                return false;
        }
        if (i.type() == Type.PTR) return false;
        for (Value o : i.operands()) if (!movable(o, loop, compared, memo)) return false;
        return true;
    }

    /** The address of a global or a stack slot, or such an address plus an offset. */
    private static boolean neverNull(Value v) {
        if (!(v instanceof Instruction i)) return false;
        return switch (i.op()) {
            case ADDR, ALLOCA -> true;
            case PTRADD -> neverNull(i.operand(0));
            default -> false;
        };
    }
}
