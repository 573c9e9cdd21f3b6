package dev.jbpfc.frontend.sema;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.parse.Parser;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;

import java.nio.file.Path;
import java.util.List;

/** The frontend up to sema, for tests: preprocess, parse, analyze. */
final class Frontend {
    private Frontend() {}

    record Result(TranslationUnit unit, SemanticModel model) {}

    static Result analyze(Path file, List<Path> includeDirs, Diagnostics diags) {
        PreprocessorOptions opts = new PreprocessorOptions();
        opts.quoteDirs.addAll(includeDirs);
        opts.angledDirs.addAll(includeDirs);
        opts.optimize = true;
        long t0 = System.nanoTime();
        List<Token> tokens = new Preprocessor(opts, diags).run(file);
        long t1 = System.nanoTime();
        TranslationUnit tu = Parser.parse(tokens, diags);
        long t2 = System.nanoTime();
        SemanticModel model = Sema.analyze(tu, diags, DiagnosticPragmas.from(tokens));
        long t3 = System.nanoTime();
        if (Boolean.getBoolean("jbpfc.timing")) {
            System.err.printf("pp %d ms, parse %d ms, sema %d ms%n", (t1 - t0) / 1000000, (t2 - t1) / 1000000,
                    (t3 - t2) / 1000000);
        }
        return new Result(tu, model);
    }
}
