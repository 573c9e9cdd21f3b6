package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.source.SourceLocation;

/**
 * Finds where an expression ends in the source, for diagnostics that quote it ({@code static assertion failed due
 * to requirement 'sizeof(struct s) == 7'}). The AST keeps only each node's first location, so the end is the last
 * token of the rightmost sub-expression, extended over the closing parentheses and brackets that are still open.
 */
final class ExprExtent {
    private ExprExtent() {}

    /** The location of a token inside the expression's last sub-expression. */
    static SourceLocation lastTokenOf(Expr e) {
        while (true) {
            if (e instanceof Expr.Binary b) e = b.rhs;
            else if (e instanceof Expr.Assign a) e = a.value;
            else if (e instanceof Expr.Conditional c) e = c.otherwise;
            else if (e instanceof Expr.Unary u && !u.op.isPostfix()) e = u.operand;
            else if (e instanceof Expr.Cast c) e = c.operand;
            else return e.loc();
        }
    }

    /**
     * The end offset of the token at {@code offset}, then past any balanced groups and member accesses that follow
     * ({@code f(x)}, {@code a[i]}, {@code s.m}, {@code sizeof(T)}): scans forward while parentheses opened after the
     * start are unbalanced, and stops at a top-level operator, comma or unbalanced closer.
     */
    static int endOfTokenAt(String text, int offset) {
        int i = offset;
        int n = text.length();
        if (i >= n) return n;
        char c = text.charAt(i);
        if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
            while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '.'
                    || text.charAt(i) == '\'')) i++;
        } else if (c == '"' || c == '\'') {
            char q = c;
            i++;
            while (i < n && text.charAt(i) != q) i += text.charAt(i) == '\\' ? 2 : 1;
            i++;
        } else {
            i++;
        }
        // Postfix parts: calls, subscripts, member accesses, sizeof(...) operands.
        while (true) {
            int j = i;
            while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) j++;
            if (j < n && (text.charAt(j) == '(' || text.charAt(j) == '[')) {
                int depth = 0;
                while (j < n) {
                    char d = text.charAt(j);
                    if (d == '(' || d == '[') depth++;
                    else if (d == ')' || d == ']') {
                        depth--;
                        if (depth == 0) {
                            j++;
                            break;
                        }
                    }
                    j++;
                }
                i = j;
            } else if (j + 1 < n && (text.charAt(j) == '.' && Character.isJavaIdentifierStart(text.charAt(j + 1))
                    || text.startsWith("->", j))) {
                j += text.charAt(j) == '.' ? 1 : 2;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) j++;
                i = j;
            } else {
                return i;
            }
        }
    }
}
