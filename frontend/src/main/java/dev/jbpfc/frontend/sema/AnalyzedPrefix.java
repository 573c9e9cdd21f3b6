package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.ExternalDecl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What the previous input of the same invocation's analysis left, so that the next input takes over the
 * file-scope state after the leading declarations the two share instead of analyzing them again: 100 BPF programs
 * that start with {@code #include "vmlinux.h"} share ~100k declarations, which the parser already hands over as
 * the same AST objects ({@code parse.ParsedPrefix}).
 * <pre>
 *   AnalyzedPrefix prefix = new AnalyzedPrefix();                  // one per invocation, inputs in turn
 *   SemanticModel a = Sema.analyze(tuA, diags, pragmasA, prefix);   // analyzes all, keeps an undo trail
 *   SemanticModel b = Sema.analyze(tuB, diags, pragmasB, prefix);   // undoes A's changes after the shared part
 * </pre>
 *
 * <p>Why it is exact. The analysis of a top-level declaration depends only on the declarations before it (their
 * AST, which is the same objects, and the file-scope state they built) and reports diagnostics that depend on the
 * input's pragmas. So B takes over the first k declarations when (1) they are the same objects as A's first k
 * ({@code ==}, the parser's reuse), and (2) A's analysis of them reported nothing and had nothing dropped by a
 * diagnostic pragma (B must report its own; a pragma region may end differently in B). The state after A's
 * declaration k-1 is then the state B would build; it is had back from A's final state by undoing, newest first,
 * everything A's declarations k.. changed ({@link Trail}): names declared in the file scope, structs and enums
 * completed, redeclared symbols (composite type, storage, attributes, definition, initializer), model entries,
 * section owners, {@code #pragma clang attribute} pushes. The expression types of the reused declarations, which
 * the parser clears, are written back from the trail. A struct forward-declared in a shared header and
 * completed by A is therefore incomplete again for B.
 *
 * <p>The previous input's {@link SemanticModel} and types are taken over, not copied: they are only valid until
 * the next input is analyzed with the same prefix (the driver finishes each input before the next).
 */
public final class AnalyzedPrefix {
    /** The declarations of the last analysis, and for each index i the trail's state before declaration i. */
    List<ExternalDecl> decls = List.of();
    int[] marks;
    int[] typeMarks;
    int[] labelCounters;
    /** How many leading declarations of the last analysis reported no diagnostic (and dropped none). */
    int clean;
    Trail trail;
    Scope fileScope;
    SemanticModel model;
    Map<String, Symbol> sections;
    Deque<Boolean> attributePushes = new ArrayDeque<>();
    private int lastReused;

    /** How many top-level declarations the last analysis took over from the one before (for -ftime-report). */
    public int lastReusedDeclarations() { return lastReused; }

    /** How many leading declarations of {@code next} the state of the last analysis can be taken over for. */
    int reusable(List<ExternalDecl> next) {
        int limit = Math.min(clean, Math.min(decls.size(), next.size()));
        int k = 0;
        while (k < limit && decls.get(k) == next.get(k)) k++;
        lastReused = k;
        return k;
    }
}
