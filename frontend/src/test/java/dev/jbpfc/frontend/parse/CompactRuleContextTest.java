package dev.jbpfc.frontend.parse;

import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.grammar.CParser;
import dev.jbpfc.grammar.CompactRuleContext;
import dev.jbpfc.source.SourceFile;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parse tree's nodes find a child by kind with their own index loops ({@link CompactRuleContext}, issue 14):
 * over every node of a real parse, the i-th child of each kind and the i-th token of each type must be the one a
 * plain scan of the children finds, null past the last and for a negative index.
 */
class CompactRuleContextTest {
    private static final String SOURCE = """
            typedef unsigned int u32;
            struct pair { int a, b; };
            static int g[4];
            int pick(u32 x, struct pair *p) {
                int r = 0, s = 1;
                switch (x) {
                case 1: r = g[1] * 3 + p->a; break;
                case 2: r = (int)x ? p->b : -1; s += r << 2; break;
                default: r = -1;
                }
                for (int i = 0; i < 4; i++) if (g[i] > r && i != 2) r = g[i], s--;
                return r + s;
            }
            """;

    @Test
    void accessorsFindWhatAScanOfTheChildrenFinds() {
        List<Token> tokens = PreprocessedFile.tokens(new SourceFile("t.c", SOURCE));
        TypedefTable typedefs = new TypedefTable();
        CTokenStream stream = new CTokenStream(tokens, typedefs);
        CParser parser = new CParser(stream);
        parser.hooks = typedefs;
        List<ParserRuleContext> roots = new ArrayList<>();
        while (stream.LA(1) != org.antlr.v4.runtime.Token.EOF) roots.add(parser.externalDeclaration());
        assertEquals(4, roots.size());

        int checked = 0;
        Deque<ParserRuleContext> work = new ArrayDeque<>(roots);
        while (!work.isEmpty()) {
            ParserRuleContext node = work.pop();
            assertTrue(node instanceof CompactRuleContext, node.getClass().getName());
            Set<Class<?>> kinds = new LinkedHashSet<>(List.of(ParseTree.class, TerminalNode.class, CParser.ExpressionContext.class));
            Set<Integer> tokenTypes = new LinkedHashSet<>(List.of(CParser.IDENTIFIER, CParser.GOTO));
            for (int k = 0; k < node.getChildCount(); k++) {
                ParseTree c = node.getChild(k);
                kinds.add(c.getClass());
                if (c instanceof TerminalNode t) tokenTypes.add(t.getSymbol().getType());
                if (c instanceof ParserRuleContext r) work.push(r);
            }
            for (Class<?> kind : kinds) {
                List<ParseTree> expected = new ArrayList<>();
                for (int k = 0; k < node.getChildCount(); k++) if (kind.isInstance(node.getChild(k))) expected.add(node.getChild(k));
                for (int i = -1; i <= expected.size(); i++) {
                    @SuppressWarnings("unchecked")
                    ParseTree got = node.getChild((Class<? extends ParseTree>) kind, i);
                    assertSame(i >= 0 && i < expected.size() ? expected.get(i) : null, got, kind + " #" + i);
                    checked++;
                }
            }
            for (int type : tokenTypes) {
                List<TerminalNode> expected = new ArrayList<>();
                for (int k = 0; k < node.getChildCount(); k++) {
                    if (node.getChild(k) instanceof TerminalNode t && t.getSymbol().getType() == type) expected.add(t);
                }
                for (int i = -1; i <= expected.size(); i++) {
                    assertSame(i >= 0 && i < expected.size() ? expected.get(i) : null, node.getToken(type, i), "token " + type + " #" + i);
                    checked++;
                }
            }
        }
        assertTrue(checked > 500, "only " + checked + " lookups checked");
    }
}
