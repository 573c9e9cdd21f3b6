package dev.jbpfc.frontend.lex;

import dev.jbpfc.source.SourceFile;
import dev.jbpfc.source.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the text of one {@link SourceFile} into preprocessing tokens (C11 6.4), one {@link #next()} at a time so
 * that the preprocessor can ask for a header name right after {@code #include} or for the raw rest of a line after
 * {@code #error}. Comments and white space are skipped and only recorded in {@link Token#spaceBefore}; newlines
 * only in {@link Token#startOfLine}. Line splices (backslash-newline) may appear anywhere, even inside a token: such
 * a token's text is its spelling with the splices taken out.
 *
 * <p>Speed: the whole text is copied once into a {@code char[]} with a NUL sentinel; identifier spellings are
 * interned from that array without building a temporary string; punctuators are constant strings. The lexer never
 * reports errors itself: an unterminated quote becomes an {@link Token.Kind#OTHER} token holding the rest of the
 * line (it may sit in a skipped {@code #if 0} block), and the preprocessor decides whether to complain.
 *
 * <p>Digraphs ({@code <: :> <% %> %: %:%:}) are lexed and given their canonical text ({@code [ ] { } # ##}).
 */
public final class Lexer {
    private final SourceFile file;
    private final char[] buf;
    private final int end;
    private final Interner interner;
    private int pos;
    private boolean atLineStart = true;

    public Lexer(SourceFile file, Interner interner) {
        this(file, interner, 0);
    }

    /** A lexer that starts at {@code offset} (at the start of a line) of {@code file}. */
    public Lexer(SourceFile file, Interner interner, int offset) {
        this.file = file;
        String text = file.text();
        this.end = text.length();
        this.buf = new char[end + 4];
        text.getChars(0, end, buf, 0);
        this.interner = interner;
        this.pos = offset;
    }

    /** Lexes a whole file (tests, and re-lexing {@code -E} output). The last token is EOF. */
    public static List<Token> tokenize(SourceFile file, Interner interner) {
        Lexer lexer = new Lexer(file, interner);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (t.kind != Token.Kind.EOF);
        return out;
    }

    public SourceFile file() { return file; }

    /** The offset of the next character the lexer will look at. */
    public int offset() { return pos; }

    // ---- characters, through line splices ----

    /** The position of the first character at or after {@code p} that is not part of a line splice. */
    private int skipSplices(int p) {
        while (buf[p] == '\\') {
            int q = p + 1;
            // clang also accepts white space between the backslash and the newline (with a warning).
            while (q < end && (buf[q] == ' ' || buf[q] == '\t')) q++;
            if (buf[q] == '\n') p = q + 1;
            else if (buf[q] == '\r' && buf[q + 1] == '\n') p = q + 2;
            else break;
        }
        return p;
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
    }

    private static boolean isIdentChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    // ---- white space and comments ----

    private boolean sawSpace;

    /** Skips white space, comments and splices; sets {@link #sawSpace} and {@link #atLineStart}. */
    private void skipWhitespace() {
        int p = pos;
        boolean space = false;
        while (true) {
            if (p >= end) break;
            char c = buf[p];
            if (c == ' ' || c == '\t' || c == '\f' || c == 0x0B || c == '\r') {
                space = true;
                p++;
            } else if (c == '\n') {
                atLineStart = true;
                space = false;
                p++;
            } else if (c == '\\') {
                int q = skipSplices(p);
                if (q == p) break;
                p = q;
            } else if (c == '/') {
                int q = skipSplices(p + 1);
                if (buf[q] == '*') {
                    p = skipBlockComment(q + 1);
                    space = true;
                } else if (buf[q] == '/') {
                    p = skipLineComment(q + 1);
                    space = true;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        pos = p;
        sawSpace = space;
    }

    private int skipBlockComment(int p) {
        while (p < end) {
            char c = buf[p++];
            if (c == '*') {
                int q = skipSplices(p);
                if (buf[q] == '/' && q < end) return q + 1;
            }
        }
        return end;
    }

    /** Returns the position of the newline that ends the comment (not consumed). */
    private int skipLineComment(int p) {
        while (p < end) {
            char c = buf[p];
            if (c == '\n') return p;
            if (c == '\\') {
                int q = skipSplices(p);
                if (q != p) {
                    p = q;
                    continue;
                }
            }
            p++;
        }
        return end;
    }

    // ---- tokens ----

    /** The next token; after the end of the file, EOF tokens forever. */
    public Token next() {
        skipWhitespace();
        boolean space = sawSpace;
        boolean bol = atLineStart;
        atLineStart = false;
        int start = pos;
        if (start >= end) {
            atLineStart = true;
            return new Token(Token.Kind.EOF, "", new SourceLocation(file, end), space, true);
        }
        char c = buf[start];
        Token.Kind kind;
        String text;
        if (isIdentStart(c)) {
            if ((c == 'L' || c == 'U' || c == 'u') && startsLiteral(start)) {
                return literal(start, space, bol);
            }
            int p = start + 1;
            boolean spliced = false;
            while (true) {
                int q = p;
                if (buf[q] == '\\') q = skipSplices(q);
                if (!isIdentChar(buf[q]) || q >= end) break;
                if (q != p) spliced = true;
                p = q + 1;
            }
            pos = p;
            kind = Token.Kind.IDENTIFIER;
            text = spliced ? interner.intern(unsplice(start, p)) : interner.intern(buf, start, p);
        } else if (isDigit(c) || (c == '.' && isDigit(buf[skipSplices(start + 1)]))) {
            kind = Token.Kind.NUMBER;
            text = number(start);
        } else if (c == '\'' || c == '"') {
            return literal(start, space, bol);
        } else {
            text = punctuator(start);
            kind = text != null ? Token.Kind.PUNCT : Token.Kind.OTHER;
            if (text == null) {
                int n = Character.isHighSurrogate(c) && start + 1 < end ? 2 : 1;
                text = new String(buf, start, n);
                pos = start + n;
            }
        }
        return new Token(kind, text, new SourceLocation(file, start), space, bol);
    }

    /** Whether the identifier starting at {@code start} is an encoding prefix (L, u, U, u8) of a literal. */
    private boolean startsLiteral(int start) {
        int p = skipSplices(start + 1);
        char c = buf[start];
        if (c == 'u' && buf[p] == '8') p = skipSplices(p + 1);
        char q = buf[p];
        return (q == '\'' || q == '"') && p < end;
    }

    private Token literal(int start, boolean space, boolean bol) {
        int p = start;
        boolean spliced = false;
        // prefix
        while (buf[p] != '\'' && buf[p] != '"') {
            int q = skipSplices(p + 1);
            if (q != p + 1) spliced = true;
            p = q;
        }
        char quote = buf[p];
        p++;
        boolean terminated = false;
        while (p < end) {
            int q = skipSplices(p);
            if (q != p) {
                spliced = true;
                p = q;
                continue;
            }
            char c = buf[p];
            if (c == '\n') break;
            if (c == '\\') {
                q = skipSplices(p + 1);
                if (q != p + 1) spliced = true;
                if (buf[q] == '\n' || q >= end) {
                    p = q;
                    break;
                }
                p = q + 1;
                continue;
            }
            p++;
            if (c == quote) {
                terminated = true;
                break;
            }
        }
        if (p > end) p = end;
        if (!terminated) {
            // Unterminated: the rest of the line is one OTHER token (clang does the same and warns).
            int e = p;
            while (e > start && (buf[e - 1] == '\r')) e--;
            pos = p;
            return new Token(Token.Kind.OTHER, spliced ? unsplice(start, e) : new String(buf, start, e - start),
                    new SourceLocation(file, start), space, bol);
        }
        pos = p;
        String text = spliced ? unsplice(start, p) : new String(buf, start, p - start);
        return new Token(quote == '\'' ? Token.Kind.CHAR : Token.Kind.STRING, text, new SourceLocation(file, start),
                space, bol);
    }

    private String number(int start) {
        int p = start + 1;
        boolean spliced = false;
        char prev = buf[start];
        while (true) {
            int q = p;
            if (buf[q] == '\\') q = skipSplices(q);
            if (q >= end) break;
            char c = buf[q];
            if (isIdentChar(c) || c == '.') {
                // ok
            } else if ((c == '+' || c == '-') && (prev == 'e' || prev == 'E' || prev == 'p' || prev == 'P')) {
                // exponent sign
            } else {
                break;
            }
            if (q != p) spliced = true;
            prev = c;
            p = q + 1;
        }
        pos = p;
        return spliced ? unsplice(start, p) : interner.intern(buf, start, p);
    }

    /** Lexes the punctuator at {@code start} and advances, or returns null when there is none. */
    private String punctuator(int start) {
        char c = buf[start];
        int p1 = skipSplices(start + 1);
        char d = buf[p1];
        switch (c) {
            case '[': pos = start + 1; return "[";
            case ']': pos = start + 1; return "]";
            case '(': pos = start + 1; return "(";
            case ')': pos = start + 1; return ")";
            case '{': pos = start + 1; return "{";
            case '}': pos = start + 1; return "}";
            case '~': pos = start + 1; return "~";
            case '?': pos = start + 1; return "?";
            case ';': pos = start + 1; return ";";
            case ',': pos = start + 1; return ",";
            case '.': {
                if (d == '.') {
                    int p2 = skipSplices(p1 + 1);
                    if (buf[p2] == '.') { pos = p2 + 1; return "..."; }
                }
                pos = start + 1;
                return ".";
            }
            case '-':
                if (d == '>') { pos = p1 + 1; return "->"; }
                if (d == '-') { pos = p1 + 1; return "--"; }
                if (d == '=') { pos = p1 + 1; return "-="; }
                pos = start + 1;
                return "-";
            case '+':
                if (d == '+') { pos = p1 + 1; return "++"; }
                if (d == '=') { pos = p1 + 1; return "+="; }
                pos = start + 1;
                return "+";
            case '&':
                if (d == '&') { pos = p1 + 1; return "&&"; }
                if (d == '=') { pos = p1 + 1; return "&="; }
                pos = start + 1;
                return "&";
            case '|':
                if (d == '|') { pos = p1 + 1; return "||"; }
                if (d == '=') { pos = p1 + 1; return "|="; }
                pos = start + 1;
                return "|";
            case '*':
                if (d == '=') { pos = p1 + 1; return "*="; }
                pos = start + 1;
                return "*";
            case '/':
                if (d == '=') { pos = p1 + 1; return "/="; }
                pos = start + 1;
                return "/";
            case '^':
                if (d == '=') { pos = p1 + 1; return "^="; }
                pos = start + 1;
                return "^";
            case '!':
                if (d == '=') { pos = p1 + 1; return "!="; }
                pos = start + 1;
                return "!";
            case '=':
                if (d == '=') { pos = p1 + 1; return "=="; }
                pos = start + 1;
                return "=";
            case ':':
                if (d == '>') { pos = p1 + 1; return "]"; }
                pos = start + 1;
                return ":";
            case '#':
                if (d == '#') { pos = p1 + 1; return "##"; }
                pos = start + 1;
                return "#";
            case '<': {
                if (d == '<') {
                    int p2 = skipSplices(p1 + 1);
                    if (buf[p2] == '=') { pos = p2 + 1; return "<<="; }
                    pos = p1 + 1;
                    return "<<";
                }
                if (d == '=') { pos = p1 + 1; return "<="; }
                if (d == ':') { pos = p1 + 1; return "["; }
                if (d == '%') { pos = p1 + 1; return "{"; }
                pos = start + 1;
                return "<";
            }
            case '>': {
                if (d == '>') {
                    int p2 = skipSplices(p1 + 1);
                    if (buf[p2] == '=') { pos = p2 + 1; return ">>="; }
                    pos = p1 + 1;
                    return ">>";
                }
                if (d == '=') { pos = p1 + 1; return ">="; }
                pos = start + 1;
                return ">";
            }
            case '%': {
                if (d == '=') { pos = p1 + 1; return "%="; }
                if (d == '>') { pos = p1 + 1; return "}"; }
                if (d == ':') {
                    int p2 = skipSplices(p1 + 1);
                    if (buf[p2] == '%') {
                        int p3 = skipSplices(p2 + 1);
                        if (buf[p3] == ':') { pos = p3 + 1; return "##"; }
                    }
                    pos = p1 + 1;
                    return "#";
                }
                pos = start + 1;
                return "%";
            }
            default:
                return null;
        }
    }

    /** The text of {@code [start, stop)} with line splices removed. */
    private String unsplice(int start, int stop) {
        StringBuilder sb = new StringBuilder(stop - start);
        int p = start;
        while (p < stop) {
            int q = skipSplices(p);
            if (q != p) {
                p = q;
                continue;
            }
            sb.append(buf[p++]);
        }
        return sb.toString();
    }

    // ---- services for directives ----

    /**
     * After {@code #include}: lexes {@code <...>} as one header-name token if the next token starts with
     * {@code <} on this line; otherwise returns null and lexes nothing (the caller lexes normally, which gives a
     * string literal for {@code "..."} or the tokens of a macro that expands to a header name).
     */
    public Token nextHeaderName() {
        int save = pos;
        boolean saveBol = atLineStart;
        skipWhitespace();
        if (atLineStart != saveBol || pos >= end || buf[pos] != '<') {
            pos = save;
            atLineStart = saveBol;
            return null;
        }
        boolean space = sawSpace;
        int start = pos;
        int p = start + 1;
        while (p < end && buf[p] != '\n' && buf[p] != '>') p++;
        if (buf[p] != '>') {
            pos = save;
            atLineStart = saveBol;
            return null;
        }
        pos = p + 1;
        String text = unsplice(start, p + 1);
        return new Token(Token.Kind.HEADER_NAME, text, new SourceLocation(file, start), space, false);
    }

    /**
     * The raw text from here to the end of the line (splices removed, leading white space dropped), consuming it:
     * the message of {@code #error} and {@code #warning}.
     */
    public String restOfLine() {
        int p = pos;
        while (p < end && (buf[p] == ' ' || buf[p] == '\t')) p++;
        int start = p;
        while (p < end) {
            if (buf[p] == '\n') break;
            if (buf[p] == '\\') {
                int q = skipSplices(p);
                if (q != p) {
                    p = q;
                    continue;
                }
            }
            p++;
        }
        int e = p;
        while (e > start && (buf[e - 1] == '\r' || buf[e - 1] == ' ' || buf[e - 1] == '\t')) e--;
        pos = p;
        return unsplice(start, e);
    }

    /** Consumes everything up to (not including) the next newline that is not part of a splice or comment. */
    public void skipRestOfLine() {
        while (true) {
            skipWhitespace();
            if (atLineStart || pos >= end) return;
            next();
            atLineStart = false;
            if (pos >= end) return;
        }
    }
}
