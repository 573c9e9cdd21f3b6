package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dependency-file tests: each {@code src/test/resources/depfiles/*.test} is a small source tree and one jbpfc
 * command; the files it must write (or print) are given in full. A test file reads:
 * <pre>
 * // what is checked, in a sentence
 * RUN: -MMD -MP -c t.c -o out/x.o
 * --- FILE t.c
 * #include "a b.h"
 * --- EXPECT out/x.d        (or: --- EXPECT -  for standard output)
 * out/x.o: t.c a\ b.h
 * </pre>
 * jbpfc runs in a fresh directory holding the tree, as its own process (the names in a dependency file are
 * relative to the working directory). Where clang-22 is present, the same command runs under
 * {@code clang-22 --target=bpf} in a second copy of the tree and must write the same bytes: the expected text is
 * clang's, checked in so that the test also runs without clang. A test whose RUN line ends in {@code NO-CLANG}
 * is not compared with clang (it lists jbpfc's own headers, which clang spells differently).
 */
class DependencyFilesTest {
    private static final Path DIR = Path.of("src/test/resources/depfiles");
    private static final Path WORK = Path.of("target/depfiles").toAbsolutePath();

    record Case(String name, List<String> args, boolean clang, Map<String, String> files,
                Map<String, String> expected) {}

    @TestFactory
    Stream<DynamicTest> jbpfcWritesTheExpectedFiles() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, jbpfc())));
    }

    @TestFactory
    Stream<DynamicTest> clangWritesTheSameFiles() throws IOException {
        return cases().stream().filter(Case::clang).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            String clang = OracleRequirement.clang().executable();
            check(c, List.of(clang, "--target=bpf"));
        }));
    }

    @Test
    void quotingForMake() {
        assertEquals("a\\ b\\#c$$d", DependencyFile.quote("a b#c$d"));
        assertEquals("x\\\\\\ y", DependencyFile.quote("x\\ y"), "a backslash before a space is doubled");
        assertEquals("x\\y", DependencyFile.quote("x\\y"), "other backslashes stay");
    }

    @Test
    void wrapsBeforeColumnSeventyFive() {
        String a = "a".repeat(40) + ".h";
        String text = DependencyFile.text(List.of("t.o"), List.of("t.c", a, a.replace('a', 'b')), false);
        assertEquals("t.o: t.c " + a + " \\\n  " + a.replace('a', 'b') + "\n", text);
    }

    private static List<String> jbpfc() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
    }

    private static void check(Case c, List<String> compiler) throws IOException {
        Path dir = WORK.resolve(c.name() + (compiler.size() == 2 ? ".clang" : ".jbpfc"));
        deleteTree(dir);
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : c.files().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.ISO_8859_1);
        }
        List<String> argv = new ArrayList<>(compiler);
        argv.addAll(c.args());
        CommandResult r = Command.run(argv, dir, Duration.ofSeconds(120));
        assertEquals(0, r.exitCode(), String.join(" ", argv) + "\n" + r.stderr());
        for (Map.Entry<String, String> e : c.expected().entrySet()) {
            String actual = e.getKey().equals("-") ? r.stdout()
                    : Files.isRegularFile(dir.resolve(e.getKey()))
                    ? Files.readString(dir.resolve(e.getKey()), StandardCharsets.ISO_8859_1) : "<no file>";
            assertEquals(e.getValue(), actual, c.name() + ": " + e.getKey() + " written by " + compiler.get(0));
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(DIR)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".test")).sorted().toList()) out.add(parse(p));
        }
        return out;
    }

    private static Case parse(Path p) throws IOException {
        List<String> args = null;
        boolean clang = true;
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> into = null;
        String name = null;
        StringBuilder body = null;
        for (String line : Files.readString(p, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            if (line.startsWith("--- FILE ") || line.startsWith("--- EXPECT ")) {
                if (body != null) into.put(name, body.toString());
                into = line.startsWith("--- FILE ") ? files : expected;
                name = line.substring(line.indexOf(' ', 4) + 1);
                body = new StringBuilder();
            } else if (body != null) {
                body.append(line).append('\n');
            } else if (line.startsWith("RUN: ")) {
                args = new ArrayList<>(List.of(line.substring(5).trim().split(" +")));
                if (args.get(args.size() - 1).equals("NO-CLANG")) {
                    args.remove(args.size() - 1);
                    clang = false;
                }
                // A quoted argument may hold spaces: 'a b' (no escapes inside).
                List<String> joined = new ArrayList<>();
                StringBuilder q = null;
                for (String a : args) {
                    if (q != null) {
                        q.append(' ').append(a);
                        if (a.endsWith("'")) { joined.add(q.substring(1, q.length() - 1)); q = null; }
                    } else if (a.startsWith("'") && !(a.length() > 1 && a.endsWith("'"))) {
                        q = new StringBuilder(a);
                    } else {
                        joined.add(a.startsWith("'") ? a.substring(1, a.length() - 1) : a);
                    }
                }
                args = joined;
            }
        }
        if (body != null) {
            // The last block ends at the end of the file: its final newline belongs to the file's text.
            String b = body.toString();
            into.put(name, b.endsWith("\n\n") ? b.substring(0, b.length() - 1) : b);
        }
        if (args == null) throw new IllegalStateException(p + ": no RUN: line");
        String base = p.getFileName().toString();
        return new Case(base.substring(0, base.length() - ".test".length()), args, clang, files, expected);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
