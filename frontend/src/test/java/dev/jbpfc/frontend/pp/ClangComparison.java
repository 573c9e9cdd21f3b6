package dev.jbpfc.frontend.pp;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.lex.Interner;
import dev.jbpfc.frontend.lex.Lexer;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.source.SourceFile;
import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs clang-22 -E and our preprocessor on the same file with the same flags, re-lexes both outputs with our
 * lexer (line markers dropped) and reports the first token that differs, with context.
 */
final class ClangComparison {
    private ClangComparison() {}

    static boolean requireOracle() { return "1".equals(System.getenv("JBPFC_REQUIRE_ORACLE")); }

    /** Skips (or fails under JBPFC_REQUIRE_ORACLE=1) when {@code ok} is false. */
    static void require(boolean ok, String what) {
        if (ok) return;
        if (requireOracle()) throw new AssertionError(what + " is missing and JBPFC_REQUIRE_ORACLE=1");
        Assumptions.abort(what + " is missing");
    }

    static String clang() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "clang-22"))) return Path.of(dir, "clang-22").toString();
        }
        return null;
    }

    static Path corpus() {
        String c = System.getenv("JBPFC_CORPUS");
        Path p = c != null ? Path.of(c) : Path.of(System.getProperty("user.home"), ".cache/jbpfc/linux-6.12");
        return Files.isDirectory(p.resolve("progs")) ? p : null;
    }

    /** The selftests' flags for the corpus at {@code corpus}, plus -O2 --target=bpf -mcpu=v3. */
    static List<String> selftestFlags(Path corpus) {
        String c = corpus.toString();
        return new ArrayList<>(Arrays.asList("-g", "-Wall", "-D__TARGET_ARCH_x86", "-mlittle-endian",
                "-I" + c + "/include", "-I" + c + "/src/tools/testing/selftests/bpf", "-I" + c + "/src/tools/include/uapi",
                "-I" + c + "/src/tools/include", "-idirafter", "/usr/include/x86_64-linux-gnu", "-idirafter",
                "/usr/include", "-Wno-compare-distinct-pointer-types", "-DENABLE_ATOMICS_TESTS", "-O2",
                "--target=bpf", "-mcpu=v3"));
    }

    /**
     * clang's -E output, or null when clang rejects the file. With {@code -Dpp.clangCache=DIR}, DIR/NAME.i (or
     * DIR/NAME.rej for a rejected file) made beforehand with the same flags is used instead of running clang.
     */
    static String clangOutput(String clang, List<String> flags, Path file) throws IOException, InterruptedException {
        String cache = System.getProperty("pp.clangCache");
        if (cache != null) {
            String base = file.getFileName().toString().replaceFirst("\\.c$", "");
            Path i = Path.of(cache, base + ".i");
            if (Files.exists(i)) return Files.readString(i, StandardCharsets.ISO_8859_1);
            if (Files.exists(Path.of(cache, base + ".rej"))) return null;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(clang);
        cmd.addAll(flags);
        cmd.add("-E");
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        if (p.exitValue() != 0) return null;
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Our -E output; diagnostics go to {@code diagOut}. */
    static String ourOutput(List<String> flags, Path file, ByteArrayOutputStream diagOut) throws IOException {
        Diagnostics d = new Diagnostics(new PrintStream(diagOut, true, StandardCharsets.UTF_8));
        Preprocessor pp = new Preprocessor(PreprocessorOptions.fromArgs(flags), d);
        StringBuilder sb = new StringBuilder();
        PreprocessedPrinter.print(pp.run(file), sb);
        return sb.toString();
    }

    /**
     * Whether a file is a compiler's own header (clang's resource directory, jbpfc's built-in headers): their
     * contents are each compiler's own (clang's max_align_t has clang's member names), so the comparison skips
     * the tokens that come from them.
     */
    static boolean compilerHeader(String path) {
        return path.contains("/lib/clang/") || path.startsWith("<jbpfc-builtin>");
    }

    /** Tokens of -E output without its line markers and without the tokens of compiler headers. */
    static List<Token> tokens(String text, String name) {
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        boolean skipping = false;
        while (i < text.length()) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) nl = text.length();
            String line = text.substring(i, nl);
            if (line.startsWith("# ") && line.length() > 2 && Character.isDigit(line.charAt(2))) {
                int q = line.indexOf('"');
                int q2 = line.lastIndexOf('"');
                if (q >= 0 && q2 > q) skipping = compilerHeader(line.substring(q + 1, q2));
            } else if (!skipping) {
                sb.append(line);
            }
            sb.append('\n');
            i = nl + 1;
        }
        List<Token> ts = Lexer.tokenize(new SourceFile(name, sb.toString()), new Interner());
        return ts.subList(0, ts.size() - 1);
    }

    /** Null when equal, else a description of the first difference. */
    static String compare(String clangText, String ourText) {
        List<Token> a = tokens(clangText, "clang");
        List<Token> b = tokens(ourText, "ours");
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).text.equals(b.get(i).text)) return describe(a, b, i);
        }
        if (a.size() != b.size()) return describe(a, b, n);
        return null;
    }

    private static String describe(List<Token> a, List<Token> b, int i) {
        return "first difference at token " + i + ":\n  clang: " + context(a, i) + "\n  ours:  " + context(b, i);
    }

    private static String context(List<Token> ts, int i) {
        StringBuilder sb = new StringBuilder();
        for (int k = Math.max(0, i - 12); k < Math.min(ts.size(), i + 8); k++) {
            if (k == i) sb.append(">>>");
            sb.append(ts.get(k).text).append(' ');
        }
        if (i < ts.size()) sb.append(" (line ").append(ts.get(i).location.line()).append(')');
        else sb.append(" <end>");
        return sb.toString();
    }

    /** Ad-hoc: compare the named corpus files (or all with "all") and print the differences. */
    public static void main(String[] args) throws Exception {
        Path corpus = corpus();
        String clang = clang();
        List<String> flags = selftestFlags(corpus);
        List<Path> files = new ArrayList<>();
        if (args.length == 1 && args[0].equals("all")) {
            try (var s = Files.list(corpus.resolve("progs"))) {
                s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(files::add);
            }
        } else {
            for (String a : args) files.add(a.contains("/") ? Path.of(a) : corpus.resolve("progs").resolve(a));
        }
        int same = 0, differ = 0, rejected = 0;
        for (Path f : files) {
            String c = clangOutput(clang, flags, f);
            if (c == null) {
                rejected++;
                System.out.println("REJECTED-BY-CLANG " + f.getFileName());
                continue;
            }
            ByteArrayOutputStream diag = new ByteArrayOutputStream();
            String o = ourOutput(flags, f, diag);
            String d = compare(c, o);
            if (d == null) {
                same++;
            } else {
                differ++;
                System.out.println("DIFF " + f.getFileName() + ": " + d);
                String dt = diag.toString(StandardCharsets.UTF_8);
                if (!dt.isEmpty()) System.out.println(dt.substring(0, Math.min(dt.length(), 1500)));
            }
        }
        System.out.println("same " + same + ", differ " + differ + ", rejected by clang " + rejected);
    }
}
