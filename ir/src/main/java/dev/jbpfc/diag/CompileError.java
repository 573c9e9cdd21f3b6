package dev.jbpfc.diag;

import dev.jbpfc.source.SourceLocation;

/**
 * Thrown by a stage that cannot go on (the error is already worded for the user). The driver reports it as a
 * clang-style diagnostic and exits with status 1; it never reaches the user as a stack trace. {@code location}
 * may be null for errors that belong to no line (a function's stack size, say: then the message names the function).
 */
public final class CompileError extends RuntimeException {
    private final transient SourceLocation location;

    public CompileError(SourceLocation location, String message) {
        super(message, null, false, false);
        this.location = location;
    }

    public SourceLocation location() { return location; }
}
