package dev.jbpfc.ir;

import dev.jbpfc.ir.text.IrParser;
import dev.jbpfc.ir.text.IrPrinter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * print(parse(text)) is a fixed point: printing, parsing and printing again gives the same text, and every
 * file in roundtrip/ and passes/ verifies. Runs over every .ir file so each new test adds a round-trip case.
 */
class RoundTripTest {
    @TestFactory
    List<DynamicTest> printParsePrintIsIdentical() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String dir : List.of("roundtrip", "passes")) {
            for (Path p : TestFiles.in(dir)) {
                tests.add(DynamicTest.dynamicTest(dir + "/" + p.getFileName(), () -> {
                    Module m = IrParser.parse(p.toString(), TestFiles.read(p));
                    List<String> problems = IrVerifier.verify(m);
                    assertTrue(problems.isEmpty(), () -> "input does not verify:\n" + String.join("\n", problems));
                    String once = IrPrinter.print(m);
                    Module again = IrParser.parse(p + " (printed)", once);
                    String twice = IrPrinter.print(again);
                    assertEquals(once, twice);
                    if (dir.equals("roundtrip")) {
                        // files here are written in the printer's own layout: it must reproduce them exactly
                        assertEquals(significantLines(TestFiles.read(p)), significantLines(once));
                    }
                }));
            }
        }
        return tests;
    }

    private static String significantLines(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.strip().startsWith(";")) continue;
            sb.append(line.stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
