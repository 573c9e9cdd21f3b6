package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.source.SourceFile;
import dev.jbpfc.source.SourceLocation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code #pragma GCC diagnostic ignored "-Wint-conversion"} (and {@code clang diagnostic}) regions, read from the
 * preprocessed tokens, so that sema can drop the diagnostics a program asked to ignore. libbpf depends on it:
 * <pre>
 * #define BPF_PROG(name, args...) ... {
 *     _Pragma("GCC diagnostic push")
 *     _Pragma("GCC diagnostic ignored \"-Wint-conversion\"")
 *     return ____##name(___bpf_ctx_cast(args));      // passes u64 ctx[i] to pointer parameters
 *     _Pragma("GCC diagnostic pop")
 * }
 * </pre>
 * The parser does not keep pragmas inside function bodies, so regions are matched by location: a pragma that came
 * out of a macro covers every diagnostic whose outermost expansion is the same macro use; a pragma written in a
 * file covers that file from the pragma to its pop (or the end of the file).
 */
public final class DiagnosticPragmas {
    private static final Pattern DIAG = Pattern.compile(
            "^(?:GCC|clang)\\s+diagnostic\\s+(push|pop|ignored|warning|error)\\s*(?:\"(-W[^\"]*)\")?");

    private record Region(String flag, SourceLocation site, SourceFile file, int from, int to) {}

    private final List<Region> regions = new ArrayList<>();
    /** The state the command line's -W flags set, which the regions modify. */
    private final WarningFlags commandLine;

    public static final DiagnosticPragmas NONE = new DiagnosticPragmas(WarningFlags.NONE);

    private DiagnosticPragmas(WarningFlags commandLine) { this.commandLine = commandLine; }

    /** Collects the ignored-warning regions from the PRAGMA tokens of a preprocessed token list. */
    public static DiagnosticPragmas from(List<Token> tokens) { return from(tokens, WarningFlags.NONE); }

    /** As {@link #from(List)}, on top of the command line's warning flags. */
    public static DiagnosticPragmas from(List<Token> tokens, WarningFlags commandLine) {
        DiagnosticPragmas p = new DiagnosticPragmas(commandLine);
        Deque<List<Integer>> stack = new ArrayDeque<>(); // open region indexes per push level
        List<Integer> open = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind != Token.Kind.PRAGMA) continue;
            Matcher m = DIAG.matcher(t.text.replace("\\\"", "\""));
            if (!m.find()) continue;
            SourceLocation at = t.location;
            switch (m.group(1)) {
                case "push" -> {
                    stack.push(open);
                    open = new ArrayList<>();
                }
                case "pop" -> {
                    close(p, open, at);
                    open = stack.isEmpty() ? new ArrayList<>() : stack.pop();
                }
                case "ignored" -> {
                    if (m.group(2) == null) break;
                    SourceLocation site = outermost(at);
                    boolean fromMacro = at.expandedFrom() != null;
                    p.regions.add(new Region(m.group(2), fromMacro ? site : null, site.file(), site.offset(),
                            fromMacro ? endOfInvocation(site) : Integer.MAX_VALUE));
                    open.add(p.regions.size() - 1);
                }
                default -> { }
            }
        }
        return p;
    }

    private static void close(DiagnosticPragmas p, List<Integer> open, SourceLocation at) {
        SourceLocation site = outermost(at);
        for (int i : open) {
            Region r = p.regions.get(i);
            if (r.site == null && r.file == site.file()) {
                p.regions.set(i, new Region(r.flag, null, r.file, r.from, site.offset()));
            }
        }
    }

    /**
     * The end of the macro invocation at {@code site}: its name, then its parenthesized arguments if any (a macro
     * argument keeps its own location, inside this range).
     */
    private static int endOfInvocation(SourceLocation site) {
        String text = site.file().text();
        int i = site.offset();
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) i++;
        int j = i;
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) j++;
        if (j >= text.length() || text.charAt(j) != '(') return i;
        int depth = 0;
        for (; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return j + 1;
        }
        return text.length();
    }

    private static SourceLocation outermost(SourceLocation at) {
        SourceLocation s = at;
        while (s.expandedFrom() != null) s = s.expandedFrom();
        return s;
    }

    /** How the warning {@code flag} ("-Wpointer-sign") is reported at {@code at}. */
    public WarningFlags.Severity warning(String flag, SourceLocation at) {
        return ignored(flag, at) ? WarningFlags.Severity.IGNORED : commandLine.warning(flag);
    }

    /** How the diagnostic {@code flag} that is an error by default ("-Wint-conversion") is reported at {@code at}. */
    public WarningFlags.Severity defaultError(String flag, SourceLocation at) {
        return ignored(flag, at) ? WarningFlags.Severity.IGNORED : commandLine.defaultError(flag);
    }

    /** Whether the warning {@code flag} ("-Wint-conversion") is ignored at {@code at}. */
    public boolean ignored(String flag, SourceLocation at) {
        if (regions.isEmpty() || at == null) return false;
        SourceLocation site = outermost(at);
        for (Region r : regions) {
            if (!r.flag.equals(flag)) continue;
            if (r.file == site.file() && site.offset() >= r.from && site.offset() < r.to) {
                return true;
            }
        }
        return false;
    }
}
