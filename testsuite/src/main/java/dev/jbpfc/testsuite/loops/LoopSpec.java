package dev.jbpfc.testsuite.loops;

import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.loophints.LoopHint;
import dev.jbpfc.loophints.LoopHint.Compare;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One loop the generator built to a template: what it is (the hint's fields), where its pieces are in the
 * {@link Asm} (preheader, first body label, latch label and instruction, back edge), and, once a mutation has
 * touched it, how its hint is edited ({@link #hintEdit}) or whether it was dropped.
 */
final class LoopSpec {
    boolean up;
    int width;
    boolean signed;
    Compare cmp;
    long step;
    int iv;
    /** The limit register, or -1 for an immediate limit ({@link #limitImm}). */
    int limitReg = -1;
    int limitImm;
    int initImm;
    /** The true worst-case body executions of the loop as generated (before any mutation). */
    BigInteger trips;
    Asm.Insn preheader, latch, backEdge;
    Asm.Label start, latchLabel, after;
    LoopSpec parent;
    final List<LoopSpec> children = new ArrayList<>();
    /** Whether the body holds a break, return or continue (then fewer than {@link #trips} executions are normal). */
    boolean earlyExit;
    UnaryOperator<LoopHint> hintEdit = UnaryOperator.identity();
    boolean hintDropped;

    String template() { return up ? "counted-up" : "counted-down"; }

    LoopHint.Limit limit() {
        return limitReg >= 0 ? LoopHint.Limit.register(limitReg) : LoopHint.Limit.constant(HintValues.constant(limitImm, width, signed));
    }

    /** The hint as the generator means it (true for the unmutated loop), at the assembled positions. */
    LoopHint trueHint(Asm asm) {
        return new LoopHint(LoopHint.VERSION, template(), asm.slot(start), asm.slot(backEdge), iv, width, signed, cmp, step,
                limit(), HintValues.constant(initImm, width, signed), trips.longValue());
    }

    /** The hint the case carries (possibly a lie). */
    LoopHint hint(Asm asm) {
        return hintEdit.apply(trueHint(asm));
    }

    static BpfOp backEdgeOp(int width, boolean signed, Compare cmp, boolean register) {
        return BpfOp.valueOf("J" + (signed ? "S" : "") + cmp.name() + (width == 32 ? "32" : "") + (register ? "_REG" : "_IMM"));
    }

    int depth() { return parent == null ? 0 : parent.depth() + 1; }
}
