package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.Stmt;
import dev.jbpfc.frontend.types.ArrayType;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.EnumType;
import dev.jbpfc.frontend.types.Field;
import dev.jbpfc.frontend.types.FloatType;
import dev.jbpfc.frontend.types.FunctionType;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.frontend.types.PointerType;
import dev.jbpfc.frontend.types.QualifiedType;
import dev.jbpfc.frontend.types.RecordType;
import dev.jbpfc.frontend.types.TypePrinter;
import dev.jbpfc.frontend.types.TypeRelations;
import dev.jbpfc.frontend.types.VoidType;
import dev.jbpfc.source.SourceLocation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Types every expression (sets {@link Expr#type}), resolves names and members, records implicit conversions in the
 * {@link SemanticModel}, and reports clang's errors for ill-typed expressions. An expression's own type is the type
 * of the expression as written (an array stays an array, an lvalue keeps its qualifiers); the conversion its use
 * applies (decay, lvalue conversion to the unqualified type, arithmetic conversions) is recorded separately.
 * After an error the expression gets type int so that checking goes on without a cascade of follow-up errors.
 */
final class ExprChecker implements Expr.Visitor<CType> {
    private final Sema sema;
    /** Depth of sizeof/typeof/_Alignof operands: names used there are not "used". */
    private int unevaluated;

    /**
     * The type of an expression that had an error: behaves as int, and conversions from it are not diagnosed again
     * (so {@code int *q = &bitfield;} reports the bit-field, not also the initialization).
     */
    static final CType ERROR = new dev.jbpfc.frontend.types.TypedefType("<error>", IntegerType.INT);

    ExprChecker(Sema sema) { this.sema = sema; }

    private static String q(CType t) { return TypePrinter.quoted(t); }

    private void error(SourceLocation at, String msg) { sema.diags.error(at, msg); }

    /** Checks an expression and returns its type (as written: arrays not decayed). */
    CType check(Expr e) {
        CType t = e.accept(this);
        if (t == null) t = ERROR;
        sema.setType(e, t);
        return t;
    }

    CType checkUnevaluated(Expr e) {
        unevaluated++;
        try {
            return check(e);
        } finally {
            unevaluated--;
        }
    }

    /**
     * Checks an expression used for its value: the result is the value's type after lvalue conversion, array and
     * function decay (recorded as the expression's conversion).
     */
    CType rvalue(Expr e) {
        CType t = check(e);
        return decay(e, t);
    }

    private CType decay(Expr e, CType t) {
        if (t == ERROR) return ERROR;
        CType u = t.unqualified();
        if (u instanceof ArrayType a) {
            // The elements of an array in an address space are in it too (p->a[i] of an arena struct p).
            CType element = a.element();
            int space = QualifiedType.addressSpaceOf(t);
            if (space != 0 && QualifiedType.addressSpaceOf(element) == 0) element = QualifiedType.of(element, 0, space);
            CType p = PointerType.to(element);
            convert(e, p);
            return p;
        }
        if (u instanceof FunctionType) {
            CType p = PointerType.to(t);
            convert(e, p);
            return p;
        }
        return u;
    }

    /** Records that e's value is converted to {@code to} (nothing if it already has that type). */
    void convert(Expr e, CType to) {
        CType from = e.type;
        if (from != null && from.unqualified().equals(to.unqualified()) && !from.isArray() && !from.isFunction()) return;
        sema.model.conversions.put(e, to);
        // A floating constant converted to an integer is folded by lowering (BPF has no floating point), which
        // needs its value: record it now.
        if (from != null && from.isFloating() && to.isInteger()) sema.consts.evaluate(e);
    }

    /** Evaluates an integer constant expression, reporting an error naming {@code what} if it is not one. */
    BigInteger integerConstant(Expr e, String what) {
        CType t = rvalue(e);
        if (!t.isInteger()) {
            error(e.loc(), "integer constant expression must have integer type, not " + q(t));
            return null;
        }
        ConstValue v = sema.consts.evaluateRequired(e);
        if (v == null || !v.isInteger()) {
            error(e.loc(), "expression is not an integer constant expression");
            return null;
        }
        return v.integer();
    }

    // ---- lvalues ----

    boolean isLvalue(Expr e) {
        if (e instanceof Expr.Ident id) return sema.model.symbolOf(id) instanceof ObjectSymbol;
        if (e instanceof Expr.Unary u) return u.op == Expr.UnaryOp.DEREF;
        if (e instanceof Expr.Index) return true;
        if (e instanceof Expr.Member m) return m.arrow || isLvalue(m.base);
        if (e instanceof Expr.StringLiteral || e instanceof Expr.CompoundLiteral) return true;
        if (e instanceof Expr.ChooseExpr || e instanceof Expr.Generic) {
            Expr c = sema.model.chosenOf(e);
            return c != null && isLvalue(c);
        }
        return false;
    }

    private Field bitfieldOf(Expr e) {
        if (e instanceof Expr.Member m) {
            MemberAccess ma = sema.model.memberOf(m);
            if (ma != null && ma.field().isBitfield()) return ma.field();
        }
        return null;
    }

    /** Reports and returns false if {@code e} (already checked) cannot be assigned to. */
    private boolean checkModifiable(Expr e, SourceLocation at) {
        if (!isLvalue(e)) {
            error(at, "expression is not assignable");
            return false;
        }
        CType t = e.type;
        if (t.isArray()) {
            error(at, "array type " + q(t) + " is not assignable");
            return false;
        }
        if (t.isConst()) {
            if (e instanceof Expr.Ident id) {
                error(at, "cannot assign to variable '" + id.name + "' with const-qualified type " + q(t));
            } else if (e instanceof Expr.Member m) {
                error(at, "cannot assign to non-static data member '" + m.member + "' with const-qualified type "
                        + q(t));
            } else {
                error(at, "read-only variable is not assignable");
            }
            return false;
        }
        if (!t.isComplete()) {
            error(at, "incomplete type " + q(t) + " is not assignable");
            return false;
        }
        return true;
    }

    // ---- leaves ----

    @Override
    public CType visitIdent(Expr.Ident e) {
        Symbol s = sema.scope.lookupOrdinary(e.name);
        if (s == null) {
            if (Builtins.lookup(e.name) != null) {
                error(e.loc(), "builtin functions must be directly called");
            } else {
                error(e.loc(), "use of undeclared identifier '" + e.name + "'");
            }
            return IntegerType.INT;
        }
        if (s instanceof TypedefSymbol) {
            error(e.loc(), "unexpected type name '" + e.name + "': expected expression");
            return ERROR;
        }
        sema.model.references.put(e, s);
        return s.type();
    }

    @Override
    public CType visitIntLiteral(Expr.IntLiteral e) {
        Literals.IntConstant c = Literals.integer(e.spelling);
        if (c == null) {
            error(e.loc(), "invalid integer constant '" + e.spelling + "'");
            return ERROR;
        }
        if (c.type() == null) {
            error(e.loc(), "integer literal is too large to be represented in any integer type");
            return IntegerType.ULONGLONG;
        }
        return c.type();
    }

    @Override
    public CType visitFloatLiteral(Expr.FloatLiteral e) {
        ConstValue v = Literals.floating(e.spelling);
        if (v == null) {
            error(e.loc(), "invalid floating constant '" + e.spelling + "'");
            return FloatType.DOUBLE;
        }
        return v.type();
    }

    @Override
    public CType visitCharLiteral(Expr.CharLiteral e) {
        if (Literals.character(e.spelling) == null) error(e.loc(), "empty character constant");
        if (e.spelling.startsWith("u8")) return IntegerType.UCHAR;
        if (e.spelling.startsWith("u")) return IntegerType.USHORT;
        if (e.spelling.startsWith("U")) return IntegerType.UINT;
        return IntegerType.INT;
    }

    @Override
    public CType visitStringLiteral(Expr.StringLiteral e) {
        byte[] b = Literals.string(e.pieces);
        if (b == null) {
            error(e.loc(), "wide and unicode string literals are not supported yet");
            return new ArrayType(IntegerType.CHAR, 1);
        }
        return new ArrayType(IntegerType.CHAR, b.length + 1);
    }

    // ---- operators ----

    @Override
    public CType visitUnary(Expr.Unary e) {
        switch (e.op) {
            case ADDRESS_OF -> {
                CType t = check(e.operand);
                if (t == ERROR) return ERROR;
                if (e.operand.type.isFunction()) return PointerType.to(t);
                if (!isLvalue(e.operand)) {
                    error(e.loc(), "cannot take the address of an rvalue of type " + q(t));
                    return ERROR;
                }
                if (bitfieldOf(e.operand) != null) {
                    error(e.loc(), "address of bit-field requested");
                    return ERROR;
                }
                return PointerType.to(t);
            }
            case DEREF -> {
                CType t = rvalue(e.operand);
                if (t == ERROR) return ERROR;
                if (!t.isPointer()) {
                    error(e.loc(), "indirection requires pointer operand (" + q(t) + " invalid)");
                    return ERROR;
                }
                CType p = t.asPointer().pointee();
                return p;
            }
            case PLUS, MINUS -> {
                CType t = rvalue(e.operand);
                if (!t.isArithmetic()) {
                    error(e.loc(), "invalid argument type " + q(t) + " to unary expression");
                    return ERROR;
                }
                CType p = TypeRelations.promote(t);
                convert(e.operand, p);
                return p;
            }
            case BIT_NOT -> {
                CType t = rvalue(e.operand);
                if (!t.isInteger()) {
                    error(e.loc(), "invalid argument type " + q(t) + " to unary expression");
                    return ERROR;
                }
                CType p = promoteOperand(e.operand, t);
                convert(e.operand, p);
                return p;
            }
            case NOT -> {
                CType t = rvalue(e.operand);
                warnAlwaysTrue(e.operand);
                if (!t.isScalar()) {
                    error(e.loc(), "invalid argument type " + q(t) + " to unary expression");
                }
                return IntegerType.INT;
            }
            default -> { // ++ and --
                CType t = check(e.operand);
                if (!checkModifiable(e.operand, e.loc())) return t.unqualified();
                CType u = t.unqualified();
                if (!u.isScalar()) {
                    error(e.loc(), "cannot " + (e.op == Expr.UnaryOp.PRE_INC || e.op == Expr.UnaryOp.POST_INC
                            ? "increment" : "decrement") + " value of type " + q(t));
                }
                return u;
            }
        }
    }

    /** clang's -Wpointer-bool-conversion for a (non-weak) function used as a truth value. */
    void warnAlwaysTrue(Expr e) {
        if (e instanceof Expr.Ident id && sema.model.symbolOf(id) instanceof FunctionSymbol f && !f.attributes.weak) {
            sema.warning("-Wpointer-bool-conversion", e.loc(), "address of function '" + f.name()
                    + "' will always evaluate to 'true'");
        }
    }

    /** Integer promotion, bit-fields included. */
    private CType promoteOperand(Expr e, CType t) {
        Field bf = bitfieldOf(e);
        if (bf != null) return TypeRelations.promoteBitfield(bf.type, bf.bitWidth);
        return TypeRelations.promote(t);
    }

    private boolean isNullPointerConstant(Expr e) {
        CType t = e.type;
        if (t == null) return false;
        if (t.isInteger() || (t.isPointer() && t.asPointer().pointee().unqualified() instanceof VoidType
                && e instanceof Expr.Cast)) {
            ConstValue v = sema.consts.evaluate(e);
            return v != null && v.isZero() && (v.isInteger() || v.base() == null);
        }
        return false;
    }

    @Override
    public CType visitBinary(Expr.Binary e) {
        if (e.op == Expr.BinaryOp.COMMA) {
            rvalue(e.lhs);
            return rvalue(e.rhs);
        }
        CType l = rvalue(e.lhs);
        CType r = rvalue(e.rhs);
        return binaryType(e.op, e.lhs, l, e.rhs, r, e.loc(), false);
    }

    /**
     * The result type of {@code lhs op rhs} (operands already checked and decayed), recording operand conversions.
     * {@code compound}: for {@code lhs op= rhs}, where the left operand's conversion is not recorded on the target.
     */
    private CType binaryType(Expr.BinaryOp op, Expr lhs, CType l, Expr rhs, CType r, SourceLocation at,
                             boolean compound) {
        switch (op) {
            case MUL, DIV -> {
                if (!l.isArithmetic() || !r.isArithmetic()) return invalidOperands(at, l, r);
                return arithmetic(lhs, l, rhs, r, compound);
            }
            case MOD, BIT_AND, BIT_OR, BIT_XOR -> {
                if (!l.isInteger() || !r.isInteger()) return invalidOperands(at, l, r);
                return arithmetic(lhs, l, rhs, r, compound);
            }
            case SHL, SHR -> {
                if (!l.isInteger() || !r.isInteger()) return invalidOperands(at, l, r);
                CType lp = promoteOperand(lhs, l);
                CType rp = promoteOperand(rhs, r);
                if (!compound) convert(lhs, lp);
                convert(rhs, rp);
                return lp;
            }
            case ADD -> {
                if (l.isArithmetic() && r.isArithmetic()) return arithmetic(lhs, l, rhs, r, compound);
                if (l.isPointer() && r.isInteger()) return pointerArithmetic(l, at);
                if (l.isInteger() && r.isPointer() && !compound) return pointerArithmetic(r, at);
                return invalidOperands(at, l, r);
            }
            case SUB -> {
                if (l.isArithmetic() && r.isArithmetic()) return arithmetic(lhs, l, rhs, r, compound);
                if (l.isPointer() && r.isInteger()) return pointerArithmetic(l, at);
                if (l.isPointer() && r.isPointer() && !compound) {
                    CType lp = l.asPointer().pointee(), rp = r.asPointer().pointee();
                    if (differentSpaces(lp, rp)) return nonOverlappingSpaces(at, "arithmetic operation with operands", l, r);
                    if (!TypeRelations.compatibleUnqualified(lp, rp)) {
                        error(at, "'" + TypePrinter.print(l) + "' and '" + TypePrinter.print(r)
                                + "' are not pointers to compatible types");
                    }
                    return IntegerType.LONG;
                }
                return invalidOperands(at, l, r);
            }
            case LT, GT, LE, GE, EQ, NE -> {
                if (l.isArithmetic() && r.isArithmetic()) {
                    arithmetic(lhs, l, rhs, r, false);
                    return IntegerType.INT;
                }
                if (l.isPointer() && r.isPointer()) return IntegerType.INT;
                if (l.isPointer() && r.isInteger() || l.isInteger() && r.isPointer()) {
                    Expr intSide = l.isInteger() ? lhs : rhs;
                    if (!isNullPointerConstant(intSide)) {
                        sema.diags.warning(at, (op == Expr.BinaryOp.EQ || op == Expr.BinaryOp.NE
                                ? "comparison between pointer and integer (" : "ordered comparison between pointer "
                                + "and integer (") + q(l).replace("'", "'") + " and " + q(r) + ")");
                    }
                    convert(intSide, l.isPointer() ? l : r);
                    return IntegerType.INT;
                }
                return invalidOperands(at, l, r);
            }
            case LOG_AND, LOG_OR -> {
                if (!l.isScalar() || !r.isScalar()) return invalidOperands(at, l, r);
                warnAlwaysTrue(lhs);
                warnAlwaysTrue(rhs);
                return IntegerType.INT;
            }
            default -> {
                return invalidOperands(at, l, r);
            }
        }
    }

    private CType arithmetic(Expr lhs, CType l, Expr rhs, CType r, boolean compound) {
        CType lp = promoteOperand(lhs, l);
        CType rp = promoteOperand(rhs, r);
        CType common = TypeRelations.usualArithmetic(lp, rp);
        if (!compound) convert(lhs, common);
        convert(rhs, common);
        return common;
    }

    private CType pointerArithmetic(CType p, SourceLocation at) {
        CType pointee = p.asPointer().pointee();
        if (!pointee.isComplete() && !pointee.isVoid() && !pointee.isFunction()) {
            error(at, "arithmetic on a pointer to an incomplete type " + q(pointee));
        }
        return p;
    }

    private CType invalidOperands(SourceLocation at, CType l, CType r) {
        error(at, "invalid operands to binary expression (" + q(l) + " and " + q(r) + ")");
        return ERROR;
    }

    @Override
    public CType visitAssign(Expr.Assign e) {
        CType t = check(e.target);
        CType v = rvalue(e.value);
        boolean ok = checkModifiable(e.target, e.loc());
        if (e.op == null) {
            if (ok) assignment(t.unqualified(), e.value, v, AssignContext.ASSIGN, e.loc(), null);
            return t.unqualified();
        }
        CType tu = t.unqualified();
        CType result = binaryType(e.op, e.target, tu, e.value, v, e.loc(), true);
        if (tu.isPointer() && (e.op == Expr.BinaryOp.ADD || e.op == Expr.BinaryOp.SUB)) return tu;
        return tu;
    }

    /** Whether two pointees are in different address spaces (0 generic, 1 the BPF arena, ...). */
    private static boolean differentSpaces(CType a, CType b) {
        return QualifiedType.addressSpaceOf(a) != QualifiedType.addressSpaceOf(b);
    }

    /** clang's error for two pointers into different address spaces where one type must serve both. */
    private CType nonOverlappingSpaces(SourceLocation at, String what, CType a, CType b) {
        error(at, what + " of type  (" + q(a) + " and " + q(b) + ") which are pointers to non-overlapping address spaces");
        return ERROR;
    }

    /** Where a value is converted as if by assignment, for clang's wording of the diagnostic. */
    enum AssignContext { ASSIGN, INIT, ARGUMENT, RETURN }

    private String phrase(AssignContext ctx, CType to, CType from, String function) {
        return switch (ctx) {
            case ASSIGN -> "assigning to " + q(to) + " from " + q(from);
            case INIT -> "initializing " + q(to) + " with an expression of type " + q(from);
            case ARGUMENT -> "passing " + q(from) + " to parameter of type " + q(to);
            case RETURN -> "returning " + q(from) + " from a function with result type " + q(to);
        };
    }

    private String incompatiblePhrase(AssignContext ctx, CType to, CType from) {
        return switch (ctx) {
            case ASSIGN -> "assigning to " + q(to) + " from incompatible type " + q(from);
            case INIT -> "initializing " + q(to) + " with an expression of incompatible type " + q(from);
            case ARGUMENT -> "passing " + q(from) + " to parameter of incompatible type " + q(to);
            case RETURN -> "returning " + q(from) + " from a function with incompatible result type " + q(to);
        };
    }

    /**
     * Checks that {@code value} (already checked; {@code from} is its decayed type) can be converted to {@code to}
     * as by assignment (C11 6.5.16.1) and records the conversion.
     */
    void assignment(CType to, Expr value, CType from, AssignContext ctx, SourceLocation at, String function) {
        if (from == ERROR || to == ERROR) return;
        CType t = to.unqualified();
        CType f = from.unqualified();
        if (t.isArithmetic() && f.isArithmetic()) {
            convert(value, t);
            return;
        }
        if (t instanceof RecordType && f == t) return;
        if (t.isPointer()) {
            if (f.isPointer()) {
                CType tp = t.asPointer().pointee(), fp = f.asPointer().pointee();
                if (differentSpaces(tp, fp) && !isNullPointerConstant(value)) {
                    // clang refuses an implicit conversion between address spaces: only a cast may convert.
                    String what = ctx == AssignContext.ASSIGN ? "assigning " + q(from) + " to " + q(to)
                            : phrase(ctx, to, from, function);
                    error(at, what + " changes address space of pointer");
                    return;
                }
                boolean voidSide = tp.isVoid() || fp.isVoid();
                boolean compat = voidSide || TypeRelations.compatibleUnqualified(tp, fp);
                if (!compat) {
                    boolean signOnly = tp.isInteger() && fp.isInteger() && tp.size() == fp.size();
                    if (signOnly) {
                        sema.warning("-Wpointer-sign", at, phrase(ctx, to, from, function)
                                + " converts between pointers to integer types with different sign");
                    } else {
                        sema.errorUnlessIgnored("-Wincompatible-pointer-types", at,
                                "incompatible pointer types " + phrase(ctx, to, from, function));
                    }
                } else if ((fp.qualifiers() & ~tp.qualifiers() & (QualifiedType.CONST | QualifiedType.VOLATILE)) != 0) {
                    sema.warning("-Wincompatible-pointer-types-discards-qualifiers", at,
                            phrase(ctx, to, from, function) + " discards qualifiers");
                }
                convert(value, t);
                return;
            }
            if (f.isInteger()) {
                if (isNullPointerConstant(value)) {
                    convert(value, t);
                    return;
                }
                String hint = isLvalue(value) && TypeRelations.compatibleUnqualified(t.asPointer().pointee(), value.type)
                        ? "; take the address with &" : "";
                sema.errorUnlessIgnored("-Wint-conversion", at,
                        "incompatible integer to pointer conversion " + phrase(ctx, to, from, function) + hint);
                return;
            }
        }
        if (t.isBool() && f.isPointer()) {
            convert(value, t);
            return;
        }
        if (t.isInteger() && f.isPointer()) {
            String hint = TypeRelations.compatibleUnqualified(f.asPointer().pointee(), t) ? "; dereference with *" : "";
            sema.errorUnlessIgnored("-Wint-conversion", at,
                    "incompatible pointer to integer conversion " + phrase(ctx, to, from, function) + hint);
            return;
        }
        error(at, incompatiblePhrase(ctx, to, from));
    }

    @Override
    public CType visitConditional(Expr.Conditional e) {
        CType c = rvalue(e.cond);
        if (!c.isScalar()) error(e.cond.loc(), "used type " + q(c) + " where arithmetic or pointer type is required");
        CType a = e.then == null ? c : rvalue(e.then);
        Expr thenExpr = e.then == null ? e.cond : e.then;
        CType b = rvalue(e.otherwise);
        if (a.isArithmetic() && b.isArithmetic()) {
            CType common = TypeRelations.usualArithmetic(a, b);
            if (e.then != null) convert(e.then, common);
            convert(e.otherwise, common);
            return common;
        }
        if (a.isVoid() && b.isVoid()) return VoidType.VOID;
        if (a instanceof RecordType && a == b) return a;
        if (a.isPointer() && b.isPointer()) {
            // With a null pointer constant on one side the result has the other side's type (C11 6.5.15p6):
            // `p ? p : NULL` of an arena pointer p stays an arena pointer.
            if (isNullPointerConstant(e.otherwise) && !isNullPointerConstant(thenExpr)) {
                convert(e.otherwise, a);
                return a;
            }
            if (isNullPointerConstant(thenExpr) && !isNullPointerConstant(e.otherwise)) {
                convert(thenExpr, b);
                return b;
            }
            CType ap = a.asPointer().pointee(), bp = b.asPointer().pointee();
            if (differentSpaces(ap, bp)) return nonOverlappingSpaces(e.loc(), "conditional operator with the second "
                    + "and third operands", a, b);
            int quals = ap.qualifiers() | bp.qualifiers();
            int space = QualifiedType.addressSpaceOf(ap);
            if (ap.isVoid() || bp.isVoid()) return PointerType.to(QualifiedType.of(VoidType.VOID, quals, space));
            if (TypeRelations.compatibleUnqualified(ap, bp)) {
                return PointerType.to(QualifiedType.of(TypeRelations.composite(ap, bp).unqualified(), quals, space));
            }
            sema.diags.warning(e.loc(), "pointer type mismatch (" + q(a) + " and " + q(b) + ")");
            return PointerType.to(VoidType.VOID);
        }
        if (a.isPointer() && b.isInteger() && isNullPointerConstant(e.otherwise)) {
            convert(e.otherwise, a);
            return a;
        }
        if (b.isPointer() && a.isInteger() && isNullPointerConstant(thenExpr)) {
            convert(thenExpr, b);
            return b;
        }
        if (a.isPointer() && b.isInteger() || a.isInteger() && b.isPointer()) {
            sema.diags.warning(e.loc(), "pointer/integer type mismatch in conditional expression (" + q(a) + " and "
                    + q(b) + ")");
            return a.isPointer() ? a : b;
        }
        error(e.loc(), "incompatible operand types (" + q(a) + " and " + q(b) + ")");
        return ERROR;
    }

    @Override
    public CType visitCast(Expr.Cast e) {
        CType to = sema.types.typeName(e.typeName);
        CType from = rvalue(e.operand);
        CType t = to.unqualified();
        if (t.isVoid()) return to;
        if (!t.isScalar()) {
            if (t instanceof RecordType && from == t) return t; // GNU: a cast to the same struct type
            error(e.loc(), "used type " + q(to) + " where arithmetic or pointer type is required");
            return ERROR;
        }
        if (!from.isScalar()) {
            error(e.loc(), "operand of type " + q(from) + " where arithmetic or pointer type is required");
            return t;
        }
        if (t.isPointer() && from.isFloating() || t.isFloating() && from.isPointer()) {
            error(e.loc(), "operand of type " + q(from) + " cannot be cast to a pointer type");
        }
        return t;
    }

    @Override
    public CType visitCompoundLiteral(Expr.CompoundLiteral e) {
        CType t = sema.types.typeName(e.typeName);
        t = sema.inits.check(e, t, e.init, !sema.inFunction());
        return t;
    }

    @Override
    public CType visitSizeofExpr(Expr.SizeofExpr e) {
        CType t = checkUnevaluated(e.operand);
        if (bitfieldOf(e.operand) != null) {
            error(e.loc(), "invalid application of 'sizeof' to bit-field");
            return IntegerType.ULONG;
        }
        sizeConstant(e, t, true);
        return IntegerType.ULONG;
    }

    @Override
    public CType visitSizeofType(Expr.SizeofType e) {
        CType t = sema.types.typeName(e.typeName);
        sizeConstant(e, t, true);
        return IntegerType.ULONG;
    }

    @Override
    public CType visitAlignofExpr(Expr.AlignofExpr e) {
        CType t = checkUnevaluated(e.operand);
        sizeConstant(e, t, false);
        return IntegerType.ULONG;
    }

    @Override
    public CType visitAlignofType(Expr.AlignofType e) {
        CType t = sema.types.typeName(e.typeName);
        sizeConstant(e, t, false);
        return IntegerType.ULONG;
    }

    private void sizeConstant(Expr e, CType t, boolean size) {
        String op = size ? "sizeof" : "alignof";
        if (t.isFunction() || t.isVoid()) {
            // GNU: sizeof(void) and sizeof(function) are 1 (clang warns under -Wpointer-arith).
            sema.model.constants.put(e, ConstValue.ofInteger(1, IntegerType.ULONG));
            return;
        }
        if (size && !t.isComplete()) {
            error(e.loc(), "invalid application of 'sizeof' to an incomplete type " + q(t));
            return;
        }
        sema.model.constants.put(e, ConstValue.ofInteger(size ? t.size() : t.align(), IntegerType.ULONG));
    }

    // ---- postfix ----

    @Override
    public CType visitCall(Expr.Call e) {
        if (e.callee instanceof Expr.Ident id && sema.scope.lookupOrdinary(id.name) == null) {
            Builtins.Builtin b = Builtins.lookup(id.name);
            if (b != null) {
                sema.model.builtins.put(e, b);
                sema.setType(id, b.type() != null ? b.type() : VoidType.VOID);
                return sema.builtinCalls.check(e, b);
            }
            if (Builtins.looksBuiltin(id.name)) {
                error(id.loc(), "builtin '" + id.name + "' is not supported yet");
                for (Expr a : e.args) rvalue(a);
                return IntegerType.INT;
            }
            error(id.loc(), "call to undeclared function '" + id.name + "'; ISO C99 and later do not support "
                    + "implicit function declarations");
            for (Expr a : e.args) rvalue(a);
            return IntegerType.INT;
        }
        CType ct = rvalue(e.callee);
        if (ct == ERROR) {
            for (Expr a : e.args) rvalue(a);
            return ERROR;
        }
        FunctionType f = ct.isPointer() ? ct.asPointer().pointee().asFunction() : null;
        if (f == null) {
            error(e.loc(), "called object type " + q(ct) + " is not a function or function pointer");
            for (Expr a : e.args) rvalue(a);
            return IntegerType.INT;
        }
        String fname = e.callee instanceof Expr.Ident id ? id.name : null;
        int n = f.params().size();
        if (f.prototyped() && (e.args.size() < n || (!f.variadic() && e.args.size() > n))) {
            boolean few = e.args.size() < n;
            error(few ? e.loc() : e.args.get(n).loc(), "too " + (few ? "few" : "many") + " arguments to function call, "
                    + (f.variadic() ? "at least argument count " : "expected ") + n + ", have " + e.args.size());
        }
        for (int i = 0; i < e.args.size(); i++) {
            Expr a = e.args.get(i);
            CType at = rvalue(a);
            if (f.prototyped() && i < n) {
                assignment(f.params().get(i).type(), a, at, AssignContext.ARGUMENT, a.loc(), fname);
            } else {
                // Default argument promotions for variadic and unprototyped arguments.
                if (at.isInteger()) convert(a, promoteOperand(a, at));
                else if (at == FloatType.FLOAT) convert(a, FloatType.DOUBLE);
            }
        }
        Builtins.Builtin library = fname == null ? null : Builtins.libraryBuiltin(fname);
        if (library != null && Builtins.takesConstantSize(library) && e.args.size() == 3) {
            sema.consts.evaluateConverted(e.args.get(2));
        }
        CType ret = f.returnType().unqualified();
        if (!ret.isVoid() && !ret.isComplete()) {
            error(e.loc(), "calling function with incomplete return type " + q(ret));
        }
        return ret;
    }

    @Override
    public CType visitIndex(Expr.Index e) {
        CType b = rvalue(e.base);
        CType i = rvalue(e.index);
        if (b == ERROR || i == ERROR) return ERROR;
        CType ptr, idx;
        Expr idxExpr;
        if (b.isPointer()) {
            ptr = b;
            idx = i;
            idxExpr = e.index;
        } else if (i.isPointer()) {
            ptr = i;
            idx = b;
            idxExpr = e.base;
        } else {
            error(e.loc(), "subscripted value is not an array, pointer, or vector");
            return ERROR;
        }
        if (!idx.isInteger()) {
            error(idxExpr.loc(), "array subscript is not an integer");
            return ERROR;
        }
        sema.consts.evaluateConverted(idxExpr); // records a constant index for CO-RE access strings
        CType elem = ptr.asPointer().pointee();
        if (!elem.isComplete()) {
            error(e.loc(), "subscript of pointer to incomplete type " + q(elem));
        }
        return elem;
    }

    @Override
    public CType visitMember(Expr.Member e) {
        CType bt = e.arrow ? rvalue(e.base) : check(e.base);
        if (bt == ERROR) return ERROR;
        CType recType;
        int baseQuals;
        if (e.arrow) {
            if (!bt.isPointer()) {
                if (bt.isRecord()) {
                    error(e.memberLoc, "member reference type " + q(bt) + " is not a pointer; did you mean to use '.'?");
                } else {
                    error(e.memberLoc, "member reference type " + q(bt) + " is not a pointer");
                }
                return IntegerType.INT;
            }
            recType = bt.asPointer().pointee();
            baseQuals = recType.qualifiers();
        } else {
            recType = bt;
            baseQuals = bt.qualifiers();
            if (bt.isPointer() && bt.asPointer().pointee().isRecord()) {
                error(e.memberLoc, "member reference type " + q(bt) + " is a pointer; did you mean to use '->'?");
                return IntegerType.INT;
            }
        }
        RecordType r = recType.asRecord();
        if (r == null) {
            error(e.memberLoc, "member reference base type " + q(recType) + " is not a structure or union");
            return ERROR;
        }
        if (!r.isComplete()) {
            error(e.memberLoc, "incomplete definition of type " + q(recType));
            return ERROR;
        }
        List<Integer> path = r.lookupPath(e.member);
        if (path == null) {
            error(e.memberLoc, "no member named '" + e.member + "' in " + q(TypeResolver.stripQualifiers(recType)));
            return ERROR;
        }
        RecordType cur = r;
        Field field = null;
        long bitOffset = 0;
        for (int idx : path) {
            field = cur.fields().get(idx);
            bitOffset += field.bitOffset();
            if (field.isAnonymousRecord()) {
                baseQuals |= field.type.qualifiers();
                cur = field.type.asRecord();
            }
        }
        sema.model.members.put(e, new MemberAccess(r, path, field, bitOffset));
        CType memberType = field.type.withQualifiers(baseQuals & ~field.type.qualifiers() & (QualifiedType.CONST | QualifiedType.VOLATILE));
        // A member of an object in an address space is in that space too (&n->v of an arena node is an arena pointer).
        int space = QualifiedType.addressSpaceOf(recType);
        if (space != 0 && QualifiedType.addressSpaceOf(memberType) == 0) memberType = QualifiedType.of(memberType, 0, space);
        return memberType;
    }

    // ---- GNU and C11 extras ----

    @Override
    public CType visitStmtExpr(Expr.StmtExpr e) {
        return sema.stmts.statementExpression(e.body);
    }

    @Override
    public CType visitGeneric(Expr.Generic e) {
        CType ct = checkUnevaluated(e.control);
        CType controlType = decayed(ct);
        Expr pick = null, deflt = null;
        for (Expr.Generic.Association a : e.associations) {
            if (a.type() == null) {
                deflt = a.value();
                continue;
            }
            CType at = sema.types.typeName(a.type());
            if (pick == null && TypeRelations.compatible(controlType, at)) pick = a.value();
        }
        if (pick == null) pick = deflt;
        for (Expr.Generic.Association a : e.associations) {
            if (a.value() == pick) check(a.value());
            else checkUnevaluated(a.value());
        }
        if (pick == null) {
            error(e.control.loc(), "controlling expression type " + q(controlType)
                    + " not compatible with any generic association type");
            return ERROR;
        }
        sema.model.chosen.put(e, pick);
        return pick.type;
    }

    private static CType decayed(CType t) {
        CType u = t.unqualified();
        if (u instanceof ArrayType a) return PointerType.to(a.element());
        if (u instanceof FunctionType) return PointerType.to(t);
        return TypeResolver.stripQualifiers(t);
    }

    @Override
    public CType visitVaArg(Expr.VaArg e) {
        rvalue(e.list);
        return sema.types.typeName(e.typeName);
    }

    @Override
    public CType visitOffsetOf(Expr.OffsetOf e) {
        CType t = sema.types.typeName(e.typeName);
        Long off = sema.consts.offsetOf(t, e.path, e);
        if (off != null) sema.model.constants.put(e, ConstValue.ofInteger(off, IntegerType.ULONG));
        return IntegerType.ULONG;
    }

    @Override
    public CType visitChooseExpr(Expr.ChooseExpr e) {
        BigInteger c = integerConstant(e.cond, "__builtin_choose_expr condition");
        Expr pick = c == null || c.signum() != 0 ? e.then : e.otherwise;
        Expr other = pick == e.then ? e.otherwise : e.then;
        CType t = check(pick);
        checkUnevaluated(other);
        sema.model.chosen.put(e, pick);
        return t;
    }

    @Override
    public CType visitTypesCompatible(Expr.TypesCompatible e) {
        CType a = sema.types.typeName(e.first);
        CType b = sema.types.typeName(e.second);
        boolean same = TypeRelations.compatible(TypeResolver.stripQualifiers(a).unqualified(),
                TypeResolver.stripQualifiers(b).unqualified());
        sema.model.constants.put(e, ConstValue.ofInteger(same ? 1 : 0, IntegerType.INT));
        return IntegerType.INT;
    }

    @Override
    public CType visitLabelAddress(Expr.LabelAddress e) {
        sema.stmts.labelUsed(e.label, e.loc());
        return PointerType.to(VoidType.VOID);
    }

    /** Whether a statement list ends with an expression statement (the value of a statement expression). */
    static Expr lastValue(Stmt.Compound body) {
        if (body.items().isEmpty()) return null;
        Stmt last = body.items().get(body.items().size() - 1);
        return last instanceof Stmt.ExprStmt es ? es.expr() : null;
    }

    /** An enumerator's type for _Generic and diagnostics: the enum type for values not fitting int. */
    static boolean isEnum(CType t) { return t.unqualified() instanceof EnumType; }

    /** Argument list helper for builtins: checks each argument as a value. */
    List<CType> rvalues(List<Expr> args) {
        List<CType> out = new ArrayList<>();
        for (Expr a : args) out.add(rvalue(a));
        return out;
    }
}
