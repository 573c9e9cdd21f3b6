package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.parse.Parser;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;
import dev.jbpfc.frontend.sema.Sema;
import dev.jbpfc.frontend.sema.SemanticModel;
import dev.jbpfc.ir.IrVerifier;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.pass.PassPipeline;
import dev.jbpfc.ir.text.FileCheck;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every {@code src/test/resources/lower/*.c}: preprocess, parse, sema, lower; the IR verifier must accept the
 * module, then
 * <ul>
 *   <li>{@code // CHECK:} lines are matched against the printed IR right after lowering,</li>
 *   <li>{@code // OPT:} lines against the IR after {@code mem2reg} (and the passes named by {@code // PASSES: a,b}),</li>
 *   <li>{@code // expected-error: text} lines: lowering (or an earlier stage, or with {@code // PASSES:} the passes
 *       named there, after the CHECK lines matched the lowered IR) must report an error containing text; without
 *       them, any diagnostic error fails the test.</li>
 * </ul>
 * {@code // FLAGS:} adds preprocessor flags ({@code -I...}, {@code -D...}).
 */
class LowerFileTest {
    static final Path DIR = Path.of("src/test/resources/lower");

    @TestFactory
    Stream<DynamicTest> files() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(files::add);
        }
        assertTrue(files.size() > 0, "no test files in " + DIR.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    static Module compile(Path file, List<String> flags, Diagnostics d) {
        List<Token> tokens = new Preprocessor(PreprocessorOptions.fromArgs(flags), d).run(file);
        TranslationUnit tu = Parser.parse(tokens, d);
        if (d.hasErrors()) return null;
        SemanticModel model = Sema.analyze(tu, d);
        if (d.hasErrors()) return null;
        try {
            return Lowering.lower(tu, model, LowerOptions.defaults(), d).module();
        } catch (CompileError e) {
            d.error(e.location(), e.getMessage());
            return null;
        }
    }

    private static void run(Path file) throws Exception {
        String text = Files.readString(file);
        List<String> flags = new ArrayList<>();
        List<String> expectedErrors = new ArrayList<>();
        String passes = "";
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (t.startsWith("// FLAGS:")) {
                for (String f : t.substring(9).trim().split("\\s+")) if (!f.isEmpty()) flags.add(f);
            } else if (t.startsWith("// expected-error:")) {
                expectedErrors.add(t.substring(18).trim());
            } else if (t.startsWith("// PASSES:")) {
                passes = t.substring(10).trim();
            }
        }
        ByteArrayOutputStream diagOut = new ByteArrayOutputStream();
        Diagnostics d = new Diagnostics(new PrintStream(diagOut, true, StandardCharsets.UTF_8));
        Module m = compile(file, flags, d);
        if (!expectedErrors.isEmpty() && m != null && !passes.isEmpty()) {
            if (FileCheck.hasChecks(text, "CHECK")) assertNull(FileCheck.check(text, "CHECK", m.toString()), m.toString());
            try {
                PassPipeline.of(passes).verifyEach(true).run(m);
            } catch (CompileError e) {
                d.error(e.location(), e.getMessage());
            }
        }
        String diags = diagOut.toString(StandardCharsets.UTF_8);
        if (!expectedErrors.isEmpty()) {
            assertTrue(d.hasErrors(), "expected errors " + expectedErrors + " but lowering succeeded:\n" + m);
            for (String want : expectedErrors) {
                assertTrue(diags.contains(want), "diagnostics should contain '" + want + "' but were:\n" + diags);
            }
            return;
        }
        if (d.hasErrors() || m == null) fail("unexpected errors:\n" + diags);
        List<String> problems = IrVerifier.verify(m);
        String ir = m.toString();
        if (System.getProperty("lower.dump") != null) System.out.println("=== " + file + "\n" + ir);
        assertEquals(List.of(), problems, "IR verifier on\n" + ir);
        if (FileCheck.hasChecks(text, "CHECK")) assertNull(FileCheck.check(text, "CHECK", ir), ir);
        if (FileCheck.hasChecks(text, "OPT")) {
            PassPipeline.of(passes.isEmpty() ? "mem2reg" : "mem2reg," + passes).verifyEach(true).run(m);
            String opt = m.toString();
            if (System.getProperty("lower.dump") != null) System.out.println("=== after mem2reg\n" + opt);
            assertNull(FileCheck.check(text, "OPT", opt), opt);
        }
        if (!FileCheck.hasChecks(text, "CHECK") && !FileCheck.hasChecks(text, "OPT")) {
            fail(file + " has no CHECK/OPT lines");
        }
    }
}
