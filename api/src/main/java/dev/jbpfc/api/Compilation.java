package dev.jbpfc.api;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.diag.Severity;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.pp.HeaderCache;
import dev.jbpfc.frontend.pp.PreprocessedPrinter;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;
import dev.jbpfc.frontend.pp.SourceTree;

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
import dev.jbpfc.frontend.sema.AnalyzedPrefix;
import dev.jbpfc.frontend.sema.DiagnosticPragmas;
import dev.jbpfc.frontend.sema.WarningFlags;
import dev.jbpfc.frontend.sema.Sema;
import dev.jbpfc.frontend.sema.SemanticModel;
import dev.jbpfc.ir.pass.PassPipeline;
import dev.jbpfc.timing.StageTimes;
import dev.jbpfc.ir.text.IrPrinter;
import dev.jbpfc.source.SourceLocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * What each stage produces goes into a {@link CompileResult}; nothing is written to a file or a stream here (the
 * command line writes the result where clang would).
 */
final class Compilation {
    private final CompileOptions options;
    private final Diagnostics diags;
    private final SourceTree files;
    /** -ftime-report's figures, or null. */
    private final PhaseTimes times;
    /** The clock of those figures ({@link StageTimes#NONE}, which reads none, when there are none). */
    private final StageTimes clock;
    /** What the inputs of one session share (read headers, the previous input's parse), or null. */
    private final Shared shared;
    private final CompileResult result;

    /**
     * Kept from one input to the next of one session: the headers read once, their expansions (reused where
     * nothing they depend on differs, see {@link HeaderCache}), the previous parse, whose declarations the next
     * input takes over where its tokens are the same (see {@link ParsedPrefix}), and the previous analysis, whose
     * file-scope state it takes over for those declarations (see {@link AnalyzedPrefix}).
     */
    static final class Shared {
        final dev.jbpfc.frontend.pp.SharedSourceFiles files = new dev.jbpfc.frontend.pp.SharedSourceFiles();
        final HeaderCache headers = new HeaderCache();
        final ParsedPrefix prefix = new ParsedPrefix();
        final AnalyzedPrefix analyzed = new AnalyzedPrefix();
    }

    Compilation(CompileOptions options, Diagnostics diags, SourceTree files, Shared shared, CompileResult result) {
        this.options = options;
        this.diags = diags;
        this.files = files;
        this.times = options.collectTimings() ? result.timings() : null;
        this.clock = times == null ? StageTimes.NONE : new StageTimes();
        this.shared = shared;
        this.result = result;
    }

    /** Adds the time since {@code since} to {@code phase}; returns the reading to time the next phase from. */
    private long lap(String phase, long since) {
        long now = clock.start();
        if (times != null) times.add(phase, now - since);
        return now;
    }

    void run(Path input) {
        CompileOptions.Language language = options.languageOf(input.toString());
        if (language != CompileOptions.Language.C) {
            new AssemblyInput(this, options, diags, files, result).run(input, language);
            return;
        }
        try {
            long t = clock.start();
            Preprocessor pp = new Preprocessor(preprocessorOptions(), diags);
            List<Token> tokens = pp.run(input);
            t = lap("preprocess", t);
            if (times != null && shared != null) {
                times.note("preprocess reused " + pp.reusedHeaderExpansions() + " header expansions of earlier inputs");
            }
            if (!diags.hasErrors()) result.dependencies = dependencies(pp.dependencies());
            if (options.output() == CompileOptions.Output.DEPENDENCIES) return;
            if (options.output() == CompileOptions.Output.PREPROCESSED) {
                result.preprocessed = preprocessedText(tokens);
                return;
            }
            if (diags.hasErrors()) return;

            StageTimes parseTimes = times == null ? StageTimes.NONE : new StageTimes();
            TranslationUnit tu = Parser.parse(tokens, diags, parseTimes, shared == null ? null : shared.prefix,
                    options.bracketDepth());
            t = lap("parse", t);
            if (times != null) {
                // in this order whichever ran first, each even when it never ran
                for (String part : List.of(Parser.GRAMMAR, Parser.AST, Parser.PLAIN_DECLARATIONS)) {
                    times.add(" " + part, parseTimes.nanos().getOrDefault(part, 0L));
                }
                if (shared != null) {
                    times.note("parse reused " + shared.prefix.lastReusedDeclarations() + " of "
                            + tu.decls().size() + " top-level declarations of the previous input");
                }
            }
            SemanticModel model = Sema.analyze(tu, diags, DiagnosticPragmas.from(tokens,
                            new WarningFlags(options.warningFlags(), options.warningsAsErrors())),
                    shared == null ? null : shared.analyzed);
            t = lap("sema", t);
            // The tokens (a million for a 50,000-case switch) are not needed past here: without this they stayed
            // reachable from this frame through the optimization and the backend (issue 14).
            tokens = null;
            pp = null;
            if (times != null && shared != null) {
                times.note("sema reused " + shared.analyzed.lastReusedDeclarations() + " of " + tu.decls().size()
                        + " top-level declarations of the previous input");
            }
            if (diags.hasErrors() || options.output() == CompileOptions.Output.SYNTAX_ONLY) return;

            PassPipeline passes = PassPipeline.forLevel(String.valueOf(options.optLevel())).loopLowering(options.loopLowering())
                    .bpfIterators(options.bpfIterators());
            passes.rotateLoopsWithCalls(options.loopHints());
            StageTimes passTimes = times == null ? StageTimes.NONE : new StageTimes();
            passes.stageTimes(passTimes);
            ByteArrayOutputStream dumps = null;
            if (options.printAfter() != null) {
                dumps = new ByteArrayOutputStream();
                passes.printAfter(options.printAfter().equals("all") ? Set.copyOf(passes.passes())
                        : Set.of(options.printAfter().split(",")), new PrintStream(dumps, true, StandardCharsets.UTF_8));
            }
            long[] optimizeNanos = new long[1];
            LoweredUnit unit;
            try {
                unit = Lowering.lower(tu, model, new LowerOptions(options.cpuVersion()), diags, m -> {
                    // CPU time like every other figure (wall time showed more than "lower" itself)
                    long start = clock.start();
                    passes.run(m);
                    optimizeNanos[0] = clock.start() - start;
                });
            } finally {
                if (dumps != null) result.passDumps = dumps.toString(StandardCharsets.UTF_8);
            }
            t = lap("lower", t);
            if (times != null) {
                times.add(" optimize", optimizeNanos[0]);
                addStages(passTimes);
            }
            reportPassRemarks(unit.module(), passes);
            if (diags.hasErrors()) return;
            if (options.output() == CompileOptions.Output.IR) {
                result.ir = IrPrinter.print(unit.module());
                return;
            }

            BackendOptions backend = new BackendOptions(CpuVersion.parse("v" + options.cpuVersion()),
                    options.debugInfo(), input.toString(), options.loopHints());
            BtfSections btf = new BuilderBtfSections(unit.btf(), unit.module());
            if (options.output() == CompileOptions.Output.ASSEMBLY) {
                // With -g the text ends with the object's .BTF/.BTF.ext, so that -c of it gives this object back.
                result.assembly = options.debugInfo()
                        ? BpfBackend.assembleObject(unit.module(), backend, btf)
                        : BpfBackend.assemble(unit.module(), backend, btf);
                return;
            }
            // kfunc calls need .BTF even without -g: libbpf resolves them through their extern FUNCs
            boolean needsBtf = options.debugInfo() || unit.module().externs().stream()
                    .anyMatch(e -> e.kind() == dev.jbpfc.ir.ExternFunction.Kind.KFUNC) || takesFunctionAddress(unit.module());
            List<BpfBackend.LoopReport> loops = new ArrayList<>();
            StageTimes backendTimes = times == null ? StageTimes.NONE : new StageTimes();
            byte[] object = BpfBackend.compile(unit.module(), backend, needsBtf ? btf : null, loops, backendTimes);
            reportLoops(input, unit.module(), loops);
            result.object = object;
            lap("backend", t);
            if (times != null) addStages(backendTimes);
        } catch (CompileError e) {
            diags.error(e.location(), e.getMessage());
        }
    }

    /** The stages of the phase just added, indented under it (each pass or backend stage, summed by name). */
    private void addStages(StageTimes stages) {
        for (Map.Entry<String, Long> e : stages.nanos().entrySet()) times.add("   " + e.getKey(), e.getValue());
    }

    /**
     * Whether code loads a function's address (a bpf_loop callback, as the loop lowering makes them): the kernel
     * refuses such a load without .BTF.ext func_info ("missing btf func_info"), so the object gets BTF even without -g.
     */
    private static boolean takesFunctionAddress(dev.jbpfc.ir.Module module) {
        for (dev.jbpfc.ir.Function f : module.functions()) {
            for (dev.jbpfc.ir.Instruction i : f.instructions()) {
                if (i.op() == dev.jbpfc.ir.Opcode.ADDR && module.function(i.symbol) != null) return true;
            }
        }
        return false;
    }

    /**
     * The optimiser's remarks the options ask for, clang-style ({@code file:line:col: remark: ... [-Rpass=NAME]}):
     * {@code -Rpass-missed=loop-lowering} (why a loop was left plain where the mode asked for another form),
     * {@code -Rpass=loop-unroll} and {@code -Rpass-missed=loop-unroll} (each loop unrolled, or why a loop marked
     * for unrolling was not).
     */
    private void reportPassRemarks(dev.jbpfc.ir.Module module, PassPipeline passes) {
        // in source order, as clang prints them (the passes visit inner loops first)
        List<dev.jbpfc.ir.pass.Remark> inOrder = new ArrayList<>(passes.remarks());
        inOrder.sort(java.util.Comparator.comparingLong(r -> r.loc() == null ? Long.MAX_VALUE
                : ((long) r.loc().file() << 40) + ((long) r.loc().line() << 16) + r.loc().column()));
        for (dev.jbpfc.ir.pass.Remark r : inOrder) {
            boolean wanted = switch (r.option()) {
                case "-Rpass-missed=loop-lowering" -> options.remarkMissedLoopLowering();
                case "-Rpass=loop-unroll" -> options.remarkLoopUnroll();
                case "-Rpass-missed=loop-unroll" -> options.remarkMissedLoopUnroll();
                default -> false;
            };
            if (!wanted) continue;
            diags.report(Severity.REMARK, r.loc() == null ? null : module.sourceLocation(r.loc()),
                    r.message() + " [" + r.option() + "]");
        }
    }

    /**
     * {@code -Rpass-missed=loop-hints}: a remark for each loop built without a hint, clang-style;
     * {@code -Rpass=loop-hints}: one for each hinted loop; and every loop as a {@link LoopReport}.
     */
    private void reportLoops(Path input, dev.jbpfc.ir.Module module, List<BpfBackend.LoopReport> loops) {
        List<LoopReport> reports = new ArrayList<>();
        for (BpfBackend.LoopReport r : loops) {
            SourceLocation at = module.sourceLocation(r.loc());
            if (r.hint() == null && options.remarkMissedLoopHints()) {
                diags.report(Severity.REMARK, at, "loop not built to a template: " + r.reason() + " [-Rpass-missed=loop-hints]");
            }
            if (r.hint() != null && options.remarkLoopHints()) {
                diags.report(Severity.REMARK, at, "loop built to template " + r.hint().template() + " (trips <= "
                        + Long.toUnsignedString(r.hint().trips()) + ") [-Rpass=loop-hints]");
            }
            int line = r.loc() == null ? 0 : r.loc().line(), col = r.loc() == null ? 0 : r.loc().column();
            String file = r.loc() != null && r.loc().file() < module.files().size() ? module.files().get(r.loc().file()) : input.toString();
            reports.add(new LoopReport(file, line, col, r.function(),
                    r.hint() == null ? null : r.hint().template(), r.hint() == null ? 0 : r.hint().trips(), r.reason()));
        }
        result.loops = List.copyOf(reports);
    }

    private static List<Dependency> dependencies(List<Preprocessor.Dependency> found) {
        List<Dependency> out = new ArrayList<>(found.size());
        for (Preprocessor.Dependency d : found) out.add(new Dependency(d.path(), d.system()));
        return List.copyOf(out);
    }

    private static String preprocessedText(List<Token> tokens) {
        try {
            StringWriter w = new StringWriter();
            PreprocessedPrinter.print(tokens, w);
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
    }

    PreprocessorOptions preprocessorOptions() {
        PreprocessorOptions p = new PreprocessorOptions();
        p.quoteDirs.addAll(options.quoteDirs());
        p.angledDirs.addAll(options.includeDirs());
        p.systemDirs.addAll(options.systemDirs());
        p.afterDirs.addAll(options.afterDirs());
        for (CompileOptions.Macro m : options.macros()) {
            p.macros.add(m.define() ? PreprocessorOptions.MacroOption.parseDefine(m.text())
                    : PreprocessorOptions.MacroOption.undefine(m.text()));
        }
        for (Path inc : options.forcedIncludes()) p.includes.add(inc.toString());
        p.cpu = options.cpuName();
        p.optimize = options.optLevel() != '0';
        p.optimizeSize = options.optLevel() == 's';
        p.debugInfo = options.debugInfo();
        p.std = options.std();
        p.files = files;
        if (shared != null) {
            p.sharedFiles = shared.files;
            p.headerCache = shared.headers;
        }
        return p;
    }
}
