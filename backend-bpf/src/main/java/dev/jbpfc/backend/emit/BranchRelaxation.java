package dev.jbpfc.backend.emit;

import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.diag.CompileError;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides which jumps are too far for the 16-bit {@code off} field (±32767 slots) and must use v4's
 * {@code gotol} with its 32-bit {@code imm}:
 * <pre>
 *   goto L            ->   gotol L
 *   if r1 > r2 goto L ->   if r1 > r2 goto +1     (to the gotol)
 *                          goto +1                (skip it when not taken)
 *                          gotol L
 * </pre>
 * Growing one jump can push another out of range, so it repeats until nothing changes (sizes only grow, so it
 * ends). Below -mcpu=v4 a far jump is a {@link CompileError}. Needs: final block layout.
 */
public final class BranchRelaxation {
    private BranchRelaxation() {}

    /**
     * The set of jumps that must take the long form. The instructions are laid out in arrays once (slots, and per
     * jump its place and its target's block), so that each round is a walk over ints: rebuilding maps of every
     * instruction's and block's slot each round took a fifth of the CPU samples of a 200,000-case switch, whose
     * million instructions no cache holds.
     */
    public static Set<MInsn> run(MFunction mf, CpuVersion cpu) {
        int blockCount = mf.blocks.size();
        Map<MBlock, Integer> blockIndex = new IdentityHashMap<>(blockCount);
        int count = 0;
        for (MBlock b : mf.blocks) {
            blockIndex.put(b, blockIndex.size());
            count += b.insns.size();
        }
        int[] slots = new int[count]; // per instruction, in layout order
        int[] blockEnd = new int[blockCount]; // one past each block's last instruction
        // the jumps that may need the long form, in layout order: each one's instruction index and target block
        MInsn[] jumps = new MInsn[count];
        int[] jumpAt = new int[count];
        int[] jumpTarget = new int[count];
        int jumpCount = 0;
        int k = 0;
        for (int bi = 0; bi < blockCount; bi++) {
            for (MInsn m : mf.blocks.get(bi).insns) {
                slots[k] = size(m, Set.of());
                // an asm's own gotol already has 32 bits of distance, at any -mcpu (clang assembles it too)
                if (m.target != null && m.op != BpfOp.GOTOL) {
                    Integer target = blockIndex.get(m.target);
                    if (target == null) {
                        throw new IllegalStateException("in function '" + mf.name + "': a jump to a block outside it");
                    }
                    jumps[jumpCount] = m;
                    jumpAt[jumpCount] = k;
                    jumpTarget[jumpCount++] = target;
                }
                k++;
            }
            blockEnd[bi] = k;
        }
        int[] slotOf = new int[count];
        int[] blockStart = new int[blockCount];
        boolean[] isLong = new boolean[jumpCount];
        Set<MInsn> longJumps = new HashSet<>();
        while (true) {
            int slot = 0;
            k = 0;
            for (int bi = 0; bi < blockCount; bi++) {
                blockStart[bi] = slot;
                for (; k < blockEnd[bi]; k++) {
                    slotOf[k] = slot;
                    slot += slots[k];
                }
            }
            boolean changed = false;
            for (int j = 0; j < isLong.length; j++) {
                if (isLong[j]) continue;
                MInsn m = jumps[j];
                int at = jumpAt[j];
                long distance = blockStart[jumpTarget[j]] - (slotOf[at] + 1L);
                if (distance >= Short.MIN_VALUE && distance <= Short.MAX_VALUE) continue;
                if (!cpu.atLeast(CpuVersion.V4)) {
                    throw new CompileError(null, "in function '" + mf.name + "': a jump over " + Math.abs(distance)
                            + " instructions does not fit the 16-bit offset of BPF jumps; use -mcpu=v4 (gotol)");
                }
                isLong[j] = true;
                longJumps.add(m);
                slots[at] = size(m, longJumps);
                changed = true;
            }
            if (!changed) return longJumps;
        }
    }

    /** Slots an instruction occupies: ld_imm64 2, a long conditional jump 3, everything else 1. */
    public static int size(MInsn m, Set<MInsn> longJumps) {
        if (m.op == BpfOp.LD_IMM64) return 2;
        if (longJumps.contains(m) && m.op != BpfOp.JA) return 3;
        return 1;
    }
}
