package dev.jbpfc.api;

import dev.jbpfc.backend.asm.AssemblyObject;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.diag.Severity;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.pp.PreprocessedPrinter;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;
import dev.jbpfc.frontend.pp.SourceTree;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * An assembly input ({@code .s}, {@code -x assembler}), or one to preprocess first ({@code .S},
 * {@code -x assembler-with-cpp}, with {@code __ASSEMBLER__} defined as clang does): -E gives the preprocessed
 * text, -fsyntax-only and -S stop, -c assembles it ({@link AssemblyObject}: jbpfc's own -S output, byte for byte
 * the object -c of the C file gives, or an error that says what the text does not carry).
 */
final class AssemblyInput {
    private final Compilation c;
    private final CompileOptions options;
    private final Diagnostics diags;
    private final SourceTree files;
    private final CompileResult result;

    AssemblyInput(Compilation c, CompileOptions options, Diagnostics diags, SourceTree files, CompileResult result) {
        this.c = c;
        this.options = options;
        this.diags = diags;
        this.files = files;
        this.result = result;
    }

    void run(Path input, CompileOptions.Language language) {
        try {
            String text;
            if (language == CompileOptions.Language.ASSEMBLER_WITH_CPP) {
                PreprocessorOptions p = c.preprocessorOptions();
                p.macros.add(PreprocessorOptions.MacroOption.parseDefine("__ASSEMBLER__=1"));
                Preprocessor pp = new Preprocessor(p, diags);
                List<Token> tokens = pp.run(input);
                if (diags.hasErrors()) return;
                StringWriter w = new StringWriter();
                PreprocessedPrinter.print(tokens, w);
                text = w.toString();
                if (options.output() == CompileOptions.Output.PREPROCESSED) {
                    result.preprocessed = text;
                    return;
                }
            } else {
                text = new String(files.read(input.toString()), StandardCharsets.ISO_8859_1);
                if (options.output() == CompileOptions.Output.PREPROCESSED) return;
            }
            if (options.output() != CompileOptions.Output.OBJECT) return;
            result.object = AssemblyObject.assemble(input.toString(), text);
        } catch (CompileError e) {
            diags.error(e.location(), e.getMessage());
        } catch (IOException e) {
            diags.report(Severity.ERROR, null, "cannot read or write '" + input + "': " + e.getMessage());
        }
    }
}
