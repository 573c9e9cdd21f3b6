package dev.jbpfc.cli;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.diag.Severity;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.pp.PreprocessedPrinter;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One input file through the whole pipeline; read this class first to see the stages:
 * <ol>
 *   <li>preprocess ({@code frontend.pp}) — stops here for {@code -E}</li>
 *   <li>parse ({@code frontend.parse}) and analyse ({@code frontend.sema}) — stops here for {@code -fsyntax-only}</li>
 *   <li>lower to IR ({@code frontend.lower}) and run the -O pipeline ({@code ir.pass}) — {@code -emit-ir}</li>
 *   <li>select instructions, allocate registers, lay out frames, relax branches, encode ({@code backend})
 *       — {@code -S}</li>
 *   <li>write the ELF object with .BTF/.BTF.ext ({@code backend.elf}, {@code btf}) — {@code -c}</li>
 * </ol>
 */
final class Compilation {
    private final Options options;
    private final Diagnostics diags;
    private final PrintStream stdout;

    Compilation(Options options, Diagnostics diags, PrintStream stdout) {
        this.options = options;
        this.diags = diags;
        this.stdout = stdout;
    }

    void run(Path input) {
        try {
            List<Token> tokens = new Preprocessor(preprocessorOptions(), diags).run(input);
            if (options.action == Options.Action.PREPROCESS) {
                writePreprocessed(input, tokens);
                return;
            }
            if (diags.hasErrors()) return;
            diags.report(Severity.ERROR, null, "compiling past preprocessing is not supported yet ("
                    + input + "); -E works");
        } catch (CompileError e) {
            diags.error(e.location(), e.getMessage());
        }
    }

    private void writePreprocessed(Path input, List<Token> tokens) {
        try {
            Path out = outputPath(input, ".i");
            if (out == null) {
                Writer w = new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8);
                PreprocessedPrinter.print(tokens, w);
                w.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(out)) {
                    PreprocessedPrinter.print(tokens, w);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where an output goes: {@code -o} when given, else {@code --out-dir/<name><ext>}, else for objects and
     * assembly {@code <name><ext>} in the working directory (as clang); null means standard output (-E).
     */
    Path outputPath(Path input, String ext) {
        if (options.output != null) return options.output.toString().equals("-") ? null : options.output;
        String base = input.getFileName().toString();
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        if (options.outDir != null) return options.outDir.resolve(stem + ext);
        if (options.action == Options.Action.PREPROCESS) return null;
        return Path.of(stem + ext);
    }

    private PreprocessorOptions preprocessorOptions() {
        PreprocessorOptions p = new PreprocessorOptions();
        p.quoteDirs.addAll(options.quoteDirs);
        p.angledDirs.addAll(options.includeDirs);
        p.systemDirs.addAll(options.systemDirs);
        p.afterDirs.addAll(options.afterDirs);
        for (Options.MacroOption m : options.macros) {
            p.macros.add(m.define() ? PreprocessorOptions.MacroOption.parseDefine(m.text())
                    : PreprocessorOptions.MacroOption.undefine(m.text()));
        }
        for (Path inc : options.forcedIncludes) p.includes.add(inc.toString());
        p.cpu = options.cpuName;
        p.optimize = options.optLevel != '0';
        p.optimizeSize = options.optLevel == 's';
        p.debugInfo = options.debugInfo;
        p.std = options.std;
        return p;
    }
}
