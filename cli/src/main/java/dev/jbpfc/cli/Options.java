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
    /** -ftime-report: per-phase times of every input and their sum on standard error (as clang's flag). */
    public boolean timeReport;
    public boolean showVersion;
    public boolean showHelp;
}
