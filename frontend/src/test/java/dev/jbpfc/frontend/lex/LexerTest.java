package dev.jbpfc.frontend.lex;

import dev.jbpfc.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class LexerTest {
    private static List<Token> lex(String text) {
        return Lexer.tokenize(new SourceFile("t.c", text), new Interner());
    }

    /** Tokens as "KIND:text" joined by spaces, EOF left out. */
    private static String show(String text) {
        return lex(text).stream().filter(t -> t.kind != Token.Kind.EOF)
                .map(t -> t.kind.name().charAt(0) + ":" + t.text).collect(Collectors.joining(" "));
    }

    @Test
    void identifiersNumbersAndPunctuators() {
        assertEquals("I:int I:x P:= N:0x1fULL P:;", show("int x = 0x1fULL;"));
        assertEquals("N:1e+5 P:+ N:.5 N:1.2.3 P:- N:0x1p-3", show("1e+5+.5 1.2.3-0x1p-3"));
        assertEquals("I:a P:<<= I:b P:>>= I:c P:... P:. P:. P:-> P:## P:#",
                show("a<<=b>>=c ... .. -> ## #"));
        assertEquals("P:++ P:+ P:&& P:& P:|| P:!= P:== P:<= P:>= P:%= P:^=", show("+++&&&||!===<=>=%=^="));
        assertEquals("I:$x1 I:_y", show("$x1 _y"));
    }

    @Test
    void digraphsGetCanonicalText() {
        assertEquals("P:[ P:] P:{ P:} P:# P:##", show("<: :> <% %> %: %:%:"));
    }

    @Test
    void literalsWithPrefixes() {
        assertEquals("C:'a' C:L'\\0' C:u'x' C:U'y' C:u8'z' S:\"s\\\"t\" S:L\"w\" S:u8\"q\" I:u8 I:L",
                show("'a' L'\\0' u'x' U'y' u8'z' \"s\\\"t\" L\"w\" u8\"q\" u8 L"));
    }

    @Test
    void commentsAreSpaceAndNewlinesStartLines() {
        List<Token> ts = lex("a/* c */b // x\n  c/**/d\n#e");
        assertEquals("a", ts.get(0).text);
        assertTrue(ts.get(0).startOfLine);
        assertFalse(ts.get(0).spaceBefore);
        assertTrue(ts.get(1).spaceBefore);
        assertFalse(ts.get(1).startOfLine);
        assertTrue(ts.get(2).startOfLine);
        assertTrue(ts.get(3).spaceBefore);
        assertFalse(ts.get(3).startOfLine);
        assertTrue(ts.get(4).startOfLine);
        assertEquals("#", ts.get(4).text);
        assertFalse(ts.get(5).spaceBefore);
    }

    @Test
    void lineSplicesJoinTokensAndLines() {
        assertEquals("I:abcdef P:+= N:12", show("abc\\\ndef +\\\n= 1\\\r\n2"));
        List<Token> ts = lex("#define X \\\n  1\nY");
        assertEquals(6, ts.size());
        assertTrue(ts.get(0).startOfLine);
        assertFalse(ts.get(3).startOfLine, "the spliced line continues the directive");
        assertTrue(ts.get(4).startOfLine);
        assertEquals("I:z", show("// c\\\n still comment\nz"));
    }

    @Test
    void unterminatedQuoteIsOtherToEndOfLine() {
        assertEquals("I:don O:'t stop I:next", show("don't stop\nnext"));
        assertEquals("O:@ O:`", show("@ `"));
    }

    @Test
    void headerNamesOnlyWhenAsked() {
        Lexer lexer = new Lexer(new SourceFile("t.c", "#include <bpf/bpf_helpers.h>\n<a>"), new Interner());
        assertEquals("#", lexer.next().text);
        assertEquals("include", lexer.next().text);
        Token h = lexer.nextHeaderName();
        assertEquals(Token.Kind.HEADER_NAME, h.kind);
        assertEquals("<bpf/bpf_helpers.h>", h.text);
        assertNull(lexer.nextHeaderName(), "no header name across a newline");
        assertEquals("<", lexer.next().text);
    }

    @Test
    void restOfLineIsRaw() {
        Lexer lexer = new Lexer(new SourceFile("t.c", "#error  don't do \\\nthat  \nx"), new Interner());
        lexer.next();
        lexer.next();
        assertEquals("don't do that", lexer.restOfLine());
        Token x = lexer.next();
        assertEquals("x", x.text);
        assertTrue(x.startOfLine);
    }

    @Test
    void identifiersAreInterned() {
        List<Token> ts = lex("task_struct task_struct");
        assertSame(ts.get(0).text, ts.get(1).text);
    }

    @Test
    void locationsAreOffsets() {
        List<Token> ts = lex("a\n  bb");
        assertEquals(2, ts.get(1).location.line());
        assertEquals(3, ts.get(1).location.column());
        assertEquals(Token.Kind.EOF, ts.get(2).kind);
    }
}
