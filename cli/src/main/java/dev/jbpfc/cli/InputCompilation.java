package dev.jbpfc.cli;

import dev.jbpfc.source.WorkingDirectory;
import dev.jbpfc.api.BpfCompiler;
import dev.jbpfc.api.CompileOptions;
import dev.jbpfc.api.CompileResult;
import dev.jbpfc.api.CompilerSession;
import dev.jbpfc.api.Dependency;
import dev.jbpfc.api.SourceSet;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One input of the command line: its options as the API's {@link CompileOptions}, the compilation through
 * {@link BpfCompiler} (diagnostics printed on standard error as they come), and the outputs written where clang
 * writes them ({@code -o}, {@code --out-dir}, the input's stem in the working directory, standard output; the
 * dependency file of {@code -M}/{@code -MD}). The compiler's work is all in the API; this is file placement.
 */
final class InputCompilation {
    private final Options options;
    private final PrintStream stdout;
    private final PrintStream stderr;
    /** Shared by the inputs of one invocation, or null for a single input. */
    private final CompilerSession session;
    private int writeErrors;

    InputCompilation(Options options, PrintStream stdout, PrintStream stderr, CompilerSession session) {
        this.options = options;
        this.stdout = stdout;
        this.stderr = stderr;
        this.session = session;
    }

    /** The API's options for {@code input}: what the command line said, with the input's -x language. */
    static CompileOptions compileOptions(Options o, Path input) {
        CompileOptions.Builder b = CompileOptions.builder()
                .output(o.deps.only ? CompileOptions.Output.DEPENDENCIES : switch (o.action) {
                    case PREPROCESS -> CompileOptions.Output.PREPROCESSED;
                    case SYNTAX_ONLY -> CompileOptions.Output.SYNTAX_ONLY;
                    case EMIT_IR -> CompileOptions.Output.IR;
                    case ASSEMBLY -> CompileOptions.Output.ASSEMBLY;
                    case OBJECT -> CompileOptions.Output.OBJECT;
                })
                .language(CompileOptions.Language.fromFlag(o.languageOf(input)))
                .debugInfo(o.debugInfo)
                .optLevel(String.valueOf(o.optLevel))
                .cpu(o.cpuName)
                .std(o.std)
                .warningsAsErrors(o.warningsAsErrors)
                .noWarnings(o.noWarnings)
                .errorLimit(o.errorLimit)
                .bracketDepth(o.bracketDepth)
                .printAfter(o.printAfter)
                .loopLowering(o.loopLowering)
                .loopHints(o.loopHints)
                .remarkMissedLoopHints(o.remarkMissedLoopHints)
                .remarkLoopHints(o.remarkLoopHints)
                .remarkMissedLoopLowering(o.remarkMissedLoopLowering)
                .remarkLoopUnroll(o.remarkLoopUnroll).remarkMissedLoopUnroll(o.remarkMissedLoopUnroll)
                .bpfIterators(o.bpfIterators)
                .collectTimings(o.timeReport);
        o.quoteDirs.forEach(b::quoteDir);
        o.includeDirs.forEach(b::includeDir);
        o.systemDirs.forEach(b::systemDir);
        o.afterDirs.forEach(b::afterDir);
        o.forcedIncludes.forEach(b::forceInclude);
        o.warningFlags.forEach(b::warningFlag);
        for (Options.MacroOption m : o.macros) {
            if (m.define()) b.define(m.text());
            else b.undefine(m.text());
        }
        return b.build();
    }

    /** Compiles {@code input} and writes its outputs; the result, for the error count and the time report. */
    CompileResult run(Path input) {
        CompileOptions co = compileOptions(options, input);
        CompileResult r = session != null
                ? session.compile(co, SourceSet.disk(), input.toString(), d -> printDiagnostic(d.rendered()))
                : new BpfCompiler().compile(co, SourceSet.disk(), input.toString(), d -> printDiagnostic(d.rendered()));
        if (r.internalError().isPresent()) return r;
        boolean c = co.languageOf(input.toString()) == CompileOptions.Language.C;
        try {
            if (r.passDumps() != null) {
                stdout.print(r.passDumps());
                stdout.flush();
            }
            if (options.deps.enabled && r.dependencies() != null) writeDependencies(input, r.dependencies());
            if (r.preprocessed() != null) {
                if (c) writePreprocessed(outputPath(input, ".i"), r.preprocessed());
                else writeText(outputPath(input, ".s"), r.preprocessed());
            }
            if (r.ir() != null) writeText(outputPath(input, ".ir"), r.ir());
            if (r.assembly() != null) writeText(outputPath(input, ".s"), r.assembly());
            if (r.object() != null) {
                try {
                    writeBytes(outputPath(input, ".o"), r.object());
                } catch (IOException e) {
                    if (c) throw e;
                    writeError("cannot read or write '" + input + "': " + e.getMessage());
                }
            }
        } catch (IOException e) {
            writeError("cannot write output: " + e.getMessage());
        }
        return r;
    }

    /** Errors of this input: the compiler's and the command line's own (an output that could not be written). */
    int errorCount(CompileResult r) { return r.errorCount() + writeErrors; }

    private void printDiagnostic(String rendered) {
        stderr.print(rendered);
        stderr.flush();
    }

    /** An error with no place in a file, as clang prints one. */
    private void writeError(String message) {
        writeErrors++;
        printDiagnostic("error: " + message + "\n");
    }

    /**
     * The dependency file of -M/-MM (to -MF, else -o, else standard output) or -MD/-MMD (to -MF, else the output's
     * name with .d, else the input's stem with .d); its default target is -o's object, else the input's stem
     * with .o, quoted for make (as clang's).
     */
    private void writeDependencies(Path input, List<Dependency> found) throws IOException {
        DependencyOptions d = options.deps;
        List<String> files = new ArrayList<>();
        for (Dependency dep : found) {
            if (!d.userHeadersOnly || !dep.system()) files.add(dep.path());
        }
        String base = input.getFileName().toString();
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        List<String> targets = d.targets;
        if (targets.isEmpty()) {
            String object = !d.only && options.output != null ? options.output.toString() : stem + ".o";
            targets = List.of(DependencyFile.quote(object));
        }
        String text = DependencyFile.text(targets, files, d.phonyTargets);
        Path out = d.file;
        if (out == null && d.only) out = options.output;
        if (out == null && !d.only) {
            if (options.output != null && !options.output.toString().equals("-")) {
                String o = options.output.toString();
                int slash = o.lastIndexOf('/');
                int odot = o.lastIndexOf('.');
                out = Path.of((odot > slash + 1 ? o.substring(0, odot) : o) + ".d");
            } else {
                out = options.outDir != null ? options.outDir.resolve(stem + ".d") : Path.of(stem + ".d");
            }
        }
        writeText(out != null && out.toString().equals("-") ? null : out, text);
    }

    /** Text output to its file, or to standard output when there is none ({@code -o -}). */
    private void writeText(Path out, String text) throws IOException {
        if (out == null) {
            stdout.print(text);
            stdout.flush();
        } else {
            Files.writeString(WorkingDirectory.resolve(out), text);
        }
    }

    /** -E's text, as UTF-8 to its file or to standard output. */
    private void writePreprocessed(Path out, String text) throws IOException {
        if (out == null) {
            Writer w = new java.io.OutputStreamWriter(stdout, StandardCharsets.UTF_8);
            w.write(text);
            w.flush();
        } else {
            try (Writer w = Files.newBufferedWriter(WorkingDirectory.resolve(out))) {
                w.write(text);
            }
        }
    }

    private void writeBytes(Path out, byte[] bytes) throws IOException {
        if (out == null) {
            stdout.write(bytes);
            stdout.flush();
        } else {
            Files.write(WorkingDirectory.resolve(out), bytes);
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
        if (options.action == Options.Action.PREPROCESS || options.action == Options.Action.EMIT_IR) return null;
        return Path.of(stem + ext);
    }
}
