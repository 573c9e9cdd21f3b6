package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Fold;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.DominatorTree;
import dev.jbpfc.ir.analysis.LoopInfo;
import dev.jbpfc.ir.analysis.LoopInfo.Loop;
import dev.jbpfc.ir.analysis.UseList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: nothing (computes CFG, dominators, loops). Leaves stale: CFG, dominators, loops. Runs Mem2Reg on its own
 * temporaries.
 *
 * Full unrolling of loops marked {@code !unroll} (from {@code #pragma unroll}) or {@code !unroll N} with N at least
 * the trip count. Old kernels reject back edges, and a fully unrolled loop with constant indices is what programs
 * written for them expect. The trip count is found by running the loop's header phis forward with constants (the
 * loop needs one latch; its exits that run every iteration, i.e. dominate the latch, must depend only on
 * header phis that start as constants and on pure arithmetic): iteration k's copy of the body sees the phis'
 * k-th values, and every branch in it whose condition is then known becomes a jump.
 * <pre>
 *   loop: %i = phi i32 [0, entry], [%n, loop]            entry: ... i=0 body ... i=1 body ... i=2 body ...
 *         ... body(%i) ...                          ->   br exit
 *         %n = add i32 %i, 1
 *         %c = cmp slt i32 %n, 3
 *         condbr i1 %c, loop, exit !unroll
 * </pre>
 * Values computed in the loop and used after it are routed through a temporary stack slot that Mem2Reg turns back
 * into SSA (with phis where several copies exit to the same place). Loops whose trip count is unknown, or whose
 * copy would exceed {@link #MAX_INSTRUCTIONS}, stay as they are (the kernel accepts bounded loops); loops without
 * the hint are never touched.
 */
public final class LoopUnroll {
    /** Largest trip count unrolled. */
    public static final int MAX_TRIPS = 4096;
    /** Largest number of instructions the unrolled copies may add. */
    public static final int MAX_INSTRUCTIONS = 40_000;
    /** The name {@code -Rpass=} and {@code -Rpass-missed=} select this pass's remarks by (clang's name). */
    public static final String REMARK_PASS = "loop-unroll";

    private final List<Remark> remarks;

    /** Unrolls without reporting loops it leaves alone. */
    public LoopUnroll() { this(new ArrayList<>()); }

    /** Unrolls, adding a remark to {@code remarks} for every marked loop: unrolled, or why not. */
    public LoopUnroll(List<Remark> remarks) { this.remarks = remarks; }

    public void run(Function fn) {
        Set<Block> tried = new HashSet<>();
        while (true) {
            Cfg cfg = new Cfg(fn);
            DominatorTree dt = new DominatorTree(cfg);
            LoopInfo li = new LoopInfo(dt);
            // 1. plan every marked loop that shares no block with a loop already planned this round (a loop around
            //    a planned one waits for the next round, when it contains the unrolled copies)
            List<Plan> plans = new ArrayList<>();
            Set<Block> planned = new HashSet<>();
            for (Loop loop : li.innermostFirst()) {
                Instruction hinted = null;
                for (Block l : loop.latches()) {
                    int h = l.terminator().loopHint;
                    if (h == Instruction.HINT_UNROLL || h > 0) hinted = l.terminator();
                }
                if (hinted == null || tried.contains(loop.header())) continue;
                boolean overlaps = false;
                for (Block b : loop.blocks()) overlaps |= planned.contains(b);
                if (overlaps) continue;
                tried.add(loop.header());
                if (loop.latches().size() != 1) {
                    remark(fn, loop, hinted, "the loop has more than one back edge");
                    continue;
                }
                Plan plan = plan(fn, loop, dt, hinted);
                if (plan.whyNot != null) {
                    remark(fn, loop, hinted, plan.whyNot);
                    continue;
                }
                plans.add(plan);
                planned.addAll(loop.blocks());
                remarks.add(Remark.passed(REMARK_PASS, fn.name(), where(loop, hinted), "completely unrolled loop with "
                        + plan.iterations() + (plan.iterations() == 1 ? " iteration" : " iterations")));
            }
            if (plans.isEmpty()) return;
            // 2. edit them all, then clean up once: the clean-up passes cost the whole function each time, and a
            //    program of many unrolled loops (the selftests' pyperf: five inlined copies of a 100-trip loop) paid
            //    them once per loop before
            UseList uses = new UseList(fn);
            for (Plan p : plans) demoteLiveOuts(p.loop, p.body, uses, fn);
            for (Plan p : plans) unroll(fn, p);
            CfgEdits.prunePhis(fn);
            Cfg.removeUnreachable(fn);
            CfgEdits.prunePhis(fn);
            new Mem2Reg().run(fn);
        }
    }

    /**
     * What unrolling one loop needs, found before any loop of the round is edited: its blocks in function order,
     * its trip count, and per iteration the branches whose direction is then known (block -> target index).
     * {@code whyNot} is set instead when the loop cannot be unrolled.
     */
    private record Plan(Loop loop, List<Block> body, int trips, int iterations, List<Map<Block, Integer>> decisions,
                        String whyNot) {
        static Plan refused(String why) { return new Plan(null, null, 0, 0, null, why); }
    }

    private void remark(Function fn, Loop loop, Instruction hinted, String why) {
        remarks.add(Remark.missed(REMARK_PASS, fn.name(), where(loop, hinted), "loop not unrolled: " + why));
    }

    /** Where a remark about the loop points: its condition (as loop-lowering's remarks do), else its back edge. */
    private static dev.jbpfc.ir.DebugLoc where(Loop loop, Instruction hinted) {
        Instruction t = loop.header().terminator();
        return t != null && t.loc != null ? t.loc : hinted.loc;
    }

    /** The loop's plan, or why it cannot be unrolled; reads the function and edits nothing. */
    private static Plan plan(Function fn, Loop loop, DominatorTree dt, Instruction hinted) {
        int hint = hinted.loopHint;
        Block header = loop.header();
        Block latch = loop.latches().get(0);
        List<Block> body = orderedBlocks(fn, loop);
        List<Instruction> headerPhis = header.phis();

        // trip count: run the header phis forward until an exit that runs every iteration is taken
        List<Block> alwaysRun = new ArrayList<>();
        for (Block b : body) if (dt.dominates(b, latch)) alwaysRun.add(b);
        List<Map<Instruction, Long>> envs = new ArrayList<>();
        Map<Instruction, Long> env = new HashMap<>();
        for (Instruction phi : headerPhis) {
            Long init = null;
            boolean ok = true;
            for (int k = 0; k < phi.operands().size(); k++) {
                if (phi.targets().get(k) == latch) continue;
                Long v = phi.operand(k) instanceof Constant c ? c.value() : null;
                if (v == null || (init != null && !init.equals(v))) ok = false;
                init = v;
            }
            if (ok && init != null) env.put(phi, init);
        }
        int trips = -1;
        Block exiting = null;
        for (int k = 0; k < MAX_TRIPS && trips < 0; k++) {
            envs.add(env);
            Map<Value, Long> memo = new HashMap<>();
            for (Block b : alwaysRun) {
                Block taken = decided(b.terminator(), env, loop, memo);
                if (taken != null && !loop.contains(taken)) {
                    trips = k + 1;
                    exiting = b;
                    break;
                }
            }
            if (trips > 0) break;
            Map<Instruction, Long> next = new HashMap<>();
            for (Instruction phi : headerPhis) {
                Long v = eval(phi.incomingFor(latch), env, loop, memo);
                if (v != null) next.put(phi, v);
            }
            if (next.isEmpty()) return Plan.refused(UNKNOWN_COUNT); // nothing known any more: no exit can be decided
            env = next;
        }
        if (trips < 0) return Plan.refused(UNKNOWN_COUNT);
        // the source's iterations are the back edge's runs: a loop that leaves at its header (for (...; i < 8; ...))
        // runs it once more than its body; one that leaves at its latch (do ... while) does not
        int iterations = exiting == latch ? trips : trips - 1;
        if (hint > 0 && hint < iterations) {
            return Plan.refused("partial unrolling (a count of " + hint + " for " + iterations + " iterations) is not supported yet");
        }
        int size = 0;
        for (Block b : body) size += b.size();
        if ((long) size * (trips - 1) > MAX_INSTRUCTIONS) {
            return Plan.refused("unrolling " + trips + " iterations of " + size + " instructions exceeds the limit of "
                    + MAX_INSTRUCTIONS);
        }

        // decisions per iteration, taken on the original branches before any are edited: block -> target index
        List<Map<Block, Integer>> decisions = new ArrayList<>();
        for (int k = 0; k < trips; k++) {
            Map<Value, Long> memo = new HashMap<>();
            Map<Block, Integer> d = new HashMap<>();
            for (Block b : body) {
                int idx = decidedIndex(b.terminator(), envs.get(k), loop, memo);
                if (idx >= 0) d.put(b, idx);
            }
            decisions.add(d);
        }
        return new Plan(loop, body, trips, iterations, decisions, null);
    }

    /**
     * Unrolls a planned loop whose live-out values are already demoted: clones the body for iterations
     * 1..trips-1, chains the copies, and folds the branches decided in each. Leaves phis of removed edges and
     * unreachable blocks for the caller to clean up.
     */
    private static void unroll(Function fn, Plan plan) {
        Loop loop = plan.loop();
        List<Block> body = plan.body();
        int trips = plan.trips();
        List<Map<Block, Integer>> decisions = plan.decisions();
        Block header = loop.header();
        Block latch = loop.latches().get(0);
        List<Instruction> headerPhis = header.phis();

        // clone the body for iterations 1..trips-1; copy k's header phis are copy k-1's latch values
        List<Map<Value, Value>> vmaps = new ArrayList<>();
        List<Map<Block, Block>> bmaps = new ArrayList<>();
        Map<Value, Value> id = new HashMap<>();
        Map<Block, Block> bid = new HashMap<>();
        for (Block b : body) bid.put(b, b);
        vmaps.add(id);
        bmaps.add(bid);
        List<Block> copies = new ArrayList<>(); // placed after the body, in order, once all are made
        List<Instruction> latchValuesFrom = new ArrayList<>(headerPhis);
        for (int k = 1; k < trips; k++) {
            Map<Value, Value> prev = vmaps.get(k - 1);
            Map<Value, Value> vmap = new HashMap<>();
            Map<Block, Block> bmap = new HashMap<>();
            for (Instruction phi : latchValuesFrom) {
                Value in = phi.incomingFor(latch);
                vmap.put(phi, prev.getOrDefault(in, in));
            }
            for (Block b : body) {
                Block nb = new Block(b.name() + "." + k);
                copies.add(nb);
                bmap.put(b, nb);
            }
            List<Instruction> clones = new ArrayList<>();
            for (Block b : body) {
                for (Instruction i : b.instructions()) {
                    if (b == header && i.isPhi()) continue;
                    Instruction c = i.copy();
                    c.loopHint = Instruction.HINT_NONE;
                    vmap.put(i, c);
                    bmap.get(b).append(c);
                    clones.add(c);
                }
            }
            for (Instruction c : clones) {
                for (int n = 0; n < c.operands().size(); n++) {
                    Value v = vmap.get(c.operand(n));
                    if (v != null) c.setOperand(n, v);
                }
                for (int n = 0; n < c.targets().size(); n++) {
                    Block t = bmap.get(c.targets().get(n));
                    if (t != null) c.targets().set(n, t);
                }
            }
            vmaps.add(vmap);
            bmaps.add(bmap);
        }
        fn.insertBlocksAfter(body.get(body.size() - 1), copies);
        // back edges: copy k's latch goes to copy k+1's header; the last copy's back edge stays on the original
        // header (it is dead once the deciding exit is folded below; if not, the code is still the loop, correct)
        for (int k = 0; k < trips - 1; k++) {
            Block l = bmaps.get(k).get(latch);
            l.terminator().replaceTarget(bmaps.get(k).get(header), bmaps.get(k + 1).get(header));
            l.terminator().loopHint = Instruction.HINT_NONE;
        }
        Block lastLatch = bmaps.get(trips - 1).get(latch);
        if (trips > 1) {
            lastLatch.terminator().replaceTarget(bmaps.get(trips - 1).get(header), header);
            for (Instruction phi : headerPhis) {
                Value in = phi.incomingFor(latch);
                Value mapped = vmaps.get(trips - 1).getOrDefault(in, in);
                phi.removeIncoming(latch);
                phi.addIncoming(mapped, lastLatch);
            }
        }
        lastLatch.terminator().loopHint = Instruction.HINT_NONE;
        // exit blocks' phis get an entry per copy of each exiting edge
        for (Block x : loop.exitBlocks()) {
            for (Instruction phi : x.phis()) {
                for (int n = 0, size0 = phi.operands().size(); n < size0; n++) {
                    Block from = phi.targets().get(n);
                    if (!loop.contains(from)) continue;
                    Value v = phi.operand(n);
                    for (int k = 1; k < trips; k++) phi.addIncoming(vmaps.get(k).getOrDefault(v, v), bmaps.get(k).get(from));
                }
            }
        }

        // fold every branch whose condition is known in its iteration
        for (int k = 0; k < trips; k++) {
            for (Map.Entry<Block, Integer> e : decisions.get(k).entrySet()) {
                Instruction t = bmaps.get(k).get(e.getKey()).terminator();
                Block dest = t.targets().get(e.getValue());
                t.morph(Opcode.BR, Type.VOID);
                t.targets().add(dest);
            }
        }
    }

    private static final String UNKNOWN_COUNT = "the trip count is not a compile-time constant";

    /** The loop's blocks in function order, header first. */
    private static List<Block> orderedBlocks(Function fn, Loop loop) {
        List<Block> out = new ArrayList<>();
        out.add(loop.header());
        for (Block b : fn.blocks()) if (b != loop.header() && loop.contains(b)) out.add(b);
        return out;
    }

    /** Where a terminator goes when its condition is known from the header phis' values, else null. */
    private static Block decided(Instruction t, Map<Instruction, Long> env, Loop loop, Map<Value, Long> memo) {
        int idx = decidedIndex(t, env, loop, memo);
        return idx < 0 ? null : t.targets().get(idx);
    }

    /** The index in t's targets of where it goes when its condition is known, else -1 (also for br). */
    private static int decidedIndex(Instruction t, Map<Instruction, Long> env, Loop loop, Map<Value, Long> memo) {
        if (t.op() != Opcode.CONDBR && t.op() != Opcode.SWITCH) return -1;
        Long c = eval(t.operand(0), env, loop, memo);
        if (c == null) return -1;
        if (t.op() == Opcode.CONDBR) return c != 0 ? 0 : 1;
        for (int k = 0; k < t.caseValues.length; k++) if (t.caseValues[k] == c) return k + 1;
        return 0;
    }

    /** The value of v in an iteration where the header phis have the values in env; null when unknown. */
    private static Long eval(Value v, Map<Instruction, Long> env, Loop loop, Map<Value, Long> memo) {
        if (v instanceof Constant c) return c.type() == Type.PTR ? null : c.value();
        if (!(v instanceof Instruction i)) return null;
        if (env.containsKey(i)) return env.get(i);
        if (memo.containsKey(i)) return memo.get(i);
        Long r = null;
        if (i.block() != null && loop.contains(i.block()) && !i.isPhi() && i.op().isPure()
                && i.op() != Opcode.PTRADD && i.op() != Opcode.ADDR && i.type() != Type.PTR) {
            memo.put(i, null); // guards against cycles
            Instruction probe = i.copy();
            boolean known = true;
            for (int n = 0; n < i.operands().size() && known; n++) {
                Value op = i.operand(n);
                if (op.type() == Type.PTR) { known = false; break; }
                Long x = eval(op, env, loop, memo);
                if (x == null) known = false;
                else probe.setOperand(n, Constant.of(op.type(), x));
            }
            if (known) {
                Constant c = Fold.constant(probe);
                r = c == null ? null : c.value();
            }
        }
        memo.put(i, r);
        return r;
    }

    /** Loads a demoted value before {@code before}, turning an i32 slot back into i1 for compare results. */
    private static Value reload(Instruction slot, Type slotType, boolean isBool, Block b, Instruction before) {
        Instruction ld = b.insertBefore(before, Instruction.load(slotType, slot, slotType.bytes));
        if (!isBool) return ld;
        return b.insertBefore(before, Instruction.cmp(dev.jbpfc.ir.Predicate.NE, ld, dev.jbpfc.ir.Constant.of(Type.I32, 0)));
    }

    /**
     * Routes loop-defined values used outside the loop (other than by exit-block phis) through stack slots, which
     * Mem2Reg turns back into SSA across the copies. {@code uses} may be shared by the loops of one round: demoting
     * one loop adds no user of another's values (it only adds loads, stores and the loads' users).
     */
    private static void demoteLiveOuts(Loop loop, List<Block> body, UseList uses, Function fn) {
        for (Block b : body) {
            for (Instruction v : b.instructions()) {
                if (!v.hasResult()) continue;
                List<Instruction> outside = new ArrayList<>();
                for (Instruction u : uses.users(v)) {
                    if (loop.contains(u.block())) continue;
                    if (u.isPhi()) {
                        boolean fromOutside = false;
                        for (int n = 0; n < u.operands().size(); n++) {
                            if (u.operand(n) == v && !loop.contains(u.targets().get(n))) fromOutside = true;
                        }
                        if (!fromOutside) continue;
                    }
                    if (!outside.contains(u)) outside.add(u);
                }
                if (outside.isEmpty()) continue;
                // a compare result cannot be stored: keep it as an i32 0/1 and compare again after the loop
                boolean isBool = v.type() == Type.I1;
                Type slotType = isBool ? Type.I32 : v.type();
                Instruction slot = Instruction.alloca(slotType.bytes, slotType.bytes);
                slot.setName((v.name() == null ? "v" : v.name()) + ".lcssa");
                fn.entry().insert(0, slot);
                Instruction stored = isBool ? Instruction.cast(Opcode.ZEXT, v, Type.I32) : null;
                Instruction st = Instruction.store(isBool ? stored : v, slot, slotType.bytes);
                if (isBool) b.insertAfter(v, stored);
                if (v.isPhi()) b.insert(b.firstNonPhi(), st);
                else b.insertAfter(isBool ? stored : v, st);
                for (Instruction u : outside) {
                    if (u.isPhi()) {
                        for (int n = 0; n < u.operands().size(); n++) {
                            Block from = u.targets().get(n);
                            if (u.operand(n) != v || loop.contains(from)) continue;
                            Value ld = reload(slot, slotType, isBool, from, from.terminator());
                            u.setOperand(n, ld);
                        }
                    } else {
                        Value ld = reload(slot, slotType, isBool, u.block(), u);
                        ld.setName(v.name());
                        u.replaceOperand(v, ld);
                    }
                }
            }
        }
    }
}
