package dev.jbpfc.cli;

import dev.jbpfc.backend.asm.AssemblyObject;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.diag.Severity;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.pp.PreprocessedPrinter;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An assembly input ({@code .s}, {@code -x assembler}), or one to preprocess first ({@code .S},
 * {@code -x assembler-with-cpp}, with {@code __ASSEMBLER__} defined as clang does): -E prints the preprocessed
 * text, -fsyntax-only and -S stop, -c assembles it ({@link AssemblyObject}: jbpfc's own -S output, byte for byte
 * the object -c of the C file gives, or an error that says what the text does not carry).
 */
final class AssemblyInput {
    private final Options options;
    private final Diagnostics diags;
    private final PrintStream stdout;

    AssemblyInput(Options options, Diagnostics diags, PrintStream stdout) {
        this.options = options;
        this.diags = diags;
        this.stdout = stdout;
    }

    void run(Path input, String language) {
        Compilation c = new Compilation(options, diags, stdout);
        try {
            String text;
            if (language.equals("assembler-with-cpp")) {
                PreprocessorOptions p = c.preprocessorOptions();
                p.macros.add(PreprocessorOptions.MacroOption.parseDefine("__ASSEMBLER__=1"));
                Preprocessor pp = new Preprocessor(p, diags);
                List<Token> tokens = pp.run(input);
                if (diags.hasErrors()) return;
                StringWriter w = new StringWriter();
                PreprocessedPrinter.print(tokens, w);
                text = w.toString();
                if (options.action == Options.Action.PREPROCESS) {
                    c.writeText(c.outputPath(input, ".s"), text);
                    return;
                }
            } else {
                text = new String(Files.readAllBytes(dev.jbpfc.source.WorkingDirectory.resolve(input)), StandardCharsets.ISO_8859_1);
                if (options.action == Options.Action.PREPROCESS) return;
            }
            if (options.action != Options.Action.OBJECT) return;
            byte[] object = AssemblyObject.assemble(input.toString(), text);
            Files.write(dev.jbpfc.source.WorkingDirectory.resolve(c.outputPath(input, ".o")), object);
        } catch (CompileError e) {
            diags.error(e.location(), e.getMessage());
        } catch (IOException e) {
            diags.report(Severity.ERROR, null, "cannot read or write '" + input + "': " + e.getMessage());
        }
    }
}
