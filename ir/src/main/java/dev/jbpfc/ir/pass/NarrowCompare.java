package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

/**
 * A 64-bit compare of a sign- or zero-extended 32-bit value with a constant, rewritten as the 32-bit compare of the
 * value itself where the two agree on every input. ConstantFolding applies it.
 * <pre>
 *   %e = sext i32 %x to i64            ; libbpf's bpf_for: ___i < (end), end a size_t (ARRAY_SIZE)
 *   %c = cmp ult i64 %e, 256     =>    %c = cmp ult i32 %x, 256
 * </pre>
 * Why it matters to the kernel verifier: the extension is a new register (two shifts for sext), and a bound proved
 * on it says nothing about {@code %x}'s register, which the loop body extends again to index an array ("R2 unbounded
 * memory access"). The 32-bit compare bounds {@code %x}'s own register, and the verifier carries that bound through
 * the body's extension.
 * <p>
 * Only for an int loaded from memory, whose register the verifier knows to be zero above bit 31 (for a parameter
 * it does not, and a bound on the low half would leave the index unbounded).
 * <p>
 * When they agree ({@code C} the 64-bit constant, compared with the extension on the left):
 * <ul>
 *   <li>zext, any predicate, {@code 0 <= C < 2^32}: the extension is in [0, 2^32), where signed and unsigned 64-bit
 *       order are the 32-bit unsigned order; signed predicates become their unsigned forms.</li>
 *   <li>sext, eq/ne and signed predicates, {@code C} an {@code int}: sign extension keeps signed order.</li>
 *   <li>sext, unsigned predicates, {@code 0 <= C < 2^31}: a negative {@code x} extends to at least 2^64 - 2^31 and
 *       reads as at least 2^31 unsigned in 32 bits, above {@code C} in both; a non-negative one is the same number
 *       in both widths.</li>
 * </ul>
 */
final class NarrowCompare {
    private NarrowCompare() { }

    /** The 32-bit compare equal to {@code cmp}, or null when there is none of the forms above. */
    static Instruction of(Instruction cmp) {
        if (cmp.op() != Opcode.CMP) return null;
        Value a = cmp.operand(0), b = cmp.operand(1);
        Predicate p = cmp.predicate;
        if (a instanceof Constant && !(b instanceof Constant)) {
            Value t = a; a = b; b = t;
            p = p.swapped();
        }
        if (!(b instanceof Constant c) || c.type() != Type.I64) return null;
        if (!(a instanceof Instruction ext) || (ext.op() != Opcode.SEXT && ext.op() != Opcode.ZEXT)
                || ext.operand(0).type() != Type.I32) return null;
        // The verifier carries a 32-bit bound to the whole register only when it knows the upper half is zero: a
        // 32-bit load's result. A parameter (a bpf_loop callback's index) may have any upper half for it.
        if (!(ext.operand(0) instanceof Instruction def) || def.op() != Opcode.LOAD) return null;
        long k = c.value();
        Predicate narrow;
        if (ext.op() == Opcode.ZEXT) {
            if (k < 0 || k > 0xffffffffL) return null;
            narrow = unsignedOf(p);
        } else if (ext.op() == Opcode.SEXT) {
            boolean ok = p.isSigned() || p == Predicate.EQ || p == Predicate.NE
                    ? k >= Integer.MIN_VALUE && k <= Integer.MAX_VALUE
                    : k >= 0 && k <= Integer.MAX_VALUE;
            if (!ok) return null;
            narrow = p;
        } else {
            return null;
        }
        return Instruction.cmp(narrow, ext.operand(0), Constant.of(Type.I32, k));
    }

    private static Predicate unsignedOf(Predicate p) {
        return switch (p) {
            case SLT -> Predicate.ULT;
            case SLE -> Predicate.ULE;
            case SGT -> Predicate.UGT;
            case SGE -> Predicate.UGE;
            default -> p;
        };
    }
}
