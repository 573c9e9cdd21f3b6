package dev.jbpfc.frontend.pp;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.source.SourceFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: expanding {@code F(F(...F(a)...))} must cost work linear in the depth. Counted rather than timed (a
 * clock is flaky on a loaded machine): the expander's steps (tokens read before expansion, trees entered or taken
 * whole: {@link Preprocessor#expansionSteps}) at a depth and at four times that depth. An expander that copies and
 * reads each level's argument again, as this one did, takes about 16 times as many at four times the depth.
 */
class NestedMacroCostTest {
    private static final int DEPTH = 1000;

    /** One nesting of each kind: a body around its parameter, the parameter alone, a forwarding macro. */
    @ParameterizedTest
    @ValueSource(strings = {"(x+1)", "x + 1", "x", "ID(x)+1", "ID(ID(x)) - 1"})
    void readsGrowLinearlyWithDepth(String body) {
        long small = reads(body, DEPTH);
        long large = reads(body, 4 * DEPTH);
        assertTrue(large < 5 * small, "F(x) " + body + ": " + small + " steps at depth " + DEPTH + ", " + large
                + " at depth " + 4 * DEPTH + " (linear: about 4 times)");
    }

    /**
     * The other ways of nesting ({@link MacroNestShapes}): names of function-like macros left in the arguments
     * (before or after the parameter, from an object-like macro, at the very end), forwarding chains, alternating
     * macros, {@code ##}, variable arguments with and without commas outside parentheses, one level per line,
     * names of six macros, names painted by the next level, calls deferred by one rescan, macros calling each
     * other, names made by '##' or an object-like macro and called, a deferred recursion one step per rescan. Each
     * of the first four, the commas, the six names, the painted names, the deferred calls and the recursion took
     * about 16 times as many steps at four times the depth before their arguments were taken whole (the
     * stringifying shape is left out: its output alone grows as the square).
     */
    @ParameterizedTest
    @ValueSource(strings = {"name-after-param", "name-before-param", "object-to-name", "name-at-end", "chain",
            "alternating", "paste", "va-args", "va-args-two", "va-opt", "va-commas", "lines", "many-names",
            "painted-by-next", "deferred", "deferred-trailing", "deferred-leading", "mutual", "paste-call",
            "object-call", "first-of-two", "eval-steps", "lparen-macro"})
    void shapeReadsGrowLinearlyWithDepth(String shape) {
        MacroNestShapes.Shape s = MacroNestShapes.named(shape);
        long small = reads(() -> readsHere(s.source(DEPTH)));
        long large = reads(() -> readsHere(s.source(4 * DEPTH)));
        assertTrue(large < 5 * small, shape + ": " + small + " steps at depth " + DEPTH + ", " + large
                + " at depth " + 4 * DEPTH + " (linear: about 4 times)");
    }

    private static long reads(String body, int depth) {
        return reads(() -> {
            String text = "#define ID(x) x\n#define F(x) " + body + "\nint v = " + "F(".repeat(depth)
                    + "a" + ")".repeat(depth) + ";\n";
            ExpandedAndRead r = expand(text);
            assertTrue(r.tokens.stream().noneMatch(t -> t.text.equals("F") || t.text.equals("ID")),
                    "every use expanded");
            return r.reads;
        });
    }

    private record ExpandedAndRead(List<Token> tokens, long reads) {}

    private static long readsHere(String text) {
        return expand(text).reads;
    }

    /** Runs on a thread with a stack as deep as the compiler's own thread (expansion recurses per nesting level). */
    private static long reads(java.util.function.LongSupplier work) {
        long[] result = new long[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                result[0] = work.getAsLong();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "nested-macro-cost", 512L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (failure[0] instanceof Error e) throw e;
        if (failure[0] != null) throw new AssertionError(failure[0]);
        return result[0];
    }

    private static ExpandedAndRead expand(String text) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Preprocessor pp = new Preprocessor(new PreprocessorOptions(),
                new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8)));
        List<Token> toks = pp.run(new SourceFile("nested.c", text));
        assertEquals("", err.toString(StandardCharsets.UTF_8), "no diagnostics");
        return new ExpandedAndRead(toks, pp.expansionSteps());
    }
}
