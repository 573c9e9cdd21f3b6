package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.DominatorTree;
import dev.jbpfc.ir.analysis.UseList;

import java.util.ArrayDeque;
import java.util.Deque;
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
 * For a global or a map value (a result of the map lookup and storage helpers: plain memory the program owns while
 * it runs) a store of the same type to the same address gives the load its value too; perf's
 * augmented_raw_syscalls.bpf.c:
 * <pre>
 *   args-&gt;arg.size = PERF_ALIGN(len + 1, 8);     store i32 %13, (ptradd %v, 64)
 *   if (args-&gt;arg.size &gt; 4096) return 1;         %17 = load i32 (ptradd %v, 64)   -&gt; %13
 *   arg2 = (void *)&amp;args-&gt;arg.value + args-&gt;arg.size;  %22 = load ...             -&gt; %13, the bounded offset
 * </pre>
 * Stores elsewhere (a packet or context field) are not forwarded: the kernel may change what they read.
 * Walks back from each load through its block and on up the dominator tree, to an equal load (same type, the
 * same address by {@link ValueShapes}), giving up at any store, call, atomic, memcpy/memset or inline asm. A call is
 * where a helper may move the packet (bpf_skb_pull_data) or free an object, so nothing is reused across one.
 * Volatile (READ_ONCE) and ordered loads are never touched, nor is a load reused for one. From a block to its
 * immediate dominator the walk goes on only when no block in between writes memory and the block heads no loop: the
 * "||" of test_sk_lookup.c's "ctx->sk->family != AF_INET || ctx->sk->type != SOCK_STREAM" joins two paths before
 * the next read of ctx->sk.
 * A CO-RE relocated address (a {@code core_field} of a preserve_access_index record, equal to another of the same
 * record by {@link ValueShapes}) is reused as clang-22 reuses it, so that the objects' relocations are the same:
 * clang first moves a load down into the one block that uses it, then reuses loads within a block. So a load of
 * such an address reads an earlier one only when the earlier one's uses would keep it in, or take it to, the later
 * load's block ({@link #home}). The preload iterators and bpf_iter_ipv6_route.c:
 * <pre>
 *   seq = ctx->meta->seq; n = ctx->meta->seq_num;   one block: ctx->meta loaded once, one relocation
 *   nh = rt->nh; if (rt->nh) x = nh->nh_info;       nh is used only in the branch: loaded twice, two relocations
 * </pre>
 */
public final class RedundantLoads {
    /** Instructions looked at per load: keeps the pass linear in practice. */
    private static final int WALK_LIMIT = 500;

    public void run(Function fn) {
        DominatorTree dom = null;
        UseList[] uses = {null};
        Map<Value, Value> replaced = new HashMap<>();
        for (Block b : fn.blocks()) {
            // Nothing changes the blocks until the end, so a load's position is its index here (asking the block
            // for it searched the block: quadratic in a long straight-line function).
            List<Instruction> insts = b.instructionsView();
            for (int k = 0; k < insts.size(); k++) {
                Instruction load = insts.get(k);
                if (load.op() != Opcode.LOAD || load.isVolatile || load.ordered) continue;
                if (dom == null) dom = new DominatorTree(new Cfg(fn));
                Value earlier = earlierValue(load, k, dom, ofGlobalOrMapValue(load.operand(0)));
                if (earlier instanceof Instruction e && e.op() == Opcode.LOAD && relocated(load.operand(0))) {
                    if (uses[0] == null) uses[0] = new UseList(fn);
                    if (home(e, uses[0], dom.cfg()) != b) earlier = null;
                }
                if (earlier != null) replaced.put(load, replaced.getOrDefault(earlier, earlier));
            }
        }
        if (replaced.isEmpty()) return;
        fn.replaceAllUses(replaced);
        for (Value v : replaced.keySet()) ((Instruction) v).remove();
    }

    /**
     * Helpers whose result points to a map value or to storage of the same kind: map_lookup_elem,
     * get_local_storage, sk_storage_get, ringbuf_reserve, inode_storage_get, task_storage_get,
     * map_lookup_percpu_elem, cgrp_storage_get.
     */
    private static final Set<Long> MAP_VALUE_HELPERS = Set.of(1L, 81L, 107L, 131L, 145L, 156L, 195L, 210L);

    /** Whether {@code p} is a global's address, or a map value pointer, plus offsets. */
    private static boolean ofGlobalOrMapValue(Value p) {
        while (p instanceof Instruction i && i.op() == Opcode.PTRADD) p = i.operand(0);
        if (!(p instanceof Instruction i)) return false;
        return i.op() == Opcode.ADDR || (i.op() == Opcode.CALLHELPER && MAP_VALUE_HELPERS.contains(i.size));
    }

    /** Whether the address {@code p} is computed from a CO-RE relocation (the value of a {@code core_field}). */
    private static boolean relocated(Value p) {
        while (p instanceof Instruction i && i.op() == Opcode.PTRADD) {
            if (i.operand(1) instanceof Instruction c && c.op() == Opcode.CORE_FIELD) return true;
            p = i.operand(0);
        }
        return false;
    }

    /**
     * The block clang-22 would leave {@code load} in: the one block all its users are in when that block's only
     * predecessor is the load's own block (the load moves down there), else its own block.
     */
    private static Block home(Instruction load, UseList uses, Cfg cfg) {
        Block own = load.block(), target = null;
        for (Instruction u : uses.users(load)) {
            if (u.op() == Opcode.PHI || u.block() == own) return own;
            if (target == null) target = u.block();
            else if (target != u.block()) return own;
        }
        if (target == null || cfg.preds(target).size() != 1 || cfg.preds(target).get(0) != own) return own;
        return target;
    }

    /** The value an earlier load of the same address read, or (fromStores) a store to it wrote; {@code at}: the load's index in its block. */
    private static Value earlierValue(Instruction load, int at, DominatorTree dom, boolean fromStores) {
        Block b = load.block();
        int index = at - 1;
        int budget = WALK_LIMIT;
        while (budget-- > 0) {
            if (index < 0) {
                Block d = dom.idom(b);
                if (d == null) return null;
                budget = withoutWrites(b, d, dom.cfg(), budget);
                if (budget < 0) return null;
                b = d;
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

    /**
     * Whether no path from the end of {@code d} (b's immediate dominator) to the start of {@code b} writes memory:
     * the blocks that reach b without passing through d are searched backwards. Returns the budget left, or -1
     * when a block writes, the budget runs out, or b is met again (b heads a loop: a value from before the loop
     * would be reused on the next trip).
     */
    private static int withoutWrites(Block b, Block d, Cfg cfg, int budget) {
        Deque<Block> work = new ArrayDeque<>(cfg.preds(b));
        Set<Block> seen = new HashSet<>();
        while (!work.isEmpty()) {
            Block x = work.pop();
            if (x == d || !seen.add(x)) continue;
            if (x == b) return -1;
            budget -= x.size();
            if (budget < 0) return -1;
            for (Instruction i : x.instructionsView()) if (writesMemory(i)) return -1;
            work.addAll(cfg.preds(x));
        }
        return budget;
    }

    private static boolean writesMemory(Instruction i) {
        return switch (i.op()) {
            case STORE, ATOMICRMW, CMPXCHG, MEMCPY, MEMSET, CALL, CALLHELPER, CALLKFUNC, CALLIND, INLINE_ASM -> true;
            default -> false;
        };
    }
}
