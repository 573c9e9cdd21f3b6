package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Undef;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.DominatorTree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: nothing (computes CFG and dominators). Leaves stale: nothing (only removes pure instructions).
 *
 * Dominator-based CSE: walking the dominator tree, a pure instruction equal to one that dominates it (same opcode,
 * type, predicate and operands; commutative operands in either order) is replaced by it. What it refuses, to keep
 * the kernel verifier's view intact (docs/ir.md, /work/shared/VERIFIER.md):
 * <ul>
 *   <li>loads, stores, calls, atomics, allocas and CO-RE relocations are never merged (two {@code core_field}s may
 *       be relocated differently);</li>
 *   <li>nothing is reused across a call: a call kills every available expression, and a block inherits its
 *       dominator's expressions only if no block between them calls (a value kept alive over a call needs one of
 *       the four callee-saved registers or a spill);</li>
 *   <li>{@code cmp}, {@code ptradd}, {@code addr}, {@code inttoptr} and ptr {@code select}s are merged only within
 *       one block, so a pointer computed before a NULL or bounds check is never reused after it, and a compare
 *       stays next to the branch the backend folds it into.</li>
 * </ul>
 * <pre>
 *   %a = add i32 %x, %y      %a = add i32 %x, %y
 *   %b = add i32 %y, %x  ->  (uses of %b become %a)
 * </pre>
 */
public final class CommonSubexpressionElimination {
    /** {@code spaces}: an addrspacecast's spaces and access mark (casts merge only when they convert alike). */
    private record Key(Opcode op, Type type, Predicate pred, String symbol, List<Value> operands, long spaces) {}

    private record Entry(Instruction inst, int seq, boolean blockLocal) {}

    public void run(Function fn) {
        Cfg cfg = new Cfg(fn);
        DominatorTree dt = new DominatorTree(cfg);
        Set<Block> calling = new HashSet<>();
        for (Block b : fn.blocks()) for (Instruction i : b.instructionsView()) if (i.op().isCall()) calling.add(b);

        Map<Key, Deque<Entry>> table = new HashMap<>();
        Map<Value, Value> replace = new HashMap<>();
        int[] seq = {0};
        // iterative dominator-tree walk; each frame remembers the keys it added and the kill line to restore
        record Frame(Block block, List<Key> added, int killLine, boolean entered) {}
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(fn.entry(), new ArrayList<>(), 0, false));
        int killLine = 0;
        while (!stack.isEmpty()) {
            Frame f = stack.pop();
            if (f.entered) { // leaving: undo this block's entries
                for (Key k : f.added) table.get(k).pop();
                killLine = f.killLine;
                continue;
            }
            Block b = f.block;
            int savedKill = killLine;
            Block idom = dt.idom(b);
            if (idom != null && callBetween(idom, b, cfg, calling)) killLine = seq[0];
            List<Key> added = new ArrayList<>();
            int blockStart = seq[0];
            // removed together after the walk of the block: one at a time costs the block's length each
            // (a 32,000-statement function spent most of its compile here)
            Set<Instruction> merged = new HashSet<>();
            for (Instruction i : b.instructionsView()) {
                if (i.op().isCall()) {
                    killLine = seq[0];
                    continue;
                }
                if (!candidate(i)) continue;
                // operands already merged count as the instruction that replaces them, so a chain of equal
                // expressions (zext, shl, lshr of one load) merges whole in one run, not one link per run
                List<Value> ops = new ArrayList<>(i.operands());
                ops.replaceAll(v -> replace.getOrDefault(v, v));
                Key key = key(i, ops, false);
                Instruction found = lookup(table, key, killLine, blockStart);
                if (found == null && i.op().isCommutative()) found = lookup(table, key(i, ops, true), killLine, blockStart);
                if (found == null && i.op() == Opcode.CMP) found = lookupSwappedCmp(table, i, ops, killLine, blockStart);
                if (found != null) {
                    replace.put(i, found);
                    merged.add(i);
                    continue;
                }
                table.computeIfAbsent(key, k -> new ArrayDeque<>()).push(new Entry(i, seq[0]++, blockLocal(i)));
                added.add(key);
            }
            if (!merged.isEmpty()) b.removeAll(merged);
            stack.push(new Frame(b, added, savedKill, true));
            List<Block> children = dt.children(b);
            for (int k = children.size() - 1; k >= 0; k--) stack.push(new Frame(children.get(k), null, 0, false));
        }
        fn.replaceAllUses(replace);
    }

    private static Instruction lookup(Map<Key, Deque<Entry>> table, Key key, int killLine, int blockStart) {
        Deque<Entry> d = table.get(key);
        if (d == null || d.isEmpty()) return null;
        Entry e = d.peek();
        if (e.seq < killLine) return null;
        if (e.blockLocal && e.seq < blockStart) return null;
        return e.inst;
    }

    private static Instruction lookupSwappedCmp(Map<Key, Deque<Entry>> table, Instruction i, List<Value> ops, int killLine,
                                                int blockStart) {
        Key k = new Key(Opcode.CMP, i.type(), i.predicate.swapped(), null, List.of(ops.get(1), ops.get(0)), 0);
        return lookup(table, k, killLine, blockStart);
    }

    private static boolean candidate(Instruction i) {
        if (!i.op().isPure() || !i.hasResult()) return false;
        for (Value v : i.operands()) if (v instanceof Undef) return false; // two undefs need not be equal
        return true;
    }

    private static boolean blockLocal(Instruction i) {
        return switch (i.op()) {
            case CMP, PTRADD, ADDR, INTTOPTR -> true;
            case SELECT -> i.type() == Type.PTR;
            default -> false;
        };
    }

    private static Key key(Instruction i, List<Value> operands, boolean swap) {
        List<Value> ops = new ArrayList<>(operands);
        if (swap) {
            Value t = ops.get(0);
            ops.set(0, ops.get(1));
            ops.set(1, t);
        }
        return new Key(i.op(), i.type(), i.predicate, i.symbol, ops,
                ((long) i.toSpace << 17) | ((long) i.fromSpace << 1) | (i.forAccess ? 1 : 0));
    }

    /** Whether a block on some path from idom to b (excluding both) contains a call. */
    private static boolean callBetween(Block idom, Block b, Cfg cfg, Set<Block> calling) {
        Set<Block> seen = new HashSet<>();
        Deque<Block> work = new ArrayDeque<>(cfg.preds(b));
        while (!work.isEmpty()) {
            Block x = work.pop();
            if (x == idom || !seen.add(x)) continue;
            if (calling.contains(x)) return true;
            work.addAll(cfg.preds(x));
        }
        return false;
    }
}
