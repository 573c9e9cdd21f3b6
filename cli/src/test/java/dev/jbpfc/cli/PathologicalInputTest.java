package dev.jbpfc.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's "no input makes it fall over": each class of pathological input a new user might try is generated
 * here at the sizes (a 200,000-term {@code a+a+...} chain, 50,000 nested {@code ?:}, a 1,000,000-term
 * initializer, a 50,000-deep parenthesized {@code #if}, 20,000 nested uses of a function-like macro, some leaving
 * macro names in every level's expansion, a 100,000-case switch) and compiled the way the {@code jbpfc} command
 * does, each in a JVM of its own whose heap is
 * bounded ({@value #HEAP}: the 1,000,000-term initializer needed about 1.3 GB of it while the grammar built its
 * parse tree; read by hand it compiles in 400 MB). Each must end in an
 * object (exit 0) or in clang-style diagnostics (exit 1 with a {@code file:line:col: error:} or
 * {@code fatal error:} line), never in JVM error text or an "internal compiler error" (running out of the heap is
 * reported as "ran out of memory", which fails the cases that must give an object), and within a bounded time
 * ({@value #SECONDS} s each, generous for a loaded CI machine; the slowest, the switch, takes about 10 s of CPU
 * on an idle one; the macro nests about 1 s since expanded arguments are shared, see the frontend's
 * NestedMacroCostTest for their growth).
 */
class PathologicalInputTest {
    /** Wall seconds a case may take: a hang guard, generous for a loaded 2-core machine. */
    static final int SECONDS = 300;
    static final String HEAP = "-Xmx2g";
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^(?:\\S[^\\n]*:\\d+:\\d+: |jbpfc: )?(?:fatal )?error: ");
    private static final Pattern JVM_TEXT = Pattern.compile(
            "Exception|java\\.lang\\.|StackOverflowError|OutOfMemoryError|internal (?:compiler )?error|\\tat ");

    enum Outcome { OBJECT, DIAGNOSTIC }

    record Case(String name, String source, Outcome expected, String expectedText, List<String> flags) {
        Case(String name, String source, Outcome expected) { this(name, source, expected, null, List.of()); }
    }

    static String repeat(String s, int n) { return s.repeat(n); }

    static List<Case> cases() {
        int n = 20_000;
        StringBuilder chain = new StringBuilder("int f(int a) { return a");
        for (int i = 1; i < 200_000; i++) chain.append("+a");
        chain.append("; }\n");
        StringBuilder init = new StringBuilder("int table[] = {1");
        for (int i = 1; i < 1_000_000; i++) init.append(",1");
        init.append("};\nint get(int i) { return table[i & 1023]; }\n");
        StringBuilder sw = new StringBuilder("int f(int a) { switch (a) {");
        for (int i = 0; i < 100_000; i++) sw.append("case ").append(i).append(": return ").append(i * 3 % 7).append(';');
        sw.append("default: return 0; } }\n");
        // Every case empty: the join's phi has an entry per case and each case block is a bare branch to it.
        StringBuilder empty = new StringBuilder("int pick(unsigned int x) { int r = 0; switch (x) {");
        for (int i = 0; i < 100_000; i++) empty.append("case ").append(i * 3).append(": break;");
        empty.append("default: r = -1; } return r; }\n");
        empty.append("__attribute__((section(\"xdp\"), used)) int prog(void *ctx) {"
                + " return pick((unsigned int)(long)ctx); }\n");
        return List.of(
                // A long left-leaning expression: legal at any length, so it must compile.
                new Case("add-chain", chain.toString(), Outcome.OBJECT),
                // Nested conditionals: open '?'s count against the bracket limit (clang has none and crashes at
                // 50,000; unlimited, the grammar took 16 minutes on 20,000); an else-if chain has no such limit.
                new Case("nested-conditional", "int f(int a) { return " + repeat("a ? ", 50_000) + "1" + repeat(" : 0", 50_000)
                        + "; }\n", Outcome.DIAGNOSTIC,
                        "fatal error: conditional operator nesting level exceeded maximum of 2048", List.of()),
                new Case("conditional-at-limit", "int f(int a) { return " + repeat("a ? ", 1000) + "1"
                        + repeat(" : 0", 1000) + "; }\n", Outcome.OBJECT),
                new Case("long-initializer", init.toString(), Outcome.OBJECT),
                // clang has no limit on #if's parentheses (and crashes on 50,000): we evaluate it.
                new Case("if-parentheses", "#if " + repeat("(", 50_000) + "1" + repeat(")", 50_000) + "\nint x;\n#endif\n"
                        + "int f(void) { return x; }\n", Outcome.OBJECT),
                // Nested macro uses whose expansion stays within the bracket limit, and one that nests far deeper.
                new Case("nested-macro", "#define F(x) x + 1\nint f(int a) { return " + repeat("F(", n) + "a"
                        + repeat(")", n) + "; }\n", Outcome.OBJECT),
                // Each level forwards its argument to another macro: the argument of ID at level k is the whole
                // expansion of the levels inside (clang-22 segfaults on it).
                new Case("nested-forwarding-macro", "#define ID(x) x\n#define G(x) ID(x) + 1\nint f(int a) { return "
                        + repeat("G(", n) + "a" + repeat(")", n) + "; }\n", Outcome.OBJECT),
                // Every level leaves the names of six function-like macros with no '(' after them, in an #if whose
                // value they do not change: 49 s of CPU (128 s wall on a loaded machine) before expanded
                // arguments holding such names were shared, about 1 s after (clang-22 segfaults on it).
                new Case("nested-macro-names-in-if", "#define F(x) x + G1 + G2 + G3 + G4 + G5 + G6\n"
                        + "#define G1(y) y\n#define G2(y) y\n#define G3(y) y\n#define G4(y) y\n#define G5(y) y\n"
                        + "#define G6(y) y\n#if " + repeat("F(", n) + "0" + repeat(")", n) + " == 0\n"
                        + "int f(void) { return 1; }\n#endif\n", Outcome.OBJECT),
                new Case("nested-macro-parens", "#define F(x) (x)\nint f(int a) { return " + repeat("F(", 5000) + "a"
                        + repeat(")", 5000) + "; }\n", Outcome.DIAGNOSTIC,
                        "fatal error: bracket nesting level exceeded maximum of 2048", List.of()),
                new Case("long-switch", sw.toString(), Outcome.OBJECT, null, List.of("-mcpu=v4")),
                // SCCP re-met the join's whole phi for each case's edge, and threading the empty blocks rescanned the
                // switch's targets per case: quadratic, over 3 minutes at 51,200 cases (issue 14).
                new Case("empty-switch", empty.toString(), Outcome.OBJECT, null, List.of("-mcpu=v4")),
                // clang's -fbracket-depth: the default (2048, clang-22's) is reached and passed by one ...
                new Case("parentheses-at-limit", "int f(int a) { return " + repeat("(", 2048) + "a" + repeat(")", 2048)
                        + "; }\n", Outcome.OBJECT),
                new Case("parentheses-past-limit", "int f(int a) { return " + repeat("(", 2049) + "a"
                        + repeat(")", 2049) + "; }\n", Outcome.DIAGNOSTIC,
                        "fatal error: bracket nesting level exceeded maximum of 2048", List.of()),
                new Case("braces-past-limit", "void f(void) {" + repeat("{", 2048) + repeat("}", 2048) + "}\n",
                        Outcome.DIAGNOSTIC, "note: use -fbracket-depth=N to increase maximum nesting level", List.of()),
                // ... and the flag moves it, as clang's does.
                new Case("bracket-depth-flag", "int a[2]; int f(void) { return " + repeat("a[", 257) + "0"
                        + repeat("]", 257) + "; }\n", Outcome.DIAGNOSTIC,
                        "fatal error: bracket nesting level exceeded maximum of 256", List.of("-fbracket-depth=256")),
                new Case("deep-parentheses", "int f(int a) { return " + repeat("(", 50_000) + "a" + repeat(")", 50_000)
                        + "; }\n", Outcome.DIAGNOSTIC, "fatal error: bracket nesting level exceeded", List.of()));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @TestFactory
    Stream<DynamicTest> pathologicalInputsEndInAnObjectOrDiagnostics() throws IOException {
        Path work = Files.createTempDirectory("jbpfc-pathological");
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path src = work.resolve(c.name() + ".c");
            Path obj = work.resolve(c.name() + ".o");
            Files.writeString(src, c.source());
            List<String> args = new java.util.ArrayList<>(List.of("-O2", "--target=bpf", "-c", src.toString(),
                    "-o", obj.toString()));
            args.addAll(c.flags());
            List<String> cmd = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP, "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(args);
            Path errFile = work.resolve(c.name() + ".err");
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errFile.toFile()).start();
            if (!p.waitFor(SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(c.name() + " took more than " + SECONDS + " s");
            }
            int status = p.exitValue();
            double seconds = (System.nanoTime() - start) / 1e9;
            String stderr = Files.readString(errFile, StandardCharsets.ISO_8859_1);
            String head = stderr.length() > 2000 ? stderr.substring(0, 2000) + "..." : stderr;
            assertFalse(JVM_TEXT.matcher(stderr).find(), c.name() + ": JVM error text:\n" + head);
            assertTrue(seconds < SECONDS, c.name() + " took " + seconds + " s");
            assertTrue(status == 0 || status == 1, c.name() + ": exit " + status);
            if (status == 0) {
                assertTrue(Files.size(obj) > 0, c.name() + ": exit 0 without an object");
            } else {
                assertTrue(ERROR_LINE.matcher(stderr).find(), c.name() + ": exit 1 without an error line:\n" + head);
            }
            if (c.expected() != null) {
                assertEquals(c.expected() == Outcome.OBJECT ? 0 : 1, status, c.name() + ":\n" + head);
            }
            if (c.expectedText() != null) {
                assertTrue(stderr.contains(c.expectedText()), c.name() + ": expected '" + c.expectedText() + "' in\n"
                        + head);
            }
        }));
    }
}
