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
 * A second load of the same address, with nothing in between that can write memory, reads the first load's
 * value. The verifier keeps what it learns (a bound, a non-NULL pointer, a packet range) in registers, never in
 * memory, so a value checked and then used must be loaded once, as clang's optimiser leaves it. A global is a
 * map value; the selftests' test_tc_dtime.c:
 * <pre>
 *   __u32 test;                                  %t = load i32 (addr @test)
 *   if (test &lt; __NR_TESTS)                      cmp ult %t, 10 ; condbr
 *       errs[test][idx]++;                       %u = load i32 (addr @test)    -> %t, so the index is bounded
 * </pre>
 * A context field read twice is the same: every load of {@code ctx->sk} (test_sk_lookup.c) or of {@code skb->data}
 * (skb_pkt_end.c) gives the verifier a new pointer with a new id, so a NULL check or a packet bounds check on the
 * first says nothing about the second ("R1 invalid mem access 'sock_or_null'", "invalid access to packet"):
 * <pre>
 *   if (ctx->sk &amp;&amp; ctx->sk->family != AF_INET)    %s = load ptr (ptradd %ctx, 0) ; cmp eq %s, null ; condbr
 *                                                  %t = load ptr (ptradd %ctx, 0)    -> %s, the checked register
 * </pre>
 * The same holds for a kptr field of a map value tested and then passed on (local_kptr_stash.c). The earlier
 * load keeps its form (base + constant for a ctx field): only the later one goes.
 * Walks back from each load through its block and on through single predecessors, to an equal load (same type,
 * the same address by {@link ValueShapes}) before any store, call, atomic, memcpy/memset or inline asm. A call is
 * where a helper may move the packet (bpf_skb_pull_data) or free an object, so nothing is reused across one.
 * Volatile (READ_ONCE) and ordered loads are never touched, nor is a load reused for one.
 */
public final class RedundantLoads {
    /** Instructions looked at per load: keeps the pass linear in practice. */
    private static final int WALK_LIMIT = 500;

    public void run(Function fn) {
        Cfg cfg = null;
        Map<Value, Value> replaced = new HashMap<>();
        for (Block b : fn.blocks()) {
            for (Instruction load : b.instructions()) {
                if (load.op() != Opcode.LOAD || load.isVolatile || load.ordered) continue;
                if (cfg == null) cfg = new Cfg(fn);
                Instruction earlier = earlierLoad(load, cfg);
                if (earlier != null) replaced.put(load, replaced.getOrDefault(earlier, earlier));
            }
        }
        if (replaced.isEmpty()) return;
        fn.replaceAllUses(replaced);
        for (Value v : replaced.keySet()) ((Instruction) v).remove();
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
            case STORE, ATOMICRMW, CMPXCHG, MEMCPY, MEMSET, CALL, CALLHELPER, CALLKFUNC, INLINE_ASM -> true;
            default -> false;
        };
    }
}
