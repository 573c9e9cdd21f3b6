package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: nothing (computes predecessors). Leaves stale: nothing (only removes loads).
 *
 * A second load of the same global variable, with nothing in between that can write memory, reads the first
 * load's value. On BPF a global is a map value: the verifier keeps no bound on memory, only on registers, so a
 * global checked and then used as an index must be loaded once (as clang's optimiser leaves it). The selftests'
 * test_tc_dtime.c:
 * <pre>
 *   __u32 test;                                  %t = load i32 (addr @test)
 *   if (test &lt; __NR_TESTS)                      cmp ult %t, 10 ; condbr
 *       errs[test][idx]++;                       %u = load i32 (addr @test)    -> %t, so the index is bounded
 * </pre>
 * Walks back from each load through its block and on through single predecessors, to an equal load (same type,
 * an address of the same global at the same offsets) before any store, call, atomic, memcpy/memset or inline asm.
 * Only addresses of globals: a packet or context access is left where it was written (docs/ir.md), and volatile
 * loads are never touched.
 */
public final class RedundantGlobalLoads {
    /** Instructions looked at per load: keeps the pass linear in practice. */
    private static final int WALK_LIMIT = 500;

    public void run(Function fn) {
        Cfg cfg = null;
        Map<Value, Value> replaced = new HashMap<>();
        for (Block b : fn.blocks()) {
            for (Instruction load : b.instructions()) {
                if (load.op() != Opcode.LOAD || load.isVolatile || load.ordered || !ofGlobal(load.operand(0))) continue;
                if (cfg == null) cfg = new Cfg(fn);
                Instruction earlier = earlierLoad(load, cfg);
                if (earlier != null) replaced.put(load, replaced.getOrDefault(earlier, earlier));
            }
        }
        if (replaced.isEmpty()) return;
        fn.replaceAllUses(replaced);
        for (Value v : replaced.keySet()) ((Instruction) v).remove();
    }

    /** Whether {@code p} is a global's address plus offsets. */
    private static boolean ofGlobal(Value p) {
        while (p instanceof Instruction i && i.op() == Opcode.PTRADD) p = i.operand(0);
        return p instanceof Instruction i && i.op() == Opcode.ADDR;
    }

    private static Instruction earlierLoad(Instruction load, Cfg cfg) {
        Block b = load.block();
        int index = b.indexOf(load) - 1;
        Set<Block> visited = new HashSet<>();
        visited.add(b);
        for (int budget = WALK_LIMIT; budget > 0; budget--) {
            if (index < 0) {
                List<Block> preds = cfg.preds(b);
                if (preds.size() != 1 || !visited.add(preds.get(0))) return null;
                b = preds.get(0);
                index = b.size() - 1;
                continue;
            }
            Instruction i = b.get(index--);
            if (writesMemory(i)) return null;
            if (i.op() == Opcode.LOAD && !i.isVolatile && !i.ordered && i.type() == load.type()
                    && ValueShapes.same(i.operand(0), load.operand(0))) {
                return i;
            }
        }
        return null;
    }

    private static boolean writesMemory(Instruction i) {
        return switch (i.op()) {
            case STORE, ATOMICRMW, CMPXCHG, MEMCPY, MEMSET, CALL, CALLHELPER, CALLKFUNC, CALLIND, INLINE_ASM -> true;
            default -> false;
        };
    }
}
