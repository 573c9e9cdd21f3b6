package dev.jbpfc.testsuite.mutation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded, text-level mutants of a C source file, for robustness tests: the same (text, seed) always gives the same
 * mutant, so a failing case is reproduced from its seed alone. A mutant is the original with one to three edits,
 * each one of
 * <ul>
 *   <li>a token deleted, duplicated, swapped with its neighbour, swapped with a token elsewhere in the file, or
 *       replaced by a copy of a token from elsewhere in the file (any token, or one of the same kind: an identifier
 *       for an identifier, a number for a number, an operator for an operator);</li>
 *   <li>a line deleted, duplicated, or swapped with another line.</li>
 * </ul>
 * For example, with {@code int x = f(a, b);} the edits "delete token ','", "duplicate token '('" and "swap token
 * 'int' with ';'" give {@code int x = f(a b);}, {@code int x = f((a, b);} and {@code ; x = f(a, b)int}.
 * Tokens are C preprocessing tokens found by a small lexer of its own (identifiers, pp-numbers, string and
 * character literals, punctuators, {@code #}), so directives are mutated too; comments and white space are never
 * tokens. The mutator knows nothing of C beyond that, by design: it makes the broken input users type.
 */
public final class SourceMutator {
    /** A mutant and what was done to the original to make it (one line per edit, for failure messages). */
    public record Mutant(String text, List<String> edits) {}

    /** A token's place in the text: [start, end). */
    record Span(int start, int end) {}

    private static final String[] PUNCTUATORS = {
        "%:%:", "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=",
        "%=", "+=", "-=", "&=", "^=", "|=", "##", "<:", ":>", "<%", "%>", "%:",
    };

    private SourceMutator() {
    }

    /** The mutant of {@code source} for {@code seed}. */
    public static Mutant mutate(String source, long seed) {
        // The text's hash goes into the seed, so that seed N is not the same kind of edit in every file.
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + source.hashCode());
        String text = source;
        List<String> edits = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            Edit e = edit(text, random);
            if (e == null) break;
            text = e.text;
            edits.add(e.description);
        }
        return new Mutant(text, List.copyOf(edits));
    }

    private record Edit(String text, String description) {}

    private static Edit edit(String text, Random random) {
        List<Span> tokens = tokens(text);
        List<Span> lines = lines(text);
        int kind = random.nextInt(9);
        boolean lineEdit = kind >= 5 && kind <= 7;
        if ((lineEdit ? lines : tokens).size() < 2) return null;
        switch (kind) {
            case 0 -> {
                Span t = pick(tokens, random);
                return new Edit(replace(text, t, " "), "delete token " + describe(text, t));
            }
            case 1 -> {
                Span t = pick(tokens, random);
                return new Edit(replace(text, t, slice(text, t) + " " + slice(text, t)),
                        "duplicate token " + describe(text, t));
            }
            case 2 -> {
                int i = random.nextInt(tokens.size() - 1);
                return swap(text, tokens.get(i), tokens.get(i + 1), "token");
            }
            case 3 -> {
                Span a = pick(tokens, random), b = pick(tokens, random);
                return swap(text, a, b, "token");
            }
            case 4 -> {
                Span t = pick(tokens, random), from = pick(tokens, random);
                return new Edit(replace(text, t, " " + slice(text, from) + " "),
                        "replace token " + describe(text, t) + " with " + describe(text, from));
            }
            case 5 -> {
                Span l = pick(lines, random);
                return new Edit(replace(text, l, ""), "delete line " + lineOf(text, l.start));
            }
            case 6 -> {
                Span l = pick(lines, random);
                return new Edit(replace(text, l, slice(text, l) + "\n" + slice(text, l)),
                        "duplicate line " + lineOf(text, l.start));
            }
            case 7 -> {
                Span a = pick(lines, random), b = pick(lines, random);
                return swap(text, a, b, "line");
            }
            default -> {
                // Same kind (an identifier for an identifier, a number for a number, ...): more mutants get past
                // the parser and sema, so lowering and the backend see them too.
                Span t = pick(tokens, random);
                List<Span> alike = new ArrayList<>();
                for (Span u : tokens) if (kindOf(text, u) == kindOf(text, t)) alike.add(u);
                Span from = pick(alike, random);
                return new Edit(replace(text, t, " " + slice(text, from) + " "),
                        "replace token " + describe(text, t) + " with " + describe(text, from));
            }
        }
    }

    private static Edit swap(String text, Span a, Span b, String what) {
        if (a.start > b.start) {
            Span t = a;
            a = b;
            b = t;
        }
        String desc = "swap " + what + " " + describe(text, a, what) + " with " + describe(text, b, what);
        if (a.equals(b)) return new Edit(text, desc);
        String sa = slice(text, a), sb = slice(text, b);
        // Tokens are padded with spaces so that swapped tokens never fuse with their new neighbours.
        String pad = what.equals("token") ? " " : "";
        String out = text.substring(0, a.start) + pad + sb + pad + text.substring(a.end, b.start) + pad + sa + pad
                + text.substring(b.end);
        return new Edit(out, desc);
    }

    private static String describe(String text, Span s, String what) {
        return what.equals("line") ? String.valueOf(lineOf(text, s.start)) : describe(text, s);
    }

    private static String describe(String text, Span t) {
        String s = slice(text, t);
        if (s.length() > 40) s = s.substring(0, 37) + "...";
        return "'" + s + "' at line " + lineOf(text, t.start);
    }

    /** 0 identifier or keyword, 1 number, 2 string or character literal, 3 punctuator. */
    private static int kindOf(String text, Span t) {
        char c = text.charAt(t.start);
        if (Character.isLetter(c) || c == '_' || c == '$') return 0;
        if (Character.isDigit(c) || c == '.' && t.end - t.start > 1) return 1;
        if (c == '"' || c == '\'') return 2;
        return 3;
    }

    private static Span pick(List<Span> spans, Random random) {
        return spans.get(random.nextInt(spans.size()));
    }

    private static String slice(String text, Span s) {
        return text.substring(s.start, s.end);
    }

    private static String replace(String text, Span s, String with) {
        return text.substring(0, s.start) + with + text.substring(s.end);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    /** The lines of the text, without their newlines; a deleted line therefore leaves an empty line behind. */
    static List<Span> lines(String text) {
        List<Span> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i > start || i < text.length()) out.add(new Span(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /** The preprocessing tokens of the text (comments, white space and line splices skipped). */
    static List<Span> tokens(String text) {
        List<Span> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\\' && i + 1 < n && text.charAt(i + 1) == '\n') {
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                int end = tokenEnd(text, i);
                out.add(new Span(i, end));
                i = end;
            }
        }
        return out;
    }

    private static int tokenEnd(String text, int i) {
        int n = text.length();
        char c = text.charAt(i);
        if (c == '"' || c == '\'') {
            int j = i + 1;
            while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') j += text.charAt(j) == '\\' ? 2 : 1;
            return Math.min(n, j + 1);
        }
        if (Character.isLetter(c) || c == '_' || c == '$') {
            int j = i + 1;
            while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_'
                    || text.charAt(j) == '$')) {
                j++;
            }
            return j;
        }
        if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
            int j = i + 1;
            while (j < n) {
                char d = text.charAt(j);
                if ((d == '+' || d == '-') && "eEpP".indexOf(text.charAt(j - 1)) >= 0) j++;
                else if (Character.isLetterOrDigit(d) || d == '_' || d == '.' || d == '\'') j++;
                else break;
            }
            return j;
        }
        for (String p : PUNCTUATORS) if (text.startsWith(p, i)) return i + p.length();
        return i + 1;
    }
}
