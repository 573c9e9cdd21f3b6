package dev.jbpfc.api;

/**
 * One diagnostic of a compilation, as a value: what clang would print, and its parts.
 * {@code rendered} is the clang-style text, ending with a newline:
 * <pre>
 * prog.bpf.c:12:10: error: use of undeclared identifier 'x'
 *    12 |         return x;
 *       |                ^
 * </pre>
 * A diagnostic with no place in a file (a fatal error, an internal error of the compiler) has a null {@code file}
 * (or the input's name) and line and column 0. A macro expansion's "expanded from here" lines are notes of their own
 * following the diagnostic they belong to.
 */
public record Diagnostic(Severity severity, String file, int line, int column, String message, String rendered) {
    /** How serious a diagnostic is; errors and fatal errors make a compilation fail. */
    public enum Severity {
        NOTE, REMARK, WARNING, ERROR, FATAL;

        public boolean isError() { return this == ERROR || this == FATAL; }
    }

    public boolean isError() { return severity.isError(); }

    /** {@code file:line:col: severity: message}, the first line of {@link #rendered}. */
    @Override
    public String toString() {
        int nl = rendered.indexOf('\n');
        return nl < 0 ? rendered : rendered.substring(0, nl);
    }
}
