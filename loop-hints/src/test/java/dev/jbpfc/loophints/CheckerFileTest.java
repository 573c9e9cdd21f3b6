package dev.jbpfc.loophints;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code src/test/resources/checker/*.loop} file: assembly in clang's syntax (one function), its tags,
 * and {@code ; CHECK:} lines matched in order in the printed report, each after the previous match (as FileCheck does)
 * ({@link ReportText}). Directives, each on a line of its own:
 * <pre>
 *   ; HINT: counted-up:start=...      a loop hint tag, "jbpfc.loop/1:" prepended
 *   ; TAG: any text                   a tag value as is (malformed hints, other tags)
 *   ; APPEND-HEX: 0102...             raw bytes appended to the assembled code
 *   ; TRUNCATE: 4                     drop that many bytes from the end of the code
 *   ; CHECK: text                     text, found after the end of the previous CHECK's match
 *   ; CHECK-NOT: text                 no report line contains text
 * </pre>
 * Other lines starting with ';' are comments: the first ones say what the file checks.
 */
class CheckerFileTest {
    @TestFactory
    Stream<DynamicTest> loopFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(CheckerFileTest.class.getResource("/checker").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".loop")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no .loop files in " + dir);
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(p)));
    }

    static void run(Path file) throws IOException {
        StringBuilder asm = new StringBuilder();
        List<String> tags = new ArrayList<>();
        List<String[]> checks = new ArrayList<>();
        byte[] extra = new byte[0];
        int truncate = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String t = line.trim();
            if (!t.startsWith(";")) {
                asm.append(line).append('\n');
                continue;
            }
            String d = t.substring(1).trim();
            if (d.startsWith("HINT:")) tags.add(LoopHint.PREFIX + "1:" + d.substring(5).trim());
            else if (d.startsWith("TAG:")) tags.add(d.substring(4).trim());
            else if (d.startsWith("APPEND-HEX:")) extra = HexFormat.of().parseHex(d.substring(11).trim());
            else if (d.startsWith("TRUNCATE:")) truncate = Integer.parseInt(d.substring(9).trim());
            else if (d.startsWith("CHECK:")) checks.add(new String[] {"CHECK", d.substring(6).trim()});
            else if (d.startsWith("CHECK-NOT:")) checks.add(new String[] {"NOT", d.substring(10).trim()});
        }
        if (checks.isEmpty()) fail(file + " has no CHECK lines");
        byte[] code = TestAssembler.assemble(asm.toString());
        byte[] all = Arrays.copyOf(code, code.length + extra.length);
        System.arraycopy(extra, 0, all, code.length, extra.length);
        all = Arrays.copyOf(all, all.length - truncate);
        FunctionReport report = LoopChecker.check(new FunctionCode("xdp", file.getFileName().toString(), true, all, tags));
        String text = ReportText.format(report);
        int from = 0;
        for (String[] c : checks) {
            if (c[0].equals("NOT")) {
                if (text.contains(c[1])) fail(file.getFileName() + ": CHECK-NOT '" + c[1] + "' found in:\n" + text);
                continue;
            }
            int found = text.indexOf(c[1], from);
            if (found < 0) fail(file.getFileName() + ": CHECK '" + c[1] + "' not found after offset " + from + " in:\n" + text);
            from = found + c[1].length();
        }
    }
}
