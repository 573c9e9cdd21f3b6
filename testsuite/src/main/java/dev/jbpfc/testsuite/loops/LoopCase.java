package dev.jbpfc.testsuite.loops;

import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.LoopHint;

import java.util.ArrayList;
import java.util.List;

/**
 * One case of the campaign: a function of loops built to the templates, with its hints, after at most a couple of
 * mutations. {@link #function()} assembles it into what the checker reads.
 */
final class LoopCase {
    final long seed;
    final Asm asm = new Asm();
    /** Every loop, outer loops before the loops nested in them. */
    final List<LoopSpec> loops = new ArrayList<>();
    /** The mutations applied, by name ("none" for a correct case). */
    final List<String> mutations = new ArrayList<>();
    /** Extra hints that name no generated loop (a hint for a range that is not a loop). */
    final List<String> extraHints = new ArrayList<>();
    /** The loops the mutations were aimed at. */
    final List<LoopSpec> targets = new ArrayList<>();
    private byte[] code;
    private List<String> hints;

    LoopCase(long seed) { this.seed = seed; }

    /** Forgets the assembled form after an edit. */
    void invalidate() {
        code = null;
        hints = null;
    }

    String kind() { return mutations.isEmpty() ? "none" : String.join("+", mutations); }

    FunctionCode function() {
        if (code == null) {
            code = asm.assemble();
            hints = new ArrayList<>();
            for (LoopSpec l : loops) if (!l.hintDropped) hints.add(l.hint(asm).encode());
            hints.addAll(extraHints);
        }
        return new FunctionCode("xdp", "loops", true, code, List.copyOf(hints));
    }

    List<LoopHint> decodedHints() {
        function();
        List<LoopHint> out = new ArrayList<>();
        for (String h : hints) out.add(LoopHint.decode(h));
        return out;
    }

    /** Text for a record: the hints and the instructions. */
    String describe() {
        FunctionCode f = function();
        StringBuilder sb = new StringBuilder("seed " + seed + ", mutations " + kind() + "\n");
        for (String h : f.tags()) sb.append("  ").append(h).append('\n');
        int slot = 0;
        for (dev.jbpfc.isa.BpfInsn i : dev.jbpfc.isa.BpfDisassembler.disassemble(f.code())) {
            sb.append(String.format("  %3d: %s%n", slot, i));
            slot += i.slots();
        }
        return sb.toString();
    }
}
