package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.UseList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: nothing (computes predecessors and uses itself). Leaves stale: nothing (the CFG is unchanged).
 *
 * Store-to-load forwarding for local arrays whose address never escapes, then removal of such an array when no
 * load of it is left. mem2reg promotes only locals accessed whole at constant offsets; an array indexed by a loop
 * counter stays in memory, and on BPF its bytes count against the 512-byte frame. The selftests'
 * linked_list.c keeps 200 object pointers in a local array only to read each back right after storing it:
 * <pre>
 *   struct foo *f[200];                         %f = alloca 1600
 *   for (i = 0; i < 200; i += 2) {              store ptr %1, (ptradd %f, 8 * sext i)
 *       f[i] = bpf_obj_new(...);                %6 = load ptr (ptradd %f, 8 * sext i)        -> %1
 *       if (!f[i]) return 2;                    store ptr %10, (ptradd %f, 8 * sext (i + 1))
 *       f[i + 1] = bpf_obj_new(...);            ... a call, a store through another pointer ...
 *       bpf_list_push_front(head, &f[i]->node); %29 = load ptr (ptradd %f, 8 * sext i)       -> %1
 * </pre>
 * With every load replaced by the stored value the array is only written, so its stores and the alloca go: a
 * 1,624-byte frame (over the limit, an error) becomes 24 bytes, as clang's optimiser makes it.
 *
 * 1. Candidates: allocas whose address (or an address computed from it by ptradd) is only ever the address
 *    operand of non-volatile loads, stores and memsets. Nothing else can then read or write them: calls, stores
 *    through other pointers and helpers do not touch them.
 * 2. For each load from a candidate, walk back from the load through its block and on through single
 *    predecessors; the first store to the same array decides. The same address and type: the load is the stored
 *    value (the store dominates the load, being on its only path). A store to a provably disjoint slot is passed
 *    over; any other store (or a block with several predecessors, or the walk's limit) keeps the load.
 *    A zeroing memset that covers the load counts as a store of zero: a struct initialised with designators
 *    ({@code struct ops o = { .step = f };} is a memset and then the stores) reads back the function pointers
 *    stored in it, so calls through them can be devirtualized.
 * 3. A candidate with no load left: its stores and memsets are removed, and the alloca and its addresses become
 *    dead (DCE).
 */
public final class LocalStoreForwarding {
    /** Instructions looked at per load before giving up: keeps the pass linear in practice. */
    private static final int WALK_LIMIT = 2000;

    /** An address: a candidate alloca plus a constant and the non-constant terms added to it. */
    private record Address(Instruction base, long constant, List<Value> terms) {}

    public void run(Function fn) {
        UseList uses = new UseList(fn);
        Set<Instruction> candidates = new HashSet<>();
        for (Block blk : fn.blocks()) for (Instruction i : blk.instructionsView()) {
            if (i.op() == Opcode.ALLOCA && onlyAddresses(i, uses, 0)) candidates.add(i);
        }
        if (candidates.isEmpty()) return;
        Cfg cfg = new Cfg(fn);
        // 2. forward
        Map<Value, Value> replaced = new HashMap<>();
        for (Block b : fn.blocks()) {
            // Blocks do not change until the end: a load's index here is its position (no search of the block).
            List<Instruction> insts = b.instructionsView();
            for (int k = 0; k < insts.size(); k++) {
                Instruction load = insts.get(k);
                if (load.op() != Opcode.LOAD) continue;
                Address a = address(load.operand(0), candidates);
                if (a == null) continue;
                Value v = storedValue(load, k, a, cfg, candidates);
                if (v != null) replaced.put(load, v);
            }
        }
        if (!replaced.isEmpty()) {
            // a forwarded value may itself be a load forwarded in turn (a pointer stored, loaded, stored again)
            Map<Value, Value> resolved = new HashMap<>();
            for (Map.Entry<Value, Value> e : replaced.entrySet()) {
                Value v = e.getValue();
                for (int guard = 0; replaced.containsKey(v) && guard < 64; guard++) v = replaced.get(v);
                resolved.put(e.getKey(), v);
            }
            fn.replaceAllUses(resolved);
            for (Value load : resolved.keySet()) ((Instruction) load).remove();
        }
        // 3. arrays nobody reads
        Set<Instruction> read = new HashSet<>();
        List<Instruction> stores = new ArrayList<>();
        for (Block blk : fn.blocks()) for (Instruction i : blk.instructionsView()) {
            if (i.op() == Opcode.MEMSET) {
                Address a = address(i.operand(0), candidates);
                if (a != null) stores.add(i);
                continue;
            }
            if (i.op() == Opcode.LOAD || i.op() == Opcode.STORE) {
                Address a = address(i.op() == Opcode.LOAD ? i.operand(0) : i.operand(1), candidates);
                if (a == null) continue;
                if (i.op() == Opcode.LOAD) read.add(a.base);
                else stores.add(i);
            }
        }
        for (Instruction s : stores) {
            Value at = s.op() == Opcode.MEMSET ? s.operand(0) : s.operand(1);
            if (!read.contains(address(at, candidates).base)) s.remove();
        }
    }

    /** Whether every use of {@code p} is the address of a plain load or store, directly or through ptradd. */
    private static boolean onlyAddresses(Value p, UseList uses, int depth) {
        if (depth > 16) return false;
        for (Instruction u : uses.users(p)) {
            switch (u.op()) {
                case LOAD -> {
                    if (u.isVolatile || u.ordered) return false;
                }
                case STORE -> {
                    if (u.isVolatile || u.ordered || u.operand(0) == p || u.operand(1) != p) return false;
                }
                case MEMSET -> {
                    if (u.isVolatile || u.operand(0) != p) return false;
                }
                case PTRADD -> {
                    if (u.operand(0) != p || !onlyAddresses(u, uses, depth + 1)) return false;
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code p} as a candidate plus offsets, or null when it is not based on a candidate. */
    private static Address address(Value p, Set<Instruction> candidates) {
        long constant = 0;
        List<Value> terms = new ArrayList<>();
        while (p instanceof Instruction i && i.op() == Opcode.PTRADD) {
            if (i.operand(1) instanceof Constant c) constant += c.value();
            else terms.add(i.operand(1));
            p = i.operand(0);
        }
        if (!(p instanceof Instruction base) || !candidates.contains(base)) return null;
        return new Address(base, constant, terms);
    }

    /** The value the store that {@code load} must read from stored, or null when that is not known. */
    private static Value storedValue(Instruction load, int at, Address a, Cfg cfg, Set<Instruction> candidates) {
        Block b = load.block();
        int index = at - 1;
        Set<Block> visited = new HashSet<>();
        visited.add(b);
        int budget = WALK_LIMIT;
        while (budget-- > 0) {
            if (index < 0) {
                List<Block> preds = cfg.preds(b);
                if (preds.size() != 1 || !visited.add(preds.get(0))) return null;
                b = preds.get(0);
                index = b.size() - 1;
                continue;
            }
            Instruction i = b.get(index--);
            if (i.op() == Opcode.MEMSET) {
                Address s = address(i.operand(0), candidates);
                if (s == null || s.base != a.base) continue;
                int loadBytes = load.type().bytes;
                boolean covers = sameTerms(s, a) && s.constant <= a.constant && a.constant + loadBytes <= s.constant + i.size;
                if (covers) return i.operand(1) instanceof Constant c && c.value() == 0 ? zero(load.type()) : null;
                if (!disjoint(s, (int) Math.min(i.size, Integer.MAX_VALUE), a, loadBytes)) return null;
                continue;
            }
            if (i.op() != Opcode.STORE) continue;
            Address s = address(i.operand(1), candidates);
            if (s == null || s.base != a.base) continue;
            int loadBytes = load.type().bytes, storeBytes = i.operand(0).type().bytes;
            if (sameAddress(s, a)) {
                return i.operand(0).type() == load.type() ? i.operand(0) : null;
            }
            if (!disjoint(s, storeBytes, a, loadBytes)) return null;
        }
        return null;
    }

    private static boolean sameAddress(Address x, Address y) {
        return x.constant == y.constant && sameTerms(x, y);
    }

    private static boolean sameTerms(Address x, Address y) {
        if (x.terms.size() != y.terms.size()) return false;
        for (int k = 0; k < x.terms.size(); k++) if (!ValueShapes.same(x.terms.get(k), y.terms.get(k), ValueShapes.DEPTH)) return false;
        return true;
    }

    /** What a load of {@code t} reads from zeroed bytes. */
    private static Value zero(dev.jbpfc.ir.Type t) {
        return t == dev.jbpfc.ir.Type.PTR ? Constant.nullPtr() : Constant.of(t, 0);
    }

    /** Whether the bytes [x, x + xBytes) and [y, y + yBytes) are known not to overlap. */
    private static boolean disjoint(Address x, int xBytes, Address y, int yBytes) {
        if (x.terms.size() == y.terms.size()) {
            boolean sameTerms = true;
            for (int k = 0; k < x.terms.size() && sameTerms; k++) sameTerms = ValueShapes.same(x.terms.get(k), y.terms.get(k), ValueShapes.DEPTH);
            if (sameTerms) return separate(x.constant, xBytes, y.constant, yBytes);
        }
        if (x.terms.size() != 1 || y.terms.size() != 1) return false;
        // scale * i + c against scale * j + c with i != j: at least scale bytes apart
        long[] xs = new long[1], ys = new long[1];
        Value i = scaled(x.terms.get(0), xs), j = scaled(y.terms.get(0), ys);
        if (i == null || j == null || xs[0] != ys[0]) return false;
        long scale = xs[0];
        Long diff = difference(i, j);
        if (diff != null && i.type().bits == 64) {
            // offsets differ by exactly scale * diff + (x.c - y.c), modulo 2^64
            long d = scale * diff + (x.constant - y.constant);
            return separate(d, xBytes, 0, yBytes);
        }
        return x.constant == y.constant && xBytes <= scale && yBytes <= scale && distinctNarrow(i, j);
    }

    private static boolean separate(long x, int xBytes, long y, int yBytes) {
        return x + xBytes <= y || y + yBytes <= x;
    }

    /** {@code v} as {@code index * scale} (mul or shl by a constant): the index, with the scale in {@code out[0]}. */
    private static Value scaled(Value v, long[] out) {
        if (v instanceof Instruction i && i.op() == Opcode.MUL && i.operand(1) instanceof Constant c && c.value() > 0
                && c.value() < (1L << 30)) {
            out[0] = c.value();
            return i.operand(0);
        }
        if (v instanceof Instruction i && i.op() == Opcode.SHL && i.operand(1) instanceof Constant c
                && c.value() >= 0 && c.value() < 30) {
            out[0] = 1L << c.value();
            return i.operand(0);
        }
        out[0] = 1;
        return v;
    }

    /**
     * Two indices extended from at most 32 bits that are different values: their 64-bit extensions differ by a
     * nonzero amount below 2^32, so scaled by under 2^30 they cannot meet modulo 2^64.
     */
    private static boolean distinctNarrow(Value i, Value j) {
        if (!(i instanceof Instruction a) || !(j instanceof Instruction b)) return false;
        if (a.op() != b.op() || (a.op() != Opcode.SEXT && a.op() != Opcode.ZEXT)) return false;
        Value x = a.operand(0), y = b.operand(0);
        if (x.type() != y.type() || x.type().bits > 32) return false;
        Long d = difference(x, y);
        if (d == null) return false;
        long mask = x.type().bits == 64 ? -1L : (1L << x.type().bits) - 1;
        return (d & mask) != 0;
    }

    /** {@code x - y} when it is a known constant (modulo the type's width), else null. */
    private static Long difference(Value x, Value y) {
        if (x.type() != y.type()) return null;
        if (ValueShapes.same(x, y, ValueShapes.DEPTH)) return 0L;
        if (x instanceof Constant a && y instanceof Constant b) return a.value() - b.value();
        long[] cx = new long[1], cy = new long[1];
        Value bx = plusConstant(x, cx), by = plusConstant(y, cy);
        if (bx != null && by != null && ValueShapes.same(bx, by, ValueShapes.DEPTH)) return cx[0] - cy[0];
        if (bx != null && ValueShapes.same(bx, y, ValueShapes.DEPTH)) return cx[0];
        if (by != null && ValueShapes.same(x, by, ValueShapes.DEPTH)) return -cy[0];
        return null;
    }

    /** {@code v} as {@code base + constant} (add or sub of a constant): the base, the constant in {@code out[0]}. */
    private static Value plusConstant(Value v, long[] out) {
        if (!(v instanceof Instruction i) || i.operands().size() != 2 || !(i.operand(1) instanceof Constant c)) return null;
        if (i.op() == Opcode.ADD) out[0] = c.value();
        else if (i.op() == Opcode.SUB) out[0] = -c.value();
        else return null;
        return i.operand(0);
    }
}
