package dev.jbpfc.frontend.sema;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.types.ClangOracle;
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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every {@code src/test/resources/sema/*.c} through the frontend (preprocess, parse, sema) and compares the
 * diagnostics with the file's clang-style {@code -verify} comments:
 * <pre>
 * x = 1;   // expected-error {{use of undeclared identifier 'x'}}
 * // expected-warning@+1 {{discards qualifiers}}
 * </pre>
 * An expectation matches a diagnostic of that severity on that line whose message contains the text. Every error
 * and warning jbpfc prints must be expected, and every expectation met (notes are checked only when expected).
 * The same file is also given to {@code clang-22 -Xclang -verify}, so the expectations are clang's own wording,
 * unless the file says {@code // jbpfc-only} (for "not supported yet" errors clang does not have).
 * Adding a test is adding a file.
 */
class SemaFileTest {
    private static final Pattern EXPECT = Pattern.compile(
            "expected-(error|warning|note)(?:@([+-]?)(\\d+))?\\s*\\{\\{(.*?)}}");
    private static final Pattern DIAG = Pattern.compile("^(.*?):(\\d+):(\\d+): (error|warning|note): (.*)$");

    record Expectation(String severity, int line, String text) {}

    @TestFactory
    Stream<DynamicTest> semaTests() throws IOException, URISyntaxException {
        Path dir = Path.of(SemaFileTest.class.getResource("/sema").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".c")).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() >= 5, "sema tests found");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> runOne(f)));
    }

    private static void runOne(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<Expectation> expected = new ArrayList<>();
        boolean jbpfcOnly = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.contains("// jbpfc-only")) jbpfcOnly = true;
            Matcher m = EXPECT.matcher(l);
            while (m.find()) {
                int line = i + 1;
                if (m.group(3) != null) {
                    int n = Integer.parseInt(m.group(3));
                    line = "+".equals(m.group(2)) ? line + n : "-".equals(m.group(2)) ? line - n : n;
                }
                expected.add(new Expectation(m.group(1), line, m.group(4)));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diagnostics diags = new Diagnostics(new PrintStream(out, true, StandardCharsets.UTF_8));
        diags.setErrorLimit(0);
        try {
            Frontend.analyze(file, List.of(file.getParent()), diags);
        } catch (RuntimeException e) {
            throw new AssertionError("frontend crashed on " + file.getFileName() + "\n" + out, e);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        List<Expectation> unmet = new ArrayList<>(expected);
        // Collect diagnostics with every line they may be expected on: their own, and for one that came out of a
        // macro the lines of its "expanded from here" notes (clang's -verify uses the expansion site).
        record Seen(String severity, List<Integer> lines, String message) {}
        List<Seen> seen = new ArrayList<>();
        for (String l : printed.split("\n")) {
            Matcher m = DIAG.matcher(l);
            if (!m.matches() || !Path.of(m.group(1)).getFileName().equals(file.getFileName())) continue;
            int line = Integer.parseInt(m.group(2));
            if (m.group(4).equals("note") && m.group(5).equals("expanded from here") && !seen.isEmpty()) {
                seen.get(seen.size() - 1).lines().add(line);
                continue;
            }
            seen.add(new Seen(m.group(4), new ArrayList<>(List.of(line)), m.group(5)));
        }
        for (Seen d : seen) {
            Expectation hit = null;
            for (Expectation e : unmet) {
                if (e.severity.equals(d.severity()) && d.lines().contains(e.line) && d.message().contains(e.text)) {
                    hit = e;
                    break;
                }
            }
            if (hit != null) unmet.remove(hit);
            else if (!d.severity().equals("note")) {
                problems.add("unexpected " + d.severity() + " on line " + d.lines() + ": " + d.message());
            }
        }
        for (Expectation e : unmet) problems.add("missing " + e.severity + " on line " + e.line + ": " + e.text);
        if (!problems.isEmpty()) {
            fail(file.getFileName() + ":\n  " + String.join("\n  ", problems) + "\n--- jbpfc printed:\n" + printed);
        }
        if (!jbpfcOnly) verifyWithClang(file);
    }

    /** The expectations must also be what clang-22 says (skipped when clang-22 is missing). */
    private static void verifyWithClang(Path file) throws IOException {
        ClangOracle.require("clang-22", "--version");
        ClangOracle.Result r = ClangOracle.run(List.of("clang-22", "--target=bpf", "-fsyntax-only", "-Xclang",
                "-verify", "-Xclang", "-verify-ignore-unexpected=note", "-I", file.getParent().toString(), file.toString()), null);
        if (r.exitCode() != 0) fail("clang-22 -verify disagrees with " + file.getFileName() + ":\n" + r.output());
    }
}
