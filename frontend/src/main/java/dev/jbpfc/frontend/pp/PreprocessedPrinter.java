package dev.jbpfc.frontend.pp;

import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.lex.Token.Kind;
import dev.jbpfc.source.SourceFile;
import dev.jbpfc.source.SourceLocation;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Prints preprocessed tokens the way {@code clang -E} does: each token that starts a source line on the line it
 * came from (a macro's expansion on the line of its use), runs of up to 8 missing lines as blank lines and longer gaps or a change of
 * file as a line marker {@code # N "file"}, a token's indentation kept when it starts a line, one space where the
 * source had white space, a space added where two tokens would otherwise lex as one ({@code + +}), and each PRAGMA
 * token as a {@code #pragma} line of its own.
 */
public final class PreprocessedPrinter {
    private static final Set<String> GLUED = Set.of("++", "--", "->", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
            "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "##", "..", "/*", "//", "<:", ":>", "<%", "%>", "%:");

    private PreprocessedPrinter() {}

    public static void print(List<Token> tokens, Appendable out) throws IOException {
        print(tokens, out, f -> null);
    }

    /**
     * As {@link #print(List, Appendable)}, with the include relation ({@link Preprocessor#includerOf}) so that
     * line markers carry clang's flags: 1 when a file is entered, 2 when the output returns to an includer.
     */
    public static void print(List<Token> tokens, Appendable out, Function<SourceFile, SourceFile> includerOf)
            throws IOException {
        StringBuilder sb = new StringBuilder(1 << 16);
        SourceFile curFile = null;
        int curLine = 0;
        boolean atLineStart = true;
        Token prev = null;
        SourceFile lastFile = null;
        for (Token t : tokens) {
            if (t.kind == Kind.EOF) continue;
            SourceLocation loc = Preprocessor.expansionSite(t.location);
            if (t.kind == Kind.PRAGMA) {
                if (!atLineStart) sb.append('\n');
                sb.append("#pragma ").append(t.text).append('\n');
                atLineStart = true;
                prev = null;
                curFile = null; // the next token starts a new line with a line marker, as clang does
                continue;
            }
            SourceFile f = loc.file();
            int line = loc.line();
            if (f != curFile) {
                if (!atLineStart) sb.append('\n');
                // Flag 1: entering an included file; 2: returning to one of its includers.
                int flag = 0;
                if (curFile != null || lastFile != null) {
                    SourceFile from = curFile != null ? curFile : lastFile;
                    if (from != f) flag = isIncluderOf(f, from, includerOf) ? 2 : 1;
                } else if (includerOf.apply(f) != null) {
                    // The output starts inside a header: name the main file first, as clang does.
                    SourceFile root = f;
                    for (int i = 0; i < 1000 && includerOf.apply(root) != null; i++) root = includerOf.apply(root);
                    marker(sb, 1, root, 0);
                    flag = 1;
                }
                lastFile = f;
                marker(sb, line, f, flag);
                curFile = f;
                curLine = line;
                atLineStart = true;
            } else if (line > curLine && t.startOfLine) {
                // Only a token that starts a source line moves the output on (as in clang): the rest of a macro
                // use spread over several lines stays on the line where the use began.
                if (line - curLine > 8) {
                    if (!atLineStart) sb.append('\n');
                    marker(sb, line, f, 0);
                } else {
                    for (int i = curLine; i < line; i++) sb.append('\n');
                }
                curLine = line;
                atLineStart = true;
            }
            if (atLineStart) {
                // Indent to the column of the use (of the outermost macro use, for expanded tokens).
                int col = loc.column();
                for (int i = 1; i < col; i++) sb.append(' ');
                if (col == 1 && t.spaceBefore && t.location.expandedFrom() != null) sb.append(' ');
            } else if (t.spaceBefore || mustSeparate(prev, t)) {
                sb.append(' ');
            }
            sb.append(t.text);
            atLineStart = false;
            prev = t;
            if (sb.length() > (1 << 16)) {
                out.append(sb);
                sb.setLength(0);
            }
        }
        if (!atLineStart) sb.append('\n');
        out.append(sb);
    }

    private static boolean isIncluderOf(SourceFile a, SourceFile b, Function<SourceFile, SourceFile> includerOf) {
        int guard = 0;
        for (SourceFile x = includerOf.apply(b); x != null && guard < 1000; x = includerOf.apply(x), guard++) {
            if (x == a) return true;
        }
        return false;
    }

    private static void marker(StringBuilder sb, int line, SourceFile f, int flag) {
        sb.append("# ").append(line).append(" \"");
        String p = f.path();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        sb.append('"');
        if (flag != 0) sb.append(' ').append(flag);
        sb.append('\n');
    }

    /** Whether printing {@code b} right after {@code a} would lex differently. */
    static boolean mustSeparate(Token a, Token b) {
        if (a == null) return false;
        boolean aWord = a.kind == Kind.IDENTIFIER || a.kind == Kind.NUMBER;
        boolean bWord = b.kind == Kind.IDENTIFIER || b.kind == Kind.NUMBER;
        if (aWord && bWord) return true;
        char x = a.text.charAt(a.text.length() - 1);
        char y = b.text.isEmpty() ? ' ' : b.text.charAt(0);
        if (a.kind == Kind.NUMBER && (y == '.' || y == '+' || y == '-')) return true;
        if (a.kind == Kind.IDENTIFIER && (b.kind == Kind.STRING || b.kind == Kind.CHAR)) return true;
        if (x == '.' && b.kind == Kind.NUMBER) return true;
        if (!aWord && !bWord) return GLUED.contains(new String(new char[] {x, y}));
        return false;
    }
}
