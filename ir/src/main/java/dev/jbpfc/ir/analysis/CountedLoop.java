package dev.jbpfc.ir.analysis;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.DebugLoc;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Param;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which loops of a function are bottom-tested counted loops that the backend can build to a loop-hint template
 * (docs/loop-hints.md), and why the others are not. Needs: nothing (computes CFG, dominators, loops). Reads only.
 * <pre>
 *   pre:  ...                                   ; one successor: the loop's only way in
 *         br body
 *   body: %i = phi i32 [0, pre], [%i.next, latch]   ; INIT a constant
 *         ... (%i read anywhere in the loop)
 *   latch: ...
 *         %i.next = add i32 %i, 1               ; STEP a constant, in the latch
 *         %c = cmp ult i32 %i.next, %n          ; %n a constant or defined outside the loop
 *         condbr i1 %c, body, exit              ; the only back edge
 * </pre>
 * becomes, after instruction selection and layout, {@code w6 = 0; body...; w6 += 1; if w6 < w7 goto body}. The
 * shape is what the backend can promise: the add moves to the end of the latch (so %i.next may be used only by
 * the compare, the phi and code after the loop), the other phis' copies go before it, and values of the last
 * iteration that leave through the latch's exit must be %i.next or values computed in the loop (a header phi's
 * register already holds the next value there). {@link #analyze} reports every loop, shaped or not.
 *
 * <p>Two other counted-loop recognizers exist, each for a reason. LoopLowering's {@code match} reads loops before
 * rotation (tested at the top, stepped by 1, see {@code LoopLowering.Counted}). loop-hints' {@code CountedLoop}
 * checks the machine code and the hint this shape becomes, and must not share this code: it is the check that
 * the backend kept its promise, so a fault here has to be one it can catch, and it reads BPF instructions, not IR.
 */
public final class CountedLoop {
    /** A loop that fits: everything the backend and the hint need. */
    public record Shape(LoopInfo.Loop loop, Block preheader, Block header, Block latch, Block exit,
                        Instruction iv, Instruction next, Instruction compare, Instruction branch,
                        boolean countsUp, boolean strict, boolean signed, long step, long init, Value limit,
                        DebugLoc loc) {
        public int width() { return iv.type() == Type.I64 ? 64 : 32; }

        /** The constant limit, or null for a register. */
        public Long constantLimit() { return limit instanceof Constant c ? c.value() : null; }
    }

    /** One loop of the function: a shape, or the reason it has none. */
    public record Result(LoopInfo.Loop loop, DebugLoc loc, Shape shape, String reason) {
        public boolean fits() { return shape != null; }
    }

    private CountedLoop() {}

    /** Every natural loop of {@code fn}, outer loops before inner ones. */
    public static List<Result> analyze(Function fn) {
        Cfg cfg = new Cfg(fn);
        DominatorTree dt = new DominatorTree(cfg);
        LoopInfo li = new LoopInfo(dt);
        Map<Value, List<Instruction>> users = new HashMap<>();
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructions()) for (Value v : i.operands()) users.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
        }
        List<Result> out = new ArrayList<>();
        for (LoopInfo.Loop l : li.loops()) out.add(examine(l, cfg, users));
        return out;
    }

    /** Where a loop is in the source: its back edge's location, else its header's first located instruction. */
    public static DebugLoc locationOf(LoopInfo.Loop l) {
        for (Block latch : l.latches()) if (latch.terminator() != null && latch.terminator().loc != null) return latch.terminator().loc;
        for (Block b : l.blocks()) for (Instruction i : b.instructions()) if (i.loc != null) return i.loc;
        return null;
    }

    private static Result examine(LoopInfo.Loop l, Cfg cfg, Map<Value, List<Instruction>> users) {
        DebugLoc loc = locationOf(l);
        Block header = l.header();
        if (l.latches().size() != 1) return no(l, loc, "the loop has several back edges");
        Block latch = l.latches().get(0);
        Instruction branch = latch.terminator();
        if (branch == null || branch.op() != Opcode.CONDBR) return no(l, loc, whyNotRotated(l, latch));
        Block t = branch.targets().get(0), f = branch.targets().get(1);
        boolean backOnTrue;
        if (t == header && !l.contains(f)) backOnTrue = true;
        else if (f == header && !l.contains(t)) backOnTrue = false;
        else return no(l, loc, "the back edge's branch does not leave the loop on its other side");
        Block exit = backOnTrue ? f : t;
        List<Block> preds = cfg.preds(header);
        Block pre = null;
        for (Block p : preds) {
            if (p == latch) continue;
            if (pre != null) return no(l, loc, "the loop is entered from several places");
            pre = p;
        }
        if (pre == null || preds.size() != 2) return no(l, loc, "the loop has no single entry");
        if (pre.terminator() == null || pre.terminator().op() != Opcode.BR) {
            return no(l, loc, "the loop's entry block also branches elsewhere");
        }
        if (!(branch.operand(0) instanceof Instruction cmp) || cmp.op() != Opcode.CMP || cmp.block() != latch
                || users.getOrDefault(cmp, List.of()).size() != 1) {
            return no(l, loc, "the exit test is not a single compare");
        }
        Predicate p = backOnTrue ? cmp.predicate : cmp.predicate.inverse();
        Value a = cmp.operand(0), b = cmp.operand(1);
        Instruction next = stepOf(a, header, latch);
        Value limit = b;
        if (next == null) {
            next = stepOf(b, header, latch);
            limit = a;
            p = p.swapped();
        }
        if (next == null) return no(l, loc, "no induction variable: the exit compare does not test a variable stepped by a constant");
        Instruction iv = (Instruction) next.operand(0);
        Type type = iv.type();
        if (type != Type.I32 && type != Type.I64) return no(l, loc, "the induction variable is not a 32- or 64-bit integer");
        if (!(iv.incomingFor(pre) instanceof Constant initC)) return no(l, loc, "the induction variable does not start at a constant");
        long init = initC.value();
        if (type == Type.I64 && (init < Integer.MIN_VALUE || init > Integer.MAX_VALUE)) {
            return no(l, loc, "the initial value does not fit a 32-bit immediate");
        }
        if (limit instanceof Constant lc) {
            if (type == Type.I64 && (lc.value() < Integer.MIN_VALUE || lc.value() > Integer.MAX_VALUE)) {
                return no(l, loc, "the limit does not fit a 32-bit immediate");
            }
        } else if (limit instanceof Instruction li) {
            if (l.contains(li.block())) return no(l, loc, "the limit changes inside the loop");
        } else if (!(limit instanceof Param)) {
            return no(l, loc, "the limit is not a constant or a value computed before the loop");
        }
        long c = ((Constant) next.operand(1)).value();
        if (type == Type.I32) c = (int) c;
        if (c < Integer.MIN_VALUE || c > Integer.MAX_VALUE || c == 0 || c == Integer.MIN_VALUE) {
            return no(l, loc, "the step is 0 or does not fit a 32-bit immediate");
        }
        boolean up = next.op() == Opcode.ADD ? c > 0 : c < 0;
        long step = Math.abs(c);
        if ((p == Predicate.NE) && limit instanceof Constant lc) {
            // `iv != LIMIT` is `iv < LIMIT` (or `>` counting down) when the steps from INIT land on LIMIT exactly
            // and never pass a wrap-around on the way: the values in between are all on one side of it.
            long lim = type == Type.I32 ? (int) lc.value() : lc.value(), from = type == Type.I32 ? (int) init : init;
            long dist = up ? lim - from : from - lim;
            if (dist > 0 && dist % step == 0 && (up ? lim > from : lim < from)) {
                boolean neg = lim < 0 || from < 0;
                p = up ? (neg ? Predicate.SLT : Predicate.ULT) : (neg ? Predicate.SGT : Predicate.UGT);
            }
        }
        boolean strict, signed = p.isSigned();
        switch (p) {
            case ULT, SLT -> { if (!up) return no(l, loc, "the exit compare tests '<' while the variable counts down"); strict = true; }
            case ULE, SLE -> { if (!up) return no(l, loc, "the exit compare tests '<=' while the variable counts down"); strict = false; }
            case UGT, SGT -> { if (up) return no(l, loc, "the exit compare tests '>' while the variable counts up"); strict = true; }
            case UGE, SGE -> { if (up) return no(l, loc, "the exit compare tests '>=' while the variable counts up"); strict = false; }
            default -> { return no(l, loc, "the exit compare is '==' or '!='"); }
        }
        // Uses the backend can honour (see the class comment).
        for (Instruction u : users.getOrDefault(next, List.of())) {
            if (u == cmp || u == iv) continue;
            if (l.contains(u.block())) return no(l, loc, "the induction variable's next value is used inside the loop");
            if (u.op() == Opcode.PHI && !leavesThrough(u, next, latch)) return no(l, loc, "the induction variable's next value is merged after the loop");
        }
        for (Instruction phi : header.phis()) {
            if (phi != iv && phi.incomingFor(latch) == next) {
                return no(l, loc, "another loop-carried value takes the induction variable's next value");
            }
            for (Instruction u : users.getOrDefault(phi, List.of())) {
                if (l.contains(u.block())) continue;
                if (u.op() != Opcode.PHI || !viaBody(u, phi, l, latch)) {
                    return no(l, loc, "a loop-carried value of the last iteration is used after the loop");
                }
            }
        }
        return new Result(l, loc, new Shape(l, pre, header, latch, exit, iv, next, cmp, branch, up, strict, signed,
                step, init, limit, loc), null);
    }

    /** Why a loop tested at its top (its latch jumps back unconditionally) was not rotated by LoopRotation. */
    private static String whyNotRotated(LoopInfo.Loop l, Block latch) {
        Block header = l.header();
        Instruction t = header.terminator();
        boolean exitsAtTop = t != null && t.op() == Opcode.CONDBR
                && (!l.contains(t.targets().get(0)) || !l.contains(t.targets().get(1)));
        if (!exitsAtTop) return "the loop has no exit test at its top or bottom (it is left only by break, return or goto)";
        int phis = header.phis().size();
        if (header.size() != phis + 2 || header.get(phis).op() != Opcode.CMP) {
            return "the exit test is more than one compare (the loop's header computes other values)";
        }
        Instruction cmp = header.get(phis);
        for (int side = 0; side < 2; side++) {
            Value a = cmp.operand(side), b = cmp.operand(1 - side);
            if (!(a instanceof Instruction phi) || phi.op() != Opcode.PHI || phi.block() != header) continue;
            if (!(phi.incomingFor(latch) instanceof Instruction st) || (st.op() != Opcode.ADD && st.op() != Opcode.SUB)
                    || st.operand(0) != phi || !(st.operand(1) instanceof Constant)) continue;
            if (st.block() != latch) return "the induction variable is stepped before the loop's last block";
            if (b instanceof Instruction bi && l.contains(bi.block())) return "the limit changes inside the loop";
            return "the exit test could not be moved to the loop's bottom (entry, exit or values used after the loop)";
        }
        return "no induction variable: the exit compare does not test a variable stepped by a constant";
    }

    /** {@code v} = add/sub of a header phi and a constant, in the latch, that the phi takes back from the latch. */
    private static Instruction stepOf(Value v, Block header, Block latch) {
        if (!(v instanceof Instruction i) || i.block() != latch) return null;
        if (i.op() != Opcode.ADD && i.op() != Opcode.SUB) return null;
        if (!(i.operand(0) instanceof Instruction phi) || phi.op() != Opcode.PHI || phi.block() != header) return null;
        if (!(i.operand(1) instanceof Constant)) return null;
        return phi.incomingFor(latch) == i && phi.operands().size() == 2 ? i : null;
    }

    /** Every operand {@code v} of phi {@code u} comes from the latch. */
    private static boolean leavesThrough(Instruction u, Value v, Block latch) {
        for (int k = 0; k < u.operands().size(); k++) if (u.operand(k) == v && u.targets().get(k) != latch) return false;
        return true;
    }

    /** Every operand {@code v} of phi {@code u} comes from a loop block other than the latch (a break). */
    private static boolean viaBody(Instruction u, Value v, LoopInfo.Loop l, Block latch) {
        for (int k = 0; k < u.operands().size(); k++) {
            if (u.operand(k) != v) continue;
            Block from = u.targets().get(k);
            if (from == latch || !l.contains(from)) return false;
        }
        return true;
    }

    private static Result no(LoopInfo.Loop l, DebugLoc loc, String reason) { return new Result(l, loc, null, reason); }
}
