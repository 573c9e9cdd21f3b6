package dev.jbpfc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads clang's command line for {@code --target=bpf}. Flags clang accepts but that change nothing for BPF
 * code generation here (-mlittle-endian, -fno-stack-protector, ...) are accepted and ignored; anything else
 * unknown is an error worded as clang words it: {@code unknown argument: '-foo'}.
 */
public final class OptionParser {
    /** Flags with no argument that are accepted and have no effect on jbpfc's output. */
    private static final Set<String> IGNORED = Set.of(
            "-mlittle-endian", "-fno-stack-protector", "-ffreestanding", "-fno-builtin", "-nostdinc",
            "-nostdlib", "-pipe", "-fno-asynchronous-unwind-tables", "-fno-unwind-tables", "-fcolor-diagnostics",
            "-fno-color-diagnostics", "-fdiagnostics-color", "-fno-common", "-fPIC", "-fpic", "-Qunused-arguments",
            "-fno-ident", "-fno-jump-tables", "-fno-strict-aliasing", "-fno-omit-frame-pointer", "-v",
            "-fno-exceptions", "-fms-extensions", "-mno-red-zone", "-g0", "-gdwarf", "-gbtf",
            "-fno-addrsig", "-faddrsig", "-mbig-endian-unsupported");

    private final List<String> errors = new ArrayList<>();

    public List<String> errors() { return errors; }

    public Options parse(String[] args) {
        Options o = new Options();
        String language = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-") || a.equals("-")) {
                o.inputs.add(Path.of(a));
                if (language != null) o.inputLanguages.put(o.inputs.size() - 1, language);
                continue;
            }
            if (a.startsWith("-x")) {
                language = language(a.length() > 2 ? a.substring(2) : next(args, ++i, a));
                continue;
            }
            int depArgs = o.deps.parse(args, i, errors);
            if (depArgs > 0) {
                i += depArgs - 1;
                continue;
            }
            switch (a) {
                case "-c" -> o.action = Options.Action.OBJECT;
                case "-S" -> o.action = Options.Action.ASSEMBLY;
                case "-E" -> o.action = Options.Action.PREPROCESS;
                case "-fsyntax-only" -> o.action = Options.Action.SYNTAX_ONLY;
                case "-emit-ir", "-emit-llvm" -> o.action = Options.Action.EMIT_IR;
                case "-g", "-g1", "-g2", "-g3", "-ggdb" -> o.debugInfo = true;
                case "-O0", "-O1", "-O2", "-O3", "-Os", "-Oz" -> o.optLevel = optLevel(a);
                case "-O" -> o.optLevel = '1';
                case "-Werror", "-Wno-error" -> {
                    o.warningsAsErrors = a.equals("-Werror"); // for the warnings that have no -W flag of their own
                    o.warningFlags.add(a);
                }
                case "-pedantic", "-pedantic-errors" -> o.warningFlags.add(a);
                case "-w" -> o.noWarnings = true;
                case "-ftime-report" -> o.timeReport = true;
                case "-floop-hints" -> o.loopHints = true;
                case "-fno-loop-hints" -> o.loopHints = false;
                case "-Rpass-missed=loop-hints" -> o.remarkMissedLoopHints = true;
                case "-Rpass=loop-hints" -> o.remarkLoopHints = true;
                case "-Rpass-missed=loop-lowering" -> o.remarkMissedLoopLowering = true;
                case "-Rpass=loop-unroll" -> o.remarkLoopUnroll = true;
                case "-Rpass-missed=loop-unroll" -> o.remarkMissedLoopUnroll = true;
                case "-fbpf-iterators" -> o.bpfIterators = true;
                case "-fno-bpf-iterators" -> o.bpfIterators = false;
                case "--version" -> o.showVersion = true;
                case "--help", "-help" -> o.showHelp = true;
                case "-target" -> target(next(args, ++i, a));
                case "-o" -> o.output = pathArg(next(args, ++i, a));
                case "--out-dir" -> o.outDir = pathArg(next(args, ++i, a));
                case "-I" -> o.includeDirs.add(pathArg(next(args, ++i, a)));
                case "-iquote" -> o.quoteDirs.add(pathArg(next(args, ++i, a)));
                case "-isystem" -> o.systemDirs.add(pathArg(next(args, ++i, a)));
                case "-idirafter" -> o.afterDirs.add(pathArg(next(args, ++i, a)));
                case "-include" -> o.forcedIncludes.add(pathArg(next(args, ++i, a)));
                case "-D" -> o.macros.add(new Options.MacroOption(true, next(args, ++i, a)));
                case "-U" -> o.macros.add(new Options.MacroOption(false, next(args, ++i, a)));
                default -> joined(o, a);
            }
        }
        return o;
    }

    /** Flags whose value is joined to them: -Ifoo, -DX=1, --target=bpf, -mcpu=v3, -ferror-limit=5 ... */
    private void joined(Options o, String a) {
        if (a.startsWith("-I")) o.includeDirs.add(Path.of(a.substring(2)));
        else if (a.startsWith("-D")) o.macros.add(new Options.MacroOption(true, a.substring(2)));
        else if (a.startsWith("-U")) o.macros.add(new Options.MacroOption(false, a.substring(2)));
        else if (a.startsWith("-o")) o.output = Path.of(a.substring(2));
        else if (a.startsWith("--target=")) target(a.substring("--target=".length()));
        else if (a.startsWith("-mcpu=")) cpu(o, a.substring("-mcpu=".length()));
        else if (a.startsWith("-std=")) o.std = a.substring("-std=".length());
        else if (a.startsWith("-ferror-limit=")) o.errorLimit = intArg(a, a.substring("-ferror-limit=".length()));
        else if (a.startsWith("-fbracket-depth=")) o.bracketDepth = intArg(a, a.substring("-fbracket-depth=".length()));
        else if (a.startsWith("--out-dir=")) o.outDir = Path.of(a.substring("--out-dir=".length()));
        else if (a.startsWith("--print-after=")) o.printAfter = a.substring("--print-after=".length());
        else if (a.startsWith("-floop-lowering=")) loopLowering(o, a.substring("-floop-lowering=".length()));
        else if (a.startsWith("-W")) o.warningFlags.add(a);
        else if (IGNORED.contains(a)) { /* accepted, no effect on BPF output */ }
        else errors.add("unknown argument: '" + a + "'");
    }

    /** -x LANGUAGE, for the inputs after it: null for "none" (back to the file name's suffix). */
    private String language(String name) {
        switch (name) {
            case "c", "assembler", "assembler-with-cpp" -> { return name; }
            case "none" -> { return null; }
            default -> {
                errors.add("language not recognized: '" + name + "'");
                return null;
            }
        }
    }

    private void loopLowering(Options o, String mode) {
        dev.jbpfc.ir.pass.LoopLowering.Mode m = dev.jbpfc.ir.pass.LoopLowering.Mode.parse(mode);
        if (m == null) {
            errors.add("invalid value '" + mode + "' in '-floop-lowering=' (expected auto, iterator, bpf-loop, plain or unroll)");
        } else {
            o.loopLowering = m;
        }
    }

    private void target(String t) {
        if (!t.equals("bpf") && !t.equals("bpfel")) {
            errors.add("jbpfc only targets BPF (little-endian): unsupported target '" + t + "'");
        }
    }

    private void cpu(Options o, String name) {
        switch (name) {
            case "v1", "generic" -> o.cpuVersion = 1;
            case "v2" -> o.cpuVersion = 2;
            case "v3" -> o.cpuVersion = 3;
            case "v4" -> o.cpuVersion = 4;
            // clang's "probe" asks the running kernel; every kernel jbpfc targets (6.x) has v3's and v4's features
            // except where BPF_PROG_LOAD says otherwise, and 6.6+ accepts v4, so probe resolves to v4 there.
            case "probe" -> o.cpuVersion = 4;
            default -> {
                errors.add("unknown CPU '" + name + "' for -mcpu= (expected v1, v2, v3, v4, generic or probe)");
                return;
            }
        }
        o.cpuName = name;
    }

    private static char optLevel(String a) {
        return switch (a) {
            case "-O0" -> '0';
            case "-O1" -> '1';
            case "-Os", "-Oz" -> 's';
            default -> '2';
        };
    }

    private String next(String[] args, int i, String flag) {
        if (i >= args.length) {
            errors.add("argument to '" + flag + "' is missing (expected 1 value)");
            return "";
        }
        return args[i];
    }

    private static Path pathArg(String s) { return Path.of(s.isEmpty() ? "." : s); }

    private int intArg(String flag, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            errors.add("invalid integral value '" + v + "' in '" + flag + "'");
            return 0;
        }
    }
}
