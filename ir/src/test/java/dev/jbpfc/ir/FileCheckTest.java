package dev.jbpfc.ir;

import dev.jbpfc.ir.pass.PassPipeline;
import dev.jbpfc.ir.text.FileCheck;
import dev.jbpfc.ir.text.IrParser;
import dev.jbpfc.ir.text.IrPrinter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every passes/*.ir file: its {@code ; RUN: pass,pass} header names the passes (or {@code -O2} for a
 * level, or {@code -analyze} to check the analyses through {@link AnalysisPrinter}), the module in the file is verified, the passes run with the verifier after each one, and the printed
 * result, followed by the passes' remarks as {@code ; remark: ...} lines, is matched against the file's
 * {@code ; CHECK} lines ({@link FileCheck}).
 */
class FileCheckTest {
    private static final Pattern RUN = Pattern.compile("^;\\s*RUN:\\s*(\\S+)\\s*$", Pattern.MULTILINE);

    @TestFactory
    List<DynamicTest> passTests() {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files = TestFiles.in("passes");
        assertFalse(files.isEmpty(), "no pass tests found");
        for (Path p : files) {
            tests.add(DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                String text = TestFiles.read(p);
                Matcher m = RUN.matcher(text);
                assertTrue(m.find(), "the test has no '; RUN: passes' line");
                String run = m.group(1);
                // "passes,-analyze": the analyses of the module after the passes (and the module itself).
                if (run.equals("-analyze")) {
                    Module mod = IrParser.parse(p.getFileName().toString(), text);
                    String failure = FileCheck.check(text, AnalysisPrinter.print(mod));
                    if (failure != null) fail(failure);
                    return;
                }
                boolean analyze = run.endsWith(",-analyze");
                if (analyze) run = run.substring(0, run.length() - ",-analyze".length());
                PassPipeline pipeline = run.startsWith("-O") ? PassPipeline.forLevel(run) : PassPipeline.of(run);
                Module mod = IrParser.parse(p.getFileName().toString(), text);
                List<String> problems = IrVerifier.verify(mod);
                assertTrue(problems.isEmpty(), () -> "the input does not verify:\n" + String.join("\n", problems));
                pipeline.verifyEach(true).run(mod);
                StringBuilder outText = new StringBuilder(IrPrinter.print(mod));
                if (analyze) outText.append(AnalysisPrinter.print(mod));
                for (dev.jbpfc.ir.pass.Remark r : pipeline.remarks()) outText.append("; remark: ").append(r).append('\n');
                String out = outText.toString();
                String failure = FileCheck.check(text, out);
                if (failure != null) fail(failure);
            }));
        }
        return tests;
    }
}
