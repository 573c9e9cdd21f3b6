package dev.jbpfc.frontend.pp;

import dev.jbpfc.frontend.lex.Token;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A macro argument after full expansion (C11 6.10.3.1), held as a tree that is shared rather than copied: an item
 * is a {@link Token} or another {@code ExpandedTokens}. Why: in {@code F(F(F(...F(0)...)))} with
 * {@code #define F(x) (x+1)}, the argument of the use at nesting level k expands to about 4k tokens; substituting
 * it copies them into F's body and rescanning reads them all again, so every level cost as much as the levels
 * inside it (quadratic: 20,000 levels took 11 s). Here level k's expansion is {@code [ "(", <level k-1>, "+", "1",
 * ")" ]}: five items whatever k is.
 * <p>
 * Sharing is exact only where rescanning would change nothing. {@link #inert} says no token in the tree is an
 * identifier that names a macro (or is {@code defined}) and is not painted blue: rescanning such a token returns
 * it as it is, so the preprocessor may take an inert tree whole ({@code Preprocessor.expandArgument}) while the
 * macro table is the one it was made under ({@link #epoch}). Any other tree is read token by token, as before.
 * <p>
 * The white space of the first token is the one thing substitution changes in place (the expansion takes the
 * place of the macro's name, an argument takes the space of the parameter): that change is {@link #firstEdit},
 * applied when the first token is read, so the tree below is never copied for it.
 */
final class ExpandedTokens {
    /** No edit of the first token. */
    static final int KEEP = -1;
    /** {@code RESPACE + s}: when its space differs from s (0/1), the first token takes s and leaves its line start. */
    static final int RESPACE = 0;
    /** {@code FORCE + s + 2 * l}: the first token takes space s and line start l (0/1). */
    static final int FORCE = 2;

    /** Tokens and non-empty subtrees, in order. */
    final Object[] items;
    /** How many tokens the tree holds. */
    final int size;
    final int firstEdit;
    /** No token would change when rescanned (see the class comment), judged under {@link #epoch}. */
    final boolean inert;
    /**
     * Every token came out of a macro use ({@code location.expandedFrom() != null}): substitution needs to give
     * none of them a new location, so the tree can be substituted whole. Every tree in a frame is such a tree.
     */
    final boolean allExpanded;
    /** The preprocessor's count of changes to its macro table when this tree was made. */
    final int epoch;
    /**
     * The tokens may be one piece of a macro argument as they are: their parentheses balance and no ',' stands
     * outside them, so collecting a use's arguments can take the tree whole rather than read every token.
     */
    final boolean argumentSafe;
    /** No token starts a line (argument collection would change such a token), the first edit aside. */
    final boolean noLineStart;

    private ExpandedTokens(Object[] items, int size, int firstEdit, boolean inert, boolean allExpanded, int epoch,
                           boolean argumentSafe, boolean noLineStart) {
        this.items = items;
        this.size = size;
        this.firstEdit = firstEdit;
        this.inert = inert;
        this.allExpanded = allExpanded;
        this.epoch = epoch;
        this.argumentSafe = argumentSafe;
        this.noLineStart = noLineStart;
    }

    /** The same tokens with {@code outer} applied to the first one after this tree's own edit. */
    ExpandedTokens edited(int outer) {
        int e = compose(outer, firstEdit);
        return e == firstEdit ? this
                : new ExpandedTokens(items, size, e, inert, allExpanded, epoch, argumentSafe, noLineStart);
    }

    /** Whether no token, the first one edited, starts a line. */
    boolean startsNoLine() {
        return noLineStart && !(firstEdit >= FORCE && ((firstEdit - FORCE) & 2) != 0);
    }

    static int respace(boolean space) { return RESPACE + (space ? 1 : 0); }

    static int force(boolean space, boolean startOfLine) { return FORCE + (space ? 1 : 0) + (startOfLine ? 2 : 0); }

    /** The edit that does {@code inner}, then {@code outer}. */
    static int compose(int outer, int inner) {
        if (inner == KEEP || outer >= FORCE) return outer;
        if (outer == KEEP) return inner;
        boolean outerSpace = outer == RESPACE + 1;
        boolean innerSpace = ((inner - (inner >= FORCE ? FORCE : RESPACE)) & 1) != 0;
        // A respace after any edit that left the same space changes nothing; after another space it sets both.
        return innerSpace == outerSpace ? inner : force(outerSpace, false);
    }

    static Token apply(int edit, Token t) {
        if (edit == KEEP) return t;
        if (edit < FORCE) {
            boolean s = edit == RESPACE + 1;
            return t.spaceBefore == s ? t : new Token(t.kind, t.text, t.location, s, false, t.noExpand);
        }
        boolean s = ((edit - FORCE) & 1) != 0;
        boolean l = ((edit - FORCE) & 2) != 0;
        return t.spaceBefore == s && t.startOfLine == l ? t : new Token(t.kind, t.text, t.location, s, l, t.noExpand);
    }

    /** Appends the tokens of {@code item} (a token or a tree), with {@code edit} on the first, to {@code out}. */
    static void appendTokens(List<? super Token> out, Object item, int edit) {
        if (item instanceof Token t) {
            out.add(apply(edit, t));
            return;
        }
        // Iterative: trees nest as deep as the macro uses that made them.
        ArrayDeque<Object[]> itemsStack = new ArrayDeque<>();
        ArrayDeque<int[]> posStack = new ArrayDeque<>();
        ExpandedTokens root = (ExpandedTokens) item;
        int pending = compose(edit, root.firstEdit);
        itemsStack.push(root.items);
        posStack.push(new int[] {0});
        while (!itemsStack.isEmpty()) {
            Object[] items = itemsStack.peek();
            int[] pos = posStack.peek();
            if (pos[0] == items.length) {
                itemsStack.pop();
                posStack.pop();
                continue;
            }
            Object o = items[pos[0]++];
            if (o instanceof Token t) {
                out.add(apply(pending, t));
                pending = KEEP;
            } else {
                ExpandedTokens sub = (ExpandedTokens) o;
                pending = compose(pending, sub.firstEdit);
                itemsStack.push(sub.items);
                posStack.push(new int[] {0});
            }
        }
    }

    /** All the tokens, edits applied. */
    List<Token> toList() {
        List<Token> out = new ArrayList<>(size);
        appendTokens(out, this, KEEP);
        return out;
    }

    /** Collects the result of expanding one argument. */
    static final class Builder {
        private final ArrayList<Object> items = new ArrayList<>();
        private int size;
        private boolean inert = true;
        private boolean allExpanded = true;
        private boolean argumentSafe = true;
        private boolean noLineStart = true;
        /** Parentheses open among the tokens added (trees added are balanced or unsafe). */
        private int depth;

        /** A token as rescanning returned it; {@code live}: rescanning it again might not return it unchanged. */
        void add(Token t, boolean live) {
            items.add(t);
            size++;
            if (live) inert = false;
            if (t.location == null || t.location.expandedFrom() == null) allExpanded = false;
            if (t.startOfLine) noLineStart = false;
            if (t.kind == Token.Kind.PUNCT) {
                switch (t.text) {
                    case "(" -> depth++;
                    case ")" -> {
                        if (depth == 0) argumentSafe = false;
                        else depth--;
                    }
                    case "," -> {
                        if (depth == 0) argumentSafe = false;
                    }
                    default -> { }
                }
            }
        }

        /** An inert tree taken whole from a frame (trees in frames are {@link #allExpanded}). */
        void add(ExpandedTokens e) {
            items.add(e);
            size += e.size;
            if (!e.argumentSafe) argumentSafe = false;
            if (!e.startsNoLine()) noLineStart = false;
        }

        ExpandedTokens build(int epoch) {
            // A lone tree stands for itself: wrapping it would make chains as long as the nesting (F(F(...)) for
            // #define F(x) x).
            if (items.size() == 1 && items.get(0) instanceof ExpandedTokens e) return e;
            return new ExpandedTokens(items.toArray(), size, KEEP, inert, allExpanded, epoch, argumentSafe && depth == 0,
                    noLineStart);
        }
    }
}
