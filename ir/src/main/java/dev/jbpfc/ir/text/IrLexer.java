package dev.jbpfc.ir.text;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.source.SourceFile;
import dev.jbpfc.source.SourceLocation;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** Splits IR text into tokens; {@code ;} starts a comment to the end of the line; newlines are just blanks. */
final class IrLexer {
    enum Kind { WORD, LOCAL, GLOBAL, INT, STRING, PUNCT, EOF }

    record Token(Kind kind, String text, byte[] bytes, int offset) {
        boolean is(String s) { return (kind == Kind.WORD || kind == Kind.PUNCT) && text.equals(s); }

        @Override
        public String toString() {
            return switch (kind) {
                case EOF -> "end of file";
                case LOCAL -> "'%" + text + "'";
                case GLOBAL -> "'@" + text + "'";
                case STRING -> "string";
                default -> "'" + text + "'";
            };
        }
    }

    static List<Token> lex(SourceFile file) {
        String s = file.text();
        List<Token> out = new ArrayList<>();
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ';') {
                while (i < n && s.charAt(i) != '\n') i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '%' || c == '@') {
                int start = i++;
                int b = i;
                while (i < n && isNameChar(s.charAt(i))) i++;
                if (i == b) throw new CompileError(new SourceLocation(file, start), "expected a name after '" + c + "'");
                out.add(new Token(c == '%' ? Kind.LOCAL : Kind.GLOBAL, s.substring(b, i), null, start));
            } else if (c == '"') {
                int start = i++;
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                while (true) {
                    if (i >= n || s.charAt(i) == '\n') throw new CompileError(new SourceLocation(file, start), "unterminated string");
                    char d = s.charAt(i);
                    if (d == '"') { i++; break; }
                    if (d == '\\') {
                        int h1 = i + 1 < n ? Character.digit(s.charAt(i + 1), 16) : -1;
                        int h2 = i + 2 < n ? Character.digit(s.charAt(i + 2), 16) : -1;
                        if (h1 < 0 || h2 < 0) throw new CompileError(new SourceLocation(file, i), "expected two hex digits after '\\'");
                        bytes.write(h1 * 16 + h2);
                        i += 3;
                    } else {
                        byte[] enc = String.valueOf(d).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        bytes.write(enc, 0, enc.length);
                        i++;
                    }
                }
                byte[] b = bytes.toByteArray();
                out.add(new Token(Kind.STRING, new String(b, java.nio.charset.StandardCharsets.UTF_8), b, start));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                int start = i++;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)))) i++;
                out.add(new Token(Kind.INT, s.substring(start, i), null, start));
            } else if (isNameChar(c)) {
                int start = i;
                while (i < n && isNameChar(s.charAt(i))) i++;
                out.add(new Token(Kind.WORD, s.substring(start, i), null, start));
            } else if ("(),:[]{}=!+".indexOf(c) >= 0) {
                out.add(new Token(Kind.PUNCT, String.valueOf(c), null, i));
                i++;
            } else {
                throw new CompileError(new SourceLocation(file, i), "unexpected character '" + c + "'");
            }
        }
        out.add(new Token(Kind.EOF, "", null, n));
        return out;
    }

    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }
}
