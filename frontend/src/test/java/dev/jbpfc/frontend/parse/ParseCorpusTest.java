package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.AstPrinter;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.source.SourceFile;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Parses the selftests corpus as clang-22 preprocesses it (the preprocessor is another stage; this test isolates
 * the parser) and expects zero diagnostics. By default a fixed sample of about 60 files (every n-th file in name
 * order); {@code -Dparse.corpus=all} parses every file. Skips without clang-22 or the corpus
 * ({@code scripts/setup-corpus.sh}), fails instead when {@code JBPFC_REQUIRE_ORACLE=1}.
 */
class ParseCorpusTest {
    private static final int SAMPLE = 60;

    @Test
    void corpusParsesWithoutDiagnostics() throws Exception {
        Path corpus = Path.of(System.getenv().getOrDefault("JBPFC_CORPUS",
                System.getProperty("user.home") + "/.cache/jbpfc/linux-6.12"));
        require(Files.isRegularFile(corpus.resolve(".ready")), "the corpus at " + corpus
                + " (run scripts/setup-corpus.sh)");
        require(runs("clang-22", "--version"), "clang-22");
        Path root = repoRoot();
        require(root != null, "scripts/selftests-flags (repository root not found)");

        List<String> flags = new ArrayList<>(List.of(run(List.of(root.resolve("scripts/selftests-flags").toString()))
                .trim().split("\\s+")));
        flags.addAll(List.of("-O2", "--target=bpf", "-mcpu=v3"));

        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus.resolve("progs"))) {
            s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(files::add);
        }
        boolean all = "all".equals(System.getProperty("parse.corpus"));
        int step = all ? 1 : Math.max(1, files.size() / SAMPLE);

        List<Path> chosen = new ArrayList<>();
        for (int i = 0; i < files.size(); i += step) chosen.add(files.get(i));

        List<String> failures = new ArrayList<>();
        int parsed = 0, skipped = 0;
        long parseNanos = 0;
        // clang -E of the next file runs while this one is parsed.
        ExecutorService clang = Executors.newSingleThreadExecutor();
        try {
            Future<String> next = clang.submit(() -> preprocess(flags, chosen.get(0)));
            for (int i = 0; i < chosen.size(); i++) {
                Path c = chosen.get(i);
                String text = next.get();
                if (i + 1 < chosen.size()) {
                    Path following = chosen.get(i + 1);
                    next = clang.submit(() -> preprocess(flags, following));
                }
                if (text == null) {
                    skipped++; // clang itself rejects the file: nothing to compare against
                    continue;
                }
                SourceFile file = new SourceFile(c.getFileName() + ".i", text);
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                Diagnostics diags = new Diagnostics(new PrintStream(buf, true, StandardCharsets.UTF_8));
                diags.setErrorLimit(3);
                long t0 = System.nanoTime();
                TranslationUnit tu = null;
                try {
                    tu = Parser.parse(PreprocessedFile.tokens(file), diags);
                } catch (Diagnostics.ErrorLimitReached ignored) {
                    // the first errors are enough
                }
                parseNanos += System.nanoTime() - t0;
                // The dump must cope with every node kind real code produces.
                if (tu != null && AstPrinter.print(tu).isEmpty()) failures.add(c.getFileName() + ": empty AST dump");
                parsed++;
                if (diags.errorCount() > 0) {
                    String out = buf.toString(StandardCharsets.UTF_8);
                    failures.add(c.getFileName() + ":\n" + (out.length() > 1200 ? out.substring(0, 1200) : out));
                }
            }
        } finally {
            clang.shutdownNow();
        }
        System.out.printf("parse corpus: %d files parsed (%d skipped by clang), %d ms lex+parse in total%n",
                parsed, skipped, parseNanos / 1_000_000);
        Assertions.assertTrue(parsed > 0, "no corpus file was parsed");
        if (!failures.isEmpty()) {
            Assertions.fail(failures.size() + " of " + parsed + " files had parse errors:\n"
                    + String.join("\n", failures));
        }
    }

    /** clang-22 -E output of a corpus file, or null if clang rejects it. */
    private static String preprocess(List<String> flags, Path c) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("clang-22");
        cmd.add("-E");
        cmd.addAll(flags);
        cmd.add(c.toString());
        Path out = Files.createTempFile("jbpfc-parse-", ".i");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void require(boolean present, String what) {
        if (present) return;
        String msg = "missing " + what + ": needed by the parser's corpus test";
        if ("1".equals(System.getenv("JBPFC_REQUIRE_ORACLE"))) Assertions.fail(msg);
        Assumptions.abort(msg);
    }

    private static Path repoRoot() {
        String env = System.getenv("JBPFC_ROOT");
        if (env != null && Files.isRegularFile(Path.of(env, "scripts/selftests-flags"))) return Path.of(env);
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/selftests-flags"))) return p;
        }
        return null;
    }

    private static boolean runs(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

}
