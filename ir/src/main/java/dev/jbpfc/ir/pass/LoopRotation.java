package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.ValueNames;
import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.DominatorTree;
import dev.jbpfc.ir.analysis.LoopInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: nothing (computes uses once, and CFG, dominators and loops once per round). Leaves stale: CFG, dominators,
 * loops.
 *
 * Turns a top-tested counted loop into a guard and a bottom-tested loop, the shape the loop-hint templates want
 * (docs/loop-hints.md) and one compare per trip instead of a compare and a jump back:
 * <pre>
 *   pre:  br head                                  pre:   %g = cmp ult i32 0, %n          ; the test, once
 *   head: %i = phi i32 [0, pre], [%i1, latch]             condbr i1 %g, pre.rot, head.exit
 *         %c = cmp ult i32 %i, %n            ->    pre.rot: br body
 *         condbr i1 %c, body, out                  body:  %i.r = phi i32 [0, pre.rot], [%i1, latch]
 *   body: ... %i ...                                      ... %i.r ...
 *   latch: %i1 = add i32 %i, 1                     latch: %i1 = add i32 %i.r, 1
 *         br head                                         %c.r = cmp ult i32 %i1, %n      ; the test, again
 *   out:  ... %i ...                                      condbr i1 %c.r, body, head.exit
 *                                                  head.exit: %i.x = phi i32 [0, pre], [%i1, latch]
 *                                                         br out
 *                                                  out:   ... %i.x ...
 * </pre>
 * Only loops whose header is nothing but phis, one compare and its branch, whose compare tests a header phi
 * stepped by a constant in the single latch ({@code br head}) against a value from outside the loop, and whose
 * body's first block is entered from the header alone. Values of the header used after the loop must be reached
 * through the header's exit (they become {@code head.exit}'s phis) or be phi inputs from a {@code break} in the
 * body (the body's copy of the phi). A guard that folds to true is left out; to false, the loop stays as it is.
 *
 * Made without {@code loopsWithCalls}, loops that call something (a helper, a kfunc, a function) stay as they are:
 * rotated, selftests' strobemeta_nounroll1/2 and strobemeta_subprogs cost the verifier 1-11% more (their loops
 * call bpf_probe_read and keep more values across the calls), while loops without calls cost it less (loop1.c
 * 405,904 -> 360,750 processed instructions, test_verif_scale2's 1-trip jhash loops 896,440 -> 817,176). The
 * loop-hint templates want every counted loop rotated, so {@code -floop-hints} rotates them all.
 */
public final class LoopRotation {
    private final boolean loopsWithCalls;

    /** Rotates every counted loop. */
    public LoopRotation() { this(true); }

    public LoopRotation(boolean loopsWithCalls) { this.loopsWithCalls = loopsWithCalls; }

    public void run(Function fn) {
        // Uses and names are kept exact across the pass's edits. The CFG, dominators and loops are computed once a
        // round: a round edits every loop it can and leaves for the next round the loops an edit of this round
        // touched (their blocks, the blocks entering or leaving them: the loops around and in them too), the
        // loops next to those, and a loop whose header's values are used in a block made this round. Edits only
        // ever add dominance between the blocks that were there (a new block sits on an old edge), so a check on
        // the round's analyses may refuse what a fresh one would accept, which the next round then does, but never
        // the reverse; and loops that touch each other are rotated in the order of loops(), as when every step
        // recomputed everything, so the objects are the same. Rounds: one per step of the deepest nest for loops
        // apart (test_verif_scale2's 90 loops cost 270 recomputations of the whole function's CFG, dominators,
        // loops and uses before, and 90 use lists each), still one per loop for a run of loops back to back.
        ValueNames names = new ValueNames(fn);
        TrackedUses users = new TrackedUses(fn);
        for (int round = 0; round < 1000; round++) {
            Cfg cfg = new Cfg(fn);
            DominatorTree dt = new DominatorTree(cfg);
            LoopInfo li = new LoopInfo(dt);
            Set<Block> touched = new HashSet<>(), known = new HashSet<>(fn.blocks());
            int edits = 0;
            for (LoopInfo.Loop l : li.loops()) {
                // A loop next to one edited or left for later waits too: which of two neighbours is rotated first
                // decides where the second one's guard goes, and the order must stay that of loops().
                Step step = touches(l, cfg, touched) ? Step.WAIT
                        : rotatable(l, cfg) ? rotate(fn, l, dt, known, users, names) : Step.NONE;
                if (step != Step.NONE) {
                    if (step == Step.DONE) edits++;
                    touched.addAll(l.blocks());
                    touched.addAll(cfg.preds(l.header()));
                    touched.addAll(l.exitBlocks());
                }
            }
            if (edits == 0) return;
        }
    }

    /**
     * Whether an edit earlier in this round touched the loop or the blocks entering or leaving it, whose
     * predecessors and loop membership this round's analyses no longer know.
     */
    private static boolean touches(LoopInfo.Loop l, Cfg cfg, Set<Block> touched) {
        if (touched.isEmpty()) return false;
        for (Block b : l.blocks()) {
            if (touched.contains(b)) return true;
            for (Block s : b.successors()) if (touched.contains(s)) return true;
        }
        for (Block p : cfg.preds(l.header())) if (touched.contains(p)) return true;
        return false;
    }

    /** The checks of {@link #rotate} that read no use lists, first: most loops fail one of them. */
    private boolean rotatable(LoopInfo.Loop l, Cfg cfg) {
        Block head = l.header();
        if (l.latches().size() != 1) return false;
        Block latch = l.latches().get(0);
        if (latch == head || latch.terminator() == null || latch.terminator().op() != Opcode.BR) return false;
        int phis = head.firstNonPhi();
        if (head.size() != phis + 2) return false;
        Instruction cmp = head.get(phis), branch = head.terminator();
        if (cmp.op() != Opcode.CMP || branch.op() != Opcode.CONDBR || branch.operand(0) != cmp) return false;
        Block t = branch.targets().get(0), f = branch.targets().get(1);
        Block body = l.contains(t) && !l.contains(f) ? t : l.contains(f) && !l.contains(t) ? f : null;
        if (body == null || body == head || !isCountedTest(cmp, head, latch, l)) return false;
        return loopsWithCalls || !callsSomething(l);
    }

    /** What {@link #rotate} did to a loop: a step, nothing, or nothing until the next round. */
    private enum Step { DONE, NONE, WAIT }

    /**
     * One step on a loop {@link #rotatable} accepted: a preheader, an entry block for the body, or the rotation.
     */
    private static Step rotate(Function fn, LoopInfo.Loop l, DominatorTree dt, Set<Block> known, TrackedUses users,
            ValueNames names) {
        Cfg cfg = dt.cfg();
        Block head = l.header(), latch = l.latches().get(0);
        List<Block> preds = cfg.preds(head);
        // 1. The header (checked by rotatable): phis, one compare, its branch; the compare used by the branch alone.
        List<Instruction> phis = head.phis();
        Instruction cmp = head.get(phis.size()), branch = head.terminator();
        if (users.of(cmp).size() != 1) return Step.NONE;
        Block t = branch.targets().get(0), f = branch.targets().get(1);
        Block body = l.contains(t) ? t : f, out = body == t ? f : t;
        // Canonical shapes first (each a round of its own): one way in, and a body entered from the header alone.
        if (preds.size() > 2) {
            makePreheader(fn, head, latch, preds, names, users);
            return Step.DONE;
        }
        if (cfg.preds(body).size() != 1 || !body.phis().isEmpty()) {
            splitBodyEntry(fn, head, body, branch);
            return Step.DONE;
        }
        if (preds.size() != 2) return Step.NONE;
        Block pre = preds.get(0) == latch ? preds.get(1) : preds.get(0);
        if (pre == latch || l.contains(pre)) return Step.NONE;
        // 2. Every use of a header value outside the loop must be one we can rewrite.
        boolean outOnlyFromHead = cfg.preds(out).size() == 1;
        Map<Instruction, List<Instruction>> phiUsers = new HashMap<>();
        for (Instruction phi : phis) {
            phiUsers.put(phi, List.copyOf(users.of(phi)));
            for (Instruction u : phiUsers.get(phi)) {
                if (!known.contains(u.block())) return Step.WAIT; // in a block made this round: next round
                if (l.contains(u.block())) continue;
                if (u.op() == Opcode.PHI) {
                    for (int k = 0; k < u.operands().size(); k++) {
                        if (u.operand(k) != phi) continue;
                        Block from = u.targets().get(k);
                        if (!(from == head && u.block() == out) && !(l.contains(from) && from != head)
                                && !(outOnlyFromHead && dt.dominates(out, from))) {
                            return Step.NONE;
                        }
                    }
                } else if (!(outOnlyFromHead && dt.dominates(out, u.block()))) {
                    return Step.NONE;
                }
            }
        }
        // 3. The guard: the test on the values entering the loop. From here on the loop is rotated.
        Map<Value, Value> atPre = new HashMap<>(), atLatch = new HashMap<>();
        Map<Instruction, Instruction> inBody = new HashMap<>();
        for (Instruction phi : phis) {
            atPre.put(phi, phi.incomingFor(pre));
            Instruction copy = Instruction.phi(phi.type());
            copy.setName(names.unique(phi.name() == null ? "iv" : phi.name() + ".r"));
            copy.loc = phi.loc;
            inBody.put(phi, copy);
        }
        for (Instruction phi : phis) {
            Value v = phi.incomingFor(latch);
            atLatch.put(phi, v instanceof Instruction vi && inBody.containsKey(vi) ? inBody.get(vi) : v);
        }
        Value g0 = map(cmp.operand(0), atPre), g1 = map(cmp.operand(1), atPre);
        Boolean guardKnown = null;
        if (g0 instanceof Constant c0 && g1 instanceof Constant c1) guardKnown = cmp.predicate.evaluate(g0.type(), c0.value(), c1.value());
        if (Boolean.FALSE.equals(guardKnown)) return Step.NONE;
        boolean trueIsBody = body == t;

        // 4. Rewrite. New blocks: pre.rot (the preheader, only `br body`) and head.exit (the header's exit).
        List<Instruction> changing = new ArrayList<>(head.instructions());
        for (Instruction phi : phis) changing.addAll(phiUsers.get(phi));
        changing.forEach(users::forget);
        Block preRot = new Block(fn.uniqueBlockName(head.name() + ".pre"));
        Block exit = new Block(fn.uniqueBlockName(head.name() + ".exit"));
        fn.insertBlockAfter(head, preRot);
        fn.insertBlockAfter(latch, exit);
        Instruction toBody = Instruction.br(body);
        toBody.loc = branch.loc;
        preRot.append(toBody);
        Instruction toOut = Instruction.br(out);
        toOut.loc = branch.loc;
        exit.append(toOut);
        // The guard, in a block of its own when the old preheader branches elsewhere too.
        Block guardBlock = pre;
        if (pre.terminator().op() != Opcode.BR) {
            guardBlock = new Block(fn.uniqueBlockName(head.name() + ".guard"));
            fn.insertBlockAfter(pre, guardBlock);
            pre.terminator().replaceTarget(head, guardBlock);
            for (Instruction phi : phis) phi.replaceTarget(pre, guardBlock);
        } else {
            pre.remove(pre.terminator());
        }
        if (guardKnown != null) {
            Instruction j = Instruction.br(preRot);
            j.loc = branch.loc;
            guardBlock.append(j);
        } else {
            Instruction g = Instruction.cmp(cmp.predicate, g0, g1);
            g.setName(names.unique((cmp.name() == null ? "c" : cmp.name()) + ".guard"));
            g.loc = cmp.loc;
            guardBlock.append(g);
            names.added(g);
            Instruction cb = trueIsBody ? Instruction.condbr(g, preRot, exit) : Instruction.condbr(g, exit, preRot);
            cb.loc = branch.loc;
            guardBlock.append(cb);
        }
        // The body's phis replace the header's inside the loop.
        for (Instruction phi : phis) {
            Instruction copy = inBody.get(phi);
            copy.addIncoming(atPre.get(phi), preRot);
            copy.addIncoming(atLatch.get(phi), latch);
        }
        for (int k = phis.size() - 1; k >= 0; k--) body.insert(0, inBody.get(phis.get(k)));
        for (Instruction copy : inBody.values()) names.added(copy);
        // The header's exit merges the values the header had on its way out.
        Map<Instruction, Instruction> atExit = new HashMap<>();
        for (Instruction phi : phis) {
            Instruction x = Instruction.phi(phi.type());
            x.setName(names.unique(phi.name() == null ? "x" : phi.name() + ".x"));
            x.loc = phi.loc;
            if (guardKnown == null) x.addIncoming(atPre.get(phi), guardBlock);
            x.addIncoming(atLatch.get(phi), latch);
            atExit.put(phi, x);
        }
        // Uses: inside the loop (not the header) the body's phi; after the loop through the exit, the exit's phi.
        Set<Instruction> usedExits = new HashSet<>();
        for (Instruction phi : phis) {
            for (Instruction u : phiUsers.get(phi)) {
                if (u.block() == head) continue;
                if (l.contains(u.block())) {
                    u.replaceOperand(phi, inBody.get(phi));
                } else if (u.op() == Opcode.PHI) {
                    for (int k = 0; k < u.operands().size(); k++) {
                        if (u.operand(k) != phi) continue;
                        Block from = u.targets().get(k);
                        Instruction in = l.contains(from) && from != head ? inBody.get(phi) : atExit.get(phi);
                        u.setOperand(k, in);
                        usedExits.add(in);
                    }
                } else {
                    u.replaceOperand(phi, atExit.get(phi));
                    usedExits.add(atExit.get(phi));
                }
            }
        }
        for (Instruction p : out.phis()) p.replaceTarget(head, exit);
        int used = 0;
        for (Instruction phi : phis) {
            Instruction x = atExit.get(phi);
            if (!usedExits.contains(x)) continue;
            exit.insert(used++, x);
            names.added(x);
        }
        // The latch tests again, on the values the next trip would see.
        int unrollHint = latch.terminator().loopHint;
        latch.remove(latch.terminator());
        Instruction again = Instruction.cmp(cmp.predicate, map(cmp.operand(0), atLatch), map(cmp.operand(1), atLatch));
        again.setName(names.unique((cmp.name() == null ? "c" : cmp.name()) + ".r"));
        again.loc = cmp.loc;
        latch.append(again);
        names.added(again);
        Instruction back = trueIsBody ? Instruction.condbr(again, body, exit) : Instruction.condbr(again, exit, body);
        back.loc = branch.loc;
        back.loopHint = unrollHint;
        latch.append(back);
        for (int k = 0; k < head.size(); k++) names.removed(head.get(k));
        fn.removeBlock(head);
        changing.forEach(users::record);
        for (Block b : List.of(guardBlock, exit)) for (int k = 0; k < b.size(); k++) users.record(b.get(k));
        for (Instruction copy : inBody.values()) users.record(copy);
        users.record(again);
        users.record(back);
        return Step.DONE;
    }

    /**
     * Gives a header entered from several blocks outside the loop a single preheader: {@code head.enter} merges
     * the entering values in phis of its own and jumps to the header.
     */
    private static void makePreheader(Function fn, Block head, Block latch, List<Block> preds, ValueNames names,
            TrackedUses users) {
        List<Block> outside = new ArrayList<>();
        for (Block p : preds) if (p != latch) outside.add(p);
        List<Instruction> phis = head.phis();
        phis.forEach(users::forget);
        Block pre = CfgEdits.insertPreheader(fn, head, outside, head.name() + ".enter", names);
        phis.forEach(users::record);
        for (int k = 0; k < pre.size(); k++) users.record(pre.get(k));
    }

    /** Splits the header -> body edge when the body has other predecessors (an inner loop's header). */
    private static void splitBodyEntry(Function fn, Block head, Block body, Instruction branch) {
        Block entry = new Block(fn.uniqueBlockName(body.name() + ".first"));
        fn.insertBlockAfter(head, entry);
        Instruction j = Instruction.br(body);
        j.loc = branch.loc;
        entry.append(j);
        branch.replaceTarget(body, entry);
        for (Instruction phi : body.phis()) phi.replaceTarget(head, entry);
    }

    /** The header of a counted loop tests a phi stepped by a constant in the latch against an invariant. */
    private static boolean isCountedTest(Instruction cmp, Block head, Block latch, LoopInfo.Loop l) {
        for (int side = 0; side < 2; side++) {
            Value a = cmp.operand(side), b = cmp.operand(1 - side);
            if (!(a instanceof Instruction phi) || phi.op() != Opcode.PHI || phi.block() != head) continue;
            if (!(phi.incomingFor(latch) instanceof Instruction step)) continue;
            if ((step.op() != Opcode.ADD && step.op() != Opcode.SUB) || step.operand(0) != phi
                    || !(step.operand(1) instanceof Constant) || step.block() != latch) continue;
            if (b instanceof Instruction bi && l.contains(bi.block())) continue;
            return true;
        }
        return false;
    }

    private static boolean callsSomething(LoopInfo.Loop l) {
        for (Block b : l.blocks()) for (Instruction i : b.instructions()) if (i.op().isCall()) return true;
        return false;
    }

    private static Value map(Value v, Map<Value, Value> m) { return m.getOrDefault(v, v); }
}
