package dev.jbpfc.frontend.parse;

import dev.jbpfc.frontend.lex.Interner;
import dev.jbpfc.frontend.lex.Lexer;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.source.SourceFile;
import dev.jbpfc.source.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code clang -E} output into the token list the preprocessor would hand the parser: line markers
 * ({@code # 12 "file.h" 2}) are dropped, {@code #pragma} lines become one PRAGMA token each (text = the pragma's
 * tokens joined by single spaces), everything else is lexed by the project's Lexer. Locations point into the
 * -E text itself, which is all a parser test needs.
 */
final class PreprocessedFile {
    private PreprocessedFile() {}

    static List<Token> tokens(SourceFile file) {
        List<Token> raw = Lexer.tokenize(file, new Interner());
        List<Token> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Token t = raw.get(i);
            if (t.kind == Token.Kind.PUNCT && t.text.equals("#") && t.startOfLine) {
                int j = i + 1;
                StringBuilder text = new StringBuilder();
                boolean pragma = j < raw.size() && raw.get(j).text.equals("pragma") && !raw.get(j).startOfLine;
                if (pragma) j++;
                while (j < raw.size() && !raw.get(j).startOfLine && raw.get(j).kind != Token.Kind.EOF) {
                    if (pragma) {
                        if (text.length() > 0) text.append(' ');
                        text.append(raw.get(j).text);
                    }
                    j++;
                }
                if (pragma) {
                    out.add(new Token(Token.Kind.PRAGMA, text.toString(), t.location, t.spaceBefore, true));
                }
                i = j - 1;
                continue;
            }
            out.add(t);
        }
        return out;
    }

    static SourceLocation at(SourceFile f, int offset) { return new SourceLocation(f, offset); }
}
