package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code #pragma} the later stages care about, with its tokens joined by single spaces ({@code text} lacks the
 * word "pragma"): {@code clang attribute push (__attribute__((preserve_access_index)), apply_to = record)} and
 * {@code clang attribute pop} at file scope; {@code unroll}, {@code nounroll}, {@code clang loop ...} on loops.
 */
public record Pragma(String text, SourceLocation loc) implements ExternalDecl {
    public boolean isAttributePush() { return text.startsWith("clang attribute push"); }

    public boolean isAttributePop() { return text.startsWith("clang attribute pop"); }

    /** A loop hint: {@code unroll}, {@code nounroll}, {@code unroll_and_jam}, {@code clang loop ...}. */
    public boolean isLoopHint() {
        return text.equals("unroll") || text.startsWith("unroll ") || text.startsWith("unroll(")
                || text.startsWith("nounroll") || text.startsWith("unroll_and_jam") || text.startsWith("clang loop");
    }

    /** The first attribute name of each __attribute__((...)) in the pragma, e.g. [preserve_access_index]. */
    public List<String> pushedAttributeNames() {
        List<String> names = new ArrayList<>();
        String[] words = text.split(" ");
        for (int i = 0; i + 3 < words.length; i++) {
            if ((words[i].equals("__attribute__") || words[i].equals("__attribute"))
                    && words[i + 1].equals("(") && words[i + 2].equals("(")) {
                names.add(words[i + 3]);
            }
        }
        return names;
    }
}
