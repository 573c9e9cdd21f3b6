package dev.jbpfc.ir;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.ir.text.IrParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each file in invalid/ is IR the parser or the verifier must reject. Its {@code ; expected-error: TEXT} lines
 * name the messages: a parse error is matched as {@code LINE:COL: message}; verifier problems are matched as
 * substrings, and every expected text must be among them.
 */
class InvalidIrTest {
    private static final Pattern EXPECTED = Pattern.compile(";\\s*expected-error:\\s*(.*\\S)");

    @TestFactory
    List<DynamicTest> rejected() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : TestFiles.in("invalid")) {
            tests.add(DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                String text = TestFiles.read(p);
                List<String> expected = new ArrayList<>();
                Matcher m = EXPECTED.matcher(text);
                while (m.find()) expected.add(m.group(1));
                assertFalse(expected.isEmpty(), "the test has no '; expected-error:' line");
                List<String> got = new ArrayList<>();
                try {
                    Module mod = IrParser.parse(p.getFileName().toString(), text);
                    got.addAll(IrVerifier.verify(mod));
                } catch (CompileError e) {
                    got.add(e.location().line() + ":" + e.location().column() + ": " + e.getMessage());
                }
                if (got.isEmpty()) fail("accepted, but expected: " + expected);
                for (String want : expected) {
                    if (got.stream().noneMatch(g -> g.contains(want))) {
                        fail("expected an error containing '" + want + "', got:\n  " + String.join("\n  ", got));
                    }
                }
            }));
        }
        return tests;
    }
}
