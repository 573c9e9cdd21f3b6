package dev.jbpfc.frontend.parse;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.AstPrinter;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;
import dev.jbpfc.frontend.pp.SharedSourceFiles;
import dev.jbpfc.frontend.sema.DiagnosticPragmas;
import dev.jbpfc.frontend.sema.Sema;
import dev.jbpfc.timing.StageTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs of one invocation that share a header: the second takes over the first's leading declarations
 * ({@link ParsedPrefix}), and everything it reports and builds must be what a fresh parse gives, including where
 * the shared part meets state the inputs do not share.
 */
class ParsedPrefixTest {
    @TempDir Path dir;

    /** Diagnostics and AST of each input, compiled alone and then in one invocation with sharing. */
    private record Outcome(String diagnostics, String ast) {}

    private static final String HEADER = """
            typedef unsigned int u32;
            typedef struct { int counter; } atomic_t;
            struct later;                          /* completed differently by each input */
            struct list_head { struct list_head *next, *prev; };
            enum e { A = 1, B = A + 2, C = sizeof(struct list_head) };
            struct s { u32 x: 3; char name[B * 4]; struct later *l; } __attribute__((aligned(8)));
            static const int table[] = { [A] = 1, [B] = 2 };
            _Static_assert(sizeof(atomic_t) == 4, "atomic_t");
            #pragma GCC diagnostic push
            #pragma GCC diagnostic ignored "-Wint-conversion"
            static inline int helper(int v) { return v + C; }
            #pragma GCC diagnostic pop
            """;

    @Test
    void sharedHeaderThenDifferentBodies() throws IOException {
        write("h.h", HEADER);
        List<Path> inputs = List.of(
                write("a.c", "#include \"h.h\"\nstruct later { int a; };\nint fa(struct later *p) { return p->a + table[1]; }\n"),
                write("b.c", "#include \"h.h\"\nstruct later { long b[2]; };\nint fb(struct later *p) { return p->a; }\n"),
                write("c.c", "#include \"h.h\"\ntypedef int u32x;\nint u32;\nint fc(void) { return sizeof(struct later); }\n"),
                write("d.c", "#include \"h.h\"\nint fd(struct s *p) { return p->x + __COUNTER__ + __LINE__; }\n"));
        assertSameAsAlone(inputs, 20);
    }

    @Test
    void differingMacroOrPragmaStopsSharing() throws IOException {
        write("h.h", "#ifdef X\ntypedef int T;\n#else\ntypedef long T;\n#endif\nstruct q { T t; };\n" + HEADER);
        List<Path> inputs = List.of(
                write("a.c", "#include \"h.h\"\nT a;\n"),
                write("b.c", "#define X\n#include \"h.h\"\nT b;\n"),
                write("c.c", "#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n"
                        + "#include \"h.h\"\n#pragma clang attribute pop\nT c;\n"),
                write("d.c", "#include \"h.h\"\nT d;\n"));
        assertSameAsAlone(inputs, 0);
    }

    @Test
    void errorsInTheSharedPartAreReportedByEveryInput() throws IOException {
        write("h.h", "typedef int T;\nstruct a { int x; };\nint bad(void) { return missing; }\nstruct b { T y };\n");
        List<Path> inputs = List.of(
                write("a.c", "#include \"h.h\"\nint a;\n"),
                write("b.c", "#include \"h.h\"\nint b;\n"),
                write("c.c", "#include \"h.h\"\nint c = \"s\";\n"));
        assertSameAsAlone(inputs, 0);
    }

    @Test
    void theDirectWalkFindsEveryExpression() throws IOException {
        Path a = write("h.c", HEADER + "int f(int *p) { int s = 0; for (int i = 0; i < 4; i++) s += p[i] ? 1 : -1;"
                + " return s + (int)sizeof(int[3]) + __builtin_offsetof(struct s, name); }\n");
        TranslationUnit tu = Parser.parse(preprocess(a, null, new Diagnostics(new PrintStream(new ByteArrayOutputStream()))),
                new Diagnostics(new PrintStream(new ByteArrayOutputStream())));
        int direct = AstExpressions.of(tu.decls()).size();
        // A list of declarations wrapped in a list is a root the direct walk does not know: walked generically.
        int generic = AstExpressions.of(List.of(tu.decls())).size();
        assertEquals(generic, direct);
        assertTrue(direct > 30, "the sample has expressions: " + direct);
    }

    private void assertSameAsAlone(List<Path> inputs, int minReused) {
        SharedSourceFiles files = new SharedSourceFiles();
        ParsedPrefix prefix = new ParsedPrefix();
        int reused = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Outcome alone = compile(inputs.get(i), null, null);
            Outcome shared = compile(inputs.get(i), files, prefix);
            if (i > 0) reused += prefix.lastReusedDeclarations();
            assertEquals(alone, shared, inputs.get(i).getFileName() + " in a batch");
        }
        assertTrue(reused >= minReused, "declarations reused: " + reused);
        if (minReused == 0) return;
        // and again in the other order, where the first input is the one with the longer tail
        prefix = new ParsedPrefix();
        for (int i = inputs.size() - 1; i >= 0; i--) {
            assertEquals(compile(inputs.get(i), null, null), compile(inputs.get(i), files, prefix));
        }
    }

    private Outcome compile(Path input, SharedSourceFiles files, ParsedPrefix prefix) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Diagnostics diags = new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8));
        List<Token> tokens = preprocess(input, files, diags);
        TranslationUnit tu = Parser.parse(tokens, diags, StageTimes.NONE, prefix);
        Sema.analyze(tu, diags, DiagnosticPragmas.from(tokens));
        // AstPrinter shows the types sema gave every expression
        return new Outcome(err.toString(StandardCharsets.UTF_8), AstPrinter.print(tu));
    }

    private static List<Token> preprocess(Path input, SharedSourceFiles files, Diagnostics diags) {
        PreprocessorOptions opts = new PreprocessorOptions();
        opts.sharedFiles = files;
        return new Preprocessor(opts, diags).run(input);
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
