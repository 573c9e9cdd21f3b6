package dev.jbpfc.backend.regalloc;

import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.backend.mir.MLoop;
import dev.jbpfc.backend.mir.Reg;
import dev.jbpfc.isa.BpfOp;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Needs: instructions selected (virtual registers). Leaves: the same code with some commutative operations' operands
 * swapped. Runs before {@link CopyCoalescing}, which then removes the copies this frees.
 *
 * <p>BPF's ALU is two-address, so selection turns {@code x = a OP b} into {@code x = a; x OP= b}. When {@code a}
 * is still read afterwards and this is {@code b}'s last use, the copy can never coalesce (x and a hold different
 * values at once), but for a commutative OP the other order can: {@code x = b; x OP= a} makes x and b one register.
 * In the selftests' loop1 inner loop, {@code sum += i * m} (m computed per trip, i the counter):
 * <pre>
 *   r5 = r3 ; w5 *= w4          ->        w4 *= w3
 * </pre>
 * one instruction fewer every trip. Add, multiply, and, or, xor, 32- and 64-bit. A 64-bit add may then read a
 * pointer as its source ({@code scalar += pointer}), which the verifier accepts for add and treats as
 * {@code pointer += scalar}; the other operations reject pointers in either order. The induction and limit
 * registers of loops built to a loop-hint template are left alone.
 */
public final class CommutedOperands {
    private static final Set<BpfOp> COMMUTATIVE = EnumSet.of(BpfOp.ADD32_REG, BpfOp.ADD64_REG, BpfOp.MUL32_REG,
            BpfOp.MUL64_REG, BpfOp.AND32_REG, BpfOp.AND64_REG, BpfOp.OR32_REG, BpfOp.OR64_REG, BpfOp.XOR32_REG,
            BpfOp.XOR64_REG);

    private CommutedOperands() {}

    public static void run(MFunction mf) {
        Set<Integer> pinned = new HashSet<>();
        for (MLoop l : mf.loops) {
            pinned.add(l.iv);
            if (l.limitReg >= 0) pinned.add(l.limitReg);
        }
        BlockLiveness liveness = null;
        // What is live after instruction k, as a stamp per register: live when it equals the block's stamp. One
        // array for the function, not a set per block: a set per block cost blocks x registers (issue 14).
        int[] liveStamp = new int[Math.max(0, mf.vregLimit() - Reg.FIRST_VIRTUAL)];
        int stamp = 0;
        for (int b = 0; b < mf.blocks.size(); b++) {
            List<MInsn> insns = mf.blocks.get(b).insns;
            if (!hasCandidate(insns, pinned)) continue;
            if (liveness == null) liveness = new BlockLiveness(mf, BlockLiveness.successorsWithFallThrough(mf));
            stamp++;
            for (int r : liveness.liveOut[b]) liveStamp[r - Reg.FIRST_VIRTUAL] = stamp;
            // Backwards through the block.
            for (int k = insns.size() - 1; k >= 0; k--) {
                MInsn op = insns.get(k);
                if (k > 0 && isCandidate(insns.get(k - 1), op, pinned)
                        && liveStamp[insns.get(k - 1).src - Reg.FIRST_VIRTUAL] == stamp
                        && liveStamp[op.src - Reg.FIRST_VIRTUAL] != stamp) {
                    MInsn copy = insns.get(k - 1);
                    int a = copy.src;
                    copy.src = op.src;
                    op.src = a;
                }
                for (int r : op.defs()) if (Reg.isVirtual(r)) liveStamp[r - Reg.FIRST_VIRTUAL] = 0;
                for (int r : op.uses()) if (Reg.isVirtual(r)) liveStamp[r - Reg.FIRST_VIRTUAL] = stamp;
            }
        }
    }

    private static boolean hasCandidate(List<MInsn> insns, Set<Integer> pinned) {
        for (int k = 1; k < insns.size(); k++) if (isCandidate(insns.get(k - 1), insns.get(k), pinned)) return true;
        return false;
    }

    /** {@code x = a; x OP= b} with x, a, b three different virtual registers and OP commutative. */
    private static boolean isCandidate(MInsn copy, MInsn op, Set<Integer> pinned) {
        if (copy.op != BpfOp.MOV64_REG || !COMMUTATIVE.contains(op.op)) return false;
        int x = copy.dst, a = copy.src, b = op.src;
        if (op.dst != x || !Reg.isVirtual(x) || !Reg.isVirtual(a) || !Reg.isVirtual(b)) return false;
        if (x == a || x == b || a == b) return false;
        return !pinned.contains(x) && !pinned.contains(a) && !pinned.contains(b);
    }
}
