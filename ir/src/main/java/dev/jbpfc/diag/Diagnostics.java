package dev.jbpfc.diag;

import dev.jbpfc.source.SourceLocation;

import java.io.PrintStream;

/**
 * Collects and prints diagnostics the way clang does:
 * <pre>
 * file.c:12:10: error: use of undeclared identifier 'x'
 *    12 |         return x;
 *       |                ^
 * </pre>
 * followed by "note: expanded from macro" lines when the location came out of a macro. Errors past the
 * {@code -ferror-limit} stop compilation with clang's "too many errors emitted" fatal error.
 */
public final class Diagnostics {
    /**
     * Receives each diagnostic as it is reported, with its clang-style text (location line, source line and caret
     * included); a macro expansion's "expanded from here" lines arrive as notes of their own.
     */
    @FunctionalInterface
    public interface Listener {
        void reported(Severity severity, SourceLocation at, String message, String rendered);
    }

    private final PrintStream out;
    private final Listener listener;
    private int errorLimit = 20;
    private boolean warningsAsErrors;
    private boolean suppressWarnings;
    private int errors;
    private int warnings;

    public Diagnostics(PrintStream out) {
        this.out = out;
        this.listener = null;
    }

    /** Diagnostics handed to {@code listener} instead of printed (the Java API keeps them as values). */
    public Diagnostics(Listener listener) {
        this.out = null;
        this.listener = listener;
    }

    public void setErrorLimit(int limit) { this.errorLimit = limit; }

    public void setWarningsAsErrors(boolean on) { this.warningsAsErrors = on; }

    public void setSuppressWarnings(boolean on) { this.suppressWarnings = on; }

    public int errorCount() { return errors; }

    public int warningCount() { return warnings; }

    public boolean hasErrors() { return errors > 0; }

    public void error(SourceLocation at, String message) { report(Severity.ERROR, at, message); }

    public void warning(SourceLocation at, String message) {
        if (suppressWarnings) return;
        report(warningsAsErrors ? Severity.ERROR : Severity.WARNING, at, message);
    }

    /** A warning whose severity the -W flags already decided: a warning even under -Werror (-Wno-error=X); -w drops it. */
    public void warningAsWarning(SourceLocation at, String message) {
        if (!suppressWarnings) report(Severity.WARNING, at, message);
    }

    /** A warning the -W flags made an error (-Werror, -Werror=X, -pedantic-errors); -w drops it, as in clang. */
    public void warningAsError(SourceLocation at, String message) {
        if (!suppressWarnings) report(Severity.ERROR, at, message);
    }

    public void note(SourceLocation at, String message) { report(Severity.NOTE, at, message); }

    public void report(Severity severity, SourceLocation at, String message) {
        if (severity == Severity.ERROR || severity == Severity.FATAL) errors++;
        if (severity == Severity.WARNING) warnings++;
        print(severity, at, message);
        if (at != null && at.expandedFrom() != null && severity != Severity.NOTE) {
            // clang points at the spelling inside the macro body and then at each expansion site.
            for (SourceLocation use = at.expandedFrom(); use != null; use = use.expandedFrom()) {
                print(Severity.NOTE, use, "expanded from here");
            }
        }
        if (severity == Severity.ERROR && errorLimit > 0 && errors >= errorLimit) {
            print(Severity.FATAL, null, "too many errors emitted, stopping now [-ferror-limit=]");
            throw new ErrorLimitReached();
        }
    }

    private void print(Severity severity, SourceLocation at, String message) {
        StringBuilder sb = new StringBuilder();
        if (at != null) sb.append(at).append(": ");
        sb.append(severity.label).append(": ").append(message).append('\n');
        if (at != null) {
            int line = at.line();
            String text = at.file().lineText(line);
            String gutter = String.format("%5d | ", line);
            sb.append(gutter).append(text).append('\n');
            sb.append("      | ");
            int col = at.column();
            for (int i = 0; i < col - 1 && i < text.length(); i++) sb.append(text.charAt(i) == '\t' ? '\t' : ' ');
            sb.append("^\n");
        }
        if (listener != null) listener.reported(severity, at, message, sb.toString());
        if (out != null) {
            out.print(sb);
            out.flush();
        }
    }

    /** Thrown when {@code -ferror-limit} is reached; the driver stops the current file. */
    public static final class ErrorLimitReached extends RuntimeException {
        public ErrorLimitReached() { super("error limit reached", null, false, false); }
    }
}
