package dev.jbpfc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Everything the command line said, in clang's terms. Filled by {@link OptionParser}; read by the driver. */
public final class Options {
    /** What the driver stops after, like clang's -E / -fsyntax-only / -S / -c. */
    public enum Action { PREPROCESS, SYNTAX_ONLY, EMIT_IR, ASSEMBLY, OBJECT }

    /** One -D or -U, kept in command-line order because clang applies them in that order. */
    public record MacroOption(boolean define, String text) {}

    public Action action = Action.OBJECT;
    public final List<Path> inputs = new ArrayList<>();
    /** -x c / assembler / assembler-with-cpp in force for an input, by its index in {@link #inputs}. */
    public final java.util.Map<Integer, String> inputLanguages = new java.util.HashMap<>();
    public Path output;
    public Path outDir;
    public boolean debugInfo;
    /** 0, 1, 2 or 's'. */
    public char optLevel = '0';
    /** -mcpu: v1..v4; generic = v1 (clang's generic), probe = this kernel's, resolved by the driver. */
    public int cpuVersion = 3;
    public String cpuName = "v3";
    public String std = "gnu17";
    public final List<Path> quoteDirs = new ArrayList<>();
    public final List<Path> includeDirs = new ArrayList<>();
    public final List<Path> systemDirs = new ArrayList<>();
    public final List<Path> afterDirs = new ArrayList<>();
    public final List<Path> forcedIncludes = new ArrayList<>();
    public final List<MacroOption> macros = new ArrayList<>();
    public boolean warningsAsErrors;
    public boolean noWarnings;
    public final List<String> warningFlags = new ArrayList<>();
    public int errorLimit = 20;
    /** -fbracket-depth=N: clang-22's default, 2048 parentheses, brackets or braces of one kind open at once. */
    public int bracketDepth = 2048;
    /** --print-after=PASS: print the IR after that pass (or "all"). */
    public String printAfter;
    /** {@code -floop-lowering=auto|iterator|bpf-loop|plain|unroll}. */
    public dev.jbpfc.ir.pass.LoopLowering.Mode loopLowering = dev.jbpfc.ir.pass.LoopLowering.Mode.AUTO;
    /** -ftime-report: per-phase times of every input and their sum on standard error (as clang's flag). */
    public boolean timeReport;
    /**
     * -floop-hints / -fno-loop-hints (the default): build counted loops to the loop-hint templates and emit hints.
     * Off by default while the shaped loops cost the kernel's verifier more on some programs than the unshaped
     * ones (strobemeta_nounroll1: 118,533 processed instructions unshaped, over the 1,000,000 limit shaped).
     */
    public boolean loopHints;
    /** -Rpass-missed=loop-hints: a remark for each loop that got no hint; -Rpass=loop-hints: for each that did. */
    public boolean remarkMissedLoopHints;
    public boolean remarkLoopHints;
    /** -Rpass-missed=loop-lowering: a remark for each loop the loop lowering left plain against its mode, saying why. */
    public boolean remarkMissedLoopLowering;
    /** -Rpass=loop-unroll / -Rpass-missed=loop-unroll: each loop the unroller unrolled / why a marked one was not. */
    public boolean remarkLoopUnroll, remarkMissedLoopUnroll;
    /**
     * -fbpf-iterators (the default) / -fno-bpf-iterators: whether the target kernel has open-coded iterators (6.4+);
     * without them -floop-lowering=auto lowers long loops to bpf_loop (5.17+).
     */
    public boolean bpfIterators = true;
    /** -M, -MM, -MD, -MMD, -MF, -MT, -MQ, -MP. */
    public final DependencyOptions deps = new DependencyOptions();
    public boolean showVersion;
    public boolean showHelp;

    /**
     * An input's language: what -x said before it, else its suffix, as clang: {@code .s} is "assembler",
     * {@code .S} "assembler-with-cpp", anything else "c".
     */
    public String languageOf(Path input) {
        int i = inputs.indexOf(input);
        String explicit = i >= 0 ? inputLanguages.get(i) : null;
        if (explicit != null) return explicit;
        String name = input.getFileName() == null ? "" : input.getFileName().toString();
        if (name.endsWith(".s")) return "assembler";
        if (name.endsWith(".S")) return "assembler-with-cpp";
        return "c";
    }
}
