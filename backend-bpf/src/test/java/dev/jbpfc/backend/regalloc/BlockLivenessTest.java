package dev.jbpfc.backend.regalloc;

import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.backend.mir.Reg;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.isa.BpfOp;
import org.junit.jupiter.api.Test;

import java.util.BitSet;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * BlockLiveness, which walks each register's range, finds the sets the textbook iteration finds (in = use +
 * (out - def), out = union of the successors' in, iterated from empty sets to a fixed point), on random control
 * flow with loops, unreachable blocks and registers read before any write; and lists them in ascending order.
 */
class BlockLivenessTest {
    @Test
    void agreesWithTheIterativeSolutionOnRandomCode() {
        Random rnd = new Random(7);
        for (int round = 0; round < 300; round++) {
            MFunction mf = new MFunction("f", ".text", Linkage.GLOBAL, 0);
            int regs = 1 + rnd.nextInt(12);
            int[] vreg = new int[regs];
            for (int r = 0; r < regs; r++) vreg[r] = mf.newVreg();
            int n = 1 + rnd.nextInt(10);
            for (int b = 0; b < n; b++) mf.blocks.add(mf.newBlock("b"));
            int[][] succ = new int[n][];
            for (int b = 0; b < n; b++) {
                MBlock mb = mf.blocks.get(b);
                for (int k = rnd.nextInt(5); k > 0; k--) {
                    int d = vreg[rnd.nextInt(regs)], s = vreg[rnd.nextInt(regs)];
                    mb.add(rnd.nextBoolean() ? new MInsn(BpfOp.ADD64_REG, d, s, 0, 0) // reads d and s, writes d
                            : rnd.nextBoolean() ? MInsn.mov(d, s) : new MInsn(BpfOp.MOV64_IMM, d, 0, 0, 1));
                }
                int t1 = rnd.nextInt(n), t2 = rnd.nextInt(n);
                MInsn cond = new MInsn(BpfOp.JEQ_REG, vreg[rnd.nextInt(regs)], Reg.R1, 0, 0);
                cond.target = mf.blocks.get(t1);
                mb.add(cond);
                MInsn ja = new MInsn(BpfOp.JA, 0, 0, 0, 0);
                ja.target = mf.blocks.get(t2);
                mb.add(ja);
                succ[b] = t1 == t2 ? new int[] {t1} : new int[] {t1, t2};
            }
            BlockLiveness live = new BlockLiveness(mf, succ);
            BitSet[] in = new BitSet[n], out = new BitSet[n];
            iterate(mf, succ, in, out);
            for (int b = 0; b < n; b++) {
                assertArrayEquals(in[b].stream().toArray(), live.liveIn[b], "round " + round + " live-in of " + b + "\n" + mf);
                assertArrayEquals(out[b].stream().toArray(), live.liveOut[b], "round " + round + " live-out of " + b);
            }
        }
    }

    /**
     * A block ending in a conditional jump falls through to the next block (listed once, after its jump targets);
     * one ending in goto or exit does not; the last block has nowhere to fall.
     */
    @Test
    void successorsAddTheFallThroughOfBlocksNotEndingInAJump() {
        MFunction mf = new MFunction("f", ".text", Linkage.GLOBAL, 0);
        int r = mf.newVreg();
        for (int b = 0; b < 4; b++) mf.blocks.add(mf.newBlock("b"));
        MInsn toLast = new MInsn(BpfOp.JEQ_IMM, r, 0, 0, 1);
        toLast.target = mf.blocks.get(3);
        mf.blocks.get(0).add(toLast);
        MInsn toNext = new MInsn(BpfOp.JEQ_IMM, r, 0, 0, 2);
        toNext.target = mf.blocks.get(2);
        mf.blocks.get(1).add(toNext);
        MInsn back = new MInsn(BpfOp.JA, 0, 0, 0, 0);
        back.target = mf.blocks.get(0);
        mf.blocks.get(2).add(back);
        mf.blocks.get(3).add(new MInsn(BpfOp.EXIT, 0, 0, 0, 0));
        int[][] succ = BlockLiveness.successorsWithFallThrough(mf);
        assertArrayEquals(new int[] {3, 1}, succ[0]);
        assertArrayEquals(new int[] {2}, succ[1]);
        assertArrayEquals(new int[] {0}, succ[2]);
        assertArrayEquals(new int[] {}, succ[3]);
    }

    /** The dense iteration the allocators used before (sets of register numbers). */
    private static void iterate(MFunction mf, int[][] succ, BitSet[] in, BitSet[] out) {
        int n = mf.blocks.size();
        BitSet[] use = new BitSet[n], def = new BitSet[n];
        for (int b = 0; b < n; b++) {
            use[b] = new BitSet();
            def[b] = new BitSet();
            in[b] = new BitSet();
            out[b] = new BitSet();
            for (MInsn m : mf.blocks.get(b).insns) {
                for (int r : m.uses()) if (Reg.isVirtual(r) && !def[b].get(r)) use[b].set(r);
                for (int r : m.defs()) if (Reg.isVirtual(r)) def[b].set(r);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int b = n - 1; b >= 0; b--) {
                BitSet o = new BitSet();
                for (int s : succ[b]) o.or(in[s]);
                BitSet i = (BitSet) o.clone();
                i.andNot(def[b]);
                i.or(use[b]);
                if (!i.equals(in[b]) || !o.equals(out[b])) {
                    in[b] = i;
                    out[b] = o;
                    changed = true;
                }
            }
        }
    }
}
