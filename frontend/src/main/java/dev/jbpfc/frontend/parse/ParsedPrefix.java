package dev.jbpfc.frontend.parse;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.ExternalDecl;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.source.SourceLocation;

import java.util.List;

/**
 * What the previous input of the same invocation parsed, so that the next input can take over the declarations
 * its preprocessed tokens share with it instead of parsing them again: 100 BPF programs that all start with
 * {@code #include "vmlinux.h"} and the libbpf headers share tens of thousands of identical top-level declarations.
 * <pre>
 *   ParsedPrefix prefix = new ParsedPrefix();                                // one per invocation, inputs in turn
 *   TranslationUnit a = Parser.parse(tokensOfA, diags, StageTimes.NONE, prefix); // parses all, remembers
 *   TranslationUnit b = Parser.parse(tokensOfB, diags, StageTimes.NONE, prefix); // reuses A's first k declarations
 * </pre>
 *
 * <p>Why reuse is exact. The parser's state at a top-level declaration boundary is the token position and the
 * file-scope typedef names (block scopes are closed there); both are a function of the tokens before it. A
 * declaration of A is reused only if (1) every token the parser looked at while parsing it and all declarations
 * before it, lookahead included, equals B's token at the same index (kind, spelling, flags, and location: the same
 * {@link dev.jbpfc.source.SourceFile} object, which {@code pp.SharedSourceFiles} makes true for shared headers,
 * and the same macro-expansion chain), with the same pragmas between them; (2) neither it nor a declaration before
 * it reported a diagnostic (B must report its own); (3) it began and ended at file scope. B then gets the same AST
 * nodes, and the typedef table is brought to the same state by replaying A's file-scope typedef changes. The one
 * field of the AST that sema writes ({@link Expr#type}) is cleared in the reused declarations first, so B's sema
 * sees them exactly as freshly built; sema's own reuse of A's analysis for those declarations
 * ({@code sema.AnalyzedPrefix}) writes the types back when it takes over.
 */
public final class ParsedPrefix {
    /** One top-level declaration (with the file-scope pragmas before it) as parsed. */
    static final class Chunk {
        final int start;
        final int end;
        /** The highest token index the parser or AST builder looked at while on this declaration. */
        final int lastTouched;
        final int declFrom;
        final int declTo;
        final int logFrom;
        final int logTo;
        /** The expressions in this chunk's AST, found on first reuse. */
        List<Expr> exprs;

        Chunk(int start, int end, int lastTouched, int declFrom, int declTo, int logFrom, int logTo) {
            this.start = start;
            this.end = end;
            this.lastTouched = lastTouched;
            this.declFrom = declFrom;
            this.declTo = declTo;
            this.logFrom = logFrom;
            this.logTo = logTo;
        }
    }

    private CTokenStream tokens;
    private List<Chunk> chunks = List.of();
    private List<ExternalDecl> decls = List.of();
    private List<Object[]> typedefLog = List.of();
    /** How many declarations the last parse took over (for tests and -ftime-report). */
    private int lastReused;

    public int lastReusedDeclarations() { return lastReused; }

    /**
     * How many of the previous parse's chunks the parse of {@code stream} may take over: the longest run of chunks
     * whose every looked-at token (and pragma) is the same in both streams.
     */
    int reusableChunks(CTokenStream stream) {
        if (tokens == null || chunks.isEmpty()) return 0;
        int limit = chunks.get(chunks.size() - 1).lastTouched + 1;
        int n = Math.min(limit, Math.min(tokens.tokenCount(), stream.tokenCount()));
        int same = 0;
        // A token's grammar type follows from its kind and spelling, so equal tokens have equal types.
        while (same < n && sameToken(tokens.peekLexToken(same), stream.peekLexToken(same))
                && samePragmas(tokens.peekPragmas(same), stream.peekPragmas(same))) {
            same++;
        }
        int k = 0;
        while (k < chunks.size() && chunks.get(k).lastTouched < same) k++;
        return k;
    }

    /** Puts the first {@code k} chunks into a new parse: their declarations, their typedef names. */
    void reuse(int k, List<ExternalDecl> out, TypedefTable typedefs, List<Chunk> newChunks) {
        lastReused = 0;
        if (k == 0) return;
        Chunk last = chunks.get(k - 1);
        for (int i = 0; i < k; i++) {
            Chunk c = chunks.get(i);
            if (c.exprs == null) c.exprs = AstExpressions.of(decls.subList(c.declFrom, c.declTo));
            for (Expr e : c.exprs) e.type = null;
            newChunks.add(c);
        }
        out.addAll(decls.subList(0, last.declTo));
        for (Object[] e : typedefLog.subList(0, last.logTo)) typedefs.declare((String) e[0], (Boolean) e[1]);
        lastReused = last.declTo;
    }

    /** Keeps what a parse made for the next input. */
    void remember(CTokenStream stream, List<Chunk> newChunks, List<ExternalDecl> newDecls, List<Object[]> log) {
        tokens = stream;
        chunks = newChunks;
        decls = newDecls;
        typedefLog = log;
    }

    private static boolean sameToken(Token a, Token b) {
        if (a == b) return true; // a header the preprocessor did not expand again hands out the same tokens
        return a.kind == b.kind && a.text.equals(b.text) && a.spaceBefore == b.spaceBefore
                && a.startOfLine == b.startOfLine && a.noExpand == b.noExpand && sameLocation(a.location, b.location);
    }

    /** SourceLocation's equals, as a loop over the expansion chain (the record's generated equals is slow cold). */
    private static boolean sameLocation(SourceLocation a, SourceLocation b) {
        while (a != b) {
            if (a == null || b == null || a.file() != b.file() || a.offset() != b.offset()) return false;
            a = a.expandedFrom();
            b = b.expandedFrom();
        }
        return true;
    }

    private static boolean samePragmas(List<Token> a, List<Token> b) {
        if (a == null || b == null) return a == b;
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!sameToken(a.get(i), b.get(i))) return false;
        return true;
    }
}
