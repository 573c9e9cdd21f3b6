package dev.jbpfc.loophints;

import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the two counted templates share: the preheader {@code iv = INIT}, the latch {@code iv += STEP} (or
 * {@code -= STEP}), the back edge {@code if iv CMP LIMIT goto start}, and the bound from {@link TripCount}. The
 * templates differ only in direction ({@link CountedUp}, {@link CountedDown}); each check below is one numbered
 * rule of docs/loop-hints.md, in the order the rejections are reported.
 *
 * <p>The compiler finds counted loops in its IR ({@code dev.jbpfc.ir.analysis.CountedLoop}); this class does not
 * use it and is not merged with it: it reads BPF instructions of an object (clang's as well as jbpfc's), and it is
 * the independent check of what that recognizer and the backend produced, which a shared recognizer could not be.
 */
final class CountedLoop {
    private CountedLoop() {}

    /** A conditional jump's compare as a counted template reads it. */
    private record CompareForm(LoopHint.Compare cmp, boolean signed, int width, boolean register) {}

    private static final Map<BpfOp, CompareForm> COMPARES = new EnumMap<>(BpfOp.class);

    static {
        form(BpfOp.JLT_REG, BpfOp.JLT_IMM, BpfOp.JLT32_REG, BpfOp.JLT32_IMM, LoopHint.Compare.LT, false);
        form(BpfOp.JLE_REG, BpfOp.JLE_IMM, BpfOp.JLE32_REG, BpfOp.JLE32_IMM, LoopHint.Compare.LE, false);
        form(BpfOp.JSLT_REG, BpfOp.JSLT_IMM, BpfOp.JSLT32_REG, BpfOp.JSLT32_IMM, LoopHint.Compare.LT, true);
        form(BpfOp.JSLE_REG, BpfOp.JSLE_IMM, BpfOp.JSLE32_REG, BpfOp.JSLE32_IMM, LoopHint.Compare.LE, true);
        form(BpfOp.JGT_REG, BpfOp.JGT_IMM, BpfOp.JGT32_REG, BpfOp.JGT32_IMM, LoopHint.Compare.GT, false);
        form(BpfOp.JGE_REG, BpfOp.JGE_IMM, BpfOp.JGE32_REG, BpfOp.JGE32_IMM, LoopHint.Compare.GE, false);
        form(BpfOp.JSGT_REG, BpfOp.JSGT_IMM, BpfOp.JSGT32_REG, BpfOp.JSGT32_IMM, LoopHint.Compare.GT, true);
        form(BpfOp.JSGE_REG, BpfOp.JSGE_IMM, BpfOp.JSGE32_REG, BpfOp.JSGE32_IMM, LoopHint.Compare.GE, true);
    }

    private static void form(BpfOp reg64, BpfOp imm64, BpfOp reg32, BpfOp imm32, LoopHint.Compare cmp, boolean signed) {
        COMPARES.put(reg64, new CompareForm(cmp, signed, 64, true));
        COMPARES.put(imm64, new CompareForm(cmp, signed, 64, false));
        COMPARES.put(reg32, new CompareForm(cmp, signed, 32, true));
        COMPARES.put(imm32, new CompareForm(cmp, signed, 32, false));
    }

    static LoopTemplate.Result check(CodeView code, LoopHint hint, AcceptedLoops inner, boolean up) {
        String direction = up ? "up" : "down";
        if (hint.cmp().countsUp() != up) {
            return LoopTemplate.Result.rejected("cmp=" + hint.cmp().text + " does not count " + direction
                    + " (the template needs " + (up ? "lt or le" : "gt or ge") + ")", -1);
        }
        int start = hint.start(), end = hint.end(), iv = hint.iv();
        LoopTemplate.Result bad = LoopBody.checkRange(code, start, end);
        if (bad != null) return bad;
        LoopHint.Limit limit = hint.limit();
        if (limit.isRegister() && limit.register() == iv) {
            return LoopTemplate.Result.rejected("the limit register is the induction variable r" + iv, end);
        }
        boolean wide = hint.width() == 64;
        TripCount.Domain type = new TripCount.Domain(hint.width(), hint.signed());

        // Rule 1: the preheader iv = INIT, a mov of the hint's width.
        BpfInsn pre = code.insn(start - 1);
        BpfOp mov = wide ? BpfOp.MOV64_IMM : BpfOp.MOV32_IMM;
        if (pre.op != mov || pre.dst != iv) {
            return LoopTemplate.Result.rejected("start-1 is '" + CodeView.show(pre) + "', not the preheader '"
                    + (wide ? "r" : "w") + iv + " = INIT'", start - 1);
        }
        BigInteger init = type.valueOf(pre.imm); // MOV64_IMM sign-extends imm; MOV32_IMM sets the low 32 bits
        if (type.spelling(init) != hint.init()) {
            return LoopTemplate.Result.rejected("init: the preheader sets " + init + " (" + type + "), the hint says "
                    + hint.init(), start - 1);
        }

        // Rule 3: the back edge if iv CMP LIMIT goto start.
        BpfInsn back = code.insn(end);
        CompareForm form = COMPARES.get(back.op);
        if (form == null) {
            return LoopTemplate.Result.rejected("end is '" + CodeView.show(back) + "', not a <, <=, >, >= compare", end);
        }
        if (code.jumpTarget(end) != start) {
            return LoopTemplate.Result.rejected("the back edge goes to " + code.jumpTarget(end) + ", not to start " + start, end);
        }
        if (form.width != hint.width()) {
            return LoopTemplate.Result.rejected("the back edge is a " + form.width + "-bit compare, the hint says width="
                    + hint.width(), end);
        }
        if (back.dst != iv) return LoopTemplate.Result.rejected("the back edge compares r" + back.dst + ", not iv r" + iv, end);
        if (form.cmp != hint.cmp() || form.signed != hint.signed()) {
            return LoopTemplate.Result.rejected("the back edge compares " + (form.signed ? "signed " : "unsigned ")
                    + form.cmp.text + ", the hint says " + (hint.signed() ? "signed " : "unsigned ") + hint.cmp().text, end);
        }
        BigInteger constantLimit = null;
        if (form.register) {
            if (!limit.isRegister() || back.src != limit.register()) {
                return LoopTemplate.Result.rejected("the back edge compares with r" + back.src + ", the hint says limit="
                        + limit, end);
            }
        } else {
            constantLimit = type.valueOf(back.imm); // imm sign-extended to 64 bits; JMP32 looks at the low half
            if (limit.isRegister() || type.spelling(constantLimit) != limit.constant()) {
                return LoopTemplate.Result.rejected("the back edge compares with " + constantLimit + " (" + type
                        + "), the hint says limit=" + limit, end);
            }
        }

        // Rule 2: the latch iv += STEP (up) or iv -= STEP / iv += -STEP (down).
        BpfInsn latch = code.insn(end - 1);
        BpfOp add = wide ? BpfOp.ADD64_IMM : BpfOp.ADD32_IMM;
        BpfOp sub = wide ? BpfOp.SUB64_IMM : BpfOp.SUB32_IMM;
        if ((latch.op != add && latch.op != sub) || latch.dst != iv) {
            return LoopTemplate.Result.rejected("end-1 is '" + CodeView.show(latch) + "', not the latch '"
                    + (wide ? "r" : "w") + iv + (up ? " += STEP'" : " -= STEP'"), end - 1);
        }
        long delta = latch.op == add ? (long) latch.imm : -(long) latch.imm;
        if (delta == 0) return LoopTemplate.Result.rejected("the latch adds 0: the loop never advances", end - 1);
        if ((delta > 0) != up) {
            return LoopTemplate.Result.rejected("the latch counts " + (delta > 0 ? "up" : "down") + " by " + Math.abs(delta)
                    + ", the template counts " + direction, end - 1);
        }
        if (Math.abs(delta) != hint.step()) {
            return LoopTemplate.Result.rejected("the latch steps by " + Math.abs(delta) + ", the hint says step="
                    + hint.step(), end - 1);
        }

        // Rules 4 and 5: single entry, forward-only body, iv and limit written only by the latch.
        int protectedRegs = 1 << iv;
        if (limit.isRegister()) protectedRegs |= 1 << limit.register();
        bad = LoopBody.checkBody(code, start, end, iv, protectedRegs, inner);
        if (bad != null) return bad;

        // Rule 6: the bound, without wrap-around.
        boolean inclusive = hint.cmp() == LoopHint.Compare.LE || hint.cmp() == LoopHint.Compare.GE;
        BigInteger step = BigInteger.valueOf(hint.step());
        TripCount.Result bound = up ? TripCount.countedUp(type, init, step, inclusive, constantLimit)
                : TripCount.countedDown(type, init, step, inclusive, constantLimit);
        if (!bound.proved()) return LoopTemplate.Result.rejected(bound.problem(), end);
        return LoopTemplate.Result.accepted(bound.trips());
    }
}
