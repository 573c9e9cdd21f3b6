package dev.jbpfc.backend.regalloc;

import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.backend.mir.Reg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Register allocation: maps the virtual registers of a machine function onto r0..r9 with linear scan over
 * single-segment live intervals, spilling whole 8-byte stack slots. Needs: instructions selected, phis already
 * turned into copies. Leaves: physical registers only, identity moves deleted, {@link MFunction#spillBytes} set.
 *
 * <p>Worked example. For
 * <pre>
 *   %v0 = r1                     ; parameter
 *   r1 = %v0 ; call 7            ; %v0 is used after the call, so it lives across it
 *   %v1 = r0 ; %v1 += %v0 ; r0 = %v1 ; exit
 * </pre>
 * the call clobbers r0..r5 (fixed intervals at the call), so %v0 can only get r6..r9 and becomes r6; %v1 starts
 * where r0's fixed interval ends and is hinted by its copy from r0, so it gets r0 and both copies of it vanish:
 * <pre>
 *   r6 = r1 ; call 7 ; r0 += r6 ; exit
 * </pre>
 * (BPF has no callee-saved spill convention: r6..r9 survive calls and a function just uses them, as clang does.)
 *
 * <p>Positions: instruction k reads its uses at 2k and writes its defs at 2k+1, so a copy's source may end
 * where its destination starts and both may share a register. Physical registers written or read by the
 * selected code (arguments, results, call clobbers, r0 before exit) form fixed intervals that a virtual
 * register may not overlap. When no register is free the interval that costs least to spill goes (its loads and
 * stores weighted by loop depth, {@link LoopDepth}): every use reloads
 * it into a fresh short-lived register, every def stores it, and allocation starts again.
 */
public final class LinearScanAllocator {
    private static final int[] CALLER_SAVED_FIRST = {1, 2, 3, 4, 5, 0, 6, 7, 8, 9};
    private static final int[] CALLEE_SAVED_FIRST = {6, 7, 8, 9, 1, 2, 3, 4, 5, 0};

    private final MFunction mf;
    /** Registers made by spilling: they live for one instruction and are never spilled themselves. */
    private final Set<Integer> spillTemps = new java.util.HashSet<>();

    /** Loop depth per block ({@link LoopDepth}); spilling adds no blocks, so one computation serves every round. */
    private int[] blockDepth;

    private LinearScanAllocator(MFunction mf) { this.mf = mf; }

    public static void run(MFunction mf) { new LinearScanAllocator(mf).allocate(); }

    private static final class Interval {
        final int vreg;
        int start = Integer.MAX_VALUE;
        int end = Integer.MIN_VALUE;
        boolean crossesCall;
        boolean spillCode;
        int phys = -1;
        /** What spilling costs: one load or store per instruction that mentions it, weighted by loop depth. */
        double spillCost;

        Interval(int vreg) { this.vreg = vreg; }

        void cover(int p) {
            start = Math.min(start, p);
            end = Math.max(end, p);
        }
    }

    private void allocate() {
        blockDepth = LoopDepth.of(mf);
        for (int round = 0; round < 64; round++) {
            Set<Integer> spilled = tryAllocate();
            if (spilled == null) return;
            spill(spilled);
        }
        throw new IllegalStateException("register allocation of '" + mf.name + "' did not converge");
    }

    /** One linear-scan pass. Returns null when every interval got a register (and rewrites them), else the spills. */
    private Set<Integer> tryAllocate() {
        List<MInsn> flat = new ArrayList<>();
        int[] blockStart = new int[mf.blocks.size()];
        int[] blockEnd = new int[mf.blocks.size()];
        for (int b = 0; b < mf.blocks.size(); b++) {
            blockStart[b] = 2 * flat.size();
            flat.addAll(mf.blocks.get(b).insns);
            blockEnd[b] = 2 * flat.size() - 1;
        }
        Map<Integer, Interval> intervals = buildIntervals(blockStart, blockEnd);
        FixedSegments fixed = new FixedSegments(fixedIntervals(blockStart));
        int[] callPositions = new int[flat.size()];
        int calls = 0;
        for (int k = 0; k < flat.size(); k++) if (flat.get(k).isCall()) callPositions[calls++] = 2 * k;
        callPositions = java.util.Arrays.copyOf(callPositions, calls);
        for (Interval it : intervals.values()) it.crossesCall = crossesCall(it, callPositions);
        Map<Integer, List<Integer>> copyPartners = copyPartners();

        List<Interval> order = new ArrayList<>(intervals.values());
        order.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start) : Integer.compare(a.vreg, b.vreg));
        List<Interval> active = new ArrayList<>();
        Set<Integer> spilled = new LinkedHashSet<>();
        Set<Integer> pinned = pinnedToCalleeSaved();
        for (Interval cur : order) {
            active.removeIf(a -> a.end < cur.start);
            int chosen = -1;
            if (pinned.contains(cur.vreg)) {
                chosen = choosePinned(cur, active, fixed, copyPartners, intervals, pinned, spilled);
                if (chosen >= 0) {
                    cur.phys = chosen;
                    active.add(cur);
                    continue;
                }
            }
            for (int hint : hints(cur, copyPartners, intervals)) {
                if (isFree(hint, cur, active, fixed)) {
                    chosen = hint;
                    break;
                }
            }
            if (chosen < 0) {
                for (int r : cur.crossesCall ? CALLEE_SAVED_FIRST : CALLER_SAVED_FIRST) {
                    if (isFree(r, cur, active, fixed)) {
                        chosen = r;
                        break;
                    }
                }
            }
            if (chosen < 0) {
                // Spill what costs least to reload and store: an active interval whose register cur may take,
                // or cur itself (spill code must get a register).
                Interval victim = null;
                for (Interval a : active) {
                    if (a.spillCode || pinned.contains(a.vreg)) continue;
                    if (!fixedFree(a.phys, cur, fixed)) continue;
                    if (victim == null || cheaperToSpill(a, victim)) victim = a;
                }
                if (victim != null && (cur.spillCode || cheaperToSpill(victim, cur))) {
                    spilled.add(victim.vreg);
                    active.remove(victim);
                    chosen = victim.phys;
                } else if (!cur.spillCode) {
                    spilled.add(cur.vreg);
                    continue;
                } else {
                    throw new IllegalStateException("no register left for spill code in '" + mf.name + "'");
                }
            }
            cur.phys = chosen;
            active.add(cur);
        }
        if (!spilled.isEmpty()) return spilled;

        Map<Integer, Integer> assignment = new HashMap<>();
        for (Interval it : intervals.values()) assignment.put(it.vreg, it.phys);
        for (MBlock b : mf.blocks) {
            for (MInsn m : b.insns) {
                m.rename(r -> {
                    if (!Reg.isVirtual(r)) return r;
                    Integer p = assignment.get(r);
                    if (p == null) throw new IllegalStateException("virtual register without interval: " + Reg.name(r));
                    return p;
                });
            }
            b.insns.removeIf(m -> m.op == BpfOp.MOV64_REG && m.dst == m.src && !m.fromAsm);
        }
        return null;
    }

    /**
     * The induction and limit registers of loops built to a loop-hint template ({@link dev.jbpfc.backend.mir.MLoop})
     * must sit in r6..r9 for the whole loop and never be spilled: the template forbids any write of them but the
     * latch's, and r6..r9 are the registers calls leave alone.
     */
    private Set<Integer> pinnedToCalleeSaved() {
        Set<Integer> out = new java.util.HashSet<>();
        for (dev.jbpfc.backend.mir.MLoop l : mf.loops) {
            out.add(l.iv);
            if (l.limitReg >= 0) out.add(l.limitReg);
        }
        return out;
    }

    /**
     * r6..r9 for a pinned interval: a copy partner's register first, then any free one, then one taken from an
     * interval that is not pinned (spilled; allocation starts again). -1 when all four hold pinned intervals: the
     * interval is then allocated as any other, and the loop gets no hint.
     */
    private int choosePinned(Interval cur, List<Interval> active, FixedSegments fixed,
                             Map<Integer, List<Integer>> partners, Map<Integer, Interval> intervals,
                             Set<Integer> pinned, Set<Integer> spilled) {
        for (int hint : hints(cur, partners, intervals)) {
            if (hint >= Reg.R6 && hint <= Reg.R9 && isFree(hint, cur, active, fixed)) return hint;
        }
        for (int r = Reg.R6; r <= Reg.R9; r++) if (isFree(r, cur, active, fixed)) return r;
        Interval victim = null;
        for (Interval a : active) {
            if (a.phys < Reg.R6 || a.phys > Reg.R9 || pinned.contains(a.vreg) || a.spillCode) continue;
            if (!fixedFree(a.phys, cur, fixed)) continue;
            if (victim == null || a.end > victim.end) victim = a;
        }
        if (victim == null) return -1;
        spilled.add(victim.vreg);
        active.remove(victim);
        return victim.phys;
    }

    /**
     * Whether spilling {@code a} is a better deal than spilling {@code b}: its loads and stores (weighted by loop
     * depth) per square root of its length. The cost alone picks short intervals with one use, which free a
     * register for a moment and leave the pressure to spill the next interval too (unrolled code such as pyperf's
     * then gains spill code); the cost per instruction covered, in turn, spills a long interval that a loop reads
     * every trip rather than values used only outside the loop. The square root measured best between the two on
     * the strobemeta and pyperf programs. Between equal deals, the interval that ends later goes.
     */
    private static boolean cheaperToSpill(Interval a, Interval b) {
        double ca = a.spillCost / Math.sqrt(a.end - a.start + 1), cb = b.spillCost / Math.sqrt(b.end - b.start + 1);
        if (ca != cb) return ca < cb;
        return a.end > b.end;
    }

    /** The weight of one instruction in a block at loop depth d: 8^d, capped (nests deeper than 6 weigh alike). */
    private static double frequency(int depth) {
        return Math.pow(8, Math.min(depth, 6));
    }

    private List<Integer> hints(Interval cur, Map<Integer, List<Integer>> partners, Map<Integer, Interval> intervals) {
        // Physical partners first (an argument register, r0 before exit): copies to them are the ones that
        // cannot be removed any other way.
        List<Integer> out = new ArrayList<>();
        for (int other : partners.getOrDefault(cur.vreg, List.of())) {
            if (!Reg.isVirtual(other) && other <= 9 && !out.contains(other)) out.add(other);
        }
        for (int other : partners.getOrDefault(cur.vreg, List.of())) {
            if (!Reg.isVirtual(other)) continue;
            Interval o = intervals.get(other);
            if (o != null && o.phys >= 0 && !out.contains(o.phys)) out.add(o.phys);
        }
        return out;
    }

    private boolean isFree(int r, Interval cur, List<Interval> active, FixedSegments fixed) {
        for (Interval a : active) if (a.phys == r) return false;
        return fixedFree(r, cur, fixed);
    }

    private static boolean fixedFree(int r, Interval cur, FixedSegments fixed) {
        return fixed.free(r, cur.start, cur.end);
    }

    /**
     * Whether a call lies strictly inside the interval (the value is read after the call). {@code calls} holds the
     * calls' use positions in increasing order: the first call at or after the interval's start decides it.
     */
    private static boolean crossesCall(Interval it, int[] calls) {
        int at = java.util.Arrays.binarySearch(calls, it.start);
        if (at < 0) at = -at - 1;
        return at < calls.length && calls[at] + 2 <= it.end;
    }

    /** For each virtual register, the registers it is copied to or from (allocation hints). */
    private Map<Integer, List<Integer>> copyPartners() {
        Map<Integer, List<Integer>> out = new HashMap<>();
        for (MBlock b : mf.blocks) {
            for (MInsn m : b.insns) {
                if (m.op != BpfOp.MOV64_REG && m.op != BpfOp.MOV32_REG) continue;
                if (m.op == BpfOp.MOV32_REG && m.dst != m.src) continue;
                if (Reg.isVirtual(m.dst)) out.computeIfAbsent(m.dst, k -> new ArrayList<>()).add(m.src);
                if (Reg.isVirtual(m.src)) out.computeIfAbsent(m.src, k -> new ArrayList<>()).add(m.dst);
            }
        }
        return out;
    }

    private Map<Integer, Interval> buildIntervals(int[] blockStart, int[] blockEnd) {
        int n = mf.blocks.size();
        Map<MBlock, Integer> index = new HashMap<>();
        for (int b = 0; b < n; b++) index.put(mf.blocks.get(b), b);
        int[][] succ = new int[n][];
        for (int b = 0; b < n; b++) succ[b] = mf.blocks.get(b).successors().stream().mapToInt(index::get).toArray();
        BlockLiveness live = new BlockLiveness(mf, succ);
        Map<Integer, Interval> intervals = new HashMap<>();
        for (int b = 0; b < n; b++) {
            final int bb = b;
            for (int v : live.liveIn[b]) intervals.computeIfAbsent(v, Interval::new).cover(blockStart[bb]);
            for (int v : live.liveOut[b]) intervals.computeIfAbsent(v, Interval::new).cover(blockEnd[bb]);
            int pos = blockStart[b];
            double freq = frequency(blockDepth[b]);
            for (MInsn m : mf.blocks.get(b).insns) {
                for (int r : m.uses()) {
                    if (!Reg.isVirtual(r)) continue;
                    Interval it = intervals.computeIfAbsent(r, Interval::new);
                    it.cover(pos);
                    it.spillCode = spillTemps.contains(r);
                    it.spillCost += freq;
                }
                for (int r : m.defs()) {
                    if (!Reg.isVirtual(r)) continue;
                    Interval it = intervals.computeIfAbsent(r, Interval::new);
                    it.cover(pos + 1);
                    it.spillCode = spillTemps.contains(r);
                    it.spillCost += freq;
                }
                pos += 2;
            }
        }
        return intervals;
    }

    /**
     * Where each physical register r0..r9 holds something the selected code put there: from each write to the
     * last read before the next write, plus the writes themselves (call clobbers). Registers read before any
     * write in the entry block (parameters) are live from the function's start.
     */
    private List<List<int[]>> fixedIntervals(int[] blockStart) {
        List<List<int[]>> fixed = new ArrayList<>();
        for (int r = 0; r <= 10; r++) fixed.add(new ArrayList<>());
        for (int b = 0; b < mf.blocks.size(); b++) {
            int[][] open = new int[11][];
            int pos = blockStart[b];
            for (MInsn m : mf.blocks.get(b).insns) {
                for (int r : m.uses()) {
                    // r10 is never allocated; numbers past it only come from raw asm bytes (for the verifier)
                    if (Reg.isVirtual(r) || r >= Reg.FP) continue;
                    if (open[r] == null) {
                        open[r] = new int[] {b == 0 ? -1 : blockStart[b], pos};
                        fixed.get(r).add(open[r]);
                    }
                    open[r][1] = pos;
                }
                for (int r : m.defs()) {
                    if (Reg.isVirtual(r) || r >= Reg.FP) continue;
                    open[r] = new int[] {pos + 1, pos + 1};
                    fixed.get(r).add(open[r]);
                }
                pos += 2;
            }
        }
        return fixed;
    }

    /**
     * Gives each of {@code vregs} an 8-byte stack slot (in the set's order): a reload before each use, a store after
     * each def, in one pass over the function. Temporaries and code come out as spilling the registers one at a
     * time would make them: a register's temporaries are numbered together, reloads in the set's order before the
     * instruction and stores in the reverse order after it.
     */
    private void spill(Set<Integer> vregs) {
        Map<Integer, Integer> rank = new HashMap<>();
        int n = vregs.size();
        int[] ranked = new int[n];
        int[] slot = new int[n];
        for (int v : vregs) {
            mf.spillBytes += 8;
            slot[rank.size()] = -(mf.allocaBytes + mf.spillBytes);
            ranked[rank.size()] = v;
            rank.put(v, rank.size());
        }
        // First pass: how many instructions mention each register, so its temporaries get consecutive numbers.
        int[] mentions = new int[n];
        for (MBlock b : mf.blocks) {
            for (MInsn m : b.insns) for (int k : mentionedRanks(m, rank)) mentions[k]++;
        }
        int[] nextTemp = new int[n];
        for (int k = 0; k < n; k++) {
            if (mentions[k] == 0) continue;
            nextTemp[k] = mf.newVreg();
            for (int j = 1; j < mentions[k]; j++) mf.newVreg();
        }
        for (MBlock b : mf.blocks) {
            List<MInsn> out = new ArrayList<>(b.insns.size() + 4);
            for (MInsn m : b.insns) {
                int[] ks = mentionedRanks(m, rank);
                if (ks.length == 0) {
                    out.add(m);
                    continue;
                }
                List<Integer> uses = m.uses();
                List<Integer> defs = m.defs();
                Map<Integer, Integer> tempOf = new HashMap<>();
                for (int k : ks) {
                    int t = nextTemp[k]++;
                    tempOf.put(ranked[k], t);
                    spillTemps.add(t);
                    if (uses.contains(ranked[k])) {
                        MInsn reload = new MInsn(BpfOp.LDX_DW, t, Reg.FP, slot[k], 0);
                        reload.spillCode = true;
                        reload.loc = m.loc;
                        out.add(reload);
                    }
                }
                m.rename(r -> tempOf.getOrDefault(r, r));
                out.add(m);
                for (int i = ks.length - 1; i >= 0; i--) {
                    int k = ks[i];
                    if (!defs.contains(ranked[k])) continue;
                    MInsn store = new MInsn(BpfOp.STX_DW, Reg.FP, tempOf.get(ranked[k]), slot[k], 0);
                    store.spillCode = true;
                    store.loc = m.loc;
                    out.add(store);
                }
            }
            b.insns.clear();
            b.insns.addAll(out);
        }
    }

    /** The ranks (in {@code rank}) of the spilled registers {@code m} reads or writes, increasing, each once. */
    private static int[] mentionedRanks(MInsn m, Map<Integer, Integer> rank) {
        int[] out = new int[4];
        int count = 0;
        for (List<Integer> regs : List.of(m.uses(), m.defs())) {
            for (int r : regs) {
                if (!Reg.isVirtual(r)) continue;
                Integer k = rank.get(r);
                if (k == null) continue;
                boolean seen = false;
                for (int i = 0; i < count; i++) seen |= out[i] == k;
                if (seen) continue;
                if (count == out.length) out = java.util.Arrays.copyOf(out, 2 * count);
                out[count++] = k;
            }
        }
        int[] ks = java.util.Arrays.copyOf(out, count);
        java.util.Arrays.sort(ks);
        return ks;
    }
}
