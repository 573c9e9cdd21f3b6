package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 2's front-end criterion over the whole selftests corpus: with the selftests flags, {@code -fsyntax-only}
 * accepts every file clang-22 accepts and rejects the ones clang rejects, with the first error on the same line.
 * clang's rejections are recorded in {@code corpus-syntax/clang-rejected.txt} and re-checked against clang-22 here
 * (compiling all ~800 files with clang too would take minutes).
 */
class CorpusSyntaxOnlyTest {
    private static final Pattern FIRST_ERROR = Pattern.compile("(?m)^(\\S+?):(\\d+):\\d+: (?:fatal )?error: ");

    @Test
    void acceptsWhatClangAcceptsAndRejectsWhatItRejects() throws IOException, InterruptedException {
        Path progs = OracleRequirement.corpus().resolve("progs");
        OracleRequirement.clang();
        List<String> flags = OracleRequirement.selftestsFlags();
        Map<String, String> expected = recordedRejections();

        Map<String, String> rejected = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(progs)) {
            files = s.filter(f -> f.toString().endsWith(".c")).sorted().toList();
        }
        assertTrue(files.size() > 750, "the corpus has ~800 files, found " + files.size());
        for (Path f : files) {
            List<String> args = new ArrayList<>(flags);
            args.add("-fsyntax-only");
            args.add(f.toString());
            InProcessJbpfc run = InProcessJbpfc.run(args, OutputStream.nullOutputStream());
            String text = run.stderr();
            assertTrue(!text.contains("internal compiler error"), f.getFileName() + ": " + text);
            if (run.status() != 0) rejected.put(f.getFileName().toString(), firstError(text));
        }
        assertEquals(expected, rejected, "files jbpfc rejects (file -> first error) vs clang-22's");

        // The recorded verdicts are clang's own: it still rejects each, first error on the same line.
        for (Map.Entry<String, String> e : expected.entrySet()) {
            List<String> cmd = new ArrayList<>(List.of("clang-22"));
            cmd.addAll(flags);
            cmd.add("-fsyntax-only");
            cmd.add(e.getKey());
            Process p = new ProcessBuilder(cmd).directory(progs.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor() != 0, "clang-22 now accepts " + e.getKey() + ": update clang-rejected.txt");
            assertEquals(e.getValue(), firstError(out), "clang-22's first error in " + e.getKey());
        }
    }

    /** {@code name.h:LINE} of the first error, the path reduced to its file name. */
    private static String firstError(String diagnostics) {
        Matcher m = FIRST_ERROR.matcher(diagnostics);
        if (!m.find()) return "(no error line)";
        return Path.of(m.group(1)).getFileName() + ":" + m.group(2);
    }

    private static Map<String, String> recordedRejections() throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (InputStream in = CorpusSyntaxOnlyTest.class.getResourceAsStream("/corpus-syntax/clang-rejected.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.trim().split("\\s+");
                m.put(f[0], f[1]);
            }
        }
        return m;
    }
}
