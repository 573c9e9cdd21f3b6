package dev.jbpfc.frontend.parse;

import dev.jbpfc.frontend.lex.Token;

/**
 * clang's {@code -fbracket-depth=N}: no more than N parentheses, N square brackets or N braces open at once (each
 * kind counted on its own, as clang counts them). Deeper input is refused with a fatal error at the bracket that
 * goes one past the limit, before the parser's recursion could follow it: {@code ((((...(a)...))))} 50,000 deep
 * is a diagnostic, not a stack overflow (clang-22 itself crashes there before its own limit, 2048, is reached).
 *
 * <p>One scan over the token array, before parsing. It also finds where the top-level declaration that holds
 * the offending bracket begins (the last point before it where nothing was open and a {@code ;} or {@code }}
 * had just closed a declaration), so the parser reports the errors of the declarations before it first, in the
 * order clang would.
 */
final class BracketDepth {
    /** clang-22's default (measured: {@code clang-22 --target=bpf -fsyntax-only} refuses the 2049th brace). */
    static final int DEFAULT_MAX = 2048;

    /** The index of the first bracket one past the limit, or -1; the index its declaration starts at. */
    record Violation(int index, int declarationStart) {}

    /**
     * Open {@code ?}s (a {@code ?} not yet matched by a {@code :}) count as brackets too, under a message of our
     * own: clang has no such limit, but {@code a ? a ? ... 1 : 0 ...} 20,000 deep kept the grammar's prediction
     * busy for many minutes (and crashes clang-22 at 50,000). An else-if chain {@code a ? 1 : b ? 2 : ...} keeps
     * one open at a time and is not limited.
     */
    static boolean isConditional(CTokenStream stream, Violation v) {
        return stream.peekLexToken(v.index()).text.equals("?");
    }

    private BracketDepth() {}

    static Violation scan(CTokenStream stream, int max) {
        if (max <= 0) return null;
        int parens = 0, squares = 0, braces = 0, questions = 0;
        int declarationStart = 0;
        for (int i = 0, n = stream.tokenCount(); i < n; i++) {
            Token t = stream.peekLexToken(i);
            if (t.kind != Token.Kind.PUNCT || t.text.length() != 1) continue;
            switch (t.text.charAt(0)) {
                case '(' -> { if (++parens > max) return new Violation(i, declarationStart); }
                case '[' -> { if (++squares > max) return new Violation(i, declarationStart); }
                case '{' -> { if (++braces > max) return new Violation(i, declarationStart); }
                case '?' -> { if (++questions > max) return new Violation(i, declarationStart); }
                case ':' -> { if (questions > 0) questions--; }
                case ')' -> { if (parens > 0) parens--; }
                case ']' -> { if (squares > 0) squares--; }
                case '}' -> {
                    if (braces > 0) braces--;
                    if (braces == 0 && parens == 0 && squares == 0) declarationStart = i + 1;
                }
                case ';' -> {
                    questions = 0;
                    if (braces == 0 && parens == 0 && squares == 0) declarationStart = i + 1;
                }
                default -> { }
            }
        }
        return null;
    }
}
