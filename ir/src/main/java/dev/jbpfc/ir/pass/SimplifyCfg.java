package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Needs: nothing. Leaves stale: CFG, dominators, loops.
 *
 * Cleans up the control flow, repeating until nothing changes:
 * <ol>
 *   <li>fold branches: {@code condbr} on a constant or with two equal targets, {@code switch} on a constant, become
 *       {@code br};</li>
 *   <li>delete unreachable blocks (the kernel rejects dead code) and the phi entries from them;</li>
 *   <li>merge a block into its only predecessor when that predecessor has no other successor;</li>
 *   <li>thread empty blocks: a block holding only {@code br T} is bypassed, its predecessors branch to T directly
 *       (unless a phi in T would need two different values from one predecessor).</li>
 * </ol>
 * A branch that carries a loop hint ({@code !unroll}) is never threaded away, so the hint stays on the loop's
 * back edge.
 */
public final class SimplifyCfg {
    public void run(Function fn) {
        boolean changed = true;
        while (changed) {
            changed = foldBranches(fn);
            if (Cfg.removeUnreachable(fn)) changed = true;
            CfgEdits.prunePhis(fn);
            if (mergeBlocks(fn)) changed = true;
            if (threadEmptyBlocks(fn)) changed = true;
        }
    }

    private static boolean foldBranches(Function fn) {
        boolean changed = false;
        for (Block b : fn.blocks()) {
            Instruction t = b.terminator();
            Block dest = null;
            if (t.op() == Opcode.CONDBR) {
                if (t.targets().get(0) == t.targets().get(1)) dest = t.targets().get(0);
                else if (t.operand(0) instanceof Constant c) dest = t.targets().get(c.value() != 0 ? 0 : 1);
            } else if (t.op() == Opcode.SWITCH) {
                if (t.operand(0) instanceof Constant c) dest = Sccp.switchTarget(t, c.value());
                else if (t.successors().size() == 1) dest = t.targets().get(0);
            }
            if (dest == null) continue;
            List<Block> oldSuccs = t.successors();
            int hint = t.loopHint;
            t.morph(Opcode.BR, Type.VOID);
            t.targets().add(dest);
            t.loopHint = hint;
            for (Block s : oldSuccs) if (s != dest) for (Instruction phi : s.phis()) phi.removeIncoming(b);
            changed = true;
        }
        return changed;
    }

    private static boolean mergeBlocks(Function fn) {
        boolean changed = false;
        boolean again = true;
        while (again) {
            again = false;
            Cfg cfg = new Cfg(fn);
            for (Block b : fn.blocks()) {
                Instruction t = b.terminator();
                if (t.op() != Opcode.BR) continue;
                Block s = t.targets().get(0);
                if (s == b || s == fn.entry() || cfg.preds(s).size() != 1) continue;
                // phis in s have one entry (from b): they are that value
                Map<Value, Value> replace = new HashMap<>();
                for (Instruction phi : s.phis()) {
                    replace.put(phi, phi.operand(0));
                    phi.remove();
                }
                b.remove(t);
                for (Instruction i : s.splitOff(0)) b.append(i);
                for (Block succ : b.successors()) for (Instruction phi : succ.phis()) phi.replaceTarget(s, b);
                fn.removeBlock(s);
                fn.replaceAllUses(replace);
                changed = again = true;
                break;
            }
        }
        return changed;
    }

    private static boolean threadEmptyBlocks(Function fn) {
        boolean changed = false;
        Cfg cfg = new Cfg(fn);
        for (Block e : new ArrayList<>(fn.blocks())) {
            if (e == fn.entry() || e.size() != 1) continue;
            Instruction t = e.terminator();
            if (t.op() != Opcode.BR || t.loopHint != Instruction.HINT_NONE) continue;
            Block target = t.targets().get(0);
            if (target == e) continue;
            List<Block> preds = cfg.preds(e);
            if (preds.isEmpty()) continue;
            List<Block> targetPreds = cfg.preds(target);
            boolean ok = true;
            for (Block p : preds) {
                if (!targetPreds.contains(p)) continue;
                for (Instruction phi : target.phis()) {
                    if (!phi.incomingFor(p).equals(phi.incomingFor(e))) ok = false;
                }
            }
            if (!ok) continue;
            for (Block p : preds) {
                boolean alreadyPred = targetPreds.contains(p);
                p.terminator().replaceTarget(e, target);
                if (!alreadyPred) for (Instruction phi : target.phis()) phi.addIncoming(phi.incomingFor(e), p);
            }
            for (Instruction phi : target.phis()) phi.removeIncoming(e);
            fn.removeBlock(e);
            changed = true;
            cfg = new Cfg(fn);
        }
        return changed;
    }
}
