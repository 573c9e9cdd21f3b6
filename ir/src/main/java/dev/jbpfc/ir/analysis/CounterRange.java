package dev.jbpfc.ir.analysis;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.Map;

/**
 * Needs: the CFG and dominator tree of the phi's function. The range of a loop counter: an {@code i32} phi of a
 * loop header whose values from outside the loop lie in {@code [lo, hi]} and whose every back-edge value is the
 * phi plus a constant {@code c >= 0}, taken only after a test that bounds the phi from above:
 * <pre>
 *   for.cond: %i = phi i32 [0, entry], [%9, if.end]     ; [0, 64]
 *             %0 = cmp slt i32 %i, 64
 *             condbr i1 %0, for.body, for.end
 *   for.body: %1 = cmp sge i32 %i, %n                  ; a second test, on the false edge: %i s< %n
 *             condbr i1 %1, for.end, if.end
 *   if.end:   %3 = sext i32 %i to i64                  ; -> zext (free after the 32-bit add)
 *             %9 = add i32 %i, 1
 * </pre>
 * Why it is sound without knowing that C's {@code int} may not overflow (the IR does not say which values are
 * signed): by induction over the iterations, the phi is at least {@code lo}; on the back edge it was at most
 * {@code U}, the test's bound, and {@code U + c} fits the type, so the step neither wraps nor goes below {@code lo}.
 * A test whose successor dominates the back edge's block, entered only from the test, holds for the phi's value of
 * the iteration that takes the back edge: a path from the test to the back edge through the header again would
 * give a path from the function's entry to the back edge that avoids the test.
 * Why it matters: a signed {@code int} index is sign-extended at each use (two shifts on BPF) unless it is known
 * non-negative, where the zero extension a 32-bit ALU operation already did suffices (clang keeps such counters
 * in 64 bits or zero-extends them once).
 */
final class CounterRange {
    private CounterRange() { }

    /** The range of loop-header phi {@code phi}, or null when it is not such a counter. */
    static IntRange of(Instruction phi, Cfg cfg, DominatorTree dom, Map<Value, IntRange> known) {
        if (phi.type() != Type.I32) return null;
        Block header = phi.block();
        int at = cfg.rpoIndex(header);
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        boolean stepped = false;
        for (int k = 0; k < phi.operands().size(); k++) {
            Value v = phi.operand(k);
            Block from = phi.targets().get(k);
            int f = cfg.rpoIndex(from);
            if (f < 0) continue; // an edge from unreachable code carries nothing
            if (f < at) { // from outside the loop
                IntRange r = IntRange.of(v, known);
                lo = Math.min(lo, r.lo());
                hi = Math.max(hi, r.hi());
                continue;
            }
            if (v == phi) continue;
            long step = step(phi, v);
            if (step < 0) return null;
            long bound = upperBound(phi, from, header, dom, known);
            if (bound == Long.MAX_VALUE || bound + step > Integer.MAX_VALUE) return null;
            hi = Math.max(hi, bound + step);
            stepped = true;
        }
        if (!stepped || lo == Long.MAX_VALUE || lo < Integer.MIN_VALUE) return null;
        return new IntRange(lo, Math.max(lo, hi));
    }

    /** {@code c} when {@code v} is {@code add phi, c} with a constant {@code 0 <= c < 2^31}, else -1. */
    private static long step(Instruction phi, Value v) {
        if (!(v instanceof Instruction add) || add.op() != Opcode.ADD) return -1;
        Value other = add.operand(0) == phi ? add.operand(1) : add.operand(1) == phi ? add.operand(0) : null;
        if (!(other instanceof Constant c) || c.value() < 0 || c.value() > Integer.MAX_VALUE) return -1;
        return c.value();
    }

    /**
     * The least upper bound on {@code phi} that a test on the way from {@code header} to {@code latch} proves
     * (a test whose true or false successor has that test's block as its only predecessor and dominates the latch),
     * or {@code Long.MAX_VALUE} when none does.
     */
    private static long upperBound(Instruction phi, Block latch, Block header, DominatorTree dom, Map<Value, IntRange> known) {
        long best = Long.MAX_VALUE;
        for (Block b = latch; b != null && b != header; b = dom.idom(b)) {
            Block test = dom.idom(b);
            if (test == null || !dom.dominates(header, test) || dom.cfg().predCount(b) != 1) continue;
            Instruction t = test.terminator();
            if (t == null || t.op() != Opcode.CONDBR || t.targets().get(0) == t.targets().get(1)) continue;
            if (!(t.operand(0) instanceof Instruction cmp) || cmp.op() != Opcode.CMP) continue;
            Predicate p = t.targets().get(0) == b ? cmp.predicate : cmp.predicate.inverse();
            best = Math.min(best, bound(phi, cmp, p, known));
        }
        return best;
    }

    /** The upper bound {@code a p b} (with {@code p} holding) puts on {@code phi}, or {@code Long.MAX_VALUE}. */
    private static long bound(Instruction phi, Instruction cmp, Predicate p, Map<Value, IntRange> known) {
        Value a = cmp.operand(0), b = cmp.operand(1);
        if (!isPhi(a, phi)) {
            if (!isPhi(b, phi)) return Long.MAX_VALUE;
            Value s = a;
            a = b;
            b = s;
            p = p.swapped();
        }
        IntRange r = IntRange.of(b, known);
        return switch (p) {
            case SLT -> r.hi() - 1;
            case SLE, EQ -> r.hi();
            // unsigned below a non-negative bound: the bit pattern is below 2^31 - 1, the same value signed
            case ULT -> r.lo() >= 0 && r.hi() <= Integer.MAX_VALUE ? r.hi() - 1 : Long.MAX_VALUE;
            case ULE -> r.lo() >= 0 && r.hi() <= Integer.MAX_VALUE ? r.hi() : Long.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
    }

    /** Whether {@code v} is {@code phi} or its sign extension (C compares an {@code int} with a {@code long} so). */
    private static boolean isPhi(Value v, Instruction phi) {
        return v == phi || v instanceof Instruction s && s.op() == Opcode.SEXT && s.operand(0) == phi;
    }
}
