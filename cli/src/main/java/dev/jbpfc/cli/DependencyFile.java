package dev.jbpfc.cli;

import java.util.List;

/**
 * The text of a make dependency file, as clang writes one. For {@code clang --target=bpf -MD -c t.c}:
 * <pre>
 * t.o: t.c dir/a\ b.h d$$x/h\#1.h \
 *   /a/longer/path/that/would/pass/column/seventy-five.h
 * </pre>
 * Targets, then a colon, then each file, separated by one space; a name that would take the line past column 75
 * (counting its unquoted length) starts a new line, indented by two spaces after a backslash. File names are
 * quoted for make: {@code $} doubled, a space or {@code #} behind a backslash. With {@code -MP} every file but
 * the first (the source) gets an empty rule of its own ({@code name:}), so make does not stop when a header
 * is deleted.
 */
final class DependencyFile {
    private static final int WIDTH = 75;

    private DependencyFile() {}

    /** The file's text: {@code targets} (already as they go into the file) depend on {@code files}. */
    static String text(List<String> targets, List<String> files, boolean phony) {
        StringBuilder sb = new StringBuilder();
        int column = 0;
        for (int i = 0; i < targets.size(); i++) {
            String t = targets.get(i);
            if (i > 0) {
                if (column + t.length() + 1 > WIDTH && column > 2) {
                    sb.append(" \\\n ");
                    column = 1;
                }
                sb.append(' ');
                column++;
            }
            sb.append(t);
            column += t.length();
        }
        sb.append(':');
        column++;
        for (String f : files) {
            if (column + f.length() + 1 > WIDTH && column > 2) {
                sb.append(" \\\n ");
                column = 2;
            }
            sb.append(' ').append(quote(f));
            column += f.length() + 1;
        }
        sb.append('\n');
        if (phony) {
            for (int i = 1; i < files.size(); i++) sb.append(quote(files.get(i))).append(":\n");
        }
        return sb.toString();
    }

    /**
     * A name quoted for make: {@code $} becomes {@code $$}; a space or {@code #} gets a backslash, and the
     * backslashes just before it are doubled so that they stay backslashes.
     */
    static String quote(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == '#') {
                for (int j = i - 1; j >= 0 && name.charAt(j) == '\\'; j--) sb.append('\\');
                sb.append('\\');
            } else if (c == '$') {
                sb.append('$');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
