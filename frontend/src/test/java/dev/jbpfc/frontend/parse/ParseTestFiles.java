package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.AstPrinter;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.source.SourceFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every {@code src/test/resources/parse/*.c}: the file is lexed (lines starting with '#' other than
 * {@code #pragma} are dropped, as in {@code clang -E} output) and parsed; then
 * <ul>
 *   <li>{@code // expected-error {{text}}} (or {@code expected-error@+N}, {@code @-N}) asks for an error on that
 *       line whose message contains text; every error must be expected, and a file without any expects none;</li>
 *   <li>{@code // CHECK: text} lines must match lines of the AST dump ({@link AstPrinter}) in order (the dump
 *       line, trimmed, must contain the text); {@code // CHECK-NEXT: text} must match the line right after the
 *       previous match.</li>
 * </ul>
 */
class ParseTestFiles {
    private static final Path DIR = Path.of("src/test/resources/parse");
    private static final Pattern EXPECTED = Pattern.compile("expected-error(@([+-]\\d+))?\\s*\\{\\{(.*?)\\}\\}");
    private static final Pattern DIAG = Pattern.compile("^[^\\s:]+:(\\d+):(\\d+): error: (.*)$");

    @TestFactory
    Stream<DynamicTest> parseFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(files::add);
        }
        if (files.isEmpty()) fail("no test files in " + DIR.toAbsolutePath());
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(p)));
    }

    private static void run(Path path) throws IOException {
        String text = Files.readString(path);
        SourceFile file = new SourceFile(path.getFileName().toString(), text);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Diagnostics diags = new Diagnostics(new PrintStream(buf, true, StandardCharsets.UTF_8));
        diags.setErrorLimit(0);
        TranslationUnit tu = Parser.parse(PreprocessedFile.tokens(file), diags);
        String diagText = buf.toString(StandardCharsets.UTF_8);

        List<String> problems = new ArrayList<>();
        checkDiagnostics(text, diagText, problems);
        checkDump(text, AstPrinter.print(tu), problems);
        if (!problems.isEmpty()) {
            fail(path + ":\n  " + String.join("\n  ", problems) + "\n--- diagnostics:\n" + diagText
                    + "--- AST:\n" + AstPrinter.print(tu));
        }
    }

    private static void checkDiagnostics(String text, String diagText, List<String> problems) {
        List<int[]> wantLines = new ArrayList<>();
        List<String> wantTexts = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXPECTED.matcher(lines[i]);
            while (m.find()) {
                int line = i + 1 + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
                wantLines.add(new int[] {line});
                wantTexts.add(m.group(3));
            }
        }
        boolean[] matched = new boolean[wantTexts.size()];
        for (String d : diagText.split("\n")) {
            Matcher m = DIAG.matcher(d);
            if (!m.matches()) continue;
            int line = Integer.parseInt(m.group(1));
            boolean ok = false;
            for (int i = 0; i < wantTexts.size(); i++) {
                if (!matched[i] && wantLines.get(i)[0] == line && m.group(3).contains(wantTexts.get(i))) {
                    matched[i] = true;
                    ok = true;
                    break;
                }
            }
            if (!ok) problems.add("unexpected error: " + d);
        }
        for (int i = 0; i < matched.length; i++) {
            if (!matched[i]) problems.add("missing error on line " + wantLines.get(i)[0] + ": " + wantTexts.get(i));
        }
    }

    private static void checkDump(String text, String dump, List<String> problems) {
        String[] out = dump.split("\n");
        int pos = 0;
        int last = -1;
        for (String line : text.split("\n")) {
            int at = line.indexOf("// CHECK");
            if (at < 0) continue;
            String directive = line.substring(at + 3);
            boolean next = directive.startsWith("CHECK-NEXT:");
            if (!next && !directive.startsWith("CHECK:")) continue;
            String want = directive.substring(directive.indexOf(':') + 1).trim();
            if (next) {
                if (last < 0 || last + 1 >= out.length || !out[last + 1].trim().contains(want)) {
                    problems.add("CHECK-NEXT not matched: " + want);
                    return;
                }
                last = last + 1;
                pos = last + 1;
                continue;
            }
            int found = -1;
            for (int i = pos; i < out.length; i++) {
                if (out[i].trim().contains(want)) { found = i; break; }
            }
            if (found < 0) {
                problems.add("CHECK not matched: " + want);
                return;
            }
            last = found;
            pos = found + 1;
        }
    }
}
