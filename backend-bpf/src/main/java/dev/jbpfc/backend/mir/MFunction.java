package dev.jbpfc.backend.mir;

import dev.jbpfc.ir.Linkage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A function in machine IR: blocks in layout order, the virtual register counter, and the stack frame. The frame
 * grows down from r10: allocas take the top {@link #allocaBytes} bytes (offsets fixed by instruction selection),
 * spill slots are added below them by the register allocator.
 */
public final class MFunction {
    public final String name;
    public final String section;
    public final Linkage linkage;
    public final int btfFuncId;
    public final List<MBlock> blocks = new ArrayList<>();
    /** Functions this one calls directly (for the call-chain stack check). */
    public final Set<String> callees = new LinkedHashSet<>();
    /**
     * The compiler-made bpf_loop callbacks ({@link dev.jbpfc.ir.FnAttr#LOOP_CALLBACK}) whose address this function
     * loads: the verifier adds their frames to this one's (for the combined stack check).
     */
    public final Set<String> loopCallbacks = new LinkedHashSet<>();
    /** Loops built to a loop-hint template (see {@link MLoop}), outer loops before the loops they hold. */
    public final List<MLoop> loops = new ArrayList<>();
    /** Loops that were not: where, and why (for -Rpass-missed=loop-hints and loop-report). */
    public final List<LoopMiss> loopMisses = new ArrayList<>();
    public int allocaBytes;
    public int spillBytes;
    private int nextVreg = Reg.FIRST_VIRTUAL;
    private int nextLabel;

    public MFunction(String name, String section, Linkage linkage, int btfFuncId) {
        this.name = name;
        this.section = section;
        this.linkage = linkage;
        this.btfFuncId = btfFuncId;
    }

    public record LoopMiss(dev.jbpfc.ir.DebugLoc loc, String reason) {}

    public int newVreg() { return nextVreg++; }

    public int vregLimit() { return nextVreg; }

    public MBlock newBlock(String hint) {
        return new MBlock(hint + "." + (nextLabel++));
    }

    /** Total stack bytes (allocas and spills), a multiple of 8. */
    public int frameSize() { return (allocaBytes + spillBytes + 7) / 8 * 8; }

    public boolean isGlobal() { return linkage != Linkage.STATIC; }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(name + ":\n");
        for (MBlock b : blocks) {
            sb.append(b.label).append(":\n");
            for (MInsn i : b.insns) sb.append("  ").append(i).append('\n');
        }
        return sb.toString();
    }
}
