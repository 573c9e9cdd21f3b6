package dev.jbpfc.frontend.parse;

import dev.jbpfc.grammar.CParser;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;

/**
 * A preprocessor token as CParser sees it. Its type is fixed when it is made, except for an identifier that is not
 * a keyword: whether that is IDENTIFIER or TYPEDEF_NAME is asked of the {@link TypedefTable} each time, so a
 * token the parser fetched as lookahead before a typedef was declared still reads right once it is declared.
 */
final class CToken implements Token {
    static final int DYNAMIC = -2;

    final dev.jbpfc.frontend.lex.Token pp;
    private final int type;
    private final int index;
    /** For a name that is not a keyword: what it means now (see {@link TypedefTable.Meaning}); else null. */
    private final TypedefTable.Meaning meaning;

    CToken(dev.jbpfc.frontend.lex.Token pp, int type, int index, TypedefTable.Meaning meaning) {
        this.pp = pp;
        this.type = type;
        this.index = index;
        this.meaning = meaning;
    }

    /** The type fixed when the token was made ({@link #DYNAMIC} for a name that is not a keyword). */
    int fixedType() { return type; }

    @Override
    public int getType() {
        if (type != DYNAMIC) return type;
        return meaning.isTypedef() ? CParser.TYPEDEF_NAME : CParser.IDENTIFIER;
    }

    @Override public String getText() { return pp.text; }
    @Override public int getLine() { return pp.location == null ? 0 : pp.location.line(); }
    @Override public int getCharPositionInLine() { return pp.location == null ? 0 : pp.location.column() - 1; }
    @Override public int getChannel() { return DEFAULT_CHANNEL; }
    @Override public int getTokenIndex() { return index; }
    @Override public int getStartIndex() { return pp.location == null ? -1 : pp.location.offset(); }
    @Override public int getStopIndex() { return getStartIndex() + pp.text.length() - 1; }
    @Override public TokenSource getTokenSource() { return null; }
    @Override public CharStream getInputStream() { return null; }
    @Override public String toString() { return "'" + pp.text + "'"; }
}
