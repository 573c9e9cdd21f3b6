package dev.jbpfc.api;

import dev.jbpfc.ir.pass.LoopLowering;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiler's options, as a typed and immutable value: the same choices as clang's command line for
 * {@code --target=bpf} ({@code -c}/{@code -S}/{@code -E}, {@code -O}, {@code -mcpu}, {@code -g}, {@code -D},
 * include directories, warnings) and jbpfc's own ({@code -emit-ir}, {@code -floop-lowering}, loop hints). Made by
 * a {@link Builder}; one value may serve any number of compilations, on any threads.
 * <pre>
 *   CompileOptions o = CompileOptions.builder().optLevel("2").debugInfo(true).cpu("v3")
 *           .define("DEBUG=1").includeDir(Path.of("include")).build();
 * </pre>
 * Where an output goes (-o, -MF, --out-dir) is not an option of the compiler: a {@link CompileResult} holds the
 * bytes and the caller writes them.
 */
public final class CompileOptions {
    /** What a compilation produces, like clang's -E / -fsyntax-only / -emit-llvm / -S / -c, and -M. */
    public enum Output { PREPROCESSED, SYNTAX_ONLY, IR, ASSEMBLY, OBJECT, DEPENDENCIES }

    /** An input's language, as clang's {@code -x}: C, {@code .s} assembly, or {@code .S} (preprocessed first). */
    public enum Language {
        C("c"), ASSEMBLER("assembler"), ASSEMBLER_WITH_CPP("assembler-with-cpp");

        /** The name {@code -x} takes. */
        public final String flagName;

        Language(String flagName) { this.flagName = flagName; }

        /** The language {@code -x NAME} names, or null. */
        public static Language fromFlag(String name) {
            for (Language l : values()) if (l.flagName.equals(name)) return l;
            return null;
        }
    }

    /** One -D ({@code NAME} or {@code NAME=VALUE}) or -U ({@code NAME}); clang applies them in order. */
    public record Macro(boolean define, String text) {}

    private final Output output;
    private final Language language;
    private final boolean debugInfo;
    private final char optLevel;
    private final int cpuVersion;
    private final String cpuName;
    private final String std;
    private final List<Path> quoteDirs, includeDirs, systemDirs, afterDirs, forcedIncludes;
    private final List<Macro> macros;
    private final boolean warningsAsErrors, noWarnings;
    private final List<String> warningFlags;
    private final int errorLimit, bracketDepth;
    private final String printAfter;
    private final LoopLowering.Mode loopLowering;
    private final boolean loopHints, remarkMissedLoopHints, remarkLoopHints, collectTimings;
    private final boolean remarkMissedLoopLowering, bpfIterators;
    private final boolean remarkLoopUnroll, remarkMissedLoopUnroll;

    private CompileOptions(Builder b) {
        output = b.output;
        language = b.language;
        debugInfo = b.debugInfo;
        optLevel = b.optLevel;
        cpuVersion = b.cpuVersion;
        cpuName = b.cpuName;
        std = b.std;
        quoteDirs = List.copyOf(b.quoteDirs);
        includeDirs = List.copyOf(b.includeDirs);
        systemDirs = List.copyOf(b.systemDirs);
        afterDirs = List.copyOf(b.afterDirs);
        forcedIncludes = List.copyOf(b.forcedIncludes);
        macros = List.copyOf(b.macros);
        warningsAsErrors = b.warningsAsErrors;
        noWarnings = b.noWarnings;
        warningFlags = List.copyOf(b.warningFlags);
        errorLimit = b.errorLimit;
        bracketDepth = b.bracketDepth;
        printAfter = b.printAfter;
        loopLowering = b.loopLowering;
        loopHints = b.loopHints;
        remarkMissedLoopHints = b.remarkMissedLoopHints;
        remarkLoopHints = b.remarkLoopHints;
        collectTimings = b.collectTimings;
        remarkMissedLoopLowering = b.remarkMissedLoopLowering;
        bpfIterators = b.bpfIterators;
        remarkLoopUnroll = b.remarkLoopUnroll;
        remarkMissedLoopUnroll = b.remarkMissedLoopUnroll;
    }

    /** clang's defaults for {@code --target=bpf}: -c, -O0, -mcpu=v3, -std=gnu17, no -g. */
    public static Builder builder() { return new Builder(); }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.output = output;
        b.language = language;
        b.debugInfo = debugInfo;
        b.optLevel = optLevel;
        b.cpuVersion = cpuVersion;
        b.cpuName = cpuName;
        b.std = std;
        b.quoteDirs.addAll(quoteDirs);
        b.includeDirs.addAll(includeDirs);
        b.systemDirs.addAll(systemDirs);
        b.afterDirs.addAll(afterDirs);
        b.forcedIncludes.addAll(forcedIncludes);
        b.macros.addAll(macros);
        b.warningsAsErrors = warningsAsErrors;
        b.noWarnings = noWarnings;
        b.warningFlags.addAll(warningFlags);
        b.errorLimit = errorLimit;
        b.bracketDepth = bracketDepth;
        b.printAfter = printAfter;
        b.loopLowering = loopLowering;
        b.loopHints = loopHints;
        b.remarkMissedLoopHints = remarkMissedLoopHints;
        b.remarkLoopHints = remarkLoopHints;
        b.collectTimings = collectTimings;
        b.remarkMissedLoopLowering = remarkMissedLoopLowering;
        b.bpfIterators = bpfIterators;
        b.remarkLoopUnroll = remarkLoopUnroll;
        b.remarkMissedLoopUnroll = remarkMissedLoopUnroll;
        return b;
    }

    public Output output() { return output; }
    /** The language given for every input, or null: each input's by its name ({@link #languageOf}). */
    public Language language() { return language; }
    public boolean debugInfo() { return debugInfo; }
    /** '0', '1', '2' or 's'. */
    public char optLevel() { return optLevel; }
    /** -mcpu's instruction-set version, 1 to 4. */
    public int cpuVersion() { return cpuVersion; }
    /** -mcpu as written (v1..v4, generic, probe): __BPF_CPU_VERSION__ follows it. */
    public String cpuName() { return cpuName; }
    public String std() { return std; }
    public List<Path> quoteDirs() { return quoteDirs; }
    public List<Path> includeDirs() { return includeDirs; }
    public List<Path> systemDirs() { return systemDirs; }
    public List<Path> afterDirs() { return afterDirs; }
    public List<Path> forcedIncludes() { return forcedIncludes; }
    public List<Macro> macros() { return macros; }
    public boolean warningsAsErrors() { return warningsAsErrors; }
    /** The -W flags and -pedantic, -pedantic-errors in command-line order (see {@code WarningFlags}). */
    public List<String> warningFlags() { return warningFlags; }
    public boolean noWarnings() { return noWarnings; }
    public int errorLimit() { return errorLimit; }
    public int bracketDepth() { return bracketDepth; }
    public String printAfter() { return printAfter; }
    public LoopLowering.Mode loopLowering() { return loopLowering; }
    public boolean loopHints() { return loopHints; }
    public boolean remarkMissedLoopHints() { return remarkMissedLoopHints; }
    public boolean remarkLoopHints() { return remarkLoopHints; }
    public boolean collectTimings() { return collectTimings; }
    public boolean remarkMissedLoopLowering() { return remarkMissedLoopLowering; }
    public boolean remarkLoopUnroll() { return remarkLoopUnroll; }
    public boolean remarkMissedLoopUnroll() { return remarkMissedLoopUnroll; }
    public boolean bpfIterators() { return bpfIterators; }

    /**
     * An input's language: {@link #language()} when given, else by its name, as clang: {@code .s} is assembler,
     * {@code .S} assembler-with-cpp, anything else C.
     */
    public Language languageOf(String path) {
        if (language != null) return language;
        if (path.endsWith(".s")) return Language.ASSEMBLER;
        if (path.endsWith(".S")) return Language.ASSEMBLER_WITH_CPP;
        return Language.C;
    }

    /** Fills a {@link CompileOptions}; every setter returns the builder. */
    public static final class Builder {
        private Output output = Output.OBJECT;
        private Language language;
        private boolean debugInfo;
        private char optLevel = '0';
        private int cpuVersion = 3;
        private String cpuName = "v3";
        private String std = "gnu17";
        private final List<Path> quoteDirs = new ArrayList<>(), includeDirs = new ArrayList<>(),
                systemDirs = new ArrayList<>(), afterDirs = new ArrayList<>(), forcedIncludes = new ArrayList<>();
        private final List<Macro> macros = new ArrayList<>();
        private boolean warningsAsErrors, noWarnings;
        private final List<String> warningFlags = new ArrayList<>();
        private int errorLimit = 20;
        /** clang-22's default for -fbracket-depth. */
        private int bracketDepth = 2048;
        private String printAfter;
        private LoopLowering.Mode loopLowering = LoopLowering.Mode.AUTO;
        private boolean loopHints, remarkMissedLoopHints, remarkLoopHints, collectTimings, remarkMissedLoopLowering;
        private boolean bpfIterators = true;
        private boolean remarkLoopUnroll, remarkMissedLoopUnroll;

        private Builder() {}

        public Builder output(Output o) { output = java.util.Objects.requireNonNull(o); return this; }
        /** Every input's language (null: by the input's name). */
        public Builder language(Language l) { language = l; return this; }
        /** -g: .BTF and .BTF.ext with line info. */
        public Builder debugInfo(boolean on) { debugInfo = on; return this; }

        /** -O0, -O1, -O2 (also for "3"), -Os (also for "z"). */
        public Builder optLevel(String level) {
            optLevel = switch (level) {
                case "0" -> '0';
                case "1" -> '1';
                case "2", "3" -> '2';
                case "s", "z" -> 's';
                default -> throw new IllegalArgumentException("unknown optimization level '" + level
                        + "' (expected 0, 1, 2, 3, s or z)");
            };
            return this;
        }

        /** -mcpu: v1, v2, v3, v4, generic (v1) or probe (v4: every kernel jbpfc targets, 6.6 and later, has it). */
        public Builder cpu(String name) {
            cpuVersion = switch (name) {
                case "v1", "generic" -> 1;
                case "v2" -> 2;
                case "v3" -> 3;
                case "v4", "probe" -> 4;
                default -> throw new IllegalArgumentException("unknown CPU '" + name
                        + "' for -mcpu= (expected v1, v2, v3, v4, generic or probe)");
            };
            cpuName = name;
            return this;
        }

        /** -std=: gnu17 (the default), c11, gnu99, ... */
        public Builder std(String s) { std = java.util.Objects.requireNonNull(s); return this; }
        /** -D NAME or -D NAME=VALUE. */
        public Builder define(String nameOrAssignment) { macros.add(new Macro(true, nameOrAssignment)); return this; }
        /** -D NAME=VALUE. */
        public Builder define(String name, String value) { return define(name + "=" + value); }
        /** -U NAME. */
        public Builder undefine(String name) { macros.add(new Macro(false, name)); return this; }
        /** -iquote DIR: searched by {@code #include "..."} only. */
        public Builder quoteDir(Path dir) { quoteDirs.add(dir); return this; }
        /** -I DIR. */
        public Builder includeDir(Path dir) { includeDirs.add(dir); return this; }
        /** -isystem DIR: warnings in its headers are not shown. */
        public Builder systemDir(Path dir) { systemDirs.add(dir); return this; }
        /** -idirafter DIR: searched last, as a system directory. */
        public Builder afterDir(Path dir) { afterDirs.add(dir); return this; }
        /** -include FILE. */
        public Builder forceInclude(Path file) { forcedIncludes.add(file); return this; }
        /** -Werror. */
        public Builder warningsAsErrors(boolean on) { warningsAsErrors = on; return this; }
        /**
         * One of -WX, -Wno-X, -Werror=X, -Wno-error=X, -Werror, -Wno-error, -pedantic, -Wpedantic,
         * -pedantic-errors, in command-line order: a later one overrides an earlier one, as in clang.
         */
        public Builder warningFlag(String flag) { warningFlags.add(java.util.Objects.requireNonNull(flag)); return this; }
        /** -w. */
        public Builder noWarnings(boolean on) { noWarnings = on; return this; }
        /** -ferror-limit=N (0: no limit). */
        public Builder errorLimit(int n) { errorLimit = n; return this; }
        /** -fbracket-depth=N. */
        public Builder bracketDepth(int n) { bracketDepth = n; return this; }
        /** --print-after=PASS[,PASS...] or "all": the IR after those passes, in {@link CompileResult#passDumps()}. */
        public Builder printAfter(String passes) { printAfter = passes; return this; }

        /** -floop-lowering=: auto, iterator, bpf-loop, plain or unroll. */
        public Builder loopLowering(LoopLowering.Mode mode) {
            loopLowering = java.util.Objects.requireNonNull(mode);
            return this;
        }

        /** -floop-hints: counted loops built to the loop-hint templates, with hints in .BTF. */
        public Builder loopHints(boolean on) { loopHints = on; return this; }
        /** -Rpass-missed=loop-hints. */
        public Builder remarkMissedLoopHints(boolean on) { remarkMissedLoopHints = on; return this; }
        /** -Rpass=loop-hints. */
        public Builder remarkLoopHints(boolean on) { remarkLoopHints = on; return this; }
        /** -Rpass-missed=loop-lowering: why a loop was left plain against the lowering mode. */
        public Builder remarkMissedLoopLowering(boolean on) { remarkMissedLoopLowering = on; return this; }
        /** -Rpass=loop-unroll: a remark for each loop the unroller unrolled, with its trip count. */
        public Builder remarkLoopUnroll(boolean on) { remarkLoopUnroll = on; return this; }
        /** -Rpass-missed=loop-unroll: why a loop marked for unrolling (a pragma or the cost model) was not. */
        public Builder remarkMissedLoopUnroll(boolean on) { remarkMissedLoopUnroll = on; return this; }
        /**
         * -fbpf-iterators (the default) / -fno-bpf-iterators: whether the target kernel has open-coded iterators
         * (6.4+); without them -floop-lowering=auto lowers long loops to bpf_loop (5.17+).
         */
        public Builder bpfIterators(boolean on) { bpfIterators = on; return this; }
        /** -ftime-report: CPU time per phase in {@link CompileResult#timings()}. */
        public Builder collectTimings(boolean on) { collectTimings = on; return this; }

        public CompileOptions build() { return new CompileOptions(this); }
    }
}
