package dev.jbpfc.cli;

import dev.jbpfc.source.WorkingDirectory;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.diag.Severity;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.pp.HeaderCache;
import dev.jbpfc.frontend.pp.PreprocessedPrinter;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;

import dev.jbpfc.backend.BackendOptions;
import dev.jbpfc.backend.BpfBackend;
import dev.jbpfc.backend.BtfSections;
import dev.jbpfc.backend.btf.BuilderBtfSections;
import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.lower.LowerOptions;
import dev.jbpfc.frontend.lower.LoweredUnit;
import dev.jbpfc.frontend.lower.Lowering;
import dev.jbpfc.frontend.parse.ParsedPrefix;
import dev.jbpfc.frontend.parse.Parser;
import dev.jbpfc.frontend.pp.SharedSourceFiles;
import dev.jbpfc.frontend.sema.AnalyzedPrefix;
import dev.jbpfc.frontend.sema.DiagnosticPragmas;
import dev.jbpfc.frontend.sema.Sema;
import dev.jbpfc.frontend.sema.SemanticModel;
import dev.jbpfc.ir.pass.PassPipeline;
import dev.jbpfc.ir.text.IrPrinter;
import dev.jbpfc.source.SourceLocation;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
    /** -ftime-report's accumulator, or null. */
    private final TimeReport times;
    /** What the inputs of one invocation share (read headers, the previous input's parse), or null. */
    private final Shared shared;

    /**
     * Kept from one input to the next of one invocation: the headers read once, their expansions (reused where
     * nothing they depend on differs, see {@link HeaderCache}), the previous parse, whose declarations the next
     * input takes over where its tokens are the same (see {@link ParsedPrefix}), and the previous analysis, whose
     * file-scope state it takes over for those declarations (see {@link AnalyzedPrefix}).
     */
    static final class Shared {
        final SharedSourceFiles files = new SharedSourceFiles();
        final HeaderCache headers = new HeaderCache();
        final ParsedPrefix prefix = new ParsedPrefix();
        final AnalyzedPrefix analyzed = new AnalyzedPrefix();
    }

    Compilation(Options options, Diagnostics diags, PrintStream stdout) {
        this(options, diags, stdout, null, null);
    }

    Compilation(Options options, Diagnostics diags, PrintStream stdout, TimeReport times, Shared shared) {
        this.options = options;
        this.diags = diags;
        this.stdout = stdout;
        this.times = times;
        this.shared = shared;
    }

    /** CPU time of this thread (what -ftime-report shows: on a loaded machine wall time is mostly waiting). */
    private static long now() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private long lap(String phase, long since) {
        long now = now();
        if (times != null) times.add(phase, now - since);
        return now;
    }

    void run(Path input) {
        if (!options.languageOf(input).equals("c")) {
            new AssemblyInput(options, diags, stdout).run(input, options.languageOf(input));
            return;
        }
        try {
            long t = now();
            Preprocessor pp = new Preprocessor(preprocessorOptions(), diags);
            List<Token> tokens = pp.run(input);
            t = lap("preprocess", t);
            if (times != null && shared != null) {
                times.note("preprocess reused " + pp.reusedHeaderExpansions() + " header expansions of earlier inputs");
            }
            if (options.deps.enabled && !diags.hasErrors()) writeDependencies(input, pp.dependencies());
            if (options.deps.only) return;
            if (options.action == Options.Action.PREPROCESS) {
                writePreprocessed(input, tokens);
                return;
            }
            if (diags.hasErrors()) return;

            Parser.Timing parseTiming = times == null ? null : new Parser.Timing();
            TranslationUnit tu = Parser.parse(tokens, diags, parseTiming, shared == null ? null : shared.prefix,
                    options.bracketDepth);
            t = lap("parse", t);
            if (times != null) {
                times.add(" grammar", parseTiming.grammarNanos);
                times.add(" AST", parseTiming.astNanos);
                times.add(" plain decls", parseTiming.plainNanos);
                if (shared != null) {
                    times.note("parse reused " + shared.prefix.lastReusedDeclarations() + " of "
                            + tu.decls().size() + " top-level declarations of the previous input");
                }
            }
            SemanticModel model = Sema.analyze(tu, diags, DiagnosticPragmas.from(tokens),
                    shared == null ? null : shared.analyzed);
            t = lap("sema", t);
            if (times != null && shared != null) {
                times.note("sema reused " + shared.analyzed.lastReusedDeclarations() + " of " + tu.decls().size()
                        + " top-level declarations of the previous input");
            }
            if (diags.hasErrors() || options.action == Options.Action.SYNTAX_ONLY) return;

            PassPipeline passes = PassPipeline.forLevel(String.valueOf(options.optLevel)).loopLowering(options.loopLowering);
            if (!options.loopHints) passes.without("loop-rotate");
            if (options.printAfter != null) {
                passes.printAfter(options.printAfter.equals("all") ? Set.copyOf(passes.passes())
                        : Set.of(options.printAfter.split(",")), stdout);
            }
            long[] optimizeNanos = new long[1];
            LoweredUnit unit = Lowering.lower(tu, model, new LowerOptions(options.cpuVersion), diags, m -> {
                long start = System.nanoTime();
                passes.run(m);
                optimizeNanos[0] = System.nanoTime() - start;
            });
            t = lap("lower", t);
            if (times != null) times.add(" optimize", optimizeNanos[0]);
            if (diags.hasErrors()) return;
            if (options.action == Options.Action.EMIT_IR) {
                writeText(outputPath(input, ".ir"), IrPrinter.print(unit.module()));
                return;
            }

            BackendOptions backend = new BackendOptions(CpuVersion.parse("v" + options.cpuVersion),
                    options.debugInfo, input.toString(), options.loopHints);
            BtfSections btf = new BuilderBtfSections(unit.btf(), unit.module());
            if (options.action == Options.Action.ASSEMBLY) {
                // With -g the text ends with the object's .BTF/.BTF.ext, so that -c of it gives this object back.
                writeText(outputPath(input, ".s"), options.debugInfo
                        ? BpfBackend.assembleObject(unit.module(), backend, btf)
                        : BpfBackend.assemble(unit.module(), backend, btf));
                return;
            }
            // kfunc calls need .BTF even without -g: libbpf resolves them through their extern FUNCs
            boolean needsBtf = options.debugInfo || unit.module().externs().stream()
                    .anyMatch(e -> e.kind() == dev.jbpfc.ir.ExternFunction.Kind.KFUNC);
            List<BpfBackend.LoopReport> loops = new ArrayList<>();
            byte[] object = BpfBackend.compile(unit.module(), backend, needsBtf ? btf : null, loops);
            reportLoops(input, unit.module(), loops);
            Files.write(WorkingDirectory.resolve(outputPath(input, ".o")), object);
            lap("backend", t);
        } catch (CompileError e) {
            diags.error(e.location(), e.getMessage());
        } catch (IOException e) {
            diags.report(Severity.ERROR, null, "cannot write output: " + e.getMessage());
        }
    }

    /**
     * {@code -Rpass-missed=loop-hints}: a remark for each loop built without a hint, clang-style;
     * {@code -Rpass=loop-hints}: one for each hinted loop; and the rows loop-report tabulates.
     */
    private void reportLoops(Path input, dev.jbpfc.ir.Module module, List<BpfBackend.LoopReport> loops) {
        for (BpfBackend.LoopReport r : loops) {
            SourceLocation at = module.sourceLocation(r.loc());
            if (r.hint() == null && options.remarkMissedLoopHints) {
                diags.report(Severity.REMARK, at, "loop not built to a template: " + r.reason() + " [-Rpass-missed=loop-hints]");
            }
            if (r.hint() != null && options.remarkLoopHints) {
                diags.report(Severity.REMARK, at, "loop built to template " + r.hint().template() + " (trips <= "
                        + Long.toUnsignedString(r.hint().trips()) + ") [-Rpass=loop-hints]");
            }
            if (options.loopRows != null) {
                int line = r.loc() == null ? 0 : r.loc().line(), col = r.loc() == null ? 0 : r.loc().column();
                String file = r.loc() != null && r.loc().file() < module.files().size() ? module.files().get(r.loc().file()) : input.toString();
                options.loopRows.add(new LoopReportTable.Row(file, line, col, r.function(),
                        r.hint() == null ? null : r.hint().template(), r.hint() == null ? 0 : r.hint().trips(), r.reason()));
            }
        }
    }

    /**
     * The dependency file of -M/-MM (to -MF, else -o, else standard output) or -MD/-MMD (to -MF, else the output's
     * name with .d, else the input's stem with .d); its default target is -o's object, else the input's stem
     * with .o, quoted for make (as clang's).
     */
    private void writeDependencies(Path input, List<Preprocessor.Dependency> found) throws IOException {
        DependencyOptions d = options.deps;
        List<String> files = new java.util.ArrayList<>();
        for (Preprocessor.Dependency dep : found) {
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
    void writeText(Path out, String text) throws IOException {
        if (out == null) {
            stdout.print(text);
            stdout.flush();
        } else {
            Files.writeString(WorkingDirectory.resolve(out), text);
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
                try (Writer w = Files.newBufferedWriter(WorkingDirectory.resolve(out))) {
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
        if (options.action == Options.Action.PREPROCESS || options.action == Options.Action.EMIT_IR) return null;
        return Path.of(stem + ext);
    }

    PreprocessorOptions preprocessorOptions() {
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
        if (shared != null) {
            p.sharedFiles = shared.files;
            p.headerCache = shared.headers;
        }
        return p;
    }
}
