package dev.jbpfc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code jbpfc --help}: the flags, one a line, grouped by what they do, as clang's help lists its own. The text
 * is {@code help.txt} beside this class; a flag added to {@link OptionParser} gets its line there
 * ({@code HelpTest} checks that every flag the text names is accepted).
 */
final class Help {
    private Help() {}

    static String text() {
        try (InputStream in = Help.class.getResourceAsStream("help.txt")) {
            if (in == null) throw new IllegalStateException("help.txt is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void print(PrintStream out) {
        out.print(text());
        out.flush();
    }
}
