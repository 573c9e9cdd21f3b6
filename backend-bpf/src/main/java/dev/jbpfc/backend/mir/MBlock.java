package dev.jbpfc.backend.mir;

import java.util.ArrayList;
import java.util.List;

/**
 * A machine basic block: instructions ending in {@code goto}, {@code exit}, or a conditional jump followed by a
 * {@code goto} (the layout stage later drops a goto to the block that follows).
 */
public final class MBlock {
    public final String label;
    public final List<MInsn> insns = new ArrayList<>();

    public MBlock(String label) { this.label = label; }

    public MInsn add(MInsn insn) {
        insns.add(insn);
        return insn;
    }

    /** Blocks this one can jump to, in order of appearance. */
    public List<MBlock> successors() {
        List<MBlock> out = new ArrayList<>(2);
        // A switch lowered to a chain of compares is one block with a jump per case: past a few targets a set
        // keeps this linear.
        java.util.Set<MBlock> seen = null;
        for (MInsn i : insns) {
            if (i.target == null) continue;
            if (seen != null) {
                if (seen.add(i.target)) out.add(i.target);
            } else if (!out.contains(i.target)) {
                out.add(i.target);
                if (out.size() > 8) seen = new java.util.HashSet<>(out);
            }
        }
        return out;
    }

    @Override public String toString() { return label; }
}
