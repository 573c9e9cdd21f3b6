package dev.jbpfc.grammar;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;

/**
 * The parse tree's node (the grammar's {@code contextSuperClass}): ANTLR gives every node a child list with room
 * for ten, where most nodes have one or two children. For a function of 51,200 switch cases (issue 14's scaling
 * benchmark) that was 3.1 million lists and half of a 500 MB parse tree, all of it live until the AST is built,
 * copied by each young collection and promoted. Room for two, grown as usual, holds the same tree.
 * The generated accessors ({@code ctx.expression()}, {@code ctx.Identifier()}) find a child by kind: ANTLR's own
 * search walks the children with an iterator, one object per call (with C1 alone, nothing removes it), 56 MB of a
 * 25,600-case switch's compile; the searches here index the list.
 */
public class CompactRuleContext extends ParserRuleContext {
    public CompactRuleContext() { }

    public CompactRuleContext(ParserRuleContext parent, int invokingStateNumber) { super(parent, invokingStateNumber); }

    @Override
    public <T extends ParseTree> T addAnyChild(T t) {
        if (children == null) children = new ArrayList<>(2);
        return super.addAnyChild(t);
    }

    /** The {@code i}-th child (from 0) that is a {@code kind}, or null. */
    @Override
    public <T extends ParseTree> T getChild(Class<? extends T> kind, int i) {
        if (children == null || i < 0 || i >= children.size()) return null;
        int seen = -1;
        for (int k = 0; k < children.size(); k++) {
            ParseTree c = children.get(k);
            if (kind.isInstance(c) && ++seen == i) return kind.cast(c);
        }
        return null;
    }

    /** The {@code i}-th token child (from 0) of type {@code tokenType}, or null. */
    @Override
    public TerminalNode getToken(int tokenType, int i) {
        if (children == null || i < 0 || i >= children.size()) return null;
        int seen = -1;
        for (int k = 0; k < children.size(); k++) {
            if (children.get(k) instanceof TerminalNode t && t.getSymbol().getType() == tokenType && ++seen == i) return t;
        }
        return null;
    }
}
