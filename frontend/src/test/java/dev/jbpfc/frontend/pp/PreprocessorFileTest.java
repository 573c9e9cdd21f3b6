package dev.jbpfc.frontend.pp;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.lex.Token;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every {@code src/test/resources/pp-tests/*.c}: the file is preprocessed with the flags of its
 * {@code // FLAGS:} lines ({@code %S} = the test's directory); the output tokens, joined by single spaces, must
 * equal the text of its {@code // EXPECT:} lines joined by single spaces (PRAGMA tokens show as
 * {@code #pragma(text)}); each {@code // DIAG:} line must occur in the diagnostics printed, and with no DIAG line
 * there must be none. Adding a test is adding a file.
 */
class PreprocessorFileTest {
    @TestFactory
    Stream<DynamicTest> ppTests() throws IOException, URISyntaxException {
        Path dir = Path.of(PreprocessorFileTest.class.getResource("/pp-tests").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".c")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() > 5, "pp tests found");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> runOne(f)));
    }

    private static void runOne(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<String> flags = new ArrayList<>();
        List<String> expect = new ArrayList<>();
        List<String> diagsWanted = new ArrayList<>();
        String dir = file.getParent().toString();
        for (String l : lines) {
            String t = l.strip();
            if (t.startsWith("// FLAGS:")) {
                for (String f : t.substring(9).trim().split("\\s+")) if (!f.isEmpty()) flags.add(f.replace("%S", dir));
            } else if (t.startsWith("// EXPECT:")) {
                String e = t.substring(10).trim();
                if (!e.isEmpty()) expect.add(e);
            } else if (t.startsWith("// DIAG:")) {
                diagsWanted.add(t.substring(8).trim());
            }
        }
        ByteArrayOutputStream diagOut = new ByteArrayOutputStream();
        Diagnostics d = new Diagnostics(new PrintStream(diagOut, true, StandardCharsets.UTF_8));
        List<Token> out = new Preprocessor(PreprocessorOptions.fromArgs(flags), d).run(file);
        assertEquals(Token.Kind.EOF, out.get(out.size() - 1).kind, "the token list ends with EOF");
        String got = out.stream().filter(t -> t.kind != Token.Kind.EOF).map(t -> t.kind == Token.Kind.PRAGMA ? "#pragma(" + t.text + ")" : t.text)
                .collect(Collectors.joining(" "));
        String diagText = diagOut.toString(StandardCharsets.UTF_8);
        assertEquals(normalize(String.join(" ", expect)), got, "tokens of " + file.getFileName()
                + (diagText.isEmpty() ? "" : "\ndiagnostics:\n" + diagText));
        for (String want : diagsWanted) {
            assertTrue(diagText.contains(want), "diagnostics should contain '" + want + "' but were:\n" + diagText);
        }
        if (diagsWanted.isEmpty()) assertEquals("", diagText, "no diagnostics expected");
    }

    private static String normalize(String s) {
        return Arrays.stream(s.split("\\s+")).filter(x -> !x.isEmpty()).collect(Collectors.joining(" "));
    }
}
