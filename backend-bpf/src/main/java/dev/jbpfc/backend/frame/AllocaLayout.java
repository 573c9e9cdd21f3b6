package dev.jbpfc.backend.frame;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a function's allocas in its frame, letting allocas whose contents are never needed at the same time
 * share bytes (stack colouring). After inlining, every callee's locals and every struct-copy temporary is an
 * alloca of the caller; giving each its own bytes for the whole function made frames several times clang's.
 * <pre>
 *   %a = alloca 64, align 8        ; buffer of the first inlined call: written, read, never again
 *   %b = alloca 64, align 8        ; buffer of the second inlined call, written after %a's last read
 *   memset %a, 0, 64 ; ... load %a ...
 *   memset %b, 0, 64 ; ... load %b ...          ->   %a at r10 - 64, %b at r10 - 64 too (64 bytes, not 128)
 * </pre>
 * An alloca is <em>tracked</em> when its address (directly or through {@code ptradd}) is only used by loads,
 * stores, memcpy, memset, atomics, as a pointer argument of a BPF helper (a helper reads and writes the
 * memory during the call and keeps no pointer to it: the verifier does not let a stack pointer outlive the
 * call, except in dynptrs, so the dynptr helpers 197..203 do not count), and as an argument of a function of
 * this module that only dereferences that parameter ({@link ParamCapture}: the stack-argument area of a call
 * with more than five arguments, a {@code noinline} function filling a caller's buffer). A tracked alloca is live at a point
 * that a write of it reaches and from which a read of it can be reached without passing a write that covers all
 * of it (before its first write its bytes are indeterminate, and may hold anything). Any other use of the address
 * (a BPF-to-BPF call, a kfunc, inline asm, stored to memory, a phi or select, an integer conversion) makes it
 * <em>pinned</em>: nobody can tell who reads it later, so it is live everywhere reachable from the first
 * instruction that uses it (before that no one has its address). Interference:
 * two tracked allocas interfere when one is written while the other is live or one instruction touches both; a
 * pinned alloca interferes with a tracked one accessed where the pinned one is live, and with a pinned one live
 * at the same point. Allocas are placed biggest first at the lowest depth below r10 that keeps their alignment
 * and misses every interfering alloca already placed.
 * Needs: nothing (allocas anywhere, unreachable code removed). Leaves the function unchanged.
 */
public final class AllocaLayout {
    /** Depth below r10 of each alloca's first byte ({@code r10 - depth}), and the bytes all of them take. */
    public record Result(Map<Instruction, Integer> depth, int bytes) {}


    private final Module module;
    private final ParamCapture capture;
    private final Function fn;
    private final List<Instruction> allocas = new ArrayList<>();
    private final BitSet pinned = new BitSet();
    /** What each instruction does to the tracked allocas it reaches. */
    private final Map<Instruction, List<Effect>> effects = new IdentityHashMap<>();
    /** Instructions that use an alloca directly (for the pinned ones' live regions). */
    private final Map<Instruction, List<Integer>> directUses = new IdentityHashMap<>();

    private record Effect(int alloca, boolean reads, boolean writes, boolean kills) {}

    /** A pointer {@code offset} bytes into alloca {@code alloca} (offset -1: not a known constant). */
    record Into(int alloca, long offset) {}

    /** Every pointer into an alloca that classify met, with where it points. */
    private final Map<Value, Into> pointsInto = new IdentityHashMap<>();
    /** Stores whose stored value is the address of an alloca (see {@link StackContainers}). */
    private final List<StackContainers.AddressStore> addressStores = new ArrayList<>();
    /** Allocas read 8 bytes at a time (a spilled pointer could come back) or copied from by memcpy. */
    private final BitSet wideRead = new BitSet();
    /** Allocas under 8 bytes that hold one scalar, loaded and stored whole (see {@link #isNarrowScalar}). */
    private final BitSet narrowScalar = new BitSet();

    private AllocaLayout(Module module, Function fn) {
        this.module = module;
        this.capture = new ParamCapture(module);
        this.fn = fn;
    }

    /** {@code module} (may be null) lets calls of its functions that only dereference an argument keep it tracked. */
    public static Result run(Module module, Function fn) { return new AllocaLayout(module, fn).layOut(); }

    private Result layOut() {
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructionsView()) {
                if (i.op() == Opcode.ALLOCA) allocas.add(i);
            }
        }
        int n = allocas.size();
        if (n == 0) return new Result(Map.of(), 0);
        Map<Value, List<Instruction>> users = new HashMap<>();
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructionsView()) {
                for (Value v : i.operands()) users.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
            }
        }
        for (int a = 0; a < n; a++) {
            if (isNarrowScalar(allocas.get(a), users)) narrowScalar.set(a);
            classify(a, allocas.get(a), 0L, users);
            for (Instruction u : users.getOrDefault(allocas.get(a), List.of())) {
                directUses.computeIfAbsent(u, k -> new ArrayList<>(1)).add(a);
            }
        }
        StackContainers.resolve(addressStores, pointsInto, pinned, wideRead, users,
                (call, a) -> effect(call, a, true, true, false));
        return place(n, interference(n));
    }

    /**
     * Whether {@code alloca} is a variable of under 8 bytes that stays in memory (its address goes to a helper or
     * a call) and is loaded and stored whole through its own address: a loop counter whose address is taken, as
     * {@code __u32 key} in perf's func_latency.bpf.c, counted up in a loop and then passed to a map lookup. The
     * verifier keeps the value (and bounds) of a narrow register store only at the start of an 8-byte stack slot
     * ({@code r10 - 8k}); anywhere else (r10 - 4) the bytes become "misc", the reload is an unknown scalar, and such
     * a loop is "infinite". Such allocas are placed at a multiple of 8 below r10.
     * A volatile access rules this out: {@code volatile int nr} counted up in a {@code bpf_for_each} loop
     * (verifier_bits_iter.c max_words) must stay unknown to the verifier, as clang's r10 - 4 leaves it; an exact
     * count differs on every trip, a compare on it makes it precise, and the iterator loop's states never match
     * (1M processed instructions).
     */
    private static boolean isNarrowScalar(Instruction alloca, Map<Value, List<Instruction>> users) {
        long size = alloca.size;
        if (size >= 8 || (size & (size - 1)) != 0) return false;
        boolean loaded = false, stored = false;
        for (Instruction u : users.getOrDefault(alloca, List.of())) {
            if ((u.op() == Opcode.LOAD || u.op() == Opcode.STORE) && u.isVolatile) return false;
            if (u.op() == Opcode.LOAD && u.type().bytes == size) loaded = true;
            if (u.op() == Opcode.STORE && u.operand(1) == alloca && u.operand(0) != alloca
                    && u.operand(0).type().bytes == size) stored = true;
        }
        return loaded && stored;
    }

    /**
     * Records the effects of every use of {@code p}, a pointer {@code offset} bytes into alloca {@code a}
     * ({@code offset} is -1 when not a known constant).
     */
    private void classify(int a, Value p, long offset, Map<Value, List<Instruction>> users) {
        long size = allocas.get(a).size;
        pointsInto.put(p, new Into(a, offset));
        for (Instruction u : users.getOrDefault(p, List.of())) {
            switch (u.op()) {
                case LOAD:
                    effect(u, a, true, false, false);
                    if (u.type().bytes >= 8) wideRead.set(a);
                    break;
                case STORE:
                    if (u.operand(0) == p && u.operand(1) == p) pinned.set(a);
                    else if (u.operand(0) == p) addressStores.add(new StackContainers.AddressStore(a, u));
                    if (u.operand(1) == p) effect(u, a, false, true, offset == 0 && u.operand(0).type().bytes >= size);
                    break;
                case MEMCPY: {
                    boolean whole = offset == 0 && u.size >= size;
                    if (u.operand(0) == p) effect(u, a, false, true, whole && u.operand(1) != p);
                    if (u.operand(1) == p) {
                        effect(u, a, true, false, false);
                        wideRead.set(a);
                    }
                    break;
                }
                case MEMSET:
                    if (u.operand(0) == p) effect(u, a, false, true, offset == 0 && u.size >= size);
                    else pinned.set(a);
                    break;
                case ATOMICRMW: case CMPXCHG:
                    if (u.operand(0) == p) effect(u, a, true, true, false);
                    for (int k = 1; k < u.operands().size(); k++) if (u.operand(k) == p) pinned.set(a);
                    break;
                case CALL: {
                    Function callee = module == null ? null : module.function(u.symbol);
                    boolean keeps = false;
                    for (int k = 0; k < u.operands().size() && !keeps; k++) {
                        if (u.operand(k) == p && !capture.onlyDereferenced(callee, k)) keeps = true;
                    }
                    if (keeps) pinned.set(a);
                    else effect(u, a, true, true, false);
                    break;
                }
                case CALLHELPER:
                    if (ParamCapture.helperMayKeep(u)) pinned.set(a);
                    else effect(u, a, true, true, false);
                    break;
                case PTRADD:
                    if (u.operand(0) != p) {
                        pinned.set(a);
                        break;
                    }
                    long next = offset >= 0 && u.operand(1) instanceof Constant c ? offset + c.value() : -1;
                    classify(a, u, next < 0 ? -1 : next, users);
                    break;
                default:
                    pinned.set(a);
            }
        }
    }

    private void effect(Instruction i, int a, boolean reads, boolean writes, boolean kills) {
        effects.computeIfAbsent(i, k -> new ArrayList<>(1)).add(new Effect(a, reads, writes, kills));
    }

    private List<Effect> trackedEffects(Instruction i) {
        List<Effect> es = effects.getOrDefault(i, List.of());
        if (es.isEmpty() || pinned.isEmpty()) return es;
        List<Effect> out = new ArrayList<>(es.size());
        for (Effect e : es) if (!pinned.get(e.alloca)) out.add(e);
        return out;
    }

    /** The three dataflow problems of the class comment, then the interference edges. */
    private BitSet[] interference(int n) {
        List<Block> blocks = fn.blocks();
        int nb = blocks.size();
        Map<Block, Integer> bi = new IdentityHashMap<>();
        for (int b = 0; b < nb; b++) bi.put(blocks.get(b), b);
        List<List<Block>> preds = new ArrayList<>();
        for (int b = 0; b < nb; b++) preds.add(new ArrayList<>());
        for (Block b : blocks) for (Block s : b.successors()) preds.get(bi.get(s)).add(b);

        // backward: a read reachable without a covering write (tracked)
        BitSet[] gen = new BitSet[nb], kill = new BitSet[nb], liveIn = new BitSet[nb], liveOut = new BitSet[nb];
        // forward: reached by a write (tracked) or by any use of the address (pinned)
        BitSet[] born = new BitSet[nb], bornIn = new BitSet[nb], bornOut = new BitSet[nb];
        for (int b = 0; b < nb; b++) {
            gen[b] = new BitSet();
            kill[b] = new BitSet();
            liveIn[b] = new BitSet();
            liveOut[b] = new BitSet();
            born[b] = new BitSet();
            bornIn[b] = new BitSet();
            bornOut[b] = new BitSet();
            List<Instruction> insns = blocks.get(b).instructionsView();
            for (int k = insns.size() - 1; k >= 0; k--) {
                List<Effect> es = trackedEffects(insns.get(k));
                for (Effect e : es) {
                    if (e.kills) {
                        gen[b].clear(e.alloca);
                        kill[b].set(e.alloca);
                    }
                }
                for (Effect e : es) {
                    if (e.reads) {
                        gen[b].set(e.alloca);
                        kill[b].clear(e.alloca);
                    }
                    if (e.writes) born[b].set(e.alloca);
                }
                for (int a : directUses.getOrDefault(insns.get(k), List.of())) if (pinned.get(a)) born[b].set(a);
            }
        }
        // Both problems by worklist: a block is looked at again only when what it reads changed. Sweeping every
        // block until nothing changed cost a sweep of the whole function per loop nest level and one more to
        // confirm (the unrolled pyperf100's 6,600 blocks, issue 14); the fixpoint is the same.
        int[][] succ = new int[nb][];
        for (int b = 0; b < nb; b++) {
            List<Block> ss = blocks.get(b).successors();
            succ[b] = new int[ss.size()];
            for (int k = 0; k < ss.size(); k++) succ[b][k] = bi.get(ss.get(k));
        }
        int[][] pred = new int[nb][];
        for (int b = 0; b < nb; b++) {
            pred[b] = new int[preds.get(b).size()];
            for (int k = 0; k < pred[b].length; k++) pred[b][k] = bi.get(preds.get(b).get(k));
        }
        BlockWorklist work = new BlockWorklist(nb);
        for (int b = nb - 1; b >= 0; b--) work.add(b);
        for (int b = work.next(); b >= 0; b = work.next()) {
            BitSet out = new BitSet();
            for (int s : succ[b]) out.or(liveIn[s]);
            BitSet in = (BitSet) out.clone();
            in.andNot(kill[b]);
            in.or(gen[b]);
            liveOut[b] = out;
            if (!in.equals(liveIn[b])) {
                liveIn[b] = in;
                for (int p : pred[b]) work.add(p);
            }
        }
        for (int b = 0; b < nb; b++) work.add(b);
        for (int b = work.next(); b >= 0; b = work.next()) {
            BitSet in = new BitSet();
            for (int p : pred[b]) in.or(bornOut[p]);
            BitSet out = (BitSet) in.clone();
            out.or(born[b]);
            bornIn[b] = in;
            if (!out.equals(bornOut[b])) {
                bornOut[b] = out;
                for (int s : succ[b]) work.add(s);
            }
        }

        BitSet[] interferes = new BitSet[n];
        for (int a = 0; a < n; a++) interferes[a] = new BitSet();
        for (int b = 0; b < nb; b++) {
            List<Instruction> insns = blocks.get(b).instructionsView();
            // pinned against pinned: both live at the block's end (their regions only grow along a block)
            BitSet pinnedHere = (BitSet) bornOut[b].clone();
            pinnedHere.and(pinned);
            for (int x = pinnedHere.nextSetBit(0); x >= 0; x = pinnedHere.nextSetBit(x + 1)) {
                for (int y = pinnedHere.nextSetBit(x + 1); y >= 0; y = pinnedHere.nextSetBit(y + 1)) edge(interferes, x, y);
            }
            // pinned against tracked: a tracked access where the pinned one is live
            BitSet running = (BitSet) bornIn[b].clone();
            running.and(pinned);
            for (Instruction i : insns) {
                for (int a : directUses.getOrDefault(i, List.of())) if (pinned.get(a)) running.set(a);
                for (Effect e : trackedEffects(i)) {
                    for (int x = running.nextSetBit(0); x >= 0; x = running.nextSetBit(x + 1)) edge(interferes, x, e.alloca);
                }
            }
            // tracked against tracked: written while the other is live after the write
            BitSet live = (BitSet) liveOut[b].clone();
            BitSet bornAfter = (BitSet) bornOut[b].clone();
            Map<Integer, Integer> firstWrite = new HashMap<>();
            for (int k = 0; k < insns.size(); k++) {
                for (Effect e : trackedEffects(insns.get(k))) if (e.writes) firstWrite.putIfAbsent(e.alloca, k);
            }
            for (int k = insns.size() - 1; k >= 0; k--) {
                List<Effect> es = trackedEffects(insns.get(k));
                for (Effect e : es) {
                    if (!e.writes) continue;
                    BitSet both = (BitSet) live.clone();
                    both.and(bornAfter);
                    for (int t = both.nextSetBit(0); t >= 0; t = both.nextSetBit(t + 1)) {
                        if (t != e.alloca) edge(interferes, e.alloca, t);
                    }
                }
                // one instruction touching two allocas (memcpy) needs them apart even if one dies there
                for (Effect e : es) for (Effect f : es) if (e.alloca != f.alloca) edge(interferes, e.alloca, f.alloca);
                for (Effect e : es) if (e.kills) live.clear(e.alloca);
                for (Effect e : es) if (e.reads) live.set(e.alloca);
                for (Effect e : es) {
                    if (e.writes && firstWrite.get(e.alloca) == k && !bornIn[b].get(e.alloca)) bornAfter.clear(e.alloca);
                }
            }
        }
        return interferes;
    }

    private static void edge(BitSet[] interferes, int x, int y) {
        if (x == y) return;
        interferes[x].set(y);
        interferes[y].set(x);
    }

    private Result place(int n, BitSet[] interferes) {
        List<Integer> order = new ArrayList<>();
        for (int a = 0; a < n; a++) order.add(a);
        order.sort(Comparator.comparingLong((Integer a) -> -allocas.get(a).size).thenComparingInt(a -> a));
        int[] depth = new int[n];
        boolean[] placed = new boolean[n];
        int bytes = 0;
        for (int a : order) {
            int size = (int) Math.max(1, allocas.get(a).size);
            int align = narrowScalar.get(a) ? 8 : Math.max(1, Math.min(8, allocas.get(a).align));
            // depth d puts the first byte at r10 - d; a narrow scalar's must be a slot's start, a multiple of 8
            int d = roundUp(size, align);
            boolean moved = true;
            while (moved) {
                moved = false;
                for (int t = interferes[a].nextSetBit(0); t >= 0; t = interferes[a].nextSetBit(t + 1)) {
                    if (!placed[t]) continue;
                    int tSize = (int) Math.max(1, allocas.get(t).size);
                    // a occupies depths (d - size, d], t occupies (depth[t] - tSize, depth[t]]
                    if (d - size < depth[t] && depth[t] - tSize < d) {
                        d = roundUp(depth[t] + size, align);
                        moved = true;
                    }
                }
            }
            depth[a] = d;
            placed[a] = true;
            bytes = Math.max(bytes, d);
        }
        Map<Instruction, Integer> out = new IdentityHashMap<>();
        for (int a = 0; a < n; a++) out.put(allocas.get(a), depth[a]);
        return new Result(out, bytes);
    }

    private static int roundUp(int x, int align) { return (x + align - 1) / align * align; }
}
