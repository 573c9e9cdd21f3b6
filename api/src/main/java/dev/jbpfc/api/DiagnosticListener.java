package dev.jbpfc.api;

/**
 * Receives each {@link Diagnostic} the moment it is reported (the command line prints them as they come, as
 * clang does); the same diagnostics are in {@link CompileResult#diagnostics()} at the end. Called on the
 * compiling thread.
 */
@FunctionalInterface
public interface DiagnosticListener {
    void report(Diagnostic diagnostic);
}
