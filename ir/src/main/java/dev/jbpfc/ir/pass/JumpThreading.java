package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Fold;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.DominatorTree;
import dev.jbpfc.ir.analysis.LoopInfo;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Needs: SSA form; computes uses once and keeps them exact, and CFG, dominators and loops once per round of
 * threads. Leaves stale: CFG, dominators, loops. Deletes the blocks it leaves unreachable.
 *
 * Sends an edge past a block whose branch is already decided on that edge: the block tests, through its phis, the
 * very condition the predecessor's branch tested. selftests' test_verif_scale1/2 repeat 90 times
 * {@code ptr = data + i; if (ptr + 14 > data_end) break; ... i++;} inside {@code do { } while (0)}, so once a
 * check fails every later one fails with the same {@code i}:
 * <pre>
 *   c1:   %p = ptradd %data, %o                 c1:   %p = ptradd %data, %o
 *         %q = ptradd %p, 14                          %q = ptradd %p, 14
 *         %f = cmp ugt ptr %q, %end                   %f = cmp ugt ptr %q, %end
 *         condbr i1 %f, c2, work                      condbr i1 %f, c2.skip, work   ; c2's test is %f again
 *   work: ... %i1 = add i32 %i, 1 ...    -&gt;     ...
 *   c2:   %i2 = phi i32 [%i, c1], [%i1, work]   c2:   %i2 = phi i32 [%i1, work]
 *         %o2 = sext i32 %i2 to i64                   ...
 *         ... %f2 = cmp ugt ptr %q2, %end             condbr i1 %f2, c2.skip, work2
 *         condbr i1 %f2, c2.skip, work2       c2.skip: %i3 = phi i32 [%i2, c2], [%i, c1], ...
 * </pre>
 * The verifier cannot see that the second test repeats the first (the pointer is computed again), so it explores
 * both ways out of every check after a failed one, up to its limit of states; threaded, a failed check leads
 * straight to the end.
 *
 * The block passed by ({@code c2}) may hold only phis and operations without effects (they do not run on the
 * threaded edge), its branch's condition translated through its phis to the predecessor must be the predecessor's
 * condition (the same value, or the same pure operations on the same operands, with casts of constants folded and
 * offsets of 0 dropped), and its values must not be needed on the new path: used outside it only by phis on its
 * own edges (which get the translated value for the new edge) or in the region of its other successor, entered from
 * it alone. Edges into the middle of a loop (not its header) from outside it are never made, nor are branches that
 * carry a loop hint or back edges of the passed block touched.
 */
public final class JumpThreading {
    /** Threads at most this many edges in a function (each one removes a path, so it ends anyway). */
    private static final int MAX_THREADS = 100_000;
    /** How deep two conditions are compared operand by operand. */
    private static final int MAX_DEPTH = 8;

    public void run(Function fn) {
        int threads = 0;
        TrackedUses uses = new TrackedUses(fn);
        while (threads < MAX_THREADS) {
            int done = round(fn, uses);
            if (done == 0) break;
            threads += done;
        }
        // A block every edge now bypasses is dead code, which the kernel refuses.
        if (threads > 0) Cfg.removeUnreachable(fn);
    }

    /**
     * One sweep over the blocks on analyses computed up front; a block that an edit touched (as the block passed,
     * the predecessor or the new target) is left for the next sweep, so the analyses stay good for the others.
     */
    private static int round(Function fn, TrackedUses uses) {
        Cfg cfg = new Cfg(fn);
        DominatorTree dt = new DominatorTree(cfg);
        LoopInfo li = new LoopInfo(dt);
        Set<Block> touched = new HashSet<>();
        int done = 0;
        for (Block b : cfg.rpo()) {
            if (touched.contains(b) || !passable(b)) continue;
            Instruction br = b.terminator();
            for (Block p : cfg.preds(b)) {
                if (touched.contains(p) || p == b || dt.dominates(b, p)) continue;
                Instruction pt = p.terminator();
                if (pt.op() != Opcode.CONDBR || pt.loopHint != Instruction.HINT_NONE) continue;
                if (pt.targets().get(0) == pt.targets().get(1)) continue;
                if (!same(br.operand(0), pt.operand(0), b, p, 0)) continue;
                boolean known = pt.targets().get(0) == b;
                Block to = br.targets().get(known ? 0 : 1), other = br.targets().get(known ? 1 : 0);
                if (to == b || touched.contains(to) || touched.contains(other) || pt.targets().contains(to)) continue;
                if (entersLoopMidway(li, p, to) || !valuesStayDominated(b, to, other, cfg, dt, uses)) continue;
                List<Instruction> phis = to.phis();
                Value[] incoming = new Value[phis.size()];
                boolean ok = true;
                for (int k = 0; k < phis.size() && ok; k++) {
                    incoming[k] = translate(phis.get(k).incomingFor(b), b, p);
                    ok = incoming[k] != null;
                }
                if (!ok) continue;
                List<Instruction> bPhis = b.phis();
                phis.forEach(uses::forget);
                bPhis.forEach(uses::forget);
                pt.replaceTarget(b, to);
                for (int k = 0; k < phis.size(); k++) phis.get(k).addIncoming(incoming[k], p);
                for (Instruction phi : bPhis) phi.removeIncoming(p);
                phis.forEach(uses::record);
                bPhis.forEach(uses::record);
                touched.add(b);
                touched.add(p);
                touched.add(to);
                done++;
                break;
            }
        }
        return done;
    }

    /** A conditional branch after nothing that must run: phis and operations without effects. */
    private static boolean passable(Block b) {
        Instruction t = b.terminator();
        if (t == null || t.op() != Opcode.CONDBR || t.loopHint != Instruction.HINT_NONE) return false;
        if (t.targets().get(0) == t.targets().get(1)) return false;
        for (Instruction i : b.instructionsView()) {
            if (i == t || i.isPhi()) continue;
            Opcode op = i.op();
            if (op.isPure() || op == Opcode.CORE_FIELD) continue;
            if (op == Opcode.LOAD && !i.isVolatile) continue;
            return false;
        }
        return true;
    }

    /** An edge p -&gt; to that would enter a loop around {@code to} somewhere other than at its header. */
    private static boolean entersLoopMidway(LoopInfo li, Block p, Block to) {
        for (LoopInfo.Loop l = li.loopFor(to); l != null; l = l.parent()) {
            if (!l.contains(p) && l.header() != to) return true;
        }
        return false;
    }

    /**
     * Whether every use of a value of {@code b} outside it still has {@code b} on every path to it once an edge
     * bypasses b to {@code to}: a phi in {@code to} on b's edge (it gets a translated value for the new edge), or a
     * use in the region of {@code other}, b's other successor, when b is its only way in.
     */
    private static boolean valuesStayDominated(Block b, Block to, Block other, Cfg cfg, DominatorTree dt,
            TrackedUses uses) {
        boolean otherOnlyFromB = cfg.preds(other).size() == 1;
        for (Instruction d : b.instructionsView()) {
            for (Instruction u : uses.of(d)) {
                Block ub = u.block();
                if (ub == b) continue;
                if (u.isPhi()) {
                    for (int k = 0; k < u.operands().size(); k++) {
                        if (u.operand(k) != d) continue;
                        Block from = u.targets().get(k);
                        if (from == b && (ub == to || ub == other)) continue;
                        if (otherOnlyFromB && dt.dominates(other, from)) continue;
                        return false;
                    }
                } else if (!(otherOnlyFromB && dt.dominates(other, ub))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A value of {@code b} as seen on the edge from {@code p}: a phi's incoming value; null for b's other values
     * and for an incoming value computed in b itself (on a back edge: the previous trip's value).
     */
    private static Value translate(Value v, Block b, Block p) {
        if (!(v instanceof Instruction i) || i.block() != b) return v;
        if (!i.isPhi()) return null;
        Value in = i.incomingFor(p);
        return in instanceof Instruction ii && ii.block() == b ? null : in;
    }

    /**
     * {@code x} (computed in {@code b}) taken on the edge from {@code p}: b's phis become their incoming values,
     * casts of constants fold, and adding an offset of 0 is the pointer itself.
     */
    private static Value resolve(Value x, Block b, Block p) {
        if (!(x instanceof Instruction i) || i.block() != b) return x;
        if (i.isPhi()) return translate(i, b, p);
        switch (i.op()) {
            case SEXT, ZEXT, TRUNC -> {
                if (resolve(i.operand(0), b, p) instanceof Constant c) {
                    Long v = Fold.cast(i.op(), c.type(), i.type(), c.value());
                    if (v != null) return Constant.of(i.type(), v);
                }
            }
            case PTRADD, ADD, SUB, OR, XOR -> {
                if (resolve(i.operand(1), b, p) instanceof Constant c && c.value() == 0) {
                    Value base = resolve(i.operand(0), b, p);
                    if (base != null) return base;
                }
            }
            default -> { }
        }
        return x;
    }

    /** Whether {@code x} of {@code b}, on the edge from {@code p}, is the value {@code y} available in p. */
    private static boolean same(Value x, Value y, Block b, Block p, int depth) {
        x = resolve(x, b, p);
        if (x == null) return false;
        if (x == y) return true;
        if (x instanceof Constant cx && y instanceof Constant cy) return cx.type() == cy.type() && cx.value() == cy.value();
        if (depth >= MAX_DEPTH || !(x instanceof Instruction xi) || !(y instanceof Instruction yi)) return false;
        if (xi.op() != yi.op() || xi.type() != yi.type() || !xi.op().isPure() || xi.predicate != yi.predicate) return false;
        if (xi.operands().size() != yi.operands().size()) return false;
        if (xi.op() == Opcode.ADDR && !xi.symbol.equals(yi.symbol)) return false;
        if (!xi.sameSpaces(yi)) return false;
        for (int k = 0; k < xi.operands().size(); k++) {
            if (!same(xi.operand(k), yi.operand(k), b, p, depth + 1)) return false;
        }
        return true;
    }
}
