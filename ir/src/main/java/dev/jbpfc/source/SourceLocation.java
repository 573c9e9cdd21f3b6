package dev.jbpfc.source;

/**
 * A point in a source file. {@code expandedFrom} is the location of the macro use that produced this token
 * (null when the token was written where it stands), so a diagnostic can add clang's "expanded from macro" note.
 * {@code presumedLine}/{@code presumedFile} are what {@code #line} directives say, used by __LINE__ and line_info.
 */
public record SourceLocation(SourceFile file, int offset, SourceLocation expandedFrom) {
    public SourceLocation(SourceFile file, int offset) {
        this(file, offset, null);
    }

    public int line() { return file.lineOf(offset); }

    public int column() { return file.columnOf(offset); }

    public String path() { return file.path(); }

    /** {@code file:line:col}, the prefix of a clang diagnostic. */
    @Override
    public String toString() { return file.path() + ":" + line() + ":" + column(); }
}
