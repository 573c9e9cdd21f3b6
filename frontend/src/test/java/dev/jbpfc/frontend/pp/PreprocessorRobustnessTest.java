package dev.jbpfc.frontend.pp;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.lex.Token;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad input must give diagnostics, never a Java exception: seeded random sequences of directive fragments,
 * macro definitions and uses, parentheses, operators and literals, some cut off mid-line, are preprocessed and
 * must come back as a token list ending in EOF.
 */
class PreprocessorRobustnessTest {
    private static final String[] PIECES = {
        "#define F(x, ...) x ## __VA_ARGS__ #x", "#define G(a) F(a, a) G", "#define O O (", "#define E",
        "#define V(...) __VA_OPT__(", "#define P(x) _Pragma(#x)", "#undef F", "#if", "#if (", "#if 1 /", "#elif",
        "#else", "#endif", "#ifdef", "#ifndef F", "#elifdef", "#include", "#include <", "#include \"", "#line",
        "#line x", "#pragma", "#pragma push_macro(", "#pragma pop_macro(\"F\")", "#error", "#", "# 7 \"f\"",
        "F(", "F(1, 2)", "G(", "G(G(1))", "O", "V()", "V(1)", "P(x)", "_Pragma(", "_Pragma(\"once\")",
        "__has_include(", "__has_builtin(", "__has_attribute()", "defined", "(", ")", ",", "##", "#", "'", "\"",
        "'a", "\"s", "0x", "1e+", "1 / 0", "?", ":", "\\", "/*", "*/", "//", "__LINE__", "__COUNTER__",
        "__VA_ARGS__", "__VA_OPT__", "@", "`", "\u00e9", "<", ">"
    };

    @Test
    void randomInputNeverThrows() throws IOException {
        Random random = new Random(0x5eed);
        Path dir = Files.createTempDirectory("pp-robust");
        try {
            for (int round = 0; round < 250; round++) {
                StringBuilder sb = new StringBuilder();
                int lines = 1 + random.nextInt(12);
                for (int l = 0; l < lines; l++) {
                    int n = 1 + random.nextInt(6);
                    for (int k = 0; k < n; k++) {
                        sb.append(PIECES[random.nextInt(PIECES.length)]);
                        sb.append(random.nextInt(4) == 0 ? "" : " ");
                    }
                    if (random.nextInt(10) != 0) sb.append('\n');
                }
                Path f = dir.resolve("r" + round + ".c");
                Files.writeString(f, sb.toString(), StandardCharsets.ISO_8859_1);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    List<Token> toks = new Preprocessor(new PreprocessorOptions(),
                            new Diagnostics(new PrintStream(out, true, StandardCharsets.UTF_8))).run(f);
                    assertEquals(Token.Kind.EOF, toks.get(toks.size() - 1).kind);
                    PreprocessedPrinter.print(toks, new StringBuilder());
                } catch (Diagnostics.ErrorLimitReached e) {
                    // the driver's business: too many errors
                } catch (RuntimeException | StackOverflowError e) {
                    e.printStackTrace();
                    fail("exception on input:\n" + sb + "\n" + e);
                }
                Files.delete(f);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }
}
