package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
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
