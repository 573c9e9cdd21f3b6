package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.ValueNames;
import dev.jbpfc.ir.analysis.Cfg;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Small CFG edits several passes share. */
final class CfgEdits {
    private CfgEdits() {}

    /** Drops phi entries whose block is no longer a predecessor (after a branch was folded or a block deleted). */
    static void prunePhis(Function fn) {
        Cfg cfg = new Cfg(fn);
        for (Block b : fn.blocks()) {
            // A set: a join of thousands of predecessors (a long switch's) made a list search per entry quadratic.
            Set<Block> preds = new HashSet<>(cfg.preds(b));
            for (Instruction phi : b.phis()) {
                for (Block from : new ArrayList<>(phi.targets())) {
                    if (!preds.contains(from) || from.function() != fn) phi.removeIncoming(from);
                }
            }
        }
    }

    /**
     * Splits {@code b} before instruction index {@code at}: the tail moves to a new block placed after b, b is left
     * without a terminator, and phis in b's old successors now name the new block. Returns the new block.
     */
    static Block splitBlock(Block b, int at, String name) {
        Function fn = b.function();
        Block tail = new Block(name);
        fn.insertBlockAfter(b, tail);
        for (Instruction i : b.splitOff(at)) tail.append(i);
        for (Block s : tail.successors()) for (Instruction phi : s.phis()) phi.replaceTarget(b, tail);
        return tail;
    }

    /**
     * Puts a new block named {@code name} between {@code head} and the blocks {@code outside} that enter it (a
     * loop's preheader): they jump to it, it jumps to the header, and the header's phis take their entering values
     * through phis of the new block where those differ by predecessor.
     */
    static Block insertPreheader(Function fn, Block head, List<Block> outside, String name) {
        return insertPreheader(fn, head, outside, name, new ValueNames(fn));
    }

    /** {@link #insertPreheader(Function, Block, List, String)} naming its phis from a pass's {@code names}. */
    static Block insertPreheader(Function fn, Block head, List<Block> outside, String name, ValueNames names) {
        Block pre = new Block(fn.uniqueBlockName(name));
        fn.insertBlockAfter(outside.get(outside.size() - 1), pre);
        for (Instruction phi : head.phis()) {
            Value first = phi.incomingFor(outside.get(0));
            boolean same = true;
            for (Block p : outside) same &= phi.incomingFor(p) == first;
            Value in = first;
            if (!same) {
                Instruction merge = Instruction.phi(phi.type());
                merge.setName(names.unique(phi.name() == null ? "e" : phi.name() + ".e"));
                merge.loc = phi.loc;
                for (Block p : outside) merge.addIncoming(phi.incomingFor(p), p);
                pre.append(merge);
                names.added(merge);
                in = merge;
            }
            for (Block p : outside) phi.removeIncoming(p);
            phi.addIncoming(in, pre);
        }
        Instruction j = Instruction.br(head);
        j.loc = head.terminator().loc;
        pre.append(j);
        for (Block p : outside) p.terminator().replaceTarget(head, pre);
        return pre;
    }
}
