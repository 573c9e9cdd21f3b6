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
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = mx.getCurrentThreadCpuTime();
        List<Token> tokens = new Preprocessor(opts, diags).run(file);
        long t1 = mx.getCurrentThreadCpuTime();
        TranslationUnit tu = Parser.parse(tokens, diags);
        long t2 = mx.getCurrentThreadCpuTime();
        SemanticModel model = Sema.analyze(tu, diags, DiagnosticPragmas.from(tokens));
        long t3 = mx.getCurrentThreadCpuTime();
        if (Boolean.getBoolean("jbpfc.timing")) {
            System.err.printf("cpu: pp %d ms, parse %d ms, sema %d ms%n", (t1 - t0) / 1000000, (t2 - t1) / 1000000,
                    (t3 - t2) / 1000000);
        }
        return new Result(tu, model);
    }
}
