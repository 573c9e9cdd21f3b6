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
 * A load that an earlier load of the same address, or (for a global variable or a map value) a store to it, already
 * gives, with nothing in between that can write memory, is that value. On BPF a global is a map value: the verifier
 * keeps no bound on memory, only on registers, so a value checked and then used as an index or an offset must be
 * the checked register (as clang's optimiser leaves it). The selftests' test_tc_dtime.c:
 * <pre>
 *   __u32 test;                                  %t = load i32 (addr @test)
 *   if (test &lt; __NR_TESTS)                      cmp ult %t, 10 ; condbr
 *       errs[test][idx]++;                       %u = load i32 (addr @test)    -&gt; %t, so the index is bounded
 * </pre>
 * and perf's augmented_raw_syscalls.bpf.c, on a map value:
 * <pre>
 *   args-&gt;arg.size = PERF_ALIGN(len + 1, 8);     store i32 %13, (ptradd %v, 64)
 *   if (args-&gt;arg.size &gt; 4096) return 1;         %17 = load i32 (ptradd %v, 64)   -&gt; %13
 *   arg2 = (void *)&amp;args-&gt;arg.value + args-&gt;arg.size;  %22 = load ...             -&gt; %13, the bounded offset
 * </pre>
 * Walks back from each load through its block and on through single predecessors, to an equal load (same type,
 * the same address: ValueShapes) before any store, call, atomic, memcpy/memset or inline asm; for a global or a
 * map value (a result of the map lookup and storage helpers) a store of the same type to the same address counts as
 * well. A load through any other pointer reuses only an equal load: augment_arg in augmented_raw_syscalls.bpf.c
 * checks {@code args->args[index] > 32} on a pointer parameter and then reads the field again for the result, which
 * must be the checked register. Stores elsewhere (a packet or context field) are not forwarded, a program's own
 * context argument is read where the source reads it, and volatile loads and stores are never touched.
 */
public final class RedundantGlobalLoads {
    /** Instructions looked at per load: keeps the pass linear in practice. */
    private static final int WALK_LIMIT = 500;

    public void run(Function fn) {
        Cfg cfg = null;
        Map<Value, Value> replaced = new HashMap<>();
        for (Block b : fn.blocks()) {
            for (Instruction load : b.instructions()) {
                if (load.op() != Opcode.LOAD || load.isVolatile || load.ordered || ofProgramContext(load.operand(0), fn)) continue;
                if (cfg == null) cfg = new Cfg(fn);
                Value earlier = earlierValue(load, cfg, ofGlobalOrMapValue(load.operand(0)));
                if (earlier != null) replaced.put(load, replaced.getOrDefault(earlier, earlier));
            }
        }
        if (replaced.isEmpty()) return;
        fn.replaceAllUses(replaced);
        for (Value v : replaced.keySet()) ((Instruction) v).remove();
    }

    /**
     * Helpers whose result points to a map value or to storage of the same kind (plain memory the program owns
     * while it runs): map_lookup_elem, get_local_storage, sk_storage_get, ringbuf_reserve, inode_storage_get,
     * task_storage_get, map_lookup_percpu_elem, cgrp_storage_get.
     */
    private static final Set<Long> MAP_VALUE_HELPERS = Set.of(1L, 81L, 107L, 131L, 145L, 156L, 195L, 210L);

    /** Whether {@code p} is a global's address, or a map value pointer, plus offsets. */
    private static boolean ofGlobalOrMapValue(Value p) {
        while (p instanceof Instruction i && i.op() == Opcode.PTRADD) p = i.operand(0);
        if (!(p instanceof Instruction i)) return false;
        return i.op() == Opcode.ADDR || (i.op() == Opcode.CALLHELPER && MAP_VALUE_HELPERS.contains(i.size));
    }

    /**
     * Whether {@code p} is a program's context argument plus offsets: the first parameter of a function outside
     * .text. Context fields are read where the source reads them (each load is one the verifier rewrites).
     */
    private static boolean ofProgramContext(Value p, Function fn) {
        while (p instanceof Instruction i && i.op() == Opcode.PTRADD) p = i.operand(0);
        return !fn.params().isEmpty() && p == fn.params().get(0) && !".text".equals(fn.section());
    }

    /** The value an earlier load of the same address read or a store to it wrote, when nothing wrote in between. */
    private static Value earlierValue(Instruction load, Cfg cfg, boolean fromStores) {
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
            if (fromStores && i.op() == Opcode.STORE && !i.isVolatile && !i.ordered && i.operand(0).type() == load.type()
                    && ValueShapes.same(i.operand(1), load.operand(0))) {
                return i.operand(0);
            }
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
            case STORE, ATOMICRMW, CMPXCHG, MEMCPY, MEMSET, CALL, CALLHELPER, CALLKFUNC, INLINE_ASM -> true;
            default -> false;
        };
    }
}
