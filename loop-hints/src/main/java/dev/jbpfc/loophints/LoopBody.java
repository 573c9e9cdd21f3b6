package dev.jbpfc.loophints;

import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;

/**
 * The rules every version-1 template shares about where a loop is and how control moves through it (rules 1, 4
 * and 5 of docs/loop-hints.md), written once:
 * <pre>
 *   start-1   preheader           (the template checks what it is)
 *   start     first body insn     entered only by falling through from start-1, or by the back edge at end
 *   ...       body                jumps go forwards inside [start+1, end-1], or forwards out of the loop (> end);
 *                                 a backward jump only as the back edge of an accepted loop strictly inside
 *   end-1     latch               the only instruction allowed to write the protected registers
 *   end       back edge           the only jump to start
 * </pre>
 * Nothing outside {@code [start, end]} may jump (or call) into {@code [start, end]}; a jump from the body to
 * {@code end} would skip the latch and is refused.
 */
public final class LoopBody {
    private LoopBody() {}

    /**
     * Checks that {@code [start, end]} is a well-placed range of whole instructions with a preheader slot before it.
     * Returns null when it is, else the rejection.
     */
    public static LoopTemplate.Result checkRange(CodeView code, int start, int end) {
        if (start < 1) return LoopTemplate.Result.rejected("start " + start + " leaves no room for the preheader at start-1", -1);
        if (end <= start) return LoopTemplate.Result.rejected("end " + end + " is not after start " + start, -1);
        if (end >= code.size()) {
            return LoopTemplate.Result.rejected("end " + end + " is outside the function (" + code.size() + " slots)", -1);
        }
        if (!code.isInstruction(start - 1)) return LoopTemplate.Result.rejected("start-1 is the second slot of an ld_imm64", start - 1);
        if (!code.isInstruction(start)) return LoopTemplate.Result.rejected("start is the second slot of an ld_imm64", start);
        if (!code.isInstruction(end - 1)) return LoopTemplate.Result.rejected("end-1 is the second slot of an ld_imm64", end - 1);
        if (!code.isInstruction(end)) return LoopTemplate.Result.rejected("end is the second slot of an ld_imm64", end);
        return null;
    }

    /**
     * Checks control flow into and through {@code [start, end]} (the back edge at {@code end} is the template's to
     * check) and that no instruction in {@code [start, end-2]} writes a register of {@code protectedRegs} (a bit
     * mask; {@code ivReg} is named in messages as the induction variable, the others as limits). Returns null
     * when every rule holds, else the first rejection.
     */
    public static LoopTemplate.Result checkBody(CodeView code, int start, int end, int ivReg, int protectedRegs,
                                                AcceptedLoops inner) {
        for (int i = start; i < end; i = code.next(i)) {
            BpfInsn insn = code.insn(i);
            if (i <= end - 2) {
                int hit = RegisterWrites.of(insn) & protectedRegs;
                if (hit != 0) {
                    int reg = Integer.numberOfTrailingZeros(hit);
                    if ((hit & (1 << ivReg)) != 0) {
                        return LoopTemplate.Result.rejected("'" + CodeView.show(insn) + "' writes the induction variable r" + ivReg
                                + " before the latch", i);
                    }
                    return LoopTemplate.Result.rejected("'" + CodeView.show(insn) + "' writes the limit register r" + reg, i);
                }
            }
            int t = code.jumpTarget(i);
            if (t == CodeView.NO_TARGET) continue;
            if (t <= i) {
                if (!inner.isNestedBackEdge(i, t, start, end)) {
                    return LoopTemplate.Result.rejected("backward jump to " + t
                            + " inside the body is not the back edge of an accepted loop nested inside", i);
                }
            } else if (t == end) {
                return LoopTemplate.Result.rejected("jump to the back edge skips the latch", i);
            }
            // t in (i, end-1]: forward inside the body (end-1 is `continue`); t > end: leaves the loop.
        }
        for (int t = start; t <= end; t++) {
            for (int from : code.entries(t)) {
                if (code.insn(from).op == BpfOp.CALL) {
                    return LoopTemplate.Result.rejected("call from " + from + " into the loop at " + t, from);
                }
                if (t == start && from != end) {
                    return LoopTemplate.Result.rejected("the loop is entered at its start from " + from
                            + " (only the back edge may jump there; entry is by falling through the preheader)", from);
                }
                if (t > start && (from < start || from > end)) {
                    return LoopTemplate.Result.rejected("jump from " + from + ", outside the loop, into the body at " + t, from);
                }
            }
        }
        return null;
    }
}
