package dev.jbpfc.ir.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A small FileCheck: matches CHECK lines written in a test file against a compiler's output. Shared by the IR pass
 * tests and the backend's {@code -S} tests. Directives (after any comment leader such as {@code ;}, {@code //}, #):
 * <pre>
 *   CHECK: text        the next line at or after the cursor containing text
 *   CHECK-NEXT: text   the line right after the previous match
 *   CHECK-SAME: text   later on the same line as the previous match
 *   CHECK-NOT: text    no line between the previous match and the next match (or the end) contains text
 *   CHECK-LABEL: text  like CHECK (kept for readability: starts a new function's checks)
 *   CHECK-EMPTY:       the line right after the previous match is empty
 * </pre>
 * In text, runs of blanks match any run of blanks, {@code {{regex}}} is a regular expression,
 * {@code [[NAME:regex]]} captures what the regex matched and {@code [[NAME]]} must match the same text again
 * (for SSA names and registers, which passes are free to choose).
 */
public final class FileCheck {
    private enum Kind { CHECK, NEXT, SAME, NOT, LABEL, EMPTY }

    private record Directive(Kind kind, String pattern, int line) {}

    private final List<Directive> directives = new ArrayList<>();
    private final Map<String, String> vars = new HashMap<>();

    private FileCheck(String checkFile, String prefix) {
        Pattern p = Pattern.compile("\\b" + Pattern.quote(prefix) + "(-NEXT|-SAME|-NOT|-LABEL|-EMPTY)?:(.*)$");
        String[] lines = checkFile.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            Matcher m = p.matcher(lines[n]);
            if (!m.find()) continue;
            String suffix = m.group(1) == null ? "" : m.group(1);
            Kind k = switch (suffix) {
                case "-NEXT" -> Kind.NEXT;
                case "-SAME" -> Kind.SAME;
                case "-NOT" -> Kind.NOT;
                case "-LABEL" -> Kind.LABEL;
                case "-EMPTY" -> Kind.EMPTY;
                default -> Kind.CHECK;
            };
            directives.add(new Directive(k, m.group(2).trim(), n + 1));
        }
    }

    /** Whether the check file has any directive with this prefix. */
    public static boolean hasChecks(String checkFile, String prefix) {
        return !new FileCheck(checkFile, prefix).directives.isEmpty();
    }

    /**
     * Matches {@code output} against the {@code prefix} directives of {@code checkFile}. Returns null when it
     * matches, else a message naming the failing directive's line and showing where the search was.
     */
    public static String check(String checkFile, String prefix, String output) {
        return new FileCheck(checkFile, prefix).run(output);
    }

    public static String check(String checkFile, String output) { return check(checkFile, "CHECK", output); }

    private String run(String output) {
        if (directives.isEmpty()) return "no CHECK directives found";
        String[] lines = output.split("\n", -1);
        int cur = 0;            // next line a CHECK may match
        int lastLine = -1;      // line of the previous match
        int lastEnd = 0;        // end column of the previous match on lastLine
        List<Directive> pendingNot = new ArrayList<>();
        for (Directive d : directives) {
            if (d.kind == Kind.NOT) {
                pendingNot.add(d);
                continue;
            }
            int foundLine = -1;
            int foundEnd = 0;
            switch (d.kind) {
                case CHECK, LABEL -> {
                    for (int n = cur; n < lines.length && foundLine < 0; n++) {
                        int[] r = match(d, lines[n], 0);
                        if (r != null) { foundLine = n; foundEnd = r[1]; }
                    }
                    if (foundLine < 0) return fail(d, "no match found", lines, cur);
                }
                case NEXT -> {
                    int n = lastLine + 1;
                    int[] r = n < lines.length ? match(d, lines[n], 0) : null;
                    if (r == null) return fail(d, "the next line does not match", lines, n);
                    foundLine = n;
                    foundEnd = r[1];
                }
                case SAME -> {
                    if (lastLine < 0) return fail(d, "CHECK-SAME without a previous match", lines, 0);
                    int[] r = match(d, lines[lastLine], lastEnd);
                    if (r == null) return fail(d, "no match on the same line", lines, lastLine);
                    foundLine = lastLine;
                    foundEnd = r[1];
                }
                case EMPTY -> {
                    int n = lastLine + 1;
                    if (n >= lines.length || !lines[n].isEmpty()) return fail(d, "the next line is not empty", lines, n);
                    foundLine = n;
                }
                default -> throw new IllegalStateException();
            }
            String notFail = checkNots(pendingNot, lines, Math.max(cur, lastLine + 1), foundLine, d.kind == Kind.SAME);
            if (notFail != null) return notFail;
            pendingNot.clear();
            lastLine = foundLine;
            lastEnd = foundEnd;
            cur = foundLine + 1;
        }
        return checkNots(pendingNot, lines, lastLine + 1, lines.length, false);
    }

    private String checkNots(List<Directive> nots, String[] lines, int from, int to, boolean sameLine) {
        if (sameLine) return null;
        for (Directive d : nots) {
            for (int n = from; n < to && n < lines.length; n++) {
                if (match(d, lines[n], 0) != null) return fail(d, "found text that must not be there", lines, n);
            }
        }
        return null;
    }

    /** Returns {start, end} of the match in line from column {@code from}, binding variables, or null. */
    private int[] match(Directive d, String line, int from) {
        List<String> defs = new ArrayList<>();
        Pattern p;
        try {
            p = Pattern.compile(toRegex(d.pattern, defs));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("line " + d.line + ": bad regular expression: " + e.getMessage());
        }
        Matcher m = p.matcher(line);
        if (!m.find(from)) return null;
        for (int g = 0; g < defs.size(); g++) vars.put(defs.get(g), m.group("v" + g));
        return new int[]{m.start(), m.end()};
    }

    private String toRegex(String pat, List<String> defs) {
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < pat.length()) {
            if (pat.startsWith("{{", i)) {
                int e = pat.indexOf("}}", i + 2);
                if (e < 0) throw new IllegalArgumentException("unterminated {{ in '" + pat + "'");
                re.append("(?:").append(pat, i + 2, e).append(')');
                i = e + 2;
            } else if (pat.startsWith("[[", i)) {
                int e = closingBrackets(pat, i + 2);
                if (e < 0) throw new IllegalArgumentException("unterminated [[ in '" + pat + "'");
                String body = pat.substring(i + 2, e);
                int colon = body.indexOf(':');
                if (colon >= 0) {
                    String name = body.substring(0, colon);
                    re.append("(?<v").append(defs.size()).append('>').append(body.substring(colon + 1)).append(')');
                    defs.add(name);
                } else {
                    String val = vars.get(body);
                    if (val == null) throw new IllegalArgumentException("use of undefined variable [[" + body + "]]");
                    re.append(Pattern.quote(val));
                }
                i = e + 2;
            } else if (Character.isWhitespace(pat.charAt(i))) {
                while (i < pat.length() && Character.isWhitespace(pat.charAt(i))) i++;
                re.append("\\s+");
            } else {
                int j = i;
                while (j < pat.length() && !pat.startsWith("{{", j) && !pat.startsWith("[[", j) && !Character.isWhitespace(pat.charAt(j))) j++;
                re.append(Pattern.quote(pat.substring(i, j)));
                i = j;
            }
        }
        return re.toString();
    }

    /** Index of the "]]" that closes a [[...]] starting at from, skipping brackets of a regex inside. */
    private static int closingBrackets(String pat, int from) {
        int depth = 0;
        for (int j = from; j < pat.length(); j++) {
            char c = pat.charAt(j);
            if (c == '\\') j++;
            else if (c == '[') depth++;
            else if (c == ']') {
                if (depth == 0 && j + 1 < pat.length() && pat.charAt(j + 1) == ']') return j;
                depth--;
            }
        }
        return -1;
    }

    private static String fail(Directive d, String why, String[] lines, int near) {
        StringBuilder sb = new StringBuilder();
        String name = switch (d.kind) {
            case CHECK -> "CHECK"; case NEXT -> "CHECK-NEXT"; case SAME -> "CHECK-SAME"; case NOT -> "CHECK-NOT";
            case LABEL -> "CHECK-LABEL"; case EMPTY -> "CHECK-EMPTY";
        };
        sb.append("check line ").append(d.line).append(": ").append(name).append(": ").append(d.pattern).append("\n  ")
          .append(why);
        if (near >= 0 && near < lines.length) sb.append(" (searching from output line ").append(near + 1).append(": '").append(lines[near]).append("')");
        sb.append("\n--- output ---\n");
        for (int n = 0; n < lines.length; n++) sb.append(String.format("%4d  %s%n", n + 1, lines[n]));
        return sb.toString();
    }
}
