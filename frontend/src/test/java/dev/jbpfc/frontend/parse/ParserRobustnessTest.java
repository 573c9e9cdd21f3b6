package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Broken input never escapes the parser as an exception: the parser test files are mutated at the token level
 * (a token deleted, duplicated, or replaced by another token of the file), with a fixed seed, and each mutant must
 * parse to a TranslationUnit with its problems reported as diagnostics.
 */
class ParserRobustnessTest {
    @Test
    void mutatedInputGivesDiagnosticsNotExceptions() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/parse"))) {
            s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(files::add);
        }
        Random random = new Random(0x5eed);
        int mutants = 0, withErrors = 0;
        for (Path path : files) {
            List<Token> original = PreprocessedFile.tokens(new SourceFile(path.toString(), Files.readString(path)));
            for (int round = 0; round < 60; round++) {
                List<Token> tokens = new ArrayList<>(original);
                int edits = 1 + random.nextInt(3);
                for (int e = 0; e < edits && tokens.size() > 2; e++) {
                    int at = random.nextInt(tokens.size() - 1); // keep the EOF token last
                    switch (random.nextInt(3)) {
                        case 0 -> tokens.remove(at);
                        case 1 -> tokens.add(at, tokens.get(at));
                        default -> tokens.set(at, tokens.get(random.nextInt(tokens.size() - 1)));
                    }
                }
                Diagnostics diags = new Diagnostics(new PrintStream(new ByteArrayOutputStream(), true));
                diags.setErrorLimit(0);
                try {
                    assertTrue(Parser.parse(tokens, diags) != null);
                } catch (RuntimeException | StackOverflowError ex) {
                    fail("mutant " + round + " of " + path + " threw " + ex, ex);
                }
                mutants++;
                if (diags.hasErrors()) withErrors++;
            }
        }
        // Most mutants are broken C: if almost none got an error, errors are being swallowed.
        assertTrue(withErrors > mutants / 3, withErrors + " of " + mutants + " mutants reported errors");
    }
}
