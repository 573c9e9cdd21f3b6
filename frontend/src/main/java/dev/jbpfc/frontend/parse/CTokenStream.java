package dev.jbpfc.frontend.parse;

import dev.jbpfc.grammar.CParser;
import dev.jbpfc.source.SourceLocation;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.Interval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The preprocessor's tokens as an ANTLR token stream: an array, classified once by a table built from the
 * grammar's vocabulary (keyword or punctuator text -> token type), with no lexer and no hidden channel.
 *
 * <p>PRAGMA tokens are taken out of the stream (a pragma may stand anywhere, even inside an expression, and must
 * never be a syntax error) and kept in {@link #pragmasBefore}, keyed by the index of the token that follows them,
 * so the AST builder can attach {@code #pragma unroll} to the loop after it and keep {@code #pragma clang attribute}
 * in order among external declarations. A {@code ::} (one token in C23 and C++) is split into two colons, which is
 * what C17 and asm operand lists mean by it.
 */
final class CTokenStream implements TokenStream {
    private static final Map<String, Integer> FIXED_TYPES = fixedTypes();

    /** The tokens; the types their spelling fixes ({@link CToken#DYNAMIC} for a plain name, {@link #UNKNOWN}
     *  until first asked) and a plain name's meaning; the CToken objects ANTLR wants, made only for the tokens it
     *  asks for (the hand-written {@link PlainDeclarationParser} reads most of a header through {@link #type} and
     *  {@link #lexToken}). */
    private final dev.jbpfc.frontend.lex.Token[] lex;
    private final int[] fixed;
    private final TypedefTable.Meaning[] meanings;
    private final CToken[] tokens;
    private final TypedefTable typedefs;
    /** The pragmas that stood before each token: a list at an index where some did, else null. */
    private final List<dev.jbpfc.frontend.lex.Token>[] pragmasBefore;
    private int p;
    /** The highest index anyone looked at since {@link #resetTouched} (see {@link ParsedPrefix}). */
    private int touched = -1;

    @SuppressWarnings("unchecked")
    CTokenStream(List<dev.jbpfc.frontend.lex.Token> input, TypedefTable typedefs) {
        this.typedefs = typedefs;
        // One pass into an array (a few hundred thousand tokens for vmlinux.h): no iterator, no list growth.
        dev.jbpfc.frontend.lex.Token[] out = new dev.jbpfc.frontend.lex.Token[input.size() + 1];
        List<dev.jbpfc.frontend.lex.Token>[] pragmas = new List[out.length];
        int size = 0;
        List<dev.jbpfc.frontend.lex.Token> pendingPragmas = null;
        dev.jbpfc.frontend.lex.Token last = null;
        for (int k = 0, count = input.size(); k < count; k++) {
            dev.jbpfc.frontend.lex.Token t = input.get(k);
            last = t;
            if (t.kind == dev.jbpfc.frontend.lex.Token.Kind.PRAGMA) {
                if (pendingPragmas == null) pendingPragmas = new ArrayList<>(2);
                pendingPragmas.add(t);
                continue;
            }
            if (pendingPragmas != null) {
                pragmas[size] = pendingPragmas;
                pendingPragmas = null;
            }
            if (t.kind == dev.jbpfc.frontend.lex.Token.Kind.EOF) break;
            if (t.kind == dev.jbpfc.frontend.lex.Token.Kind.PUNCT && t.text.equals("::")) {
                dev.jbpfc.frontend.lex.Token second = new dev.jbpfc.frontend.lex.Token(
                        t.kind, ":", t.location == null ? null
                        : new SourceLocation(t.location.file(), t.location.offset() + 1, t.location.expandedFrom()),
                        false, false);
                dev.jbpfc.frontend.lex.Token first = new dev.jbpfc.frontend.lex.Token(
                        t.kind, ":", t.location, t.spaceBefore, t.startOfLine);
                if (size + 2 >= out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                    pragmas = java.util.Arrays.copyOf(pragmas, out.length);
                }
                out[size++] = first;
                out[size++] = second;
                continue;
            }
            out[size++] = t;
        }
        if (pendingPragmas != null) pragmas[size] = pendingPragmas;
        // The EOF token: the input's own, or one made up at the last token's location.
        dev.jbpfc.frontend.lex.Token eof = last != null && last.kind == dev.jbpfc.frontend.lex.Token.Kind.EOF ? last
                : new dev.jbpfc.frontend.lex.Token(dev.jbpfc.frontend.lex.Token.Kind.EOF, "",
                        last == null ? null : last.location, false, false);
        if (size == out.length) {
            out = java.util.Arrays.copyOf(out, size + 1);
            pragmas = java.util.Arrays.copyOf(pragmas, size + 1);
        }
        out[size++] = eof;
        int n = size;
        lex = n == out.length ? out : java.util.Arrays.copyOf(out, n);
        pragmasBefore = n == pragmas.length ? pragmas : java.util.Arrays.copyOf(pragmas, n);
        // Types and typedef meanings are found when first asked: in a batch most tokens are never asked, as the
        // parse takes over the previous input's declarations for them (ParsedPrefix).
        fixed = new int[n];
        meanings = new TypedefTable.Meaning[n];
        tokens = new CToken[n];
        fixed[n - 1] = Token.EOF;
    }

    /** The type fixed by the token's spelling ({@link CToken#DYNAMIC} for a name that is not a keyword). */
    private int fixedType(int index) {
        int type = fixed[index];
        if (type == UNKNOWN) {
            type = typeOf(lex[index]);
            fixed[index] = type;
            if (type == CToken.DYNAMIC) meanings[index] = typedefs.meaningOf(lex[index].text);
        }
        return type;
    }

    /** What {@link #fixed} holds for a token whose type has not been asked yet (ANTLR's types start at 1). */
    private static final int UNKNOWN = 0;

    private static int typeOf(dev.jbpfc.frontend.lex.Token t) {
        switch (t.kind) {
            case IDENTIFIER: {
                Integer keyword = FIXED_TYPES.get(t.text);
                return keyword != null ? keyword : CToken.DYNAMIC;
            }
            case NUMBER: return CParser.NUMBER;
            case CHAR: return CParser.CHAR_LITERAL;
            case STRING: return CParser.STRING_LITERAL;
            case PUNCT: {
                Integer punct = FIXED_TYPES.get(t.text);
                return punct != null ? punct : CParser.OTHER;
            }
            default: return CParser.OTHER;
        }
    }

    /** Keyword and punctuator spellings -> token type, from the literal names of the generated vocabulary. */
    private static Map<String, Integer> fixedTypes() {
        Vocabulary v = CParser.VOCABULARY;
        Map<String, Integer> m = new HashMap<>();
        for (int type = 1; type <= v.getMaxTokenType(); type++) {
            String literal = v.getLiteralName(type);
            if (literal != null && literal.length() > 2) m.put(literal.substring(1, literal.length() - 1), type);
        }
        // Digraphs, in case a token arrives spelled as written.
        m.put("<:", CParser.LBRACKET);
        m.put(":>", CParser.RBRACKET);
        m.put("<%", CParser.LBRACE);
        m.put("%>", CParser.RBRACE);
        return m;
    }

    /** The pragmas that stood right before token {@code index} (null if none). */
    List<dev.jbpfc.frontend.lex.Token> pragmasBefore(int index) {
        touch(index);
        return pragmasBefore[index];
    }

    CToken token(int index) {
        touch(index);
        return wrapped(index);
    }

    private CToken wrapped(int index) {
        CToken t = tokens[index];
        if (t == null) tokens[index] = t = new CToken(lex[index], fixedType(index), index, meanings[index]);
        return t;
    }

    /** The type of token {@code index} now (a plain name's depends on the typedef names declared so far). */
    int type(int index) {
        touch(index);
        int type = fixedType(index);
        if (type != CToken.DYNAMIC) return type;
        return meanings[index].isTypedef() ? CParser.TYPEDEF_NAME : CParser.IDENTIFIER;
    }

    /** The preprocessor's token at {@code index}. */
    dev.jbpfc.frontend.lex.Token lexToken(int index) {
        touch(index);
        return lex[index];
    }

    /** {@link #lexToken} and {@link #pragmasBefore} without counting as a look (for comparing two streams). */
    dev.jbpfc.frontend.lex.Token peekLexToken(int index) { return lex[index]; }

    List<dev.jbpfc.frontend.lex.Token> peekPragmas(int index) { return pragmasBefore[index]; }

    private void touch(int index) {
        if (index > touched) touched = index;
    }

    void resetTouched() { touched = p; }

    int touched() { return touched; }

    int tokenCount() { return tokens.length; }

    // ---- TokenStream ----

    @Override
    public Token LT(int k) {
        if (k == 0) return null;
        int i = k > 0 ? p + k - 1 : p + k;
        if (i < 0) return null;
        if (i >= tokens.length) i = tokens.length - 1;
        if (i > touched) touched = i;
        return wrapped(i);
    }

    @Override
    public int LA(int i) {
        Token t = LT(i);
        return t == null ? 0 : t.getType();
    }

    @Override public Token get(int index) { return token(index); }
    @Override public TokenSource getTokenSource() { return null; }

    @Override
    public String getText(Interval interval) {
        StringBuilder sb = new StringBuilder();
        int stop = Math.min(interval.b, tokens.length - 2);
        touch(stop);
        for (int i = Math.max(0, interval.a); i <= stop; i++) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(lex[i].text);
        }
        return sb.toString();
    }

    @Override public String getText() { return getText(Interval.of(0, tokens.length - 1)); }
    @Override public String getText(RuleContext ctx) { return getText(ctx.getSourceInterval()); }

    @Override
    public String getText(Token start, Token stop) {
        if (start == null || stop == null) return "";
        return getText(Interval.of(start.getTokenIndex(), stop.getTokenIndex()));
    }

    @Override
    public void consume() {
        if (p < tokens.length - 1) p++;
        else throw new IllegalStateException("cannot consume EOF");
    }

    @Override public int mark() { return -1; }
    @Override public void release(int marker) {}
    @Override public int index() { return p; }
    @Override public void seek(int index) { p = Math.max(0, Math.min(index, tokens.length - 1)); }
    @Override public int size() { return tokens.length; }
    @Override public String getSourceName() { return "<preprocessed tokens>"; }
}
