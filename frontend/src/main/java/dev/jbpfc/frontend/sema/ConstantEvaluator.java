package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.InitList;
import dev.jbpfc.frontend.types.ArrayType;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.Field;
import dev.jbpfc.frontend.types.FloatType;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.frontend.types.RecordType;
import dev.jbpfc.frontend.types.TypeRelations;

import java.math.BigInteger;
import java.util.List;

/**
 * Evaluates constant expressions on checked expressions (every {@link Expr#type} set): integer constant expressions
 * (literals, enumerators, sizeof, _Alignof, offsetof, casts, ?:, __builtin_choose_expr, __builtin_constant_p,
 * __builtin_types_compatible_p), floating constants, and address constants for static initializers:
 * <pre>
 * (void *) 1               -> address(no base, offset 1)   libbpf's helper pointers
 * &amp;global.member[2]       -> address(global, offsetof(member) + 2 * elemsize)
 * "text"                   -> address(string literal, 0)
 * </pre>
 * Returns null for anything that is not constant. Arithmetic wraps to the result type as C does for unsigned types
 * (signed overflow is undefined; clang folds it the same way with a warning).
 */
final class ConstantEvaluator {
    private final Sema sema;

    ConstantEvaluator(Sema sema) { this.sema = sema; }

    /** The value of a checked expression after its implicit conversion (if any), or null if not constant. */
    ConstValue evaluateConverted(Expr e) {
        ConstValue v = evaluate(e);
        CType to = sema.model.conversionOf(e);
        return v == null || to == null ? v : convert(v, to);
    }

    /** Set while a constant is required (see {@link #evaluateRequired}). */
    private boolean required;

    /**
     * Like {@link #evaluateConverted}, where C requires a constant (a case label, an array size, a static
     * initializer, a static assertion): a {@code __builtin_constant_p} sema left open for the optimiser answers 0
     * here, as clang's does.
     */
    ConstValue evaluateRequired(Expr e) {
        boolean outer = required;
        required = true;
        try {
            return evaluateConverted(e);
        } finally {
            required = outer;
        }
    }

    ConstValue evaluate(Expr e) {
        ConstValue v = eval(e);
        if (v != null) sema.model.constants.put(e, v);
        return v;
    }

    private ConstValue eval(Expr e) {
        if (e.type == null) return null;
        if (e instanceof Expr.IntLiteral lit) {
            Literals.IntConstant c = Literals.integer(lit.spelling);
            return c == null ? null : ConstValue.ofInteger(c.value(), e.type);
        }
        if (e instanceof Expr.CharLiteral c) {
            BigInteger v = Literals.character(c.spelling);
            return v == null ? null : ConstValue.ofInteger(v, e.type);
        }
        if (e instanceof Expr.FloatLiteral f) return Literals.floating(f.spelling);
        if (e instanceof Expr.StringLiteral) return ConstValue.ofAddress(e, 0, e.type);
        if (e instanceof Expr.Ident id) {
            Symbol s = sema.model.symbolOf(id);
            if (s instanceof EnumConstantSymbol ec) return ConstValue.ofInteger(ec.value(), e.type);
            if (s instanceof FunctionSymbol) return ConstValue.ofAddress(s, 0, e.type);
            if (s instanceof ObjectSymbol o && o.hasStaticStorage() && e.type.isArray()) {
                return ConstValue.ofAddress(s, 0, e.type);
            }
            // clang folds a const, non-volatile arithmetic variable with a constant initializer (a GNU extension
            // the corpus uses: static const __u32 beta_scale = 8 * (BICTCP_BETA_SCALE + beta) / 3;).
            if (s instanceof ObjectSymbol o && o.type().isConst() && !o.type().isVolatile()
                    && o.type().isArithmetic() && o.constantValue() != null && !o.constantValue().isAddress()) {
                return o.constantValue();
            }
            return null;
        }
        if (e instanceof Expr.SizeofType || e instanceof Expr.SizeofExpr || e instanceof Expr.AlignofType
                || e instanceof Expr.AlignofExpr || e instanceof Expr.OffsetOf || e instanceof Expr.TypesCompatible) {
            return sema.model.constants.get(e); // computed by the checker, which knows the operand's type
        }
        if (e instanceof Expr.Cast c) {
            if (e.type.isVoid()) return null;
            ConstValue v = evaluateDecayed(c.operand);
            return v == null ? null : convert(v, e.type);
        }
        if (e instanceof Expr.Unary u) return unary(u);
        if (e instanceof Expr.Binary b) return binary(b);
        if (e instanceof Expr.Conditional c) {
            ConstValue cond = evaluateDecayed(c.cond);
            if (cond == null) return null;
            Expr pick = !cond.isZero() ? (c.then == null ? c.cond : c.then) : c.otherwise;
            ConstValue v = evaluateDecayed(pick);
            return v == null ? null : convert(v, e.type);
        }
        if (e instanceof Expr.ChooseExpr || e instanceof Expr.Generic) {
            Expr chosen = sema.model.chosenOf(e);
            return chosen == null ? null : evaluate(chosen);
        }
        if (e instanceof Expr.Call call) {
            Builtins.Builtin b = sema.model.builtinOf(call);
            if (b == null) return null;
            if (b.kind() == Builtins.Kind.CONSTANT_P) {
                ConstValue v = sema.model.constants.get(e);
                return v != null || !required ? v : ConstValue.ofInteger(0, IntegerType.INT);
            }
            if (b.name().equals("__builtin_expect") && call.args.size() == 2) {
                ConstValue v = evaluateConverted(call.args.get(0));
                return v == null ? null : convert(v, e.type);
            }
            if (b.name().startsWith("__builtin_bswap") && call.args.size() == 1) {
                ConstValue v = evaluateConverted(call.args.get(0));
                if (v == null || !v.isInteger()) return null;
                int bytes = (int) e.type.size();
                long x = v.asLong(), r = 0;
                for (int i = 0; i < bytes; i++) r |= ((x >>> (8 * i)) & 0xff) << (8 * (bytes - 1 - i));
                return ConstValue.ofInteger(BigInteger.valueOf(r).and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)), e.type);
            }
            return null;
        }
        return null;
    }

    private static boolean isWeak(Object base) {
        if (base instanceof FunctionSymbol f) return f.attributes.weak;
        if (base instanceof ObjectSymbol o) return o.attributes.weak;
        return false;
    }

    /** Evaluates an operand in a value context: arrays and functions decay, conversions apply. */
    private ConstValue evaluateDecayed(Expr e) {
        return evaluateConverted(e);
    }

    private ConstValue unary(Expr.Unary u) {
        switch (u.op) {
            case ADDRESS_OF:
                return address(u.operand);
            case PLUS: {
                ConstValue v = evaluateConverted(u.operand);
                return v == null ? null : convert(v, u.type);
            }
            case MINUS: {
                ConstValue v = evaluateConverted(u.operand);
                if (v == null) return null;
                if (v.isFloat()) return ConstValue.ofFloat(-v.floating(), u.type);
                if (!v.isInteger()) return null;
                return ConstValue.ofInteger(v.integer().negate(), u.type);
            }
            case BIT_NOT: {
                ConstValue v = evaluateConverted(u.operand);
                if (v == null || !v.isInteger()) return null;
                return ConstValue.ofInteger(v.integer().not(), u.type);
            }
            case NOT: {
                ConstValue v = evaluateConverted(u.operand);
                if (v == null) return null;
                if (v.isAddress() && v.base() != null) {
                    // A weak symbol's address may be null at load time (bpf_ksym_exists relies on that).
                    return isWeak(v.base()) ? null : ConstValue.ofInteger(0, u.type);
                }
                return ConstValue.ofInteger(v.isZero() ? 1 : 0, u.type);
            }
            default:
                return null;
        }
    }

    /** The address of an lvalue with static storage, as an address constant. */
    ConstValue address(Expr e) {
        if (e instanceof Expr.Ident id) {
            Symbol s = sema.model.symbolOf(id);
            if (s instanceof FunctionSymbol) return ConstValue.ofAddress(s, 0, null);
            if (s instanceof ObjectSymbol o && o.hasStaticStorage()) return ConstValue.ofAddress(s, 0, null);
            return null;
        }
        if (e instanceof Expr.StringLiteral) return ConstValue.ofAddress(e, 0, null);
        if (e instanceof Expr.CompoundLiteral) return ConstValue.ofAddress(e, 0, null);
        if (e instanceof Expr.Member m) {
            MemberAccess ma = sema.model.memberOf(m);
            if (ma == null || ma.field().isBitfield()) return null;
            ConstValue base = m.arrow ? evaluateConverted(m.base) : address(m.base);
            if (base == null || !base.isAddress()) return null;
            return ConstValue.ofAddress(base.base(), base.offset() + ma.byteOffset(), null);
        }
        if (e instanceof Expr.Index ix) {
            Expr ptr = ix.base.type != null && (ix.base.type.isArray() || ix.base.type.isPointer()) ? ix.base : ix.index;
            Expr idx = ptr == ix.base ? ix.index : ix.base;
            ConstValue base = ptr.type.isArray() ? address(ptr) : evaluateConverted(ptr);
            ConstValue i = evaluateConverted(idx);
            if (base == null || !base.isAddress() || i == null || !i.isInteger()) return null;
            return ConstValue.ofAddress(base.base(), base.offset() + i.asLong() * ix.type.size(), null);
        }
        if (e instanceof Expr.Unary u && u.op == Expr.UnaryOp.DEREF) {
            ConstValue v = evaluateConverted(u.operand);
            return v != null && v.isAddress() ? v : null;
        }
        return null;
    }

    private ConstValue binary(Expr.Binary b) {
        if (b.op == Expr.BinaryOp.LOG_AND || b.op == Expr.BinaryOp.LOG_OR) {
            ConstValue l = evaluateConverted(b.lhs);
            if (l == null || (l.isAddress() && l.base() != null)) return null;
            boolean lv = !l.isZero();
            if (b.op == Expr.BinaryOp.LOG_AND && !lv) return ConstValue.ofInteger(0, b.type);
            if (b.op == Expr.BinaryOp.LOG_OR && lv) return ConstValue.ofInteger(1, b.type);
            ConstValue r = evaluateConverted(b.rhs);
            if (r == null || (r.isAddress() && r.base() != null)) return null;
            return ConstValue.ofInteger(r.isZero() ? 0 : 1, b.type);
        }
        if (b.op == Expr.BinaryOp.COMMA) {
            if (evaluateConverted(b.lhs) == null) return null;
            return evaluateConverted(b.rhs);
        }
        ConstValue l = evaluateConverted(b.lhs);
        ConstValue r = evaluateConverted(b.rhs);
        if (l == null || r == null) return null;
        // Pointer arithmetic on address constants.
        if (l.isAddress() || r.isAddress()) return addressArithmetic(b, l, r);
        CType common = b.lhs.type.unqualified();
        CType ct = sema.model.conversionOf(b.lhs);
        if (ct != null) common = ct;
        if (l.isFloat() || r.isFloat()) return floatBinary(b, l, r);
        IntegerType t = common.asInteger();
        if (t == null) return null;
        BigInteger x = l.integer();
        BigInteger y = r.integer();
        BigInteger res;
        switch (b.op) {
            case ADD -> res = x.add(y);
            case SUB -> res = x.subtract(y);
            case MUL -> res = x.multiply(y);
            case DIV, MOD -> {
                if (y.signum() == 0) return null;
                // Java's BigInteger divide truncates toward zero like C.
                res = b.op == Expr.BinaryOp.DIV ? x.divide(y) : x.remainder(y);
            }
            case SHL, SHR -> {
                IntegerType lt = b.type.asInteger();
                if (y.signum() < 0 || y.compareTo(BigInteger.valueOf(lt.bits())) >= 0) return null;
                res = b.op == Expr.BinaryOp.SHL ? x.shiftLeft(y.intValue()) : x.shiftRight(y.intValue());
                return ConstValue.ofInteger(res, b.type);
            }
            case BIT_AND -> res = x.and(y);
            case BIT_OR -> res = x.or(y);
            case BIT_XOR -> res = x.xor(y);
            case LT -> { return bool(x.compareTo(y) < 0, b); }
            case GT -> { return bool(x.compareTo(y) > 0, b); }
            case LE -> { return bool(x.compareTo(y) <= 0, b); }
            case GE -> { return bool(x.compareTo(y) >= 0, b); }
            case EQ -> { return bool(x.equals(y), b); }
            case NE -> { return bool(!x.equals(y), b); }
            default -> { return null; }
        }
        return ConstValue.ofInteger(res, b.type);
    }

    private ConstValue bool(boolean v, Expr e) { return ConstValue.ofInteger(v ? 1 : 0, e.type); }

    private ConstValue floatBinary(Expr.Binary b, ConstValue l, ConstValue r) {
        double x = l.isFloat() ? l.floating() : l.integer().doubleValue();
        double y = r.isFloat() ? r.floating() : r.integer().doubleValue();
        return switch (b.op) {
            case ADD -> ConstValue.ofFloat(x + y, b.type);
            case SUB -> ConstValue.ofFloat(x - y, b.type);
            case MUL -> ConstValue.ofFloat(x * y, b.type);
            case DIV -> ConstValue.ofFloat(x / y, b.type);
            case LT -> bool(x < y, b);
            case GT -> bool(x > y, b);
            case LE -> bool(x <= y, b);
            case GE -> bool(x >= y, b);
            case EQ -> bool(x == y, b);
            case NE -> bool(x != y, b);
            default -> null;
        };
    }

    private ConstValue addressArithmetic(Expr.Binary b, ConstValue l, ConstValue r) {
        if (b.op == Expr.BinaryOp.ADD || b.op == Expr.BinaryOp.SUB) {
            if (l.isAddress() && r.isInteger()) {
                long scale = elementSize(b.lhs);
                long d = r.asLong() * scale;
                return ConstValue.ofAddress(l.base(), l.offset() + (b.op == Expr.BinaryOp.ADD ? d : -d), b.type);
            }
            if (r.isAddress() && l.isInteger() && b.op == Expr.BinaryOp.ADD) {
                long d = l.asLong() * elementSize(b.rhs);
                return ConstValue.ofAddress(r.base(), r.offset() + d, b.type);
            }
            if (l.isAddress() && r.isAddress() && b.op == Expr.BinaryOp.SUB && l.base() == r.base()) {
                long scale = elementSize(b.lhs);
                return ConstValue.ofInteger((l.offset() - r.offset()) / Math.max(scale, 1), b.type);
            }
            return null;
        }
        if (l.isAddress() && r.isAddress() && l.base() == r.base() && b.op.isComparison()) {
            long x = l.offset(), y = r.offset();
            return switch (b.op) {
                case EQ -> bool(x == y, b);
                case NE -> bool(x != y, b);
                case LT -> bool(x < y, b);
                case GT -> bool(x > y, b);
                case LE -> bool(x <= y, b);
                case GE -> bool(x >= y, b);
                default -> null;
            };
        }
        return null;
    }

    private long elementSize(Expr pointerOperand) {
        CType t = sema.model.conversionOf(pointerOperand);
        if (t == null) t = pointerOperand.type;
        if (t == null || !t.isPointer()) return 1;
        CType p = t.asPointer().pointee();
        return p.isComplete() ? p.size() : 1; // GNU: void and function pointers step by 1
    }

    /** Converts a constant to another scalar type, as a cast does. */
    ConstValue convert(ConstValue v, CType to) {
        CType t = to.unqualified();
        if (t.isPointer()) {
            if (v.isInteger()) return ConstValue.ofAddress(null, v.asLong(), to);
            if (v.isAddress()) return ConstValue.ofAddress(v.base(), v.offset(), to);
            return null;
        }
        if (t.isBool()) {
            if (v.isAddress() && v.base() != null && isWeak(v.base())) return null;
            if (v.isAddress()) return v.base() != null ? ConstValue.ofInteger(1, to) : ConstValue.ofInteger(v.offset() != 0 ? 1 : 0, to);
            return ConstValue.ofInteger(v.isZero() ? 0 : 1, to);
        }
        if (t.isInteger()) {
            if (v.isInteger()) return ConstValue.ofInteger(v.integer(), to);
            if (v.isFloat()) return ConstValue.ofInteger(new java.math.BigDecimal(v.floating()).toBigInteger(), to);
            if (v.isAddress() && v.base() == null) return ConstValue.ofInteger(v.offset(), to);
            if (v.isAddress() && t.size() == 8) return ConstValue.ofAddress(v.base(), v.offset(), to);
            return null;
        }
        if (t instanceof FloatType) {
            if (v.isFloat()) return ConstValue.ofFloat(t == FloatType.FLOAT ? (float) v.floating() : v.floating(), to);
            if (v.isInteger()) return ConstValue.ofFloat(v.integer().doubleValue(), to);
            return null;
        }
        if (t.isArray() || t.isFunction()) return v;
        return null;
    }

    /** {@code offsetof(type, path)} in bytes, or null (after reporting) when the path does not name a member. */
    Long offsetOf(CType type, List<InitList.Designator> path, Expr.OffsetOf at) {
        CType cur = type;
        long offset = 0;
        for (InitList.Designator d : path) {
            if (d instanceof InitList.Field f) {
                RecordType r = cur.asRecord();
                if (r == null || !r.isComplete()) {
                    sema.diags.error(f.loc(), r == null ? "offsetof requires struct, union, or class type, "
                            + TypePrinter0.q(cur) + " invalid" : "offsetof of incomplete type " + TypePrinter0.q(cur));
                    return null;
                }
                List<Integer> p = r.lookupPath(f.name());
                if (p == null) {
                    sema.diags.error(f.loc(), "no member named '" + f.name() + "' in " + TypePrinter0.q(cur));
                    return null;
                }
                RecordType rec = r;
                Field field = null;
                for (int idx : p) {
                    field = rec.fields().get(idx);
                    offset += field.bitOffset() / 8;
                    if (field.isAnonymousRecord()) rec = field.type.asRecord();
                }
                if (field.isBitfield()) {
                    sema.diags.error(f.loc(), "cannot compute offset of bit-field '" + f.name() + "'");
                    return null;
                }
                cur = field.type;
            } else if (d instanceof InitList.Index ix) {
                ArrayType a = cur.asArray();
                if (a == null) {
                    sema.diags.error(ix.loc(), "subscripted value is not an array");
                    return null;
                }
                BigInteger i = sema.exprs.integerConstant(ix.index(), "array index");
                if (i == null) return null;
                offset += i.longValue() * a.element().size();
                cur = a.element();
            }
        }
        return offset;
    }

    /** Short spelling helper, so this file reads without the full printer name everywhere. */
    private static final class TypePrinter0 {
        static String q(CType t) { return dev.jbpfc.frontend.types.TypePrinter.quoted(t); }
    }

    /** The common type two operands of a binary operator are converted to (for callers outside the checker). */
    static CType common(CType a, CType b) { return TypeRelations.usualArithmetic(a, b); }
}
