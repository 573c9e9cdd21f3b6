package dev.jbpfc.grammar;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;

import java.util.ArrayList;

/**
 * The parse tree's node (the grammar's {@code contextSuperClass}): ANTLR gives every node a child list with room
 * for ten, where most nodes have one or two children. For a function of 51,200 switch cases (issue 14's scaling
 * benchmark) that was 3.1 million lists and half of a 500 MB parse tree, all of it live until the AST is built,
 * copied by each young collection and promoted. Room for two, grown as usual, holds the same tree.
 */
public class CompactRuleContext extends ParserRuleContext {
    public CompactRuleContext() { }

    public CompactRuleContext(ParserRuleContext parent, int invokingStateNumber) { super(parent, invokingStateNumber); }

    @Override
    public <T extends ParseTree> T addAnyChild(T t) {
        if (children == null) children = new ArrayList<>(2);
        return super.addAnyChild(t);
    }
}
