package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.types.CType;

/**
 * Whether a constant the evaluator folded is an integer constant expression in C's sense, or only foldable: C11
 * 6.6p6 lets an integer constant expression cast arithmetic types only, so an address turned into an integer is
 * not one, though clang folds it as a GNU extension. That is offsetof written without the builtin:
 * <pre>
 *   int a[(unsigned long)&((struct s *)0)->m];          a cast of a pointer to an integer
 *   int b[(char *)&((struct s *)0)->m - (char *)0];      a difference of two pointers
 * </pre>
 * clang-22 accepts both; by default it warns only for an array that may not be variable length ("variable length
 * array folded to constant array as an extension", {@code -Wgnu-folding-constant}); its other warnings about such
 * folding (case labels, enumerators, _Static_assert, bit-field widths) come with {@code -pedantic} only.
 * The walk only reports what it is sure of: it does not look into the arms of {@code ?:}, {@code _Generic} or
 * {@code __builtin_choose_expr}, nor into the operands of sizeof, _Alignof and offsetof, which are not evaluated.
 */
final class FoldedConstant {
    private FoldedConstant() {}

    /** The subexpression that turns an address into an integer in e (checked, so typed), or null. */
    static Expr addressToInteger(Expr e) {
        if (e instanceof Expr.Cast c) {
            if (isAddress(c.operand.type) && c.type != null && c.type.isInteger()) return c;
            return addressToInteger(c.operand);
        }
        if (e instanceof Expr.Binary b) {
            if (b.op == Expr.BinaryOp.SUB && isAddress(b.lhs.type) && isAddress(b.rhs.type)) return b;
            Expr l = addressToInteger(b.lhs);
            return l != null ? l : addressToInteger(b.rhs);
        }
        if (e instanceof Expr.Unary u) return addressToInteger(u.operand);
        return null;
    }

    private static boolean isAddress(CType t) {
        return t != null && (t.isPointer() || t.isArray());
    }
}
