package dev.jbpfc.frontend.sema;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.AstPrinter;
import dev.jbpfc.frontend.ast.Declaration;
import dev.jbpfc.frontend.ast.ExternalDecl;
import dev.jbpfc.frontend.ast.FunctionDef;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.parse.ParsedPrefix;
import dev.jbpfc.frontend.parse.Parser;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;
import dev.jbpfc.frontend.pp.SharedSourceFiles;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.Field;
import dev.jbpfc.frontend.types.RecordType;
import dev.jbpfc.timing.StageTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs of one invocation that share a header: each takes over the previous one's analysis of the shared
 * declarations ({@link AnalyzedPrefix}) and must end with what a fresh analysis gives: the same diagnostics, the
 * same expression types, the same symbols (type, storage, definition, initializer, attributes) and the same
 * records (complete or not, members, offsets, CO-RE marking), while each input changes the header's declarations
 * in its own way. Every order of the inputs is tried, so that each change is undone before each other input.
 */
class AnalyzedPrefixTest {
    @TempDir Path dir;

    private static final String HEADER = """
            struct fwd;
            enum fe;
            struct fwd *fwd_ptr(void);
            extern int counter;
            int tentative[];
            int kf(int x);
            typedef unsigned int u32;
            enum e { E0, E1 = 4, E2 };
            struct s { u32 x : 3; char name[E2]; struct fwd *f; };
            static const int table[] = { [E0] = 1, [E1] = 2 };
            #pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)
            struct core_a { int x; };
            static inline int twice(int v) {
                __label__ done;
                if (v) goto done;
                return 0;
            done:
                return v * 2 + (int)sizeof(struct core_a) + table[1];
            }
            """;

    private static final String[] INPUTS = {
            // completes the struct, defines the extern, pops the pragma, adds attributes to kf and defines it
            """
            #include "h.h"
            #pragma clang attribute pop
            struct fwd { int a; long b; };
            struct after_pop { int y; };
            int counter = 5;
            __attribute__((weak, section("text_a"))) int kf(int x) { return x * 2; }
            int use(struct after_pop *p, struct fwd *f) { __label__ l; goto l; l: return p->y + f->b + twice(1); }
            """,
            // completes the struct otherwise, the enum and the tentative array, puts data where the first input put kf;
            // the pragma stays pushed
            """
            #include "h.h"
            struct fwd { char c; };
            struct after_pop { int y; };
            int tentative[4];
            int hits __attribute__((section("text_a"))) = 1;
            enum fe { FE0 = 300 };
            int kf(int x) { return x + 1; }
            int use(struct after_pop *p) { return p->y + sizeof(struct fwd) + tentative[1]; }
            """,
            // errors against the header's declarations
            """
            #include "h.h"
            int size_before = sizeof(struct fwd);
            struct fwd { int a; };
            struct fwd { int b; };
            int counter = 7;
            int counter = 8;
            enum e { E3 };
            long kf(int x);
            """,
            // uses only, then a push of its own that the next input must not see
            """
            #include "h.h"
            #pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)
            int use(struct s *p) { return p->x + E2 + twice(counter) + tentative[0]; }
            int fe_size = sizeof(enum fe);
            """,
    };

    @Test
    void everyOrderGivesWhatAFreshAnalysisGives() throws IOException {
        write("h.h", HEADER);
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < INPUTS.length; i++) inputs.add(write("in" + i + ".c", INPUTS[i]));
        int[][] orders = {{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 0, 3, 2, 1}, {2, 0, 2, 1, 3, 0}};
        for (int[] order : orders) {
            SharedSourceFiles files = new SharedSourceFiles();
            ParsedPrefix parsed = new ParsedPrefix();
            AnalyzedPrefix analyzed = new AnalyzedPrefix();
            for (int n = 0; n < order.length; n++) {
                Path input = inputs.get(order[n]);
                String alone = analyze(input, null, null, null);
                String shared = analyze(input, files, parsed, analyzed);
                assertEquals(alone, shared, input.getFileName() + " as input " + n + " of " + java.util.Arrays.toString(order));
                if (n > 0) {
                    assertTrue(analyzed.lastReusedDeclarations() >= 12,
                            "the header's declarations were taken over: " + analyzed.lastReusedDeclarations());
                }
            }
        }
    }

    /** Diagnostics, the AST with expression types, and what the model says of every file-scope declarator. */
    private static String analyze(Path input, SharedSourceFiles files, ParsedPrefix parsed, AnalyzedPrefix analyzed) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Diagnostics diags = new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8));
        PreprocessorOptions opts = new PreprocessorOptions();
        opts.sharedFiles = files;
        List<Token> tokens = new Preprocessor(opts, diags).run(input);
        TranslationUnit tu = Parser.parse(tokens, diags, StageTimes.NONE, parsed);
        SemanticModel model = Sema.analyze(tu, diags, DiagnosticPragmas.from(tokens), analyzed);
        StringBuilder out = new StringBuilder(err.toString(StandardCharsets.UTF_8)).append(AstPrinter.print(tu));
        for (ExternalDecl d : tu.decls()) {
            if (d instanceof Declaration decl) {
                for (Declaration.InitDeclarator id : decl.declarators()) describe(model.declaredBy(id.declarator()), model, out);
            } else if (d instanceof FunctionDef f) {
                describe(model.declaredBy(f.declarator()), model, out);
            }
        }
        for (ObjectSymbol g : model.globals()) out.append("global ").append(g.name()).append('\n');
        for (FunctionSymbol f : model.functions()) out.append("function ").append(f.name()).append('\n');
        out.append("labels ").append(new java.util.TreeSet<>(model.labels.values())).append('\n');
        return out.toString();
    }

    private static void describe(Symbol s, SemanticModel model, StringBuilder out) {
        if (s == null) {
            out.append("(no symbol)\n");
            return;
        }
        out.append(s.getClass().getSimpleName()).append(' ').append(s.name()).append(": ");
        type(s.type(), out, 2);
        if (s instanceof ObjectSymbol o) {
            out.append(" storage=").append(o.storage()).append(" defined=").append(o.isDefined())
                    .append(" init=").append(o.hasInitializer()).append(" value=").append(o.constantValue())
                    .append(" entries=").append(model.initializerOf(o) == null ? -1 : model.initializerOf(o).size());
            attributes(o.attributes, out);
        } else if (s instanceof FunctionSymbol f) {
            out.append(" storage=").append(f.storage()).append(" inline=").append(f.isInline())
                    .append(" defined=").append(f.isDefined());
            attributes(f.attributes, out);
        }
        out.append('\n');
    }

    private static void attributes(DeclAttributes a, StringBuilder out) {
        out.append(" section=").append(a.section).append(" weak=").append(a.weak).append(" aligned=").append(a.aligned)
                .append(" tags=").append(a.btfDeclTags);
    }

    /** A type's spelling, and for records reached within {@code depth}: completeness, CO-RE marking, members. */
    private static void type(CType t, StringBuilder out, int depth) {
        out.append(t.spelling());
        CType u = t.unqualified();
        if (u.isFunction()) {
            for (var p : u.asFunction().params()) {
                out.append(" (");
                type(p.type(), out, depth);
                out.append(')');
            }
        }
        if (u.isPointer()) u = u.asPointer().pointee().unqualified();
        else if (u.isArray()) u = u.asArray().element().unqualified();
        else if (u.isFunction()) u = u.asFunction().returnType().unqualified();
        if (depth == 0 || !(u instanceof RecordType r)) return;
        out.append(" {");
        if (!r.isComplete()) {
            out.append("incomplete}");
            return;
        }
        out.append("size ").append(r.size()).append(" core ").append(r.preserveAccessIndex());
        for (Field f : r.fields()) {
            out.append("; ").append(f.name).append(" @").append(f.bitOffset()).append(' ');
            type(f.type, out, depth - 1);
        }
        out.append('}');
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }
}
