package dev.jbpfc.frontend.pp;

import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.source.SourceFile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One expansion of a header: while the preprocessor expands it, every fact of the preprocessor's state it read
 * (before writing it) and the final value of every fact it wrote; once its end is reached, the tokens it produced.
 * A later {@code #include} of the same header (same path, same search directory) in a state where all the facts
 * read have the same values must then run exactly the same way, so {@link HeaderCache} hands it these tokens and
 * writes instead of lexing and expanding the header again. For {@code vmlinux.h} the facts read are mostly "this
 * identifier is not a macro", one per distinct identifier.
 *
 * <p>The state a header's expansion can depend on, and how it is covered:
 * <ul>
 *   <li>macros: every lookup of a name ({@code #ifdef}, {@code defined}, {@code #define}'s redefinition check, each
 *       identifier the expander meets, include guards), compared with {@link Macro#identicalTo} (same body tokens at
 *       the same locations, so the expanded tokens are equal too);</li>
 *   <li>the other {@link Fact}s: system-header status (it silences warnings), {@code #pragma once}, include guards,
 *       {@code #line} overrides read by {@code __FILE__}/{@code __LINE__};</li>
 *   <li>include depth: the deepest nested include, so that the depth limit is hit the same way;</li>
 *   <li>the header's text, directory and place in the search path: the cache key, with the search path itself
 *       ({@link HeaderCache} is dropped when the directories differ);</li>
 *   <li>anything else ({@code __COUNTER__}, {@code __INCLUDE_LEVEL__}, {@code __DATE__}, {@code __TIME__},
 *       {@code __TIMESTAMP__}, {@code __BASE_FILE__}, {@code push_macro}/{@code pop_macro}, {@code #line}) makes
 *       the expansion {@link #uncacheable}, and so does any diagnostic it reported.</li>
 * </ul>
 * Expansions nest like the includes: a fact read or written inside a nested header is read or written by every
 * header around it too, so each recording in progress notes it (see the {@code read...}/{@code wrote...} methods,
 * which walk outward through {@link #outer}).
 */
final class HeaderExpansion {
    /** The preprocessor state besides macros that a header may read or write. */
    enum Fact {
        /** Subject: a SourceFile; value: Boolean. */
        SYSTEM_FILE,
        /** Subject: a header's canonical path; value: Boolean. */
        PRAGMA_ONCE,
        /** Subject: a header's canonical path; value: the guard macro's name or null. */
        GUARD_MACRO,
        /** Subject: a SourceFile; value: its #line override or null. */
        LINE_OVERRIDE
    }

    record FactKey(Fact fact, Object subject) {}

    /** How {@code #include} found the header: its path as spelled and its search directory (-1: the includer's). */
    final String path;
    final int dirIndex;
    /** The include depth of the header itself. */
    final int depth;
    /** The header's first output token: an index into the preprocessor's output list. */
    final int firstToken;
    /** The number of errors and warnings reported before the header was entered. */
    final int diagnosticsBefore;
    /** The recording of the header that includes this one, while both are in progress. */
    HeaderExpansion outer;

    /** Set when the expansion read something the recording does not track: it is never reused. */
    boolean uncacheable;
    /** How much deeper than the header itself its nested includes went. */
    int deepestNesting;

    /** Macro names looked up before the header wrote them, with what the lookup found (null: not defined). */
    final HashMap<String, Macro> macrosRead = new HashMap<>();
    /** Macro names the header defined or undefined, with their final definition (null: undefined). */
    final HashMap<String, Macro> macrosWritten = new HashMap<>();
    final HashMap<FactKey, Object> factsRead = new HashMap<>();
    final LinkedHashMap<FactKey, Object> factsWritten = new LinkedHashMap<>();
    /** Each file entered while expanding the header, with its includer ({@code Preprocessor.includerOf}). */
    final List<SourceFile[]> includes = new ArrayList<>();
    /** The output, once the header has ended. */
    List<Token> tokens;

    HeaderExpansion(String path, int dirIndex, int depth, int firstToken, int diagnosticsBefore,
                    HeaderExpansion outer) {
        this.path = path;
        this.dirIndex = dirIndex;
        this.depth = depth;
        this.firstToken = firstToken;
        this.diagnosticsBefore = diagnosticsBefore;
        this.outer = outer;
    }

    /** A lookup of macro {@code name} found {@code m} (null: not defined). */
    void readMacro(String name, Macro m) {
        for (HeaderExpansion r = this; r != null; r = r.outer) {
            // Known here means known further out too: a read was noted outward when it was new, a write always.
            if (r.macrosRead.containsKey(name) || r.macrosWritten.containsKey(name)) return;
            r.macrosRead.put(name, m);
        }
    }

    void wroteMacro(String name, Macro m) {
        for (HeaderExpansion r = this; r != null; r = r.outer) r.macrosWritten.put(name, m);
    }

    void readFact(FactKey key, Object value) {
        for (HeaderExpansion r = this; r != null; r = r.outer) {
            if (r.factsRead.containsKey(key) || r.factsWritten.containsKey(key)) return;
            r.factsRead.put(key, value);
        }
    }

    void wroteFact(FactKey key, Object value) {
        for (HeaderExpansion r = this; r != null; r = r.outer) r.factsWritten.put(key, value);
    }

    void entered(SourceFile header, SourceFile includer) {
        for (HeaderExpansion r = this; r != null; r = r.outer) r.includes.add(new SourceFile[] {header, includer});
    }

    /** A header was entered at include depth {@code depth}. */
    void reachedDepth(int depth) {
        for (HeaderExpansion r = this; r != null; r = r.outer) {
            r.deepestNesting = Math.max(r.deepestNesting, depth - r.depth);
        }
    }

    void makeUncacheable() {
        for (HeaderExpansion r = this; r != null; r = r.outer) r.uncacheable = true;
    }
}
