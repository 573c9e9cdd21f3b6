package dev.jbpfc.source;

import java.util.Arrays;

/**
 * The text of one source file (or of a buffer the preprocessor made up, like the predefines or a {@code _Pragma}),
 * with a table of line starts so that an offset turns into line and column only when someone asks: tokens carry
 * offsets, and a diagnostic or a line_info record is the rare consumer of line numbers.
 */
public final class SourceFile {
    private final String path;
    private final String text;
    private int[] lineStarts; // computed on first use

    public SourceFile(String path, String text) {
        this.path = path;
        this.text = text;
    }

    public String path() { return path; }

    public String text() { return text; }

    /** 1-based line of an offset. */
    public int lineOf(int offset) {
        int[] starts = lineStarts();
        int i = Arrays.binarySearch(starts, offset);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    /** 1-based column of an offset, counted in chars as clang counts bytes for ASCII text. */
    public int columnOf(int offset) {
        return offset - lineStarts()[lineOf(offset) - 1] + 1;
    }

    /** The text of a 1-based line without its line terminator. */
    public String lineText(int line) {
        int[] starts = lineStarts();
        if (line < 1 || line > starts.length) return "";
        int start = starts[line - 1];
        int end = line < starts.length ? starts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
        return text.substring(start, end);
    }

    private int[] lineStarts() {
        int[] starts = lineStarts;
        if (starts == null) {
            int n = 1;
            for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') n++;
            starts = new int[n];
            n = 1;
            for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts[n++] = i + 1;
            lineStarts = starts;
        }
        return starts;
    }

    @Override
    public String toString() { return path; }
}
