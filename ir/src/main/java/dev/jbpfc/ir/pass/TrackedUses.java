package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who uses each instruction, kept exact across a pass's edits so the pass computes it once instead of once per edit
 * ({@link dev.jbpfc.ir.analysis.UseList} is a snapshot): before an edit the pass forgets the uses of the
 * instructions the edit may change, and afterwards records them again (those still in the function) with the
 * instructions it made. Constants and parameters are not tracked.
 */
final class TrackedUses {
    private final Function fn;
    private final Map<Instruction, List<Instruction>> byValue = new HashMap<>();

    TrackedUses(Function fn) {
        this.fn = fn;
        for (Block b : fn.blocks()) for (int k = 0; k < b.size(); k++) record(b.get(k));
    }

    /** The instructions that use {@code v}, once per operand slot (a live view: copy it before editing). */
    List<Instruction> of(Instruction v) { return byValue.getOrDefault(v, List.of()); }

    /** {@code i}'s operands are about to change or {@code i} is about to leave the function. */
    void forget(Instruction i) {
        for (Value v : i.operands()) {
            if (v instanceof Instruction d && byValue.containsKey(d)) byValue.get(d).remove(i);
        }
    }

    /** {@code i} is in the function with its operands as they are now (nothing when it has left). */
    void record(Instruction i) {
        if (i.block() == null || i.block().function() != fn) return;
        for (Value v : i.operands()) {
            if (v instanceof Instruction d) byValue.computeIfAbsent(d, k -> new ArrayList<>()).add(i);
        }
    }
}
