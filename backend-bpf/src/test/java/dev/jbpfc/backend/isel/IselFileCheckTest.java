package dev.jbpfc.backend.isel;

import dev.jbpfc.backend.BackendOptions;
import dev.jbpfc.backend.BpfBackend;
import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.ir.IrVerifier;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.text.FileCheck;
import dev.jbpfc.ir.text.IrParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every {@code src/test/resources/isel/*.ir}: each {@code ; RUN: -mcpu=vN PREFIX} line compiles the file's
 * IR with that cpu and matches the {@code -S} text against the file's {@code PREFIX:} lines (FileCheck). When the
 * RUN line ends in {@code error}, compilation must fail and the PREFIX lines are matched against the message.
 * {@code -floop-hints} after the cpu builds counted loops to the loop-hint templates (off by default, as in jbpfc).
 */
class IselFileCheckTest {
    private static final Pattern RUN = Pattern.compile("^; RUN: -mcpu=(v[1-4])( -floop-hints)? ([A-Z0-9-]+)( error)?\\s*$", Pattern.MULTILINE);

    @TestFactory
    Stream<DynamicTest> iselFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/isel").toURI());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".ir")).sorted().forEach(files::add);
        }
        assertFalse(files.isEmpty(), "no isel tests found");
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> runFile(p)));
    }

    static void runFile(Path file) throws IOException {
        String text = Files.readString(file);
        Matcher m = RUN.matcher(text);
        int runs = 0;
        while (m.find()) {
            runs++;
            CpuVersion cpu = CpuVersion.parse(m.group(1));
            boolean loopHints = m.group(2) != null;
            String prefix = m.group(3);
            boolean expectError = m.group(4) != null;
            Module module = IrParser.parse(file.getFileName().toString(), text);
            List<String> problems = IrVerifier.verify(module);
            if (!problems.isEmpty()) fail("the test's IR is invalid: " + problems);
            String produced;
            try {
                produced = BpfBackend.assemble(module, new BackendOptions(cpu, false, null, loopHints));
                if (expectError) fail("expected a compile error at -mcpu=" + m.group(1) + ", got:\n" + produced);
            } catch (CompileError e) {
                if (!expectError) fail("unexpected compile error at -mcpu=" + m.group(1) + ": " + e.getMessage());
                produced = e.getMessage();
            }
            String output = produced;
            String mismatch = FileCheck.check(text, prefix, output);
            assertNull(mismatch, () -> file.getFileName() + " -mcpu=" + m.group(1) + " " + prefix + ": " + mismatch
                    + "\n--- output ---\n" + output);
        }
        if (runs == 0) fail(file + " has no RUN line");
    }
}
