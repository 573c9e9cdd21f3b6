package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.types.CType;

import java.util.StringJoiner;

/**
 * Prints a checked expression in C syntax, like clang's "due to requirement '...'" text, for conditions that came
 * out of macros (where the source text is scattered over the macro definitions). Binary operators get spaces,
 * {@code sizeof(T)} prints the resolved type.
 */
final class ExprPrinter {
    private final SemanticModel model;

    ExprPrinter(SemanticModel model) { this.model = model; }

    String print(Expr e) {
        if (e instanceof Expr.Ident id) return id.name;
        if (e instanceof Expr.IntLiteral l) return l.spelling;
        if (e instanceof Expr.FloatLiteral l) return l.spelling;
        if (e instanceof Expr.CharLiteral l) return l.spelling;
        if (e instanceof Expr.StringLiteral s) return String.join(" ", s.pieces);
        if (e instanceof Expr.Unary u) {
            return u.op.isPostfix() ? print(u.operand) + u.op.spelling : u.op.spelling + print(u.operand);
        }
        if (e instanceof Expr.Binary b) {
            String sep = b.op == Expr.BinaryOp.COMMA ? ", " : " " + b.op.spelling + " ";
            return paren(b.lhs, b.op.precedence) + sep + paren(b.rhs, b.op.precedence + 1);
        }
        if (e instanceof Expr.Assign a) {
            return print(a.target) + " " + (a.op == null ? "" : a.op.spelling) + "= " + print(a.value);
        }
        if (e instanceof Expr.Conditional c) {
            return print(c.cond) + " ? " + (c.then == null ? "" : print(c.then)) + " : " + print(c.otherwise);
        }
        if (e instanceof Expr.Cast c) return "(" + type(c.typeName) + ")" + print(c.operand);
        if (e instanceof Expr.SizeofType s) return "sizeof(" + type(s.typeName) + ")";
        if (e instanceof Expr.SizeofExpr s) return "sizeof (" + print(s.operand) + ")";
        if (e instanceof Expr.AlignofType s) return "_Alignof(" + type(s.typeName) + ")";
        if (e instanceof Expr.Call c) {
            StringJoiner args = new StringJoiner(", ", "(", ")");
            for (Expr a : c.args) args.add(print(a));
            return print(c.callee) + args;
        }
        if (e instanceof Expr.Index i) return print(i.base) + "[" + print(i.index) + "]";
        if (e instanceof Expr.Member m) return print(m.base) + (m.arrow ? "->" : ".") + m.member;
        return "<expr>";
    }

    private String paren(Expr e, int outer) {
        String s = print(e);
        if (e instanceof Expr.Binary b && b.op.precedence < outer) return "(" + s + ")";
        if (e instanceof Expr.Conditional || e instanceof Expr.Assign) return "(" + s + ")";
        return s;
    }

    private String type(Object typeName) {
        CType t = model.typeOf(typeName);
        return t == null ? "?" : t.spelling();
    }
}
