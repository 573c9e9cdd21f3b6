package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.DominatorTree;
import dev.jbpfc.ir.analysis.UseList;

import java.util.List;

/**
 * Needs: nothing (computes predecessors and uses itself). Leaves stale: nothing (the CFG is unchanged).
 *
 * Moves a pure instruction whose every use is in blocks dominated by one successor block, entered only from the
 * instruction's own block, to the start of that successor. The value is then computed after the branch between them, where the
 * kernel verifier knows what the branch's compare proved about the operands; computed before it, the result keeps
 * the unchecked bounds. perf's augmented_raw_syscalls.bpf.c:
 * <pre>
 *   len += args-&gt;arg.size;                      %16 = add i32 80, %13        ; %13 unbounded here
 *   if (args-&gt;arg.size &gt; 4096) return 1;         condbr (cmp ugt %13, 4096), out, next
 *   ...                                          next:
 *   len += newpath_len;                           %26 = add i32 %16, %25      ; %16 only used here
 *   bpf_perf_event_output(..., args, len);        -&gt; %16 moves into next: [80, 4176], and len fits the value
 * </pre>
 * (clang's optimiser sinks such instructions too). The use need not be in the successor itself: when the second
 * read_str is inlined between the check and {@code len += newpath_len}, the add is used below that call's
 * if/else join, a block the successor dominates but does not precede directly. Uses in phis stay where they are (a phi's use is on the edge).
 * Instructions are visited from the end of each block backwards, so a chain whose last link moves is followed by
 * the links before it, and they arrive in their original order; the walk repeats while something moves, so a
 * value can travel down several blocks.
 */
public final class SinkIntoSuccessor {
    /** Rounds over the function; each round moves instructions one block further down at most. */
    private static final int MAX_ROUNDS = 8;

    public void run(Function fn) {
        Cfg cfg = new Cfg(fn);
        UseList uses = new UseList(fn);
        DominatorTree dom = new DominatorTree(cfg);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean moved = false;
            for (Block a : fn.blocks()) {
                List<Instruction> insts = a.instructions();
                for (int k = insts.size() - 1; k >= 0; k--) {
                    Instruction i = insts.get(k);
                    Block to = target(i, a, uses, cfg, dom);
                    if (to == null) continue;
                    a.remove(i);
                    to.insert(firstNonPhi(to), i);
                    moved = true;
                }
            }
            if (!moved) return;
        }
    }

    /** The successor of {@code a} that {@code i} can move to, or null. */
    private static Block target(Instruction i, Block a, UseList uses, Cfg cfg, DominatorTree dom) {
        if (!i.op().isPure() || i.op() == Opcode.PHI) return null;
        List<Instruction> users = uses.users(i);
        if (users.isEmpty()) return null;
        for (Instruction u : users) {
            if (u.op() == Opcode.PHI || u.block() == null || u.block() == a) return null;
        }
        // A successor entered only from a is no loop header (a header has a back edge too), so this never moves a
        // value into a loop.
        for (Block s : cfg.succs(a)) {
            List<Block> preds = cfg.preds(s);
            if (preds.size() != 1 || preds.get(0) != a) continue;
            boolean all = true;
            for (Instruction u : users) all &= dom.dominates(s, u.block());
            if (all) return s;
        }
        return null;
    }

    private static int firstNonPhi(Block b) {
        int n = 0;
        while (n < b.size() && b.get(n).op() == Opcode.PHI) n++;
        return n;
    }
}
