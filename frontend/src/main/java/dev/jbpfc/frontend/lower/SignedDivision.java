package dev.jbpfc.frontend.lower;

import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.IrBuilder;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.IntRange;

/**
 * Signed division and remainder below {@code -mcpu=v4} (which has no sdiv/smod), on magnitudes with unsigned
 * instructions, keeping C's truncation toward zero:
 * <pre>
 *   a / b  -&gt;  q = udiv |a|, |b| ; (a ^ b) &lt; 0 ? -q : q
 *   a % b  -&gt;  r = urem |a|, |b| ; a &lt; 0 ? -r : r
 * </pre>
 * ({@code |INT_MIN|} is INT_MIN, which read unsigned is the right magnitude.) clang rejects such code at v3 unless
 * the divisor is a constant it can turn into a multiplication; jbpfc accepts both.
 *
 * <p>When both operands are known non-negative (a constant, or a zero-extended narrower value such as an
 * {@code unsigned char} promoted to {@code int}, or bytes put together with shifts and ORs), the signed result equals the unsigned one and the plain
 * udiv/urem is emitted: {@code p[i] % 16} must stay {@code urem} (then {@code & 15}), because the verifier cannot
 * bound the result of the negate/mod/negate sequence and rejects it as an array index.
 */
final class SignedDivision {
    private SignedDivision() {}

    static Value expand(IrBuilder b, boolean quotient, Value a, Value d) {
        if (nonNegative(a) && nonNegative(d)) return b.binary(quotient ? Opcode.UDIV : Opcode.UREM, a, d);
        Constant zero = Constant.of(a.type(), 0);
        Value absA = abs(b, a, zero);
        Value absD = abs(b, d, zero);
        if (quotient) {
            Value q = b.binary(Opcode.UDIV, absA, absD);
            Value negative;
            if (d instanceof Constant c) {
                negative = c.value() < 0 ? b.cmp(Predicate.SGE, a, zero) : b.cmp(Predicate.SLT, a, zero);
            } else {
                negative = b.cmp(Predicate.SLT, b.binary(Opcode.XOR, a, d), zero);
            }
            return b.select(negative, b.binary(Opcode.SUB, zero, q), q);
        }
        Value r = b.binary(Opcode.UREM, absA, absD);
        return b.select(b.cmp(Predicate.SLT, a, zero), b.binary(Opcode.SUB, zero, r), r);
    }

    private static Value abs(IrBuilder b, Value v, Constant zero) {
        if (v instanceof Constant c) return Constant.of(v.type(), Math.abs(c.value()));
        return b.select(b.cmp(Predicate.SLT, v, zero), b.binary(Opcode.SUB, zero, v), v);
    }

    private static boolean nonNegative(Value v) {
        if (v instanceof Constant c) return c.value() >= 0;
        return v instanceof Instruction i && i.op() == Opcode.ZEXT || IntRange.of(v).nonNegative();
    }
}
