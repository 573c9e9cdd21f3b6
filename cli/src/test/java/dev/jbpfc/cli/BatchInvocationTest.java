package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many inputs in one invocation share read headers, header expansions ({@code pp.HeaderCache}) and the parse of
 * their common leading declarations ({@code ParsedPrefix}); what each input gets must not change: the same
 * preprocessed text (-E), the same diagnostics, byte for byte, as when it is compiled alone (-fsyntax-only, some
 * corpus files clang rejects among them), and the same object (-c).
 * A fixed sample of the corpus by default; {@code -Dbatch.every=N} takes every Nth file instead.
 */
class BatchInvocationTest {
    @TempDir Path tmp;

    @Test
    void syntaxOnlyDiagnosticsAreTheSameAsOneAtATime() throws IOException {
        List<String> flags = flags();
        List<Path> files = sample(Integer.getInteger("batch.every", 90));
        files.add(progs().resolve("profiler1.c"));          // rejected by clang: first error in a header
        files.add(progs().resolve("bpf_iter_tcp4.c"));      // rejected by clang
        files.add(progs().resolve("profiler2.c"));
        StringBuilder alone = new StringBuilder();
        for (Path f : files) alone.append(run(flags, List.of("-fsyntax-only"), List.of(f)));
        assertEquals(alone.toString(), run(flags, List.of("-fsyntax-only"), files));
    }

    @Test
    void preprocessedTextIsTheSameAsOneAtATime() throws IOException {
        List<String> flags = flags();
        List<Path> files = sample(Integer.getInteger("batch.every", 90));
        files.add(progs().resolve("profiler1.c"));
        files.add(progs().resolve("bpf_iter_tcp4.c"));
        files.add(progs().resolve("profiler2.c"));
        StringBuilder alone = new StringBuilder();
        StringBuilder aloneErr = new StringBuilder();
        for (Path f : files) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            aloneErr.append(run(flags, List.of("-E"), List.of(f), out));
            alone.append(out.toString(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String err = run(flags, List.of("-E", "-ftime-report"), files, out);
        assertEquals(alone.toString(), out.toString(StandardCharsets.UTF_8));
        assertEquals(aloneErr.toString(), err.replaceAll("(?m)^(===-- jbpfc time report.*|  (preprocess|total|JVM:) .*)\\n", ""));
        int reused = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("preprocess reused (\\d+) header").matcher(err);
        while (m.find()) reused += Integer.parseInt(m.group(1));
        assertEquals(true, reused >= files.size(), "header expansions reused: " + reused);
    }

    @Test
    void objectsAreTheSameAsOneAtATime() throws IOException {
        List<String> flags = flags();
        List<Path> files = sample(Integer.getInteger("batch.every", 140));
        Path one = Files.createDirectories(tmp.resolve("one")), all = Files.createDirectories(tmp.resolve("all"));
        for (Path f : files) run(flags, List.of("-O2", "-c", "--out-dir", one.toString()), List.of(f));
        run(flags, List.of("-O2", "-c", "--out-dir", all.toString()), files);
        int compared = 0;
        for (Path f : files) {
            String o = f.getFileName().toString().replaceAll("\\.c$", ".o");
            if (!Files.exists(one.resolve(o))) continue; // not compiled alone either (an unsupported construct)
            assertArrayEquals(Files.readAllBytes(one.resolve(o)), Files.readAllBytes(all.resolve(o)), o);
            compared++;
        }
        assertEquals(true, compared >= files.size() / 2, "objects compared: " + compared + " of " + files.size());
    }

    /**
     * The file-scope state an input takes over from the previous one ({@code sema.AnalyzedPrefix}) must be the
     * state after the shared declarations only: whatever one input's own declarations did to a declaration of the
     * shared header is undone for the next. Each input changes the header's declarations differently (a struct
     * forward-declared there completed with other members, or redefined twice; a tentative array completed; an
     * extern given an initializer, twice; a function given attributes and a body; an enum redefined; the header's
     * {@code #pragma clang attribute push} popped or left open; a diagnostic pragma in the header), in an order
     * that has each follow each other; the header's inline function is lowered again with the expression types
     * that the parser cleared: same diagnostics and objects as one at a time, and the analysis was shared.
     */
    @Test
    void declarationsOfASharedHeaderChangedByOneInputAreAsDeclaredForTheNext() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(dir.resolve("common.h"), """
                struct fwd;
                struct fwd *fwd_ptr(void);
                extern int counter;
                int tentative[];
                static int helper(int x);
                int kf(int x);
                enum e { E0, E1 };
                #pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)
                struct core_a { int x; };
                static const int limit = 3;
                static inline int twice(int v) { return v * 2 + (int)sizeof(struct core_a); }
                """);
        String a = """
                #include "common.h"
                #pragma clang attribute pop
                struct fwd { int a; long b; };
                struct plain { int y; };
                int counter = 5;
                static int helper(int x) { return x + counter; }
                __attribute__((weak)) int kf(int x) { return x * 2; }
                __attribute__((section("xdp"), used)) int prog(void *ctx) {
                    struct fwd f = {1, 2};
                    struct plain *p = ctx;
                    __label__ out;
                    if (p->y) goto out;
                    return helper(f.a) + (int)sizeof(struct fwd) + E1 + twice(limit);
                out:
                    return 0;
                }
                char _license[] __attribute__((section("license"), used)) = "GPL";
                """;
        String b = """
                #include "common.h"
                struct fwd { char c; };
                struct plain { int y; };
                int tentative[4];
                int kf(int x) { return x + 1; }
                __attribute__((section("xdp"), used)) int prog(void *ctx) {
                    struct fwd f = {3};
                    struct plain *p = ctx;
                    return f.c + (int)sizeof(struct fwd) + tentative[1] + p->y + twice(limit);
                }
                char _license[] __attribute__((section("license"), used)) = "GPL";
                """;
        String c = """
                #include "common.h"
                int size_before = sizeof(struct fwd);
                struct fwd { int a; };
                struct fwd { int b; };
                int counter = 7;
                int counter = 8;
                enum e { E2 };
                int kf(int x) __attribute__((section("other")));
                """;
        String d = """
                #include "common.h"
                #pragma GCC diagnostic push
                #pragma GCC diagnostic ignored "-Wint-conversion"
                static long *from_int = 5;
                #pragma GCC diagnostic pop
                static long *again = 6;
                __attribute__((section("xdp"), used)) int prog(void *ctx) { return tentative[0] + counter; }
                """;
        List<Path> files = new ArrayList<>();
        String[][] order = {{"a", a}, {"b", b}, {"c", c}, {"a2", a}, {"c2", c}, {"b2", b}, {"d", d}, {"b3", b}};
        for (String[] f : order) {
            Path p = dir.resolve(f[0] + ".c");
            Files.writeString(p, f[1]);
            files.add(p);
        }
        List<String> flags = List.of("-O2", "-g");
        StringBuilder alone = new StringBuilder();
        for (Path f : files) alone.append(run(flags, List.of("-fsyntax-only"), List.of(f)));
        assertEquals(alone.toString(), run(flags, List.of("-fsyntax-only"), files));
        assertEquals(true, alone.toString().contains("redefinition of 'fwd'"), alone.toString());

        Path one = Files.createDirectories(tmp.resolve("one")), all = Files.createDirectories(tmp.resolve("all"));
        for (Path f : files) run(flags, List.of("-c", "--out-dir", one.toString()), List.of(f));
        run(flags, List.of("-c", "--out-dir", all.toString()), files);
        int compared = 0;
        for (Path f : files) {
            String o = f.getFileName().toString().replaceAll("\\.c$", ".o");
            assertEquals(Files.exists(one.resolve(o)), Files.exists(all.resolve(o)), o);
            if (!Files.exists(one.resolve(o))) continue;
            assertArrayEquals(Files.readAllBytes(one.resolve(o)), Files.readAllBytes(all.resolve(o)), o);
            compared++;
        }
        assertEquals(5, compared, "objects compared");

        // The analysis was shared: every input after the first took over the header's declarations.
        String report = run(flags, List.of("-fsyntax-only", "-ftime-report"), files);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("sema reused (\\d+) of").matcher(report);
        List<Integer> reused = new ArrayList<>();
        while (m.find()) reused.add(Integer.parseInt(m.group(1)));
        assertEquals(files.size(), reused.size(), report);
        for (int i = 1; i < reused.size(); i++) assertEquals(true, reused.get(i) >= 9, "input " + i + ": " + report);
    }

    /** Standard error of one invocation. */
    private static String run(List<String> flags, List<String> action, List<Path> files) {
        return run(flags, action, files, OutputStream.nullOutputStream());
    }

    /** Standard error of one invocation; standard output goes to {@code out}. */
    private static String run(List<String> flags, List<String> action, List<Path> files, OutputStream out) {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("--target=bpf", "-mcpu=v3"));
        args.addAll(action);
        for (Path f : files) args.add(f.toString());
        return InProcessJbpfc.run(args, out).stderr();
    }

    private static Path progs() {
        return OracleRequirement.corpus().resolve("progs");
    }

    private static List<Path> sample(int every) throws IOException {
        try (Stream<Path> s = Files.list(progs())) {
            List<Path> all = s.filter(f -> f.toString().endsWith(".c")).sorted().toList();
            List<Path> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i += every) out.add(all.get(i));
            return out;
        }
    }

    private static List<String> flags() {
        return OracleRequirement.selftestsFlags();
    }
}
