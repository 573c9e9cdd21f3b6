package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.sema.CorpusSweep;
import dev.jbpfc.frontend.types.ClangOracle;
import dev.jbpfc.source.SourceFile;
import dev.jbpfc.timing.StageTimes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PlainDeclarationParser} must build exactly the AST the grammar and {@link AstBuilder} build (locations
 * included) and leave diagnostics unchanged: every case here is parsed both ways and compared with
 * {@link AstEquality}.
 */
class PlainDeclarationParserTest {

    /** One parse, with or without the hand-written path: the AST, the diagnostics text, declarations it read. */
    private record Parse(TranslationUnit tu, String diagnostics, int plainDeclarations) {}

    private static Parse parse(List<Token> tokens, boolean plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diagnostics diags = new Diagnostics(new PrintStream(out, true, StandardCharsets.UTF_8));
        diags.setErrorLimit(0);
        int[] read = {0};
        TranslationUnit tu = Parser.parse(tokens, diags, StageTimes.NONE, null, plain ? () -> read[0]++ : null);
        return new Parse(tu, out.toString(StandardCharsets.UTF_8), read[0]);
    }

    /** Parses both ways, asserts they agree; returns the hand-written path's parse. */
    private static Parse assertBothWaysEqual(List<Token> tokens, String what) {
        Parse grammar = parse(tokens, false);
        Parse plain = parse(tokens, true);
        assertEquals(0, grammar.plainDeclarations());
        assertEquals(grammar.diagnostics(), plain.diagnostics(), what + ": diagnostics differ");
        assertNull(AstEquality.difference(grammar.tu(), plain.tu()), what + ": ASTs differ");
        return plain;
    }

    private static List<Token> tokensOf(String source) {
        return PreprocessedFile.tokens(new SourceFile("t.i", source));
    }

    @Test
    void headerFormsAreReadByHandAndEqualTheGrammarsAst() {
        String src = """
                typedef unsigned char __u8;
                typedef long long unsigned int __u64;
                typedef __u64 u64, *u64p;
                struct list_head { struct list_head *next, *prev; };
                struct s { int a: 3, : 2, b; const volatile char *const p[4][2]; u64 x __attribute__((aligned(8))); };
                union u { struct { int x; }; long l; } __attribute__((packed));
                enum e { A, B = 2, C = -1, D = 18446744073709551615ULL, E = A, };
                enum { X = 0 } __attribute__((mode(byte)));
                typedef void (*work_func_t)(struct list_head *, ...);
                typedef struct task * (*pick_f)(int (*cmp)(const void *, const void *), void);
                extern int bpf_x(void *p, __u8 n) __attribute__((section(".ksyms"))) __attribute__((weak));
                static long (* const bpf_map_update_elem)(void *map, const void *key, __u64 flags) = (void *) 2;
                static void *(* const bpf_get)(void) = (void *) 1;
                int arr[], x = 5, y = -3;
                struct fwd;
                char *names[] __attribute__((section(".maps"), unused));
                int (x2);
                void f(int, char (*)[3], struct s);
                """;
        List<Token> tokens = tokensOf(src);
        int read = assertBothWaysEqual(tokens, "header forms").plainDeclarations();
        assertEquals(18, read, "declarations the hand-written parser read");
    }

    @Test
    void bracedListsOfNumbersAreReadByHand() {
        String src = """
                int table[] = {1, 2, -3, 0x10,};
                unsigned long grid[2][3] = {{1, 2, 3}, {4, 5, 6}}, empty[1] = {};
                struct p { int x; char *s; } ps[] = {{1, "a" "b"}, {2, 0}};
                double d[] = {1.5, -2e3};
                """;
        int read = assertBothWaysEqual(tokensOf(src), "braced lists").plainDeclarations();
        assertEquals(4, read);
        String left = """
                int a[] = {[1] = 2};
                struct q { int x; } b = {.x = 1};
                int c[] = {1 + 2, 3};
                int d[] = {(int) 1};
                int e[] = {1, 2
                """;
        assertEquals(0, assertBothWaysEqual(tokensOf(left), "designators and expressions").plainDeclarations());
    }

    @Test
    void whatItDoesNotKnowIsLeftToTheGrammar() {
        String src = """
                typedef int T;
                int f(void) { return 0; }
                _Static_assert(1, "x");
                __extension__ typedef long L;
                enum : int { Z };
                int a[1 << 3];
                typeof(int) t;
                int g(T);
                int (__attribute__((unused)) *p);
                char c __asm__("c");
                int h(int x) __attribute__((aligned(sizeof(long))));
                enum { T = 1 };
                T bad;
                """;
        List<Token> tokens = tokensOf(src);
        int read = assertBothWaysEqual(tokens, "left to the grammar").plainDeclarations();
        // Plain: `typedef int T;`, `int g(T);` and `enum { T = 1 };`. After it T is an enumerator, so `T bad;`
        // is a syntax error: the grammar's to report.
        assertEquals(3, read);
    }

    @Test
    void malformedDeclarationsGiveTheSameDiagnostics() {
        String src = """
                typedef int T;
                struct s { int; int a b; };
                struct t { int x } y;
                int *;
                long T T2;
                unsigned struct s q;
                enum { };
                int m[;
                struct r { int a; } T;
                """;
        assertBothWaysEqual(tokensOf(src), "malformed");
    }

    /**
     * Seeded token edits (delete, duplicate, swap) of a corpus file that includes vmlinux.h: whatever the edits do,
     * both ways give the same diagnostics and the same AST.
     */
    @Test
    void mutatedCorpusDeclarationsParseTheSameBothWays() throws Exception {
        Path corpus = CorpusSweep.corpus();
        ClangOracle.requireFile(corpus.resolve("include/vmlinux.h"));
        Path file = corpus.resolve("progs/arena_htab.c");
        List<Token> tokens = new Preprocessor(CorpusSweep.options(corpus), quietDiagnostics()).run(file);
        Random random = new Random(20261126);
        for (int round = 0; round < 8; round++) {
            List<Token> mutated = new ArrayList<>(tokens);
            for (int edit = 0; edit < 40; edit++) {
                int i = random.nextInt(mutated.size() - 2);
                switch (random.nextInt(3)) {
                    case 0 -> mutated.remove(i);
                    case 1 -> mutated.add(i, mutated.get(i + random.nextInt(2)));
                    default -> {
                        Token t = mutated.get(i);
                        mutated.set(i, mutated.get(i + 1));
                        mutated.set(i + 1, t);
                    }
                }
            }
            assertBothWaysEqual(mutated, "mutation round " + round);
        }
    }

    /**
     * The corpus, preprocessed by jbpfc: a fixed sample by default, every file with {@code -Djbpfc.corpus=all}.
     * The hand-written path must read most of each file's declarations (vmlinux.h's) and change nothing.
     */
    @Test
    void corpusFilesParseTheSameBothWays() throws Exception {
        Path corpus = CorpusSweep.corpus();
        ClangOracle.requireFile(corpus.resolve("include/vmlinux.h"));
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus.resolve("progs"))) {
            s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(files::add);
        }
        int step = "all".equals(System.getProperty("jbpfc.corpus")) ? 1 : 60;
        int checked = 0;
        for (int i = 0; i < files.size(); i += step) {
            List<Token> tokens = new Preprocessor(CorpusSweep.options(corpus), quietDiagnostics()).run(files.get(i));
            Parse plain = assertBothWaysEqual(tokens, files.get(i).getFileName().toString());
            checked++;
            int all = plain.tu().decls().size();
            if (Files.readString(files.get(i)).contains("vmlinux.h")) {
                assertTrue(plain.plainDeclarations() > all * 9 / 10, files.get(i).getFileName() + ": only "
                        + plain.plainDeclarations() + " of " + all + " declarations read by hand");
            }
        }
        assertTrue(checked >= 13, "checked " + checked + " files");
    }

    private static Diagnostics quietDiagnostics() {
        Diagnostics d = new Diagnostics(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        d.setSuppressWarnings(true);
        return d;
    }
}
