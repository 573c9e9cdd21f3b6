package dev.jbpfc.ir;

/**
 * What the IR's pure operations compute on constants, with C's semantics where C defines them: the single place
 * that knows it (ConstantFolding, SCCP and LoopUnroll all ask here). Where C leaves a result undefined (division by
 * zero, INT_MIN / -1, shifting by the width or more) nothing is folded: the instruction stays and the target's
 * behaviour applies at run time, rather than the compiler picking a value.
 */
public final class Fold {
    private Fold() {}

    /** {@code a OP b} at type t, or null when it must not be folded. */
    public static Long binary(Opcode op, Type t, long a, long b) {
        a = t.normalize(a);
        b = t.normalize(b);
        long ua = t.unsigned(a), ub = t.unsigned(b);
        long r;
        switch (op) {
            case ADD -> r = a + b;
            case SUB -> r = a - b;
            case MUL -> r = a * b;
            case AND -> r = a & b;
            case OR -> r = a | b;
            case XOR -> r = a ^ b;
            case UDIV -> {
                if (ub == 0) return null;
                r = Long.divideUnsigned(ua, ub);
            }
            case UREM -> {
                if (ub == 0) return null;
                r = Long.remainderUnsigned(ua, ub);
            }
            case SDIV, SREM -> {
                if (b == 0) return null;
                long min = t == Type.I32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
                if (a == min && b == -1) return null; // overflows: undefined in C
                r = op == Opcode.SDIV ? a / b : a % b;
            }
            case SHL, LSHR, ASHR -> {
                if (ub >= t.bits) return null;
                int s = (int) ub;
                r = switch (op) {
                    case SHL -> a << s;
                    case LSHR -> ua >>> s;
                    default -> a >> s; // a is sign-extended, so >> is arithmetic at width t
                };
            }
            default -> { return null; }
        }
        return t.normalize(r);
    }

    /** A cast of constant v (of type from) to type to, or null. */
    public static Long cast(Opcode op, Type from, Type to, long v) {
        return switch (op) {
            case ZEXT -> to.normalize(from.unsigned(v));
            case SEXT -> to.normalize(from.normalize(v));
            case TRUNC -> to.normalize(v);
            default -> null; // ptrtoint/inttoptr: addresses are not known at compile time
        };
    }

    /** The constant result of a pure instruction whose operands are constants, or null. */
    public static Constant constant(Instruction i) {
        for (Value v : i.operands()) if (!(v instanceof Constant)) return null;
        Opcode op = i.op();
        if (op.isBinary()) {
            Long r = binary(op, i.type(), ((Constant) i.operand(0)).value(), ((Constant) i.operand(1)).value());
            return r == null ? null : Constant.of(i.type(), r);
        }
        if (op == Opcode.CMP) {
            Constant a = (Constant) i.operand(0), b = (Constant) i.operand(1);
            return Constant.bool(i.predicate.evaluate(a.type(), a.value(), b.value()));
        }
        if (op == Opcode.ZEXT || op == Opcode.SEXT || op == Opcode.TRUNC) {
            Constant x = (Constant) i.operand(0);
            Long r = cast(op, x.type(), i.type(), x.value());
            return r == null ? null : Constant.of(i.type(), r);
        }
        if (op == Opcode.PTRTOINT && ((Constant) i.operand(0)).isZero()) return Constant.of(Type.I64, 0);
        if (op == Opcode.INTTOPTR && ((Constant) i.operand(0)).isZero()) return Constant.nullPtr();
        if (op == Opcode.SELECT) {
            Constant c = (Constant) i.operand(0);
            return (Constant) i.operand(c.value() != 0 ? 1 : 2);
        }
        return null;
    }
}
