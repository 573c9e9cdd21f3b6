package dev.jbpfc.frontend.parse;

import dev.jbpfc.grammar.CParser;
import dev.jbpfc.source.SourceLocation;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Words a syntax error the way clang does. ANTLR knows which token it could not take and which tokens it would
 * have taken there; clang's messages name what was expected and, for a missing semicolon, what it should follow
 * ("expected ';' after expression"), pointing just past the previous token. An identifier followed by an identifier
 * where a declaration may start is clang's "unknown type name".
 */
final class SyntaxErrors {
    private SyntaxErrors() {}

    /** An error strategy that stops at the first error: the frontend reports it and skips to the next declaration. */
    static final class StopAtFirstError extends DefaultErrorStrategy {
        @Override
        public void recover(Parser recognizer, RecognitionException e) {
            throw new ParseCancellationException(e);
        }

        @Override
        public Token recoverInline(Parser recognizer) {
            throw new ParseCancellationException(new InputMismatchException(recognizer));
        }

        @Override
        public void reportError(Parser recognizer, RecognitionException e) {}

        /** No resynchronizing (the default deletes a stray token silently): the error surfaces where it is. */
        @Override
        public void sync(Parser recognizer) {}
    }

    /** The error, and where clang adds a note (the '(' a missing ')' should match), or null. */
    record Message(SourceLocation at, String text, SourceLocation noteAt, String note) {
        Message(SourceLocation at, String text) { this(at, text, null, null); }
    }

    static Message describe(RecognitionException e, CTokenStream tokens) {
        Token offending = e.getOffendingToken();
        if (offending == null) offending = tokens.LT(1);
        int index = offending.getTokenIndex();
        CToken bad = (CToken) offending;
        CToken prev = index > 0 ? tokens.token(index - 1) : null;
        IntervalSet expected = safeExpected(e);

        if (bad.getType() == CParser.IDENTIFIER && prev != null && prev.getType() == CParser.IDENTIFIER
                && mayStartDeclaration(index - 1, tokens)) {
            return new Message(prev.pp.location, "unknown type name '" + prev.getText() + "'");
        }
        if (bad.getType() == CParser.RBRACE && e.getCtx() instanceof CParser.ExternalDeclarationContext
                && e.getCtx().getParent() == null) {
            return new Message(bad.pp.location, "extraneous closing brace ('}')");
        }
        CToken next = index + 1 < tokens.tokenCount() ? tokens.token(index + 1) : null;
        if (bad.getType() == CParser.IDENTIFIER && next != null
                && (next.getType() == CParser.IDENTIFIER || next.getType() == CParser.STAR)
                && !expected.contains(CParser.IDENTIFIER) && mayStartDeclaration(index, tokens)) {
            return new Message(bad.pp.location, "unknown type name '" + bad.getText() + "'");
        }
        if (expected.contains(CParser.SEMI) && bad.getType() != CParser.SEMI) {
            return new Message(prev != null ? endOf(prev) : bad.pp.location,
                    "expected ';'" + semicolonContext(e.getCtx()));
        }
        if (expected.contains(CParser.RPAREN) && !expected.contains(CParser.IDENTIFIER)) {
            CToken open = unclosed(index, tokens, CParser.LPAREN, CParser.RPAREN);
            return new Message(bad.pp.location, "expected ')'", open == null ? null : open.pp.location,
                    "to match this '('");
        }
        if (expected.contains(CParser.LPAREN) && e.getCtx() instanceof CParser.StatementContext && prev != null
                && isParenKeyword(prev.getType())) {
            return new Message(bad.pp.location, "expected '(' after '" + prev.getText() + "'");
        }
        if (expected.contains(CParser.RBRACKET) && !expected.contains(CParser.IDENTIFIER)) {
            return new Message(bad.pp.location, "expected ']'");
        }
        if (isExpressionContext(e.getCtx()) || (expected.contains(CParser.NUMBER))) {
            return new Message(bad.pp.location, "expected expression");
        }
        if (expected.contains(CParser.IDENTIFIER)) {
            boolean declarator = e.getCtx() instanceof CParser.DeclaratorContext
                    || e.getCtx() instanceof CParser.DirectDeclaratorContext
                    || e.getCtx() instanceof CParser.DirectDeclaratorBaseContext
                    || e.getCtx() instanceof CParser.ExternalDeclarationContext;
            return new Message(bad.pp.location, declarator ? "expected identifier or '('" : "expected identifier");
        }
        if (bad.getType() == Token.EOF && expected.contains(CParser.RBRACE)) {
            return new Message(bad.pp.location, "expected '}'");
        }
        for (int type : new int[] {CParser.LPAREN, CParser.COLON, CParser.RBRACE, CParser.LBRACE, CParser.ASSIGN,
                CParser.WHILE}) {
            if (expected.contains(type)) {
                return new Message(bad.pp.location, "expected " + CParser.VOCABULARY.getLiteralName(type));
            }
        }
        String shown = bad.getType() == Token.EOF ? "end of file" : "'" + bad.getText() + "'";
        return new Message(bad.pp.location, "unexpected " + shown);
    }

    private static boolean isParenKeyword(int type) {
        return type == CParser.IF || type == CParser.WHILE || type == CParser.FOR || type == CParser.SWITCH;
    }

    /** The nearest open bracket before {@code index} that is not closed before it. */
    private static CToken unclosed(int index, CTokenStream tokens, int open, int close) {
        int depth = 0;
        for (int i = index - 1; i >= 0; i--) {
            int type = tokens.token(i).getType();
            if (type == close) depth++;
            else if (type == open && depth-- == 0) return tokens.token(i);
            else if (type == CParser.LBRACE || type == CParser.RBRACE || type == CParser.SEMI) return null;
        }
        return null;
    }

    private static IntervalSet safeExpected(RecognitionException e) {
        try {
            IntervalSet s = e.getExpectedTokens();
            return s == null ? new IntervalSet() : s;
        } catch (RuntimeException ignored) {
            return new IntervalSet();
        }
    }

    private static boolean mayStartDeclaration(int index, CTokenStream tokens) {
        if (index == 0) return true;
        int before = tokens.token(index - 1).getType();
        switch (before) {
            case CParser.SEMI: case CParser.LBRACE: case CParser.RBRACE: case CParser.LPAREN: case CParser.COMMA:
            case CParser.STATIC: case CParser.EXTERN: case CParser.CONST: case CParser.VOLATILE:
            case CParser.REGISTER: case CParser.INLINE: case CParser.TYPEDEF: case CParser.RPAREN:
                return before != CParser.RPAREN || closesAttribute(index - 1, tokens);
            default:
                return false;
        }
    }

    /** Whether the ')' at index ends an __attribute__((...)) (then a declaration may go on after it). */
    private static boolean closesAttribute(int index, CTokenStream tokens) {
        int depth = 0;
        for (int i = index; i >= 0; i--) {
            int type = tokens.token(i).getType();
            if (type == CParser.RPAREN) depth++;
            else if (type == CParser.LPAREN && --depth == 0) {
                return i > 0 && tokens.token(i - 1).getType() == CParser.LPAREN && i > 1
                        && (tokens.token(i - 2).getType() == CParser.ATTRIBUTE
                            || tokens.token(i - 2).getType() == CParser.ATTRIBUTE2);
            }
        }
        return false;
    }

    private static SourceLocation endOf(CToken t) {
        SourceLocation at = t.pp.location;
        if (at == null || at.expandedFrom() != null) return at;
        return new SourceLocation(at.file(), at.offset() + t.getText().length());
    }

    private static boolean isExpressionContext(org.antlr.v4.runtime.RuleContext ctx) {
        return ctx instanceof CParser.CastExpressionContext || ctx instanceof CParser.UnaryExpressionContext
                || ctx instanceof CParser.PrimaryExpressionContext || ctx instanceof CParser.AssignmentExpressionContext
                || ctx instanceof CParser.ExpressionContext || ctx instanceof CParser.ConditionalExpressionContext
                || ctx instanceof CParser.BinaryExpressionContext || ctx instanceof CParser.InitializerContext;
    }

    private static String semicolonContext(org.antlr.v4.runtime.RuleContext ctx) {
        if (ctx instanceof CParser.ExpressionStmtContext) return " after expression";
        if (ctx instanceof CParser.ReturnStmtContext) return " after return statement";
        if (ctx instanceof CParser.BreakStmtContext) return " after 'break'";
        if (ctx instanceof CParser.ContinueStmtContext) return " after 'continue'";
        if (ctx instanceof CParser.GotoStmtContext) return " after 'goto'";
        if (ctx instanceof CParser.DoStmtContext) return " after do/while statement";
        if (ctx instanceof CParser.DeclarationContext) return " at end of declaration";
        if (ctx instanceof CParser.ExternalDeclarationContext) return " after top level declarator";
        if (ctx instanceof CParser.StructMemberContext) return " at end of declaration list";
        if (ctx instanceof CParser.StaticAssertDeclarationContext) return " after static_assert";
        if (ctx instanceof CParser.AsmStatementContext || ctx instanceof CParser.AsmDefinitionContext) {
            return " after asm statement";
        }
        if (ctx instanceof CParser.ForStmtContext) return " in 'for' statement specifier";
        return "";
    }
}
