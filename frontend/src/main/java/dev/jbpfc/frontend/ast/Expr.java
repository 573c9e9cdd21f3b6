package dev.jbpfc.frontend.ast;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.source.SourceLocation;

import java.util.List;

/**
 * Expressions. Each kind is a final nested class with public final fields; {@link #type} is the one mutable
 * field, left null by the parser and set by sema. Parentheses and {@code __extension__} leave no node.
 */
public abstract sealed class Expr implements Initializer {
    private final SourceLocation loc;
    /** The expression's type, filled in by sema (null until then). */
    public CType type;

    private Expr(SourceLocation loc) { this.loc = loc; }

    @Override
    public final SourceLocation loc() { return loc; }

    public abstract <R> R accept(Visitor<R> v);

    public interface Visitor<R> {
        R visitIdent(Ident e);
        R visitIntLiteral(IntLiteral e);
        R visitFloatLiteral(FloatLiteral e);
        R visitCharLiteral(CharLiteral e);
        R visitStringLiteral(StringLiteral e);
        R visitUnary(Unary e);
        R visitBinary(Binary e);
        R visitAssign(Assign e);
        R visitConditional(Conditional e);
        R visitCast(Cast e);
        R visitCompoundLiteral(CompoundLiteral e);
        R visitSizeofExpr(SizeofExpr e);
        R visitSizeofType(SizeofType e);
        R visitAlignofExpr(AlignofExpr e);
        R visitAlignofType(AlignofType e);
        R visitCall(Call e);
        R visitIndex(Index e);
        R visitMember(Member e);
        R visitStmtExpr(StmtExpr e);
        R visitGeneric(Generic e);
        R visitVaArg(VaArg e);
        R visitOffsetOf(OffsetOf e);
        R visitChooseExpr(ChooseExpr e);
        R visitTypesCompatible(TypesCompatible e);
        R visitLabelAddress(LabelAddress e);
    }

    public enum UnaryOp {
        PLUS("+"), MINUS("-"), NOT("!"), BIT_NOT("~"), DEREF("*"), ADDRESS_OF("&"),
        PRE_INC("++"), PRE_DEC("--"), POST_INC("++"), POST_DEC("--");
        public final String spelling;
        UnaryOp(String spelling) { this.spelling = spelling; }
        public boolean isPostfix() { return this == POST_INC || this == POST_DEC; }
    }

    /** Binary operators, with C's precedence (higher binds tighter; comma is lowest). */
    public enum BinaryOp {
        MUL("*", 10), DIV("/", 10), MOD("%", 10), ADD("+", 9), SUB("-", 9), SHL("<<", 8), SHR(">>", 8),
        LT("<", 7), GT(">", 7), LE("<=", 7), GE(">=", 7), EQ("==", 6), NE("!=", 6), BIT_AND("&", 5),
        BIT_XOR("^", 4), BIT_OR("|", 3), LOG_AND("&&", 2), LOG_OR("||", 1), COMMA(",", 0);
        public final String spelling;
        public final int precedence;
        BinaryOp(String spelling, int precedence) { this.spelling = spelling; this.precedence = precedence; }

        public boolean isComparison() { return precedence == 7 || precedence == 6; }

        public boolean isLogical() { return this == LOG_AND || this == LOG_OR; }
    }

    // ---- leaves ----

    /** A use of a name (variable, function, enumerator). */
    public static final class Ident extends Expr {
        public final String name;
        public Ident(String name, SourceLocation loc) { super(loc); this.name = name; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitIdent(this); }
    }

    /** An integer constant as spelled: {@code 0x1fULL}. */
    public static final class IntLiteral extends Expr {
        public final String spelling;
        public IntLiteral(String spelling, SourceLocation loc) { super(loc); this.spelling = spelling; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitIntLiteral(this); }
    }

    /** A floating constant as spelled: {@code 1.5e3f}. */
    public static final class FloatLiteral extends Expr {
        public final String spelling;
        public FloatLiteral(String spelling, SourceLocation loc) { super(loc); this.spelling = spelling; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitFloatLiteral(this); }
    }

    /** A character constant as spelled, prefix and quotes included: {@code L'\n'}. */
    public static final class CharLiteral extends Expr {
        public final String spelling;
        public CharLiteral(String spelling, SourceLocation loc) { super(loc); this.spelling = spelling; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitCharLiteral(this); }
    }

    /** Adjacent string literals, each as spelled ({@code "a" "b"} is two pieces); sema concatenates. */
    public static final class StringLiteral extends Expr {
        public final List<String> pieces;
        public StringLiteral(List<String> pieces, SourceLocation loc) { super(loc); this.pieces = pieces; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitStringLiteral(this); }
    }

    // ---- operators ----

    public static final class Unary extends Expr {
        public final UnaryOp op;
        public final Expr operand;
        public Unary(UnaryOp op, Expr operand, SourceLocation loc) { super(loc); this.op = op; this.operand = operand; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitUnary(this); }
    }

    /** A binary operator, including {@code &&}, {@code ||} and the comma operator. */
    public static final class Binary extends Expr {
        public final BinaryOp op;
        public final Expr lhs, rhs;
        public Binary(BinaryOp op, Expr lhs, Expr rhs, SourceLocation loc) {
            super(loc); this.op = op; this.lhs = lhs; this.rhs = rhs;
        }
        @Override public <R> R accept(Visitor<R> v) { return v.visitBinary(this); }
    }

    /** {@code target = value}, or {@code target op= value} when {@code op} is non-null. */
    public static final class Assign extends Expr {
        public final BinaryOp op;
        public final Expr target, value;
        public Assign(BinaryOp op, Expr target, Expr value, SourceLocation loc) {
            super(loc); this.op = op; this.target = target; this.value = value;
        }
        @Override public <R> R accept(Visitor<R> v) { return v.visitAssign(this); }
    }

    /** {@code cond ? then : otherwise}; {@code then} is null for GNU's {@code cond ?: otherwise}. */
    public static final class Conditional extends Expr {
        public final Expr cond, then, otherwise;
        public Conditional(Expr cond, Expr then, Expr otherwise, SourceLocation loc) {
            super(loc); this.cond = cond; this.then = then; this.otherwise = otherwise;
        }
        @Override public <R> R accept(Visitor<R> v) { return v.visitConditional(this); }
    }

    public static final class Cast extends Expr {
        public final TypeName typeName;
        public final Expr operand;
        public Cast(TypeName typeName, Expr operand, SourceLocation loc) {
            super(loc); this.typeName = typeName; this.operand = operand;
        }
        @Override public <R> R accept(Visitor<R> v) { return v.visitCast(this); }
    }

    /** {@code (type){ ... }} */
    public static final class CompoundLiteral extends Expr {
        public final TypeName typeName;
        public final InitList init;
        public CompoundLiteral(TypeName typeName, InitList init, SourceLocation loc) {
            super(loc); this.typeName = typeName; this.init = init;
        }
        @Override public <R> R accept(Visitor<R> v) { return v.visitCompoundLiteral(this); }
    }

    public static final class SizeofExpr extends Expr {
        public final Expr operand;
        public SizeofExpr(Expr operand, SourceLocation loc) { super(loc); this.operand = operand; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitSizeofExpr(this); }
    }

    public static final class SizeofType extends Expr {
        public final TypeName typeName;
        public SizeofType(TypeName typeName, SourceLocation loc) { super(loc); this.typeName = typeName; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitSizeofType(this); }
    }

    /** GNU {@code __alignof__ expr}. */
    public static final class AlignofExpr extends Expr {
        public final Expr operand;
        public AlignofExpr(Expr operand, SourceLocation loc) { super(loc); this.operand = operand; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitAlignofExpr(this); }
    }

    public static final class AlignofType extends Expr {
        public final TypeName typeName;
        public AlignofType(TypeName typeName, SourceLocation loc) { super(loc); this.typeName = typeName; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitAlignofType(this); }
    }

    // ---- postfix ----

    /** A call; builtins such as {@code __builtin_preserve_access_index} are calls of an {@link Ident}. */
    public static final class Call extends Expr {
        public final Expr callee;
        public final List<Expr> args;
        public Call(Expr callee, List<Expr> args, SourceLocation loc) { super(loc); this.callee = callee; this.args = args; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitCall(this); }
    }

    /** {@code base[index]} */
    public static final class Index extends Expr {
        public final Expr base, index;
        public Index(Expr base, Expr index, SourceLocation loc) { super(loc); this.base = base; this.index = index; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitIndex(this); }
    }

    /** {@code base.member} or {@code base->member} ({@code arrow}). */
    public static final class Member extends Expr {
        public final Expr base;
        public final String member;
        public final boolean arrow;
        public final SourceLocation memberLoc;
        public Member(Expr base, String member, boolean arrow, SourceLocation memberLoc, SourceLocation loc) {
            super(loc); this.base = base; this.member = member; this.arrow = arrow; this.memberLoc = memberLoc;
        }
        @Override public <R> R accept(Visitor<R> v) { return v.visitMember(this); }
    }

    // ---- GNU and C11 extras ----

    /** {@code ({ ...; value; })} */
    public static final class StmtExpr extends Expr {
        public final Stmt.Compound body;
        public StmtExpr(Stmt.Compound body, SourceLocation loc) { super(loc); this.body = body; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitStmtExpr(this); }
    }

    /** {@code _Generic(control, type: expr, ..., default: expr)}; the default association has a null type. */
    public static final class Generic extends Expr {
        public record Association(TypeName type, Expr value, SourceLocation loc) implements Node {}
        public final Expr control;
        public final List<Association> associations;
        public Generic(Expr control, List<Association> associations, SourceLocation loc) {
            super(loc); this.control = control; this.associations = associations;
        }
        @Override public <R> R accept(Visitor<R> v) { return v.visitGeneric(this); }
    }

    /** {@code __builtin_va_arg(list, type)} */
    public static final class VaArg extends Expr {
        public final Expr list;
        public final TypeName typeName;
        public VaArg(Expr list, TypeName typeName, SourceLocation loc) { super(loc); this.list = list; this.typeName = typeName; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitVaArg(this); }
    }

    /**
     * {@code __builtin_offsetof(type, a.b[i].c)}: the path is a field designator for {@code a}, then field or index
     * designators.
     */
    public static final class OffsetOf extends Expr {
        public final TypeName typeName;
        public final List<InitList.Designator> path;
        public OffsetOf(TypeName typeName, List<InitList.Designator> path, SourceLocation loc) {
            super(loc); this.typeName = typeName; this.path = path;
        }
        @Override public <R> R accept(Visitor<R> v) { return v.visitOffsetOf(this); }
    }

    /** {@code __builtin_choose_expr(const, a, b)} */
    public static final class ChooseExpr extends Expr {
        public final Expr cond, then, otherwise;
        public ChooseExpr(Expr cond, Expr then, Expr otherwise, SourceLocation loc) {
            super(loc); this.cond = cond; this.then = then; this.otherwise = otherwise;
        }
        @Override public <R> R accept(Visitor<R> v) { return v.visitChooseExpr(this); }
    }

    /** {@code __builtin_types_compatible_p(t1, t2)} */
    public static final class TypesCompatible extends Expr {
        public final TypeName first, second;
        public TypesCompatible(TypeName first, TypeName second, SourceLocation loc) {
            super(loc); this.first = first; this.second = second;
        }
        @Override public <R> R accept(Visitor<R> v) { return v.visitTypesCompatible(this); }
    }

    /** GNU {@code &&label}. */
    public static final class LabelAddress extends Expr {
        public final String label;
        public LabelAddress(String label, SourceLocation loc) { super(loc); this.label = label; }
        @Override public <R> R accept(Visitor<R> v) { return v.visitLabelAddress(this); }
    }
}
