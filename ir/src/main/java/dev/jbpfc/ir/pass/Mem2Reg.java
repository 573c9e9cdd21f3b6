package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: nothing (computes CFG and dominators). Leaves stale: nothing (CFG unchanged; adds phis, removes allocas,
 * loads and stores).
 *
 * SSA construction (Cytron et al.): the lowering gives every C local an {@code alloca} with loads and stores; an
 * alloca whose address never escapes (used only as the address of non-volatile loads and stores, all of one type)
 * becomes SSA values: phis at the iterated dominance frontier of its stores, then a walk of the dominator tree
 * that replaces each load by the value stored last. A read before any write becomes {@code undef}.
 * <pre>
 *   %x = alloca 4, align 4          entry:  condbr i1 %c, a, b
 *   store i32 1, %x ... (in a)      ...
 *   store i32 2, %x ... (in b)      join:   %x.1 = phi i32 [1, a], [2, b]
 *   join: %v = load i32 %x                  ret i32 %x.1
 * </pre>
 * Allocas whose address goes to a helper, a call, a memcpy or into memory stay: they are real stack memory.
 */
public final class Mem2Reg {
    public void run(Function fn) {
        // 1. find promotable allocas and their access type
        Map<Instruction, Type> promotable = new LinkedHashMap<>();
        Set<Instruction> rejected = new HashSet<>();
        for (Block blk : fn.blocks()) for (Instruction i : blk.instructionsView()) if (i.op() == Opcode.ALLOCA) promotable.put(i, null);
        for (Block blk : fn.blocks()) for (Instruction i : blk.instructionsView()) {
            for (int k = 0; k < i.operands().size(); k++) {
                Value v = i.operand(k);
                if (!(v instanceof Instruction a) || !promotable.containsKey(a)) continue;
                Type t;
                if (i.op() == Opcode.LOAD && k == 0 && !i.isVolatile) t = i.type();
                else if (i.op() == Opcode.STORE && k == 1 && !i.isVolatile && i.operand(0) != a) t = i.operand(0).type();
                else { rejected.add(a); continue; }
                Type prev = promotable.get(a);
                if ((prev != null && prev != t) || t.bytes > a.size) rejected.add(a);
                else promotable.put(a, t);
            }
        }
        for (Instruction a : rejected) promotable.remove(a);
        promotable.values().removeIf(java.util.Objects::isNull); // never accessed: leave to DCE
        if (promotable.isEmpty()) return;

        Cfg cfg = new Cfg(fn);
        DominatorTree dt = new DominatorTree(cfg);

        // 2. place phis at the iterated dominance frontier of the blocks that store (found in one scan: a scan per
        //    alloca made a function of many locals and many blocks, such as an unrolled loop's, quadratic)
        Map<Instruction, Set<Block>> storeBlocks = new HashMap<>();
        for (Block blk : fn.blocks()) for (Instruction i : blk.instructionsView()) {
            if (i.op() == Opcode.STORE && i.operand(1) instanceof Instruction a && promotable.containsKey(a)) {
                storeBlocks.computeIfAbsent(a, k -> new HashSet<>()).add(i.block());
            }
        }
        Map<Instruction, Instruction> phiVar = new HashMap<>(); // phi -> alloca it stands for
        for (Map.Entry<Instruction, Type> e : promotable.entrySet()) {
            Instruction a = e.getKey();
            Set<Block> defs = storeBlocks.getOrDefault(a, Set.of());
            Deque<Block> work = new ArrayDeque<>(defs);
            Set<Block> placed = new HashSet<>();
            while (!work.isEmpty()) {
                Block b = work.pop();
                for (Block f : dt.frontier(b)) {
                    if (placed.add(f)) {
                        Instruction phi = Instruction.phi(e.getValue());
                        phi.setName(a.name()); // the alloca goes away; the printer numbers repeats
                        f.insert(0, phi);
                        phiVar.put(phi, a);
                        if (!defs.contains(f)) work.add(f);
                    }
                }
            }
        }

        // 3. rename along the dominator tree
        Map<Value, Value> replace = new HashMap<>();
        List<Instruction> dead = new ArrayList<>();
        Map<Instruction, Value> current = new HashMap<>();
        for (Map.Entry<Instruction, Type> e : promotable.entrySet()) current.put(e.getKey(), Undef.of(e.getValue()));
        Map<Instruction, Set<Block>> phiFrom = new HashMap<>();
        // Leaving a block's dominator subtree undoes what the block changed in `current`: the log holds each
        // change's alloca and the value it had before, and a block's stack entry the log's length when it began.
        // (A copy of the map per block cost blocks x locals: an unrolled loop has thousands of each.)
        List<Instruction> undoAlloca = new ArrayList<>();
        List<Value> undoValue = new ArrayList<>();
        Deque<Object> stack = new ArrayDeque<>(); // Block to visit, or the log length to go back to
        stack.push(fn.entry());
        while (!stack.isEmpty()) {
            Object top = stack.pop();
            if (top instanceof Integer mark) {
                for (int k = undoAlloca.size() - 1; k >= mark; k--) {
                    current.put(undoAlloca.remove(k), undoValue.remove(k));
                }
                continue;
            }
            Block b = (Block) top;
            stack.push(undoAlloca.size());
            for (Instruction i : b.instructionsView()) {
                if (i.isPhi() && phiVar.containsKey(i)) {
                    Instruction a = phiVar.get(i);
                    undoAlloca.add(a);
                    undoValue.add(current.put(a, i));
                } else if (i.op() == Opcode.LOAD && promotable.containsKey(i.operand(0))) {
                    replace.put(i, current.get((Instruction) i.operand(0)));
                    dead.add(i);
                } else if (i.op() == Opcode.STORE && promotable.containsKey(i.operand(1))) {
                    Instruction a = (Instruction) i.operand(1);
                    undoAlloca.add(a);
                    undoValue.add(current.put(a, i.operand(0)));
                    dead.add(i);
                }
            }
            for (Block s : b.successors()) {
                for (Instruction phi : s.phis()) {
                    Instruction a = phiVar.get(phi);
                    // The phis placed here have no entries but these: a set per phi answers "has b one yet"
                    // without searching its entries (a join of thousands of predecessors).
                    if (a != null && phiFrom.computeIfAbsent(phi, k -> new HashSet<>()).add(b)) {
                        phi.addIncoming(current.get(a), b);
                    }
                }
            }
            List<Block> children = dt.children(b);
            for (int k = children.size() - 1; k >= 0; k--) stack.push(children.get(k));
        }
        // list phi entries in predecessor order, as a reader expects
        for (Instruction phi : phiVar.keySet()) {
            List<Block> preds = cfg.preds(phi.block());
            Map<Block, Value> first = new HashMap<>();
            for (int k = 0; k < phi.targets().size(); k++) first.putIfAbsent(phi.targets().get(k), phi.operand(k));
            List<Value> vals = new ArrayList<>();
            for (Block p : preds) vals.add(first.get(p));
            phi.removeIncoming(new HashSet<>(preds));
            for (int k = 0; k < preds.size(); k++) phi.addIncoming(vals.get(k), preds.get(k));
        }
        // One pass per block, not one list search per instruction: a function of 200,000 loads of one local
        // spent most of a minute here.
        java.util.Set<Instruction> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        gone.addAll(dead);
        gone.addAll(promotable.keySet());
        java.util.Set<Block> blocks = new java.util.LinkedHashSet<>();
        for (Instruction i : gone) if (i.block() != null) blocks.add(i.block());
        for (Block b : blocks) b.removeAll(gone);
        fn.replaceAllUses(replace);
    }
}
