package dev.jbpfc.frontend.sema;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.parse.Parser;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the frontend (through sema) over the selftests corpus with the selftests' flags and lists every file where
 * jbpfc reports an error, with its first errors. Clang compiles 790 of the 798 files, so nearly every error listed
 * is a jbpfc defect. Used by {@code SemaCorpusTest} (a fixed sample by default, all with -Djbpfc.corpus=all) and by
 * hand: {@code java ... CorpusSweep [corpusDir] [filter]}.
 */
public final class CorpusSweep {
    private CorpusSweep() {}

    public static Path corpus() {
        String env = System.getenv("JBPFC_CORPUS");
        return env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache/jbpfc/linux-6.12");
    }

    public static PreprocessorOptions options(Path corpus) {
        PreprocessorOptions o = new PreprocessorOptions();
        o.angledDirs.add(corpus.resolve("include"));
        o.angledDirs.add(corpus.resolve("src/tools/testing/selftests/bpf"));
        o.angledDirs.add(corpus.resolve("src/tools/include/uapi"));
        o.angledDirs.add(corpus.resolve("src/tools/include"));
        o.afterDirs.add(Path.of("/usr/include/x86_64-linux-gnu"));
        o.afterDirs.add(Path.of("/usr/include"));
        o.macros.add(PreprocessorOptions.MacroOption.parseDefine("__TARGET_ARCH_x86"));
        o.macros.add(PreprocessorOptions.MacroOption.parseDefine("ENABLE_ATOMICS_TESTS"));
        o.optimize = true;
        o.debugInfo = true;
        return o;
    }

    /** The diagnostics jbpfc prints for one corpus file (empty if none); "CRASH ..." on an exception. */
    static String check(Path file, Path corpus) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diagnostics diags = new Diagnostics(new PrintStream(out, true, StandardCharsets.UTF_8));
        diags.setErrorLimit(5);
        diags.setSuppressWarnings(true);
        try {
            List<Token> tokens = new Preprocessor(options(corpus), diags).run(file);
            if (!diags.hasErrors()) {
                TranslationUnit tu = Parser.parse(tokens, diags);
                if (!diags.hasErrors()) Sema.analyze(tu, diags, DiagnosticPragmas.from(tokens));
            }
        } catch (Diagnostics.ErrorLimitReached e) {
            // printed
        } catch (RuntimeException | StackOverflowError e) {
            StringBuilder sb = new StringBuilder("CRASH " + e + "\n");
            for (StackTraceElement st : e.getStackTrace()) {
                sb.append("  at ").append(st).append('\n');
                if (sb.length() > 2000) break;
            }
            return out.toString(StandardCharsets.UTF_8) + sb;
        }
        return diags.hasErrors() ? out.toString(StandardCharsets.UTF_8) : "";
    }

    public static void main(String[] args) throws Exception {
        Path corpus = args.length > 0 ? Path.of(args[0]) : corpus();
        String filter = args.length > 1 ? args[1] : "";
        List<Path> files = new ArrayList<>();
        if (filter.startsWith("@")) { // a file listing the programs to check, one path per line
            for (String l : Files.readAllLines(Path.of(filter.substring(1)))) if (!l.isBlank()) files.add(Path.of(l.trim()));
        } else try (Stream<Path> s = Files.list(corpus.resolve("progs"))) {
            s.filter(p -> p.toString().endsWith(".c") && p.getFileName().toString().contains(filter)).sorted()
                    .forEach(files::add);
        }
        // -Djbpfc.sweep.vmlinux=false skips the files that include vmlinux.h (parsing it dominates the time).
        if (!Boolean.parseBoolean(System.getProperty("jbpfc.sweep.vmlinux", "true"))) {
            files.removeIf(f -> {
                try {
                    return Files.readString(f, StandardCharsets.ISO_8859_1).contains("vmlinux.h");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
        int bad = 0;
        for (Path f : files) {
            long t0 = System.nanoTime();
            String r = check(f, corpus);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (!r.isEmpty()) {
                bad++;
                System.out.println("=== " + f.getFileName() + " (" + ms + " ms)");
                int shown = 0;
                for (String line : r.split("\n")) {
                    if (line.contains(": error: ") || line.startsWith("CRASH") || line.startsWith("  at ")) {
                        System.out.println(line);
                        if (++shown >= 8) break;
                    }
                }
            } else {
                System.out.println("ok  " + f.getFileName() + " (" + ms + " ms)");
            }
            System.out.flush();
        }
        System.out.println(bad + " of " + files.size() + " files with errors");
    }
}
