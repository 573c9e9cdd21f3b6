package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Value;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Needs: nothing. Leaves stale: nothing (the CFG is unchanged).
 *
 * Mark and sweep: instructions with an effect (stores, calls, atomics, volatile loads, inline asm) and terminators
 * are live, and so is everything they use, transitively; the rest goes. Unlike "remove what has no users" this also
 * removes cycles of phis that only feed each other (a loop counter nobody reads). A non-volatile load, an alloca or
 * a CO-RE relocation nobody uses is removed too (reading memory has no effect the kernel can see).
 */
public final class DeadCodeElimination {
    public void run(Function fn) {
        Set<Instruction> live = new HashSet<>();
        Deque<Instruction> work = new ArrayDeque<>();
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructionsView()) {
                if (i.isTerminator() || i.hasSideEffects()) {
                    live.add(i);
                    work.add(i);
                }
            }
        }
        while (!work.isEmpty()) {
            Instruction i = work.pop();
            for (Value v : i.operands()) {
                if (v instanceof Instruction d && live.add(d)) work.add(d);
            }
        }
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructions()) if (!live.contains(i)) i.remove();
        }
    }
}
