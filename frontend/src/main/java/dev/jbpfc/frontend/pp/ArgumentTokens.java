package dev.jbpfc.frontend.pp;

import dev.jbpfc.frontend.lex.Token;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A macro argument as collected (before expansion), copied token by token, except that an {@link ExpandedTokens}
 * tree met whole in a frame is kept as one item ({@link ExpandedTokens#balanced}, with no
 * {@link ExpandedTokens#topComma} unless it is in the variable arguments). Why: with
 * {@code #define G(x) ID(x)+1}, the argument of {@code ID} in the expansion of {@code G(G(...))} is the whole
 * expansion of the level inside; read token by token, every level cost as much as all the levels inside it.
 * <p>
 * As a list it is the tokens, trees opened (made once, when {@code #} or {@code ##} first needs them); the
 * expander reads {@link #items} instead.
 */
final class ArgumentTokens extends AbstractList<Token> implements RandomAccess {
    /** Tokens and trees, in order. */
    final ArrayList<Object> items = new ArrayList<>();
    private int size;
    private boolean trees;
    private List<Token> opened;

    ArgumentTokens() {}

    ArgumentTokens(List<Token> tokens) {
        items.addAll(tokens);
        size = tokens.size();
    }

    @Override
    public boolean add(Token t) {
        items.add(t);
        size++;
        opened = null;
        return true;
    }

    void add(ExpandedTokens e) {
        items.add(e);
        size += e.size;
        trees = true;
        opened = null;
    }

    /** Whether some item is a tree. */
    boolean hasTrees() { return trees; }

    @Override
    public Token get(int i) {
        if (!trees) return (Token) items.get(i);
        if (opened == null) {
            List<Token> out = new ArrayList<>(size);
            for (Object o : items) ExpandedTokens.appendTokens(out, o, ExpandedTokens.KEEP);
            opened = out;
        }
        return opened.get(i);
    }

    @Override
    public int size() { return size; }
}
