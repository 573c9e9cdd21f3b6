package dev.jbpfc.ir.analysis;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.HashMap;
import java.util.Map;

/**
 * Needs: nothing (computes the CFG). The ranges of the integer phis that merge paths without closing a cycle,
 * as {@link IntRange#of(Value, Map)} takes them: the union of what flows in, each incoming value's range computed
 * with the phis before it already known. A counter bumped on some paths of straight-line code is such a chain:
 * <pre>
 *   do.end:   %i  = phi i32 [1, if.end], [0, entry]           ; [0, 1]
 *   do.end.3: %i2 = phi i32 [%i1, if.end.5], [%i, do.end]     ; %i1 = add i32 %i, 1: [0, 2]
 * </pre>
 * which IntRange alone, a few definitions deep, cannot follow (selftests' test_verif_scale3 has 90 of them, and
 * {@code data + i} sign-extends each: two shifts where a non-negative value needs none). A phi with an incoming
 * edge that is not forward in reverse post-order (a loop header's) is given one only when it is a counter stepped
 * up under a bound ({@link CounterRange}, proved by induction), so none of the ranges depends on itself.
 */
public final class PhiRanges {
    private PhiRanges() { }

    /** The known ranges of {@code fn}'s acyclic integer phis (those narrower than their type). */
    public static Map<Value, IntRange> of(Function fn) {
        Cfg cfg = new Cfg(fn);
        DominatorTree dom = null;
        Map<Value, IntRange> known = new HashMap<>();
        for (Block b : cfg.rpo()) {
            int at = cfg.rpoIndex(b);
            for (Instruction phi : b.phis()) {
                if (phi.type() != Type.I32 && phi.type() != Type.I64) continue;
                boolean forward = true;
                for (Block from : phi.targets()) {
                    int k = cfg.rpoIndex(from);
                    if (k < 0 || k >= at) forward = false;
                }
                if (phi.operands().isEmpty()) continue;
                if (!forward) {
                    if (dom == null) dom = new DominatorTree(cfg);
                    IntRange counter = CounterRange.of(phi, cfg, dom, known);
                    if (counter != null && (counter.lo() > Integer.MIN_VALUE || counter.hi() < Integer.MAX_VALUE)) known.put(phi, counter);
                    continue;
                }
                long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
                for (Value v : phi.operands()) {
                    IntRange r = IntRange.of(v, known);
                    lo = Math.min(lo, r.lo());
                    hi = Math.max(hi, r.hi());
                }
                IntRange whole = phi.type() == Type.I64 ? IntRange.I64 : IntRange.I32;
                if (lo > whole.lo() || hi < whole.hi()) known.put(phi, new IntRange(lo, hi));
            }
        }
        return known;
    }
}
