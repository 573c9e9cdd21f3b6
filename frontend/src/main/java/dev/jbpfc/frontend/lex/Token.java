package dev.jbpfc.frontend.lex;

import dev.jbpfc.source.SourceLocation;

/**
 * One preprocessing token, and after preprocessing one C token: the contract between the lexer, the
 * preprocessor and the parser. The parser maps {@link Kind#PUNCT} and keywords (identifiers whose text is a
 * keyword) to grammar token types by their text, so the preprocessor never needs to know the grammar.
 */
public final class Token {
    public enum Kind {
        IDENTIFIER,
        /** A pp-number: integer or floating constant, classified by the parser. */
        NUMBER,
        /** A character constant, including its prefix and quotes: {@code 'a'}, {@code L'\0'}. */
        CHAR,
        /** A string literal, including its prefix and quotes. */
        STRING,
        PUNCT,
        /** {@code <stdio.h>} in an include directive only. */
        HEADER_NAME,
        /** A character no other kind takes (a stray {@code `} or {@code @}). */
        OTHER,
        /**
         * A {@code #pragma} line or {@code _Pragma} operator after preprocessing; {@code text} is the pragma's
         * tokens joined by single spaces (e.g. {@code clang attribute push (...)}, {@code unroll 4}). The parser
         * acts on the ones it knows and drops the rest.
         */
        PRAGMA,
        EOF
    }

    public final Kind kind;
    public final String text;
    public final SourceLocation location;
    /** White space (or a comment) stood before this token: -E output and stringification need it. */
    public final boolean spaceBefore;
    /** The first token on its line: directives start only here. */
    public final boolean startOfLine;

    /**
     * Preprocessor-internal (added by the pp helper): an identifier naming a macro that was being expanded when the
     * identifier was produced, so it must never expand again ("painted blue", C11 6.10.3.4p2). The parser ignores it.
     */
    public final boolean noExpand;

    public Token(Kind kind, String text, SourceLocation location, boolean spaceBefore, boolean startOfLine) {
        this(kind, text, location, spaceBefore, startOfLine, false);
    }

    public Token(Kind kind, String text, SourceLocation location, boolean spaceBefore, boolean startOfLine,
                 boolean noExpand) {
        this.kind = kind;
        this.text = text;
        this.location = location;
        this.spaceBefore = spaceBefore;
        this.startOfLine = startOfLine;
        this.noExpand = noExpand;
    }

    public boolean is(String punctOrName) {
        return (kind == Kind.PUNCT || kind == Kind.IDENTIFIER) && text.equals(punctOrName);
    }

    @Override
    public String toString() { return kind + " '" + text + "' at " + location; }
}
