package dev.jbpfc.backend.regalloc;

import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.backend.mir.Reg;

import java.util.ArrayList;
import java.util.BitSet;
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
 * register may not overlap. When no register is free the interval ending last is spilled: every use reloads
 * it into a fresh short-lived register, every def stores it, and allocation starts again.
 */
public final class LinearScanAllocator {
    private static final int[] CALLER_SAVED_FIRST = {1, 2, 3, 4, 5, 0, 6, 7, 8, 9};
    private static final int[] CALLEE_SAVED_FIRST = {6, 7, 8, 9, 1, 2, 3, 4, 5, 0};

    private final MFunction mf;
    /** Registers made by spilling: they live for one instruction and are never spilled themselves. */
    private final Set<Integer> spillTemps = new java.util.HashSet<>();

    private LinearScanAllocator(MFunction mf) { this.mf = mf; }

    public static void run(MFunction mf) { new LinearScanAllocator(mf).allocate(); }

    private static final class Interval {
        final int vreg;
        int start = Integer.MAX_VALUE;
        int end = Integer.MIN_VALUE;
        boolean crossesCall;
        boolean spillCode;
        int phys = -1;

        Interval(int vreg) { this.vreg = vreg; }

        void cover(int p) {
            start = Math.min(start, p);
            end = Math.max(end, p);
        }
    }

    private void allocate() {
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
        List<List<int[]>> fixed = fixedIntervals(blockStart);
        List<Integer> callPositions = new ArrayList<>();
        for (int k = 0; k < flat.size(); k++) if (flat.get(k).isCall()) callPositions.add(2 * k);
        for (Interval it : intervals.values()) {
            // the first call at or after the interval's start (positions ascend): it is crossed if any is
            int i = java.util.Collections.binarySearch(callPositions, it.start);
            if (i < 0) i = -i - 1;
            it.crossesCall = i < callPositions.size() && it.end >= callPositions.get(i) + 2;
        }
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
                Interval victim = null;
                for (Interval a : active) {
                    if (a.spillCode || a.end <= cur.end || pinned.contains(a.vreg)) continue;
                    if (!fixedFree(a.phys, cur, fixed)) continue;
                    if (victim == null || a.end > victim.end) victim = a;
                }
                if (victim != null) {
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
            b.insns.removeIf(m -> m.op == BpfOp.MOV64_REG && m.dst == m.src);
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
    private int choosePinned(Interval cur, List<Interval> active, List<List<int[]>> fixed,
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

    private boolean isFree(int r, Interval cur, List<Interval> active, List<List<int[]>> fixed) {
        for (Interval a : active) if (a.phys == r) return false;
        return fixedFree(r, cur, fixed);
    }

    /**
     * Whether none of r's fixed segments overlaps {@code cur}. The segments are sorted by start and each carries
     * the largest end of it and those before it ({@link #fixedIntervals}), so this is a binary search: some segment
     * starting by cur's end reaches cur's start exactly when the largest end among them does. (A scan of all
     * segments cost the function's length for each interval: quadratic in one long function.)
     */
    private static boolean fixedFree(int r, Interval cur, List<List<int[]>> fixed) {
        List<int[]> segs = fixed.get(r);
        int lo = 0, hi = segs.size() - 1, last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (segs.get(mid)[0] <= cur.end) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last < 0 || segs.get(last)[2] < cur.start;
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
        BitSet[] use = new BitSet[n], def = new BitSet[n], liveIn = new BitSet[n], liveOut = new BitSet[n];
        for (int b = 0; b < n; b++) {
            use[b] = new BitSet();
            def[b] = new BitSet();
            liveIn[b] = new BitSet();
            liveOut[b] = new BitSet();
            for (MInsn m : mf.blocks.get(b).insns) {
                for (int r : m.uses()) if (Reg.isVirtual(r) && !def[b].get(r)) use[b].set(r);
                for (int r : m.defs()) if (Reg.isVirtual(r)) def[b].set(r);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = n - 1; b >= 0; b--) {
                BitSet out = new BitSet();
                for (MBlock s : mf.blocks.get(b).successors()) out.or(liveIn[index.get(s)]);
                BitSet in = (BitSet) out.clone();
                in.andNot(def[b]);
                in.or(use[b]);
                if (!in.equals(liveIn[b]) || !out.equals(liveOut[b])) {
                    liveIn[b] = in;
                    liveOut[b] = out;
                    changed = true;
                }
            }
        }
        Map<Integer, Interval> intervals = new HashMap<>();
        for (int b = 0; b < n; b++) {
            final int bb = b;
            liveIn[b].stream().forEach(v -> intervals.computeIfAbsent(v, Interval::new).cover(blockStart[bb]));
            liveOut[b].stream().forEach(v -> intervals.computeIfAbsent(v, Interval::new).cover(blockEnd[bb]));
            int pos = blockStart[b];
            for (MInsn m : mf.blocks.get(b).insns) {
                for (int r : m.uses()) {
                    if (!Reg.isVirtual(r)) continue;
                    Interval it = intervals.computeIfAbsent(r, Interval::new);
                    it.cover(pos);
                    it.spillCode = spillTemps.contains(r);
                }
                for (int r : m.defs()) {
                    if (!Reg.isVirtual(r)) continue;
                    Interval it = intervals.computeIfAbsent(r, Interval::new);
                    it.cover(pos + 1);
                    it.spillCode = spillTemps.contains(r);
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
                    if (Reg.isVirtual(r) || r == Reg.FP) continue;
                    if (open[r] == null) {
                        open[r] = new int[] {b == 0 ? -1 : blockStart[b], pos, 0};
                        fixed.get(r).add(open[r]);
                    }
                    open[r][1] = pos;
                }
                for (int r : m.defs()) {
                    if (Reg.isVirtual(r) || r == Reg.FP) continue;
                    open[r] = new int[] {pos + 1, pos + 1, 0};
                    fixed.get(r).add(open[r]);
                }
                pos += 2;
            }
        }
        // sorted by start, and [2] = the largest end up to here (for fixedFree's binary search)
        for (List<int[]> segs : fixed) {
            segs.sort((x, y) -> Integer.compare(x[0], y[0]));
            int maxEnd = Integer.MIN_VALUE;
            for (int[] s : segs) {
                maxEnd = Math.max(maxEnd, s[1]);
                s[2] = maxEnd;
            }
        }
        return fixed;
    }

    /**
     * Gives each register of {@code vregs} an 8-byte stack slot (in the order given): a reload before each use, a
     * store after each def. One walk over the function for all of them (one walk each cost spills times length).
     */
    private void spill(Set<Integer> vregs) {
        Map<Integer, Integer> slotOf = new HashMap<>();
        for (int v : vregs) {
            mf.spillBytes += 8;
            slotOf.put(v, -(mf.allocaBytes + mf.spillBytes));
        }
        // The code and register numbers are those one walk per register (in the order given) made: temporaries
        // numbered register by register, reloads in that order before the instruction, stores after it in reverse.
        Map<Integer, List<MInsn>> touching = new HashMap<>();
        for (MBlock b : mf.blocks) {
            for (MInsn m : b.insns) {
                for (int r : m.uses()) if (slotOf.containsKey(r)) touching.computeIfAbsent(r, k -> new ArrayList<>()).add(m);
                for (int r : m.defs()) {
                    if (!slotOf.containsKey(r)) continue;
                    List<MInsn> l = touching.computeIfAbsent(r, k -> new ArrayList<>());
                    if (l.isEmpty() || l.get(l.size() - 1) != m) l.add(m);
                }
            }
        }
        Map<MInsn, Map<Integer, Integer>> temps = new java.util.IdentityHashMap<>();
        for (int v : vregs) {
            List<MInsn> l = touching.getOrDefault(v, List.of());
            for (int k = 0; k < l.size(); k++) {
                if (k > 0 && l.get(k - 1) == l.get(k)) continue; // a register used twice by one instruction
                temps.computeIfAbsent(l.get(k), x -> new HashMap<>()).put(v, mf.newVreg());
            }
        }
        for (MBlock b : mf.blocks) {
            List<MInsn> out = new ArrayList<>(b.insns.size() + 4);
            for (MInsn m : b.insns) {
                Map<Integer, Integer> mine = temps.get(m);
                if (mine == null) {
                    out.add(m);
                    continue;
                }
                List<Integer> uses = m.uses(), defs = m.defs();
                List<MInsn> stores = new ArrayList<>();
                for (int vreg : vregs) {
                    boolean use = uses.contains(vreg), def = defs.contains(vreg);
                    if (!use && !def) continue;
                    int slot = slotOf.get(vreg);
                    int t = mine.get(vreg);
                    spillTemps.add(t);
                    if (use) {
                        MInsn reload = new MInsn(BpfOp.LDX_DW, t, Reg.FP, slot, 0);
                        reload.spillCode = true;
                        reload.loc = m.loc;
                        out.add(reload);
                    }
                    m.rename(r -> r == vreg ? t : r);
                    if (def) {
                        MInsn store = new MInsn(BpfOp.STX_DW, Reg.FP, t, slot, 0);
                        store.spillCode = true;
                        store.loc = m.loc;
                        stores.add(0, store);
                    }
                }
                out.add(m);
                out.addAll(stores);
            }
            b.insns.clear();
            b.insns.addAll(out);
        }
    }
}
