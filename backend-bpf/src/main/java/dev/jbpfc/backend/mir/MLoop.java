package dev.jbpfc.backend.mir;

import dev.jbpfc.ir.DebugLoc;
import dev.jbpfc.loophints.LoopHint;

import java.util.ArrayList;
import java.util.List;

/**
 * A loop instruction selection built to a loop-hint template (docs/loop-hints.md), as the later stages must keep
 * it: {@link #initInsn} ({@code iv = INIT}) ends the preheader, {@link #header} is the first block of the body,
 * {@link #latchStep} ({@code iv += STEP}) and {@link #backEdge} ({@code if iv CMP limit goto header}) end the
 * latch. {@link #blocks} are the loop's blocks, header first and the latch's last; {@link #preheader} holds the
 * init. The allocator keeps {@link #iv} and {@link #limitReg} in r6..r9 for the whole loop; the layout keeps the
 * blocks together; the hint is made from the encoded function and only if its instructions still match.
 */
public final class MLoop {
    public final DebugLoc loc;
    public final int iv;
    /** The limit's virtual register, or -1 for an immediate limit. */
    public final int limitReg;
    public final long limitImm;
    public final int width;
    public final boolean signed;
    public final LoopHint.Compare cmp;
    public final long step;
    public final long init;
    public MBlock preheader;
    public MBlock header;
    public MInsn initInsn;
    public MInsn latchStep;
    public MInsn backEdge;
    public final List<MBlock> blocks = new ArrayList<>();
    /** The enclosing built loop, or null. */
    public MLoop parent;

    public MLoop(DebugLoc loc, int iv, int limitReg, long limitImm, int width, boolean signed, LoopHint.Compare cmp,
                 long step, long init) {
        this.loc = loc;
        this.iv = iv;
        this.limitReg = limitReg;
        this.limitImm = limitImm;
        this.width = width;
        this.signed = signed;
        this.cmp = cmp;
        this.step = step;
        this.init = init;
    }

    /** The hint's limit, once registers are physical. */
    public LoopHint.Limit limit() { return limitReg < 0 ? LoopHint.Limit.constant(limitImm) : LoopHint.Limit.register(limitReg); }
}
