package dev.jbpfc.testsuite.loops;

import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.loophints.LoopHint.Compare;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds, from a seed, a function whose loops follow the two templates of docs/loop-hints.md exactly, each with
 * its true hint: counted up or down, 32 or 64 bits, signed or unsigned, a constant or register limit, lt/le/gt/ge,
 * steps 1..8 (a register limit only with a step that cannot wrap), inits near 0 or near a type's edge; bodies of
 * straight-line ALU code, stack loads and stores, atomics, helper calls (then every induction and limit register is
 * callee-saved), forward branches, {@code continue}, {@code break}, {@code return}, and nested loops. One or two
 * loops at the top level, nesting up to depth 2.
 *
 * <p>Example (seed 7 might give): {@code r6 = 0; L: r1 = r6; r1 &= 63; *(u64 *)(r10 - 8) = r1; r6 += 1;
 * if r6 < 10 goto L; r0 = r1; exit} with the hint
 * {@code jbpfc.loop/1:counted-up:start=1,end=5,iv=r6,width=64,signed=u,cmp=lt,step=1,limit=10,init=0,trips=10}.
 */
final class LoopGenerator {
    static final int MAX_DEPTH = 2;
    private final Random rnd;
    private final LoopCase c;
    private final boolean calls;
    /** A BPF-to-BPF subprogram after the function's exit that bodies may call (it writes r0-r5 and r6, which the
     *  call gives back). */
    private final Asm.Label subprogram;

    private LoopGenerator(long seed) {
        this.rnd = new Random(seed);
        this.c = new LoopCase(seed);
        this.calls = rnd.nextInt(3) == 0;
        this.subprogram = calls && rnd.nextBoolean() ? new Asm.Label() : null;
    }

    static LoopCase generate(long seed) {
        return new LoopGenerator(seed).build();
    }

    /** The generator's random stream continues into the mutator's choices (same seed, same case). */
    static Random streamAfter(long seed) {
        return new Random(seed * 0x9E3779B97F4A7C15L + 12345);
    }

    private LoopCase build() {
        Asm a = c.asm;
        for (int i = rnd.nextInt(3); i > 0; i--) simple(a, List.of());
        int top = rnd.nextInt(4) == 0 ? 2 : 1;
        for (int i = 0; i < top; i++) {
            loop(a, null, new ArrayList<>());
            if (rnd.nextBoolean()) simple(a, List.of());
        }
        a.emit(BpfOp.MOV64_REG, 0, pick(List.of()), 0, 0);
        a.emit(BpfOp.EXIT, 0, 0, 0, 0);
        if (subprogram != null) {
            a.bind(subprogram);
            a.emit(BpfOp.MOV64_REG, 0, 1, 0, 0);
            a.emit(BpfOp.ADD64_IMM, 0, 0, 0, rnd.nextInt(10));
            a.emit(BpfOp.MOV64_IMM, 6, 0, 0, rnd.nextInt(10));    // the callee's own r6: restored on return
            a.emit(BpfOp.STX_DW, 10, 0, -8, 0);
            a.emit(BpfOp.EXIT, 0, 0, 0, 0);
        }
        return c;
    }

    /** Emits one loop (preheader, body, latch, back edge) whose registers avoid {@code busy}. */
    private void loop(Asm a, LoopSpec parent, List<Integer> busy) {
        LoopSpec l = new LoopSpec();
        l.parent = parent;
        if (parent != null) parent.children.add(l);
        c.loops.add(l);
        l.up = rnd.nextBoolean();
        l.width = rnd.nextBoolean() ? 64 : 32;
        l.signed = rnd.nextBoolean();
        List<Integer> pool = new ArrayList<>();
        for (int r = calls ? 6 : 0; r <= 9; r++) if (!busy.contains(r)) pool.add(r);
        l.iv = pool.remove(rnd.nextInt(pool.size()));
        boolean register = !pool.isEmpty() && rnd.nextInt(3) == 0;
        if (register) {
            l.limitReg = pool.get(rnd.nextInt(pool.size()));
            registerLimit(l);
        } else {
            constantLimit(l);
        }
        List<Integer> inner = new ArrayList<>(busy);
        inner.add(l.iv);
        if (l.limitReg >= 0) inner.add(l.limitReg);

        l.preheader = a.emit(l.width == 64 ? BpfOp.MOV64_IMM : BpfOp.MOV32_IMM, l.iv, 0, 0, l.initImm);
        l.start = a.label();
        l.latchLabel = new Asm.Label();
        l.after = new Asm.Label();
        body(a, l, inner);
        a.bind(l.latchLabel);
        boolean w = l.width == 64;
        if (l.up) l.latch = a.emit(w ? BpfOp.ADD64_IMM : BpfOp.ADD32_IMM, l.iv, 0, 0, (int) l.step);
        else if (rnd.nextBoolean()) l.latch = a.emit(w ? BpfOp.SUB64_IMM : BpfOp.SUB32_IMM, l.iv, 0, 0, (int) l.step);
        else l.latch = a.emit(w ? BpfOp.ADD64_IMM : BpfOp.ADD32_IMM, l.iv, 0, 0, (int) -l.step);
        BpfOp be = LoopSpec.backEdgeOp(l.width, l.signed, l.cmp, l.limitReg >= 0);
        l.backEdge = l.limitReg >= 0 ? a.jump(be, l.iv, l.limitReg, 0, l.start) : a.jump(be, l.iv, 0, l.limitImm, l.start);
        a.bind(l.after);
    }

    private void constantLimit(LoopSpec l) {
        for (int attempt = 0; attempt < 40; attempt++) {
            l.cmp = l.up ? (rnd.nextBoolean() ? Compare.LT : Compare.LE) : (rnd.nextBoolean() ? Compare.GT : Compare.GE);
            l.step = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(8) : 1;
            int init = switch (rnd.nextInt(6)) {
                case 0, 1 -> rnd.nextInt(11);
                case 2 -> -rnd.nextInt(50);
                case 3 -> rnd.nextInt(1000) - 500;
                case 4 -> l.up ? edgeHigh(l) - rnd.nextInt(40) : edgeLow(l) + rnd.nextInt(40);
                default -> rnd.nextInt();
            };
            int span = (int) (l.step * (rnd.nextInt(4) == 0 ? rnd.nextInt(400) : rnd.nextInt(40))) - rnd.nextInt(4);
            long limit = l.up ? (long) init + span : (long) init - span;
            if (rnd.nextInt(8) == 0) limit = l.up ? edgeHigh(l) - rnd.nextInt(3) : edgeLow(l) + rnd.nextInt(3);
            if (limit != (int) limit) continue;
            l.initImm = init;
            l.limitImm = (int) limit;
            BigInteger t = TripCount.trips(l.up, l.cmp, TripCount.domain(init, l.width, l.signed),
                    TripCount.domain(l.limitImm, l.width, l.signed), l.step, l.width, l.signed);
            if (t != null && t.compareTo(BigInteger.valueOf(3000)) <= 0) {
                l.trips = t;
                return;
            }
        }
        l.cmp = l.up ? Compare.LT : Compare.GT;
        l.step = 1;
        l.initImm = l.up ? 0 : 10;
        l.limitImm = l.up ? 10 : 0;
        l.trips = BigInteger.TEN;
        if (!l.up && !l.signed) l.trips = BigInteger.TEN;
    }

    /** The largest immediate that still means a value near the top of the compare's type. */
    private static int edgeHigh(LoopSpec l) {
        if (l.width == 32) return l.signed ? Integer.MAX_VALUE : -1;        // u32: imm -1 is 0xffffffff
        return l.signed ? Integer.MAX_VALUE : -1;                           // u64: imm -1 is 2^64-1
    }

    private static int edgeLow(LoopSpec l) {
        if (l.signed) return Integer.MIN_VALUE;   // s32 min; for s64 the lowest reachable immediate
        return 0;
    }

    private void registerLimit(LoopSpec l) {
        l.cmp = l.up ? Compare.LT : Compare.GT;
        BigInteger worst = TripCount.worstLimit(l.up, l.width, l.signed);
        for (int attempt = 0; attempt < 40; attempt++) {
            l.step = rnd.nextInt(4) == 0 ? 2 + rnd.nextInt(7) : 1;
            long init = rnd.nextInt(3) == 0 ? rnd.nextInt(2000) - 1000 : rnd.nextInt(20);
            // make (worst - init) divisible by the step, so no value wraps
            BigInteger i = TripCount.domain(init, l.width, l.signed);
            BigInteger gap = l.up ? worst.subtract(i) : i.subtract(worst);
            long adjust = gap.mod(BigInteger.valueOf(l.step)).longValue();
            init = l.up ? init + adjust : init - adjust;
            if (init != (int) init) continue;
            l.initImm = (int) init;
            BigInteger t = TripCount.trips(l.up, l.cmp, TripCount.domain(init, l.width, l.signed), worst, l.step, l.width, l.signed);
            if (t != null) {
                l.trips = t;
                return;
            }
        }
        l.step = 1;
        l.initImm = 0;
        l.trips = TripCount.trips(l.up, l.cmp, BigInteger.ZERO, worst, 1, l.width, l.signed);
        if (l.trips == null) {   // unsigned counting down from 0 cannot pass any limit: count from 5 instead
            l.initImm = 5;
            l.trips = TripCount.trips(l.up, l.cmp, BigInteger.valueOf(5), worst, 1, l.width, l.signed);
        }
    }

    private void body(Asm a, LoopSpec l, List<Integer> busy) {
        int n = rnd.nextInt(6);
        boolean nested = false;
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(20);
            if (k < 9) {
                simple(a, busy);
            } else if (k < 11) {
                Asm.Label skip = new Asm.Label();
                a.jump(cond(), pick(busy), 0, rnd.nextInt(64), skip);
                for (int j = 1 + rnd.nextInt(2); j > 0; j--) simple(a, busy);
                a.bind(skip);
            } else if (k == 11) {
                a.jump(cond(), pick(busy), 0, rnd.nextInt(64), l.latchLabel);   // continue
                l.earlyExit = true;
            } else if (k == 12) {
                a.jump(cond(), pick(busy), 0, rnd.nextInt(64), l.after);        // break
                l.earlyExit = true;
            } else if (k == 13) {
                Asm.Label skip = new Asm.Label();                              // return
                a.jump(cond(), pick(busy), 0, rnd.nextInt(64), skip);
                if (!busy.contains(0)) a.emit(BpfOp.MOV64_IMM, 0, 0, 0, rnd.nextInt(100));
                a.emit(BpfOp.EXIT, 0, 0, 0, 0);
                a.bind(skip);
                l.earlyExit = true;
            } else if (k < 16 && calls) {
                if (subprogram != null && rnd.nextBoolean()) {
                    a.jump(BpfOp.CALL, 0, 1, 0, subprogram);   // BPF-to-BPF call (src 1, pc-relative imm)
                } else {
                    a.emit(BpfOp.CALL, 0, 0, 0, rnd.nextBoolean() ? 7 : 5);
                }
            } else if (k < 18 && !nested && l.depth() < MAX_DEPTH - 1 && free(busy) >= 1) {
                loop(a, l, busy);
                nested = true;
            } else {
                simple(a, busy);
            }
        }
    }

    private int free(List<Integer> busy) {
        int n = 0;
        for (int r = calls ? 6 : 0; r <= 9; r++) if (!busy.contains(r)) n++;
        return n;
    }

    private BpfOp cond() {
        BpfOp[] ops = {BpfOp.JEQ_IMM, BpfOp.JNE_IMM, BpfOp.JGT_IMM, BpfOp.JSLT_IMM, BpfOp.JSET_IMM, BpfOp.JLE32_IMM};
        return ops[rnd.nextInt(ops.length)];
    }

    /** A register the code may read: any but r10. */
    private int anyReg() { return rnd.nextInt(10); }

    /** A register the code may write: not in {@code busy}. */
    private int pick(List<Integer> busy) {
        while (true) {
            int r = rnd.nextInt(10);
            if (!busy.contains(r)) return r;
        }
    }

    /** One straight-line instruction that writes no register of {@code busy}. */
    private void simple(Asm a, List<Integer> busy) {
        int d = pick(busy);
        int slot = -8 * (1 + rnd.nextInt(8));
        switch (rnd.nextInt(12)) {
            case 0 -> a.emit(BpfOp.MOV64_REG, d, anyReg(), 0, 0);
            case 1 -> a.emit(BpfOp.ADD64_REG, d, anyReg(), 0, 0);
            case 2 -> a.emit(BpfOp.AND64_IMM, d, 0, 0, 63);
            case 3 -> a.emit(BpfOp.MUL32_IMM, d, 0, 0, 3 + rnd.nextInt(100));
            case 4 -> a.emit(BpfOp.XOR64_REG, d, anyReg(), 0, 0);
            case 5 -> a.emit(BpfOp.STX_DW, 10, anyReg(), slot, 0);
            case 6 -> a.emit(BpfOp.LDX_DW, d, 10, slot, 0);
            case 7 -> a.emit(BpfOp.ST_W, 10, 0, slot, rnd.nextInt());
            case 8 -> a.emit(BpfOp.ATOMIC_ADD_DW, 10, anyReg(), slot, 0);
            case 9 -> a.emit(BpfOp.ATOMIC_FETCH_ADD_DW, 10, d, slot, 0);
            case 10 -> a.emit(BpfOp.RSH64_IMM, d, 0, 0, rnd.nextInt(64));
            default -> a.emit(BpfOp.MOV32_IMM, d, 0, 0, rnd.nextInt(1000));
        }
    }
}
