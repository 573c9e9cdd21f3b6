package dev.jbpfc.backend.isel;

import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MLoop;
import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.CountedLoop;
import dev.jbpfc.ir.analysis.LoopInfo;
import dev.jbpfc.loophints.LoopHint;
import dev.jbpfc.loophints.TripCount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds counted loops to the loop-hint templates (docs/loop-hints.md) during instruction selection: which loops
 * ({@link #plan}), and where their blocks go ({@link #layOut}). For
 * <pre>
 *   for (u32 i = 0; i < n; i++) s += p[i & 63] ^ i;     (rotated by LoopRotation: a guard, then a bottom test)
 * </pre>
 * selection emits (iv and n pinned to r6..r9 by the allocator, s coalesced with its phi):
 * <pre>
 *   w6 = 0                      ; the preheader's last instruction: iv = INIT
 * body:                         ; start
 *   ... s += p[w6 & 63] ^ w6 ...
 *   w6 += 1                     ; end-1, the latch: the IR's %i.next is the induction register itself
 *   if w6 < w7 goto body        ; end, the only back edge
 *   goto out                    ; (dropped when out follows)
 * </pre>
 * The layout puts the preheader right before the loop, the header first, the latch last, and a nested loop's
 * blocks together inside its parent's. The hint itself is made from the encoded function (emit.LoopHints), so
 * whatever a later stage changes is checked again there; a loop that stops matching gets no hint.
 */
public final class LoopShaping {
    private LoopShaping() {}

    /** A loop selection builds to a template: the IR shape and the machine loop it fills in. */
    public record Planned(CountedLoop.Shape shape, MLoop mloop, Set<Instruction> coalesced) {}

    /** The loops of {@code fn} that fit; records the others in {@link MFunction#loopMisses}. */
    static List<Planned> plan(Function fn, MFunction mf, Map<Value, Integer> vregs) {
        List<Planned> out = new ArrayList<>();
        Map<LoopInfo.Loop, Planned> byLoop = new HashMap<>();
        for (CountedLoop.Result r : CountedLoop.analyze(fn)) {
            if (!r.fits()) {
                mf.loopMisses.add(new MFunction.LoopMiss(r.loc(), r.reason()));
                continue;
            }
            CountedLoop.Shape s = r.shape();
            Integer iv = vregs.get(s.iv());
            Value limit = s.limit();
            int limitReg = -1;
            long limitImm = 0;
            if (limit instanceof Constant c) {
                limitImm = s.width() == 32 ? (int) c.value() : c.value();
            } else {
                Integer lr = vregs.get(limit);
                if (lr == null) {
                    mf.loopMisses.add(new MFunction.LoopMiss(r.loc(), "the limit is not kept in a register"));
                    continue;
                }
                limitReg = lr;
            }
            if (iv == null) {
                mf.loopMisses.add(new MFunction.LoopMiss(r.loc(), "the induction variable is not kept in a register"));
                continue;
            }
            LoopHint.Compare cmp = s.countsUp() ? (s.strict() ? LoopHint.Compare.LT : LoopHint.Compare.LE)
                    : (s.strict() ? LoopHint.Compare.GT : LoopHint.Compare.GE);
            long init = s.width() == 32 ? (int) s.init() : s.init();
            TripCount.Result bound = TripCount.ofImmediates(s.width(), s.signed(), cmp, s.step(),
                    limitReg < 0 ? LoopHint.Limit.constant(limitImm) : LoopHint.Limit.register(7), init);
            if (!bound.proved()) {
                mf.loopMisses.add(new MFunction.LoopMiss(r.loc(), "no trip-count bound: " + bound.problem()));
                continue;
            }
            MLoop ml = new MLoop(r.loc(), iv, limitReg, limitImm, s.width(), s.signed(), cmp, s.step(), init);
            vregs.put(s.next(), iv);
            Planned p = new Planned(s, ml, coalesce(s, vregs, users(fn)));
            out.add(p);
            byLoop.put(s.loop(), p);
        }
        for (Planned p : out) {
            for (LoopInfo.Loop up = p.shape().loop().parent(); up != null; up = up.parent()) {
                Planned q = byLoop.get(up);
                if (q != null) {
                    p.mloop().parent = q.mloop();
                    break;
                }
            }
            mf.loops.add(p.mloop());
        }
        return out;
    }

    private static final Set<Opcode> TWO_ADDRESS = Set.of(Opcode.ADD, Opcode.SUB, Opcode.MUL, Opcode.AND, Opcode.OR,
            Opcode.XOR, Opcode.SHL, Opcode.LSHR, Opcode.ASHR);

    /**
     * Loop-carried values computed in the latch straight into their phi's register, so the back edge needs no
     * copy: {@code s = phi [0, pre], [%s1, latch]; ... %s1 = add %s, %x} selects to {@code w3 += w4} instead of
     * {@code r5 = r3; w5 += w4; r4 = r5; r3 = r4}. Allowed when the value is a two-address ALU operation in the
     * latch whose second operand is not the phi, and nothing reads the phi's old value after it (in the latch, or
     * as another phi's next value): every other block of the loop runs before the latch within a trip, and a
     * break leaves before it. The phi's copy on the back edge is then left out (returned here).
     */
    private static Set<Instruction> coalesce(CountedLoop.Shape s, Map<Value, Integer> vregs, Map<Value, List<Instruction>> users) {
        Set<Instruction> out = new HashSet<>();
        Block latch = s.latch();
        for (Instruction q : s.header().phis()) {
            if (q == s.iv() || !(q.incomingFor(latch) instanceof Instruction v)) continue;
            if (v.block() != latch || !TWO_ADDRESS.contains(v.op()) || v.type() != q.type() || v == s.next()) continue;
            if (v.operand(1) == q || !vregs.containsKey(v) || !vregs.containsKey(q)) continue;
            int at = latch.indexOf(v);
            boolean ok = true;
            for (Instruction u : users.getOrDefault(q, List.of())) {
                if (u.block() == latch && latch.indexOf(u) > at) ok = false;
                if (u.block() == s.header() && u.op() == Opcode.PHI) ok = false;
            }
            boolean taken = false;
            for (Instruction other : out) if (other.incomingFor(latch) == v) taken = true;
            if (!ok || taken) continue;
            vregs.put(v, vregs.get(q));
            out.add(q);
        }
        return out;
    }

    private static Map<Value, List<Instruction>> users(Function fn) {
        Map<Value, List<Instruction>> out = new HashMap<>();
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructionsView()) for (Value v : i.operands()) out.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
        }
        return out;
    }

    /**
     * Reorders the machine blocks so that each built loop is its preheader's blocks, then its header, its other
     * blocks (inner built loops kept together the same way), then its latch, then the latch's exit edge; every
     * other block keeps its order. Each machine block still ends in a jump, so any order is correct.
     */
    static void layOut(Function fn, MFunction mf, Map<Block, MBlock> blockMap, Map<MBlock, MBlock> edgeOwner,
                       List<Planned> loops) {
        // The machine blocks of each IR block: its own and the ones selection split off after it, with the edge
        // blocks as EdgeBlockPlacement ordered them: a forward edge right before the block it jumps to (so the
        // block it leaves from keeps its fall-through, and the verifier its order of exploring paths), a back
        // edge after the block it leaves from.
        Map<MBlock, Integer> position = new HashMap<>();
        for (int k = 0; k < mf.blocks.size(); k++) position.put(mf.blocks.get(k), k);
        Map<MBlock, List<MBlock>> edgesAfter = new HashMap<>(), edgesBefore = new HashMap<>();
        for (MBlock m : mf.blocks) {
            MBlock from = edgeOwner.get(m);
            if (from == null) continue;
            MBlock to = m.insns.isEmpty() ? null : m.insns.get(m.insns.size() - 1).target;
            if (to != null && position.containsKey(to) && position.get(to) > position.get(from)) {
                edgesBefore.computeIfAbsent(to, k -> new ArrayList<>()).add(m);
            } else {
                edgesAfter.computeIfAbsent(from, k -> new ArrayList<>()).add(m);
            }
        }
        Map<MBlock, Block> starts = new HashMap<>();
        for (Block b : fn.blocks()) starts.put(blockMap.get(b), b);
        Map<Block, List<MBlock>> group = new HashMap<>();
        Block owner = null;
        for (MBlock m : mf.blocks) {
            if (edgeOwner.containsKey(m)) continue;
            if (starts.containsKey(m)) owner = starts.get(m);
            List<MBlock> g = group.computeIfAbsent(owner, k -> new ArrayList<>());
            g.addAll(edgesBefore.getOrDefault(m, List.of()));
            g.add(m);
            g.addAll(edgesAfter.getOrDefault(m, List.of()));
        }
        Map<MLoop, Planned> planned = new HashMap<>();
        for (Planned p : loops) planned.put(p.mloop(), p);
        Layout l = new Layout(fn, group, loops, planned);
        for (Block b : fn.blocks()) {
            if (l.placed.contains(b)) continue;
            Planned outer = l.outermostFor(b);
            if (outer != null) l.placeLoop(outer);
            else l.place(b);
        }
        if (l.order.size() != mf.blocks.size() || !new HashSet<>(l.order).containsAll(mf.blocks)) {
            throw new IllegalStateException("loop layout lost blocks in " + mf.name);
        }
        mf.blocks.clear();
        mf.blocks.addAll(l.order);
    }

    private static final class Layout {
        final Function fn;
        final Map<Block, List<MBlock>> group;
        final List<Planned> loops;
        final Map<MLoop, Planned> planned;
        final Set<Block> placed = new HashSet<>();
        final Set<Planned> placedLoops = new HashSet<>();
        final List<MBlock> order = new ArrayList<>();

        Layout(Function fn, Map<Block, List<MBlock>> group, List<Planned> loops, Map<MLoop, Planned> planned) {
            this.fn = fn;
            this.group = group;
            this.loops = loops;
            this.planned = planned;
        }

        void place(Block b) {
            if (!placed.add(b)) return;
            order.addAll(group.getOrDefault(b, List.of()));
        }

        /** The innermost built loop holding {@code b}, or the one {@code b} is the preheader of; then its root. */
        Planned outermostFor(Block b) {
            Planned best = null;
            for (Planned p : loops) {
                if (placedLoops.contains(p)) continue;
                boolean in = p.shape().loop().contains(b) || p.shape().preheader() == b;
                if (in && (best == null || p.shape().loop().blocks().size() < best.shape().loop().blocks().size())) best = p;
            }
            if (best == null) return null;
            while (best.mloop().parent != null && !placedLoops.contains(planned.get(best.mloop().parent))) {
                best = planned.get(best.mloop().parent);
            }
            return best;
        }

        /** The unplaced built loop directly inside {@code p} that holds {@code b} or has it as preheader. */
        Planned childFor(Planned p, Block b) {
            Planned best = null;
            for (Planned c : loops) {
                if (c == p || placedLoops.contains(c) || !p.shape().loop().contains(c.shape().header())) continue;
                boolean in = c.shape().loop().contains(b) || c.shape().preheader() == b;
                if (in && (best == null || c.shape().loop().blocks().size() > best.shape().loop().blocks().size())) best = c;
            }
            return best;
        }

        void placeLoop(Planned p) {
            if (!placedLoops.add(p)) return;
            CountedLoop.Shape s = p.shape();
            place(s.preheader());
            visit(p, s.header());
            for (Block b : fn.blocks()) {
                if (b == s.latch() || !s.loop().contains(b)) continue;
                visit(p, b);
            }
            visit(p, s.latch());
        }

        private void visit(Planned p, Block b) {
            if (placed.contains(b)) return;
            Planned inner = childFor(p, b);
            if (inner != null) placeLoop(inner);
            place(b);
        }
    }
}
