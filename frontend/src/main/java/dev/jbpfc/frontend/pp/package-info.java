/**
 * The C preprocessor, compatible with clang-22 for {@code --target=bpf}.
 *
 * <h2>Use</h2>
 * <pre>
 *   PreprocessorOptions o = PreprocessorOptions.fromArgs(args);   // or fill the fields: dirs, -D/-U, -mcpu ...
 *   Preprocessor pp = new Preprocessor(o, diagnostics);            // one per translation unit
 *   List&lt;Token&gt; tokens = pp.run(Path.of("prog.c"));            // C tokens + PRAGMA tokens, then one EOF
 *   PreprocessedPrinter.print(tokens, System.out);                 // -E
 * </pre>
 * Tokens: identifiers (keywords included: the parser tells them apart by text), numbers, char and string
 * literals (adjacent strings are not concatenated: that is the parser's job), punctuators (digraphs already
 * spelled canonically), {@code PRAGMA} tokens whose text is the pragma without "#pragma"
 * ({@code clang attribute push (__attribute__((preserve_access_index)), apply_to = record)}, {@code unroll},
 * {@code GCC diagnostic push}; macros in it are not expanded, as in clang's -E), and EOF.
 * A token's {@code location} is where it was written; {@code location.expandedFrom()} is the macro use it came
 * out of, so {@link dev.jbpfc.diag.Diagnostics} adds "expanded from" notes. Errors go to Diagnostics; after a
 * fatal error (a missing header) {@code run} returns the tokens made so far; check {@code hasErrors()}.
 *
 * <h2>Pieces</h2>
 * {@link dev.jbpfc.frontend.pp.Preprocessor} (directives, macro expansion, include stack),
 * {@link dev.jbpfc.frontend.pp.ExpandedTokens} and {@link dev.jbpfc.frontend.pp.ArgumentTokens} (expanded and
 * collected macro arguments, shared rather than copied as uses nest),
 * {@link dev.jbpfc.frontend.pp.IfExpression} (#if arithmetic), {@link dev.jbpfc.frontend.pp.HeaderSearch}
 * (clang's include order), {@link dev.jbpfc.frontend.pp.PredefinedMacros} (clang-22's predefines, from
 * {@code bpf-predefines.txt}), {@link dev.jbpfc.frontend.pp.ClangFeatures} (__has_builtin etc., from
 * {@code clang-features.txt}), the compiler's own headers in {@code include/} (stddef.h, stdint.h, stdarg.h,
 * stdbool.h, limits.h, ...), {@link dev.jbpfc.frontend.pp.PreprocessedPrinter} (-E output).
 *
 * <h2>Many inputs in one invocation</h2>
 * {@link dev.jbpfc.frontend.pp.SharedSourceFiles} reads each header once; {@link dev.jbpfc.frontend.pp.HeaderCache}
 * keeps each header's expansion (tokens, macros defined, guards, ...) with the facts of the preprocessor state it
 * read ({@link dev.jbpfc.frontend.pp.HeaderExpansion}), and the next input that includes the header where all those
 * facts are the same takes the expansion instead of lexing and expanding the header again.
 */
package dev.jbpfc.frontend.pp;
