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
 * Sharing is exact only where rescanning would change nothing. A token left live by expansion (an identifier that
 * names a macro and is not painted blue) is a function-like macro's name that no '(' followed: rescanning returns
 * it unchanged as long as the token after it is still not '(' and its macro is not disabled (then it is painted).
 * So a tree is {@link #quiet} when every live token but its last is followed, inside the tree, by a token other
 * than '(': the preprocessor may take it whole ({@code Preprocessor.takeWhole}) while the macro table is the one it
 * was made under ({@link #epoch}) and none of the macros of those tokens ({@link #interiorLive}) is disabled, and
 * when its last token may be live ({@link #lastLive}) it takes all but that token whole
 * ({@link #withoutLast}) and rescans that one token, which may meet a '(' from outside the tree. Why: in
 * {@code F(F(...))} with {@code #define F(x) x G}, every level's expansion holds one more {@code G}; read token by
 * token, every level cost as much as the levels inside it. Any other tree is read token by token, as before.
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
    /**
     * Every live token is a function-like macro's name and each but the last is followed by a token other than
     * '(', so rescanning changes no token but the last (see the class comment), judged under {@link #epoch}.
     */
    final boolean quiet;
    /**
     * For a quiet tree: the macros named by its live tokens other than the last one, as {@link Macro#nameBit}s (a
     * set that may hold more, so that checking it costs the same however many there are).
     */
    final long interiorLive;
    /** The macro the last token names when that token is live, else null. */
    final Macro lastLive;
    /**
     * The items from this index on hold a quiet run of tokens ({@link #quietRest}): 0 for a quiet tree, past the
     * last item when the last one made it not quiet.
     */
    final int quietFrom;
    /** {@link #interiorLive} of the items from {@link #quietFrom} on. */
    final long tailInteriorLive;
    /** The first and last tokens as stored (the first without {@link #firstEdit}); null when empty. */
    final Token first;
    final Token last;
    /**
     * Every token came out of a macro use ({@code location.expandedFrom() != null}): substitution needs to give
     * none of them a new location, so the tree can be substituted whole. Every tree in a frame is such a tree.
     */
    final boolean allExpanded;
    /** The preprocessor's count of changes to its macro table when this tree was made. */
    final int epoch;
    /**
     * The tokens' parentheses balance: collecting a use's arguments can take the tree whole rather than read every
     * token into the argument being collected, if {@link #topComma} allows.
     */
    final boolean balanced;
    /** Some ',' stands outside the tree's parentheses: it separates arguments unless it is in the variable ones. */
    final boolean topComma;
    /** No token starts a line (argument collection would change such a token), the first edit aside. */
    final boolean noLineStart;
    /** {@link #withoutLast}, once made. */
    private ExpandedTokens withoutLast;

    private ExpandedTokens(Object[] items, int size, int firstEdit, boolean quiet, long interiorLive,
                           Macro lastLive, Token first, Token last, boolean allExpanded, int epoch,
                           boolean balanced, boolean topComma, boolean noLineStart, int quietFrom,
                           long tailInteriorLive) {
        this.items = items;
        this.size = size;
        this.firstEdit = firstEdit;
        this.quiet = quiet;
        this.interiorLive = interiorLive;
        this.lastLive = lastLive;
        this.first = first;
        this.last = last;
        this.allExpanded = allExpanded;
        this.epoch = epoch;
        this.balanced = balanced;
        this.topComma = topComma;
        this.noLineStart = noLineStart;
        this.quietFrom = quietFrom;
        this.tailInteriorLive = tailInteriorLive;
    }

    /** The same tokens with {@code outer} applied to the first one after this tree's own edit. */
    ExpandedTokens edited(int outer) {
        int e = compose(outer, firstEdit);
        return e == firstEdit ? this
                : new ExpandedTokens(items, size, e, quiet, interiorLive, lastLive, first, last, allExpanded,
                epoch, balanced, topComma, noLineStart, quietFrom, tailInteriorLive);
    }

    /**
     * For a quiet tree of two or more tokens whose last one is live ({@link #lastLive}): the same tokens but the
     * last, as a tree that shares this one's subtrees. Made once per tree, down the right edge without recursion
     * (trees nest as deep as the macro uses that made them), so taking all but the last token costs no more than
     * the items copied once. {@code table}: the macro table, the one this tree was made under.
     */
    ExpandedTokens withoutLast(java.util.function.Function<String, Macro> table) {
        if (withoutLast != null) return withoutLast;
        ArrayList<ExpandedTokens> edge = new ArrayList<>();
        ExpandedTokens t = this;
        while (t.withoutLast == null) {
            edge.add(t);
            if (!(t.items[t.items.length - 1] instanceof ExpandedTokens sub)) break;
            t = sub;
        }
        for (int i = edge.size() - 1; i >= 0; i--) {
            ExpandedTokens n = edge.get(i);
            int len = n.items.length;
            Object lastItem = n.items[len - 1];
            Object[] items;
            if (lastItem instanceof ExpandedTokens sub && sub.withoutLast.size > 0) {
                items = n.items.clone();
                items[len - 1] = sub.withoutLast;
            } else {
                items = java.util.Arrays.copyOf(n.items, len - 1);
            }
            Token newLast = items.length == 0 ? null : items[items.length - 1] instanceof Token tok ? tok
                    : ((ExpandedTokens) items[items.length - 1]).last;
            // The token before the last, if live, was an interior live token.
            Macro lastLive = null;
            if (newLast != null && newLast.kind == Token.Kind.IDENTIFIER && !newLast.noExpand
                    && (n.interiorLive & Macro.nameBit(newLast.text)) != 0) {
                lastLive = table.apply(newLast.text);
            }
            n.withoutLast = new ExpandedTokens(items, n.size - 1, n.firstEdit, n.quiet, n.interiorLive, lastLive,
                    items.length == 0 ? null : n.first, newLast, n.allExpanded, n.epoch, n.balanced, n.topComma,
                    n.noLineStart, 0, n.interiorLive);
        }
        return withoutLast;
    }

    /**
     * The items from {@code from} (at or after {@link #quietFrom}, past the first item) on, as a quiet tree that
     * shares them: what is left of a tree that was entered because it is not quiet, once the tokens that made it so
     * are read (see {@code Preprocessor.takeWhole}). Costs the items copied.
     */
    ExpandedTokens quietRest(int from) {
        int n = 0;
        int depth = 0;
        boolean isBalanced = true;
        boolean hasTopComma = false;
        boolean noneStartsLine = true;
        Token firstToken = null;
        for (int i = from; i < items.length; i++) {
            if (items[i] instanceof Token t) {
                if (firstToken == null) firstToken = t;
                n++;
                if (t.startOfLine) noneStartsLine = false;
                if (t.kind != Token.Kind.PUNCT) continue;
                switch (t.text) {
                    case "(" -> depth++;
                    case ")" -> {
                        if (depth == 0) isBalanced = false;
                        else depth--;
                    }
                    case "," -> {
                        if (depth == 0) hasTopComma = true;
                    }
                    default -> { }
                }
            } else {
                ExpandedTokens e = (ExpandedTokens) items[i];
                if (firstToken == null) firstToken = e.first;
                n += e.size;
                if (!e.balanced) isBalanced = false;
                if (e.topComma && depth == 0) hasTopComma = true;
                if (!e.startsNoLine()) noneStartsLine = false;
            }
        }
        return new ExpandedTokens(java.util.Arrays.copyOfRange(items, from, items.length), n, KEEP, true,
                tailInteriorLive, lastLive, firstToken, last, allExpanded, epoch, isBalanced && depth == 0,
                hasTopComma, noneStartsLine, 0, tailInteriorLive);
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

    /**
     * Collects the result of expanding one argument. A result that is not quiet keeps the quiet tokens before the
     * first token that made it so as a subtree of its own ({@link #notQuiet}), which a later rescan takes whole.
     * Why: in {@code F(F(...))} with {@code #define F(x) x DEFER(G)(1)} ({@code DEFER(m)} is {@code m EMPTY()}),
     * every level's expansion ends in a call to G that only the next level's rescan makes; held as a list of
     * tokens, every level read the levels inside it again.
     */
    static final class Builder {
        private final ArrayList<Object> items = new ArrayList<>();
        private int size;
        private boolean quiet = true;
        private long interiorLive;
        /** The macro of the last token added when that token is live, else null. */
        private Macro pendingLive;
        private Token first;
        private Token last;
        private boolean allExpanded = true;
        private boolean balanced = true;
        private boolean topComma;
        private boolean noLineStart = true;
        /** Parentheses open among the tokens added (trees added are balanced or make the whole unbalanced). */
        private int depth;
        /**
         * The quiet prefix: the tree's state just before the add that made it not quiet, kept when that prefix is
         * two items or more ({@code prefixItems} 0: none).
         */
        private int prefixItems;
        private int prefixSize;
        private long prefixInteriorLive;
        private Macro prefixLastLive;
        private Token prefixLast;
        private boolean prefixAllExpanded;
        private boolean prefixBalanced;
        private boolean prefixTopComma;
        private boolean prefixNoLineStart;
        /** Where the quiet run of items at the end begins (see {@link ExpandedTokens#quietFrom}). */
        private int tailStart;
        private long tailInteriorLive;

        /**
         * A token as rescanning returned it; {@code live}: rescanning it again might not return it unchanged,
         * {@code macro} the macro its name names (null for {@code defined} in {@code #if}).
         */
        void add(Token t, boolean live, Macro macro) {
            followedBy(t);
            boolean callable = live && macro != null && macro.functionLike && macro.builtin == null;
            if (live && !callable) notQuiet(items.size() + 1);
            if (first == null) first = t;
            last = t;
            items.add(t);
            size++;
            if (callable) pendingLive = macro;
            if (t.location == null || t.location.expandedFrom() == null) allExpanded = false;
            if (t.startOfLine) noLineStart = false;
            if (t.kind == Token.Kind.PUNCT) {
                switch (t.text) {
                    case "(" -> depth++;
                    case ")" -> {
                        if (depth == 0) balanced = false;
                        else depth--;
                    }
                    case "," -> {
                        if (depth == 0) topComma = true;
                    }
                    default -> { }
                }
            }
        }

        /** A quiet tree taken whole from a frame (trees in frames are {@link #allExpanded}). */
        void add(ExpandedTokens e) {
            if (e.size == 0) return;
            followedBy(e.first);
            if (!e.quiet) notQuiet(items.size() + 1);
            if (first == null) first = e.first;
            last = e.last;
            items.add(e);
            size += e.size;
            interiorLive |= e.interiorLive;
            tailInteriorLive |= e.interiorLive;
            pendingLive = e.lastLive;
            if (!e.balanced) balanced = false;
            if (e.topComma && depth == 0) topComma = true;
            if (!e.startsNoLine()) noLineStart = false;
        }

        /** The last token added, if live, is followed by {@code next}: rescanning it would meet a '('. */
        private void followedBy(Token next) {
            Macro m = pendingLive;
            if (m == null) return;
            pendingLive = null;
            if (next.kind == Token.Kind.PUNCT && next.text.equals("(")) {
                // The prefix ends with the live token: taking it whole leaves that token to be rescanned on its
                // own, before this '('.
                pendingLive = m;
                notQuiet(items.size());
                pendingLive = null;
            } else {
                interiorLive |= Macro.nameBit(m.name);
                tailInteriorLive |= Macro.nameBit(m.name);
            }
        }

        /**
         * The item about to be added makes the tree not quiet: what was added so far before the first such item
         * is its quiet prefix, and a quiet run may start again at item {@code tailFrom}.
         */
        private void notQuiet(int tailFrom) {
            tailStart = tailFrom;
            tailInteriorLive = 0;
            if (!quiet) return;
            quiet = false;
            if (items.size() < 2) return;
            prefixItems = items.size();
            prefixSize = size;
            prefixInteriorLive = interiorLive;
            prefixLastLive = pendingLive;
            prefixLast = last;
            prefixAllExpanded = allExpanded;
            prefixBalanced = balanced && depth == 0;
            prefixTopComma = topComma;
            prefixNoLineStart = noLineStart;
        }

        ExpandedTokens build(int epoch) {
            // A lone tree stands for itself: wrapping it would make chains as long as the nesting (F(F(...)) for
            // #define F(x) x).
            if (items.size() == 1 && items.get(0) instanceof ExpandedTokens e) return e;
            Object[] all;
            int restFrom = quiet ? 0 : tailStart;
            if (prefixItems > 0) {
                restFrom -= prefixItems - 1;
                ExpandedTokens prefix = new ExpandedTokens(items.subList(0, prefixItems).toArray(), prefixSize, KEEP,
                        true, prefixInteriorLive, prefixLastLive, first, prefixLast, prefixAllExpanded, epoch,
                        prefixBalanced, prefixTopComma, prefixNoLineStart, 0, prefixInteriorLive);
                all = new Object[items.size() - prefixItems + 1];
                all[0] = prefix;
                for (int i = prefixItems; i < items.size(); i++) all[i - prefixItems + 1] = items.get(i);
            } else {
                all = items.toArray();
            }
            return new ExpandedTokens(all, size, KEEP, quiet, interiorLive, pendingLive, first, last, allExpanded,
                    epoch, balanced && depth == 0, topComma, noLineStart, restFrom, quiet ? interiorLive
                    : tailInteriorLive);
        }
    }
}
