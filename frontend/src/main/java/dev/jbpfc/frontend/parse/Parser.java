package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.diag.Severity;
import dev.jbpfc.frontend.ast.ExternalDecl;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.grammar.CParser;
import dev.jbpfc.source.SourceLocation;
import dev.jbpfc.timing.StageTimes;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;

/**
 * The parser stage: preprocessed tokens in, a {@link TranslationUnit} out, syntax errors reported to
 * {@link Diagnostics} in clang's words. Never throws, except {@link Diagnostics.ErrorLimitReached}, which is how
 * the diagnostics engine stops a compilation after -ferror-limit errors.
 *
 * <p>How it stays fast: CParser's {@code externalDeclaration} rule is called once per top-level declaration and
 * that declaration's parse tree is turned into AST nodes ({@link AstBuilder}) and dropped, so memory holds one
 * declaration's tree at a time. Each declaration is first parsed with SLL prediction, which is the cheap kind and
 * is right for all valid input except in rare ambiguous spots; only if SLL fails is the same declaration parsed
 * again with full LL prediction, which also decides whether there really is a syntax error.
 *
 * <p>After a syntax error the rest of the declaration is skipped (to a ';' or closing '}' at its outer level) and
 * parsing goes on with the next one.
 */
public final class Parser {
    private Parser() {}

    /**
     * The stages a parse times (for {@code -ftime-report}): running the grammar, building the AST from its parse
     * tree, and reading declarations by hand ({@link PlainDeclarationParser}, tries that gave up included: that
     * time is neither grammar nor AST).
     */
    public static final String GRAMMAR = "grammar", AST = "AST", PLAIN_DECLARATIONS = "plain decls";

    public static TranslationUnit parse(List<Token> tokens, Diagnostics diags) {
        return parse(tokens, diags, StageTimes.NONE);
    }

    /** As {@link #parse(List, Diagnostics)}, adding the time spent to {@code times}' stages named above. */
    public static TranslationUnit parse(List<Token> tokens, Diagnostics diags, StageTimes times) {
        return parse(tokens, diags, times, null);
    }

    /**
     * As {@link #parse(List, Diagnostics, StageTimes)}; with a {@link ParsedPrefix} (one per invocation, inputs in
     * turn), takes over the leading declarations this input shares with the previous one and remembers this
     * parse for the next.
     */
    public static TranslationUnit parse(List<Token> tokens, Diagnostics diags, StageTimes times, ParsedPrefix prefix) {
        return parse(tokens, diags, times, prefix, BracketDepth.DEFAULT_MAX);
    }

    /** As above, with clang's {@code -fbracket-depth=N} ({@code bracketDepth}; 0 for no limit). */
    public static TranslationUnit parse(List<Token> tokens, Diagnostics diags, StageTimes times, ParsedPrefix prefix,
                                        int bracketDepth) {
        return parse(tokens, diags, times, prefix, () -> { }, bracketDepth);
    }

    static TranslationUnit parse(List<Token> tokens, Diagnostics diags, StageTimes times, ParsedPrefix prefix,
                                 Runnable plainDeclarationRead) {
        return parse(tokens, diags, times, prefix, plainDeclarationRead, BracketDepth.DEFAULT_MAX);
    }

    /**
     * As above; {@code plainDeclarationRead} runs once for each declaration {@link PlainDeclarationParser} read,
     * and null leaves every declaration to the grammar (tests compare the two ways, and count).
     */
    static TranslationUnit parse(List<Token> tokens, Diagnostics diags, StageTimes times, ParsedPrefix prefix,
                                 Runnable plainDeclarationRead, int bracketDepth) {
        TypedefTable typedefs = new TypedefTable();
        CTokenStream stream = new CTokenStream(tokens, typedefs);
        CParser parser = new CParser(stream);
        parser.removeErrorListeners();
        parser.hooks = typedefs;
        AstBuilder builder = new AstBuilder(stream, diags);
        PlainDeclarationParser plain = plainDeclarationRead != null ? new PlainDeclarationParser(stream, typedefs) : null;
        List<ExternalDecl> decls = new ArrayList<>();
        SourceLocation start = stream.token(0).pp.location;
        // Chunks that a later input may take over: contiguous from the start, each clean (see ParsedPrefix).
        List<ParsedPrefix.Chunk> chunks = new ArrayList<>();
        boolean clean = prefix != null;
        if (prefix != null) {
            prefix.reuse(prefix.reusableChunks(stream), decls, typedefs, chunks);
            if (!chunks.isEmpty()) stream.seek(chunks.get(chunks.size() - 1).end);
        }

        BracketDepth.Violation tooDeep = BracketDepth.scan(stream, bracketDepth);
        while (true) {
            int first = stream.index();
            if (tooDeep != null && first >= tooDeep.declarationStart()) {
                // clang's fatal error: nothing after it is parsed.
                SourceLocation at = stream.token(tooDeep.index()).pp.location;
                diags.report(Severity.FATAL, at, BracketDepth.isConditional(stream, tooDeep)
                        ? "conditional operator nesting level exceeded maximum of " + bracketDepth
                        : "bracket nesting level exceeded maximum of " + bracketDepth);
                diags.note(at, "use -fbracket-depth=N to increase maximum nesting level");
                prefix = null;
                break;
            }
            stream.resetTouched();
            int declsBefore = decls.size();
            int logBefore = typedefs.fileScopeLog.size();
            int diagsBefore = diags.errorCount() + diags.warningCount();
            builder.pragmasBefore(first, decls);
            if (stream.LA(1) == org.antlr.v4.runtime.Token.EOF) break;
            int depth = typedefs.depth();
            if (depth != 0) clean = false;
            long t0 = times.start();
            if (plain != null && depth == 0 && plain.tryParse(decls)) {
                times.stop(PLAIN_DECLARATIONS, t0);
                plainDeclarationRead.run();
            } else {
                t0 = times.lap(PLAIN_DECLARATIONS, t0);
                CParser.ExternalDeclarationContext ctx;
                try {
                    ctx = parseOne(parser, stream, typedefs, first, depth);
                } catch (RecognitionException e) {
                    SyntaxErrors.Message m = SyntaxErrors.describe(e, stream);
                    diags.error(m.at(), m.text());
                    if (m.noteAt() != null) diags.note(m.noteAt(), m.note());
                    typedefs.restoreDepth(depth);
                    skipDeclaration(stream, first, e.getOffendingToken() == null ? first
                            : e.getOffendingToken().getTokenIndex());
                    clean = false;
                    continue;
                } catch (StackOverflowError e) {
                    diags.error(stream.token(first).pp.location, "declaration is nested too deeply");
                    typedefs.restoreDepth(depth);
                    skipDeclaration(stream, first, first);
                    clean = false;
                    continue;
                }
                long t1 = times.lap(GRAMMAR, t0);
                try {
                    builder.externalDeclaration(ctx, decls);
                } catch (StackOverflowError e) {
                    diags.error(stream.token(first).pp.location, "declaration is nested too deeply");
                } catch (Diagnostics.ErrorLimitReached e) {
                    throw e;
                } catch (RuntimeException e) {
                    // A bug of ours, not the user's: say so at the declaration rather than die with a stack trace.
                    diags.error(stream.token(first).pp.location, "internal error while building the AST: " + e);
                }
                times.stop(AST, t1);
            }
            if (clean && (diags.errorCount() + diags.warningCount() != diagsBefore || typedefs.depth() != 0)) {
                clean = false;
            }
            if (clean) {
                chunks.add(new ParsedPrefix.Chunk(first, stream.index(), stream.touched(), declsBefore, decls.size(),
                        logBefore, typedefs.fileScopeLog.size()));
            }
        }
        if (prefix != null) prefix.remember(stream, chunks, decls, typedefs.fileScopeLog);
        return new TranslationUnit(decls, start);
    }

    /** SLL first; on failure the same tokens again with LL, which either succeeds or throws the real error. */
    private static CParser.ExternalDeclarationContext parseOne(CParser parser, CTokenStream stream,
                                                              TypedefTable typedefs, int first, int depth)
            throws RecognitionException {
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.externalDeclaration();
        } catch (ParseCancellationException sllFailed) {
            stream.seek(first);
            typedefs.restoreDepth(depth);
        }
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        parser.setErrorHandler(new SyntaxErrors.StopAtFirstError());
        try {
            return parser.externalDeclaration();
        } catch (ParseCancellationException llFailed) {
            if (llFailed.getCause() instanceof RecognitionException re) throw re;
            throw new RecognitionException(parser, stream, parser.getContext());
        }
    }

    /**
     * Moves past the declaration that starts at {@code first} and has an error at {@code error}: to just after
     * the first ';' at the declaration's outer level, or the '}' that closes its outermost brace, from the error on.
     */
    private static void skipDeclaration(CTokenStream stream, int first, int error) {
        int depth = 0;
        int last = stream.tokenCount() - 1;
        for (int i = first; i < error && i < last; i++) depth += braceDelta(stream.token(i).getType());
        int i = Math.max(error, first);
        while (i < last) {
            int type = stream.token(i).getType();
            depth += braceDelta(type);
            i++;
            if (depth <= 0 && (type == CParser.SEMI || type == CParser.RBRACE)) {
                if (type == CParser.RBRACE && i < last && stream.token(i).getType() == CParser.SEMI) i++;
                break;
            }
        }
        stream.seek(Math.max(i, first + 1));
    }

    private static int braceDelta(int type) {
        return type == CParser.LBRACE ? 1 : type == CParser.RBRACE ? -1 : 0;
    }
}
