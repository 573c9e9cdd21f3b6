package dev.jbpfc.backend.emit;

import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.diag.CompileError;

import java.util.HashMap;
import java.util.HashSet;
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

    /** The set of jumps that must take the long form. */
    public static Set<MInsn> run(MFunction mf, CpuVersion cpu) {
        Set<MInsn> longJumps = new HashSet<>();
        while (true) {
            Map<MBlock, Integer> start = new HashMap<>();
            Map<MInsn, Integer> pos = new HashMap<>();
            int slot = 0;
            for (MBlock b : mf.blocks) {
                start.put(b, slot);
                for (MInsn m : b.insns) {
                    pos.put(m, slot);
                    slot += size(m, longJumps);
                }
            }
            boolean changed = false;
            for (MBlock b : mf.blocks) {
                for (MInsn m : b.insns) {
                    // an asm's own gotol already has 32 bits of distance, at any -mcpu (clang assembles it too)
                    if (m.target == null || longJumps.contains(m) || m.op == BpfOp.GOTOL) continue;
                    long distance = start.get(m.target) - (pos.get(m) + 1L);
                    if (distance >= Short.MIN_VALUE && distance <= Short.MAX_VALUE) continue;
                    if (!cpu.atLeast(CpuVersion.V4)) {
                        throw new CompileError(null, "in function '" + mf.name + "': a jump over " + Math.abs(distance)
                                + " instructions does not fit the 16-bit offset of BPF jumps; use -mcpu=v4 (gotol)");
                    }
                    longJumps.add(m);
                    changed = true;
                }
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
