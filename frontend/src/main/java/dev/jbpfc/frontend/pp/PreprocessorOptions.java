package dev.jbpfc.frontend.pp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the command line tells the preprocessor. The CLI fills it in the order it reads the options; the
 * preprocessor reads it once. Defaults are clang's for {@code --target=bpf} without options (cpu v3, -O0, gnu17).
 */
public final class PreprocessorOptions {
    /** One {@code -D name[=value]} or {@code -U name}, kept in command-line order (clang applies them in order). */
    public record MacroOption(boolean define, String name, String value) {
        /** {@code -DX} is {@code X=1}; {@code -DX=} defines X as empty. */
        public static MacroOption parseDefine(String arg) {
            int eq = arg.indexOf('=');
            if (eq < 0) return new MacroOption(true, arg, "1");
            return new MacroOption(true, arg.substring(0, eq), arg.substring(eq + 1));
        }

        public static MacroOption undefine(String name) { return new MacroOption(false, name, null); }
    }

    /** {@code -iquote} directories: searched only by {@code #include "..."}, after the includer's directory. */
    public final List<Path> quoteDirs = new ArrayList<>();
    /** {@code -I} directories. */
    public final List<Path> angledDirs = new ArrayList<>();
    /** {@code -isystem} directories. */
    public final List<Path> systemDirs = new ArrayList<>();
    /** {@code -idirafter} directories: searched last. */
    public final List<Path> afterDirs = new ArrayList<>();
    /** {@code -D} and {@code -U} in command-line order. */
    public final List<MacroOption> macros = new ArrayList<>();
    /** {@code -include} files in command-line order. */
    public final List<String> includes = new ArrayList<>();

    /** {@code -mcpu}: "v1", "v2", "v3", "v4", "generic", "probe" (clang's default for bpf is v3). */
    public String cpu = "v3";
    /** {@code -O1} and above define __OPTIMIZE__; -O0 defines __NO_INLINE__. */
    public boolean optimize;
    /** {@code -Os}/{@code -Oz}: __OPTIMIZE_SIZE__. */
    public boolean optimizeSize;
    /** {@code -g}: clang then defines __GCC_HAVE_DWARF2_CFI_ASM. */
    public boolean debugInfo;
    /** {@code -std=}: "gnu17" (default), "c11", "gnu99", ... */
    public String std = "gnu17";
    /** {@code -ffreestanding}: __STDC_HOSTED__ 0. */
    public boolean freestanding;
    /** {@code --target=bpfeb} or {@code -mbig-endian}. */
    public boolean bigEndian;
    /** jbpfc's own stddef.h, stdint.h, stdarg.h ... (off with {@code -nostdinc} or {@code -nobuiltininc}). */
    public boolean builtinIncludes = true;
    /** {@code -undef}: no predefined macros except the ones the standard requires. */
    public boolean noPredefines;
    /** Source files shared with the other inputs of the same invocation (null: read everything afresh). */
    public SharedSourceFiles sharedFiles;
    /** Header expansions shared with the other inputs of the same invocation (used only with sharedFiles). */
    public HeaderCache headerCache;
    /** Where files are found and read: the disk, or a virtual include tree (the Java API's in-memory sources). */
    public SourceTree files = SourceTree.DISK;
    /** The directory {@code -include} files are looked up in first (the working directory). */
    public Path workingDirectory = Path.of("");

    /** The -mcpu version number clang puts in __BPF_CPU_VERSION__ (0 for "probe", 1 for "generic"). */
    public int cpuVersion() {
        switch (cpu) {
            case "v1": case "generic": return 1;
            case "v2": return 2;
            case "v3": return 3;
            case "v4": return 4;
            case "probe": return 0;
            default: return 3;
        }
    }

    /**
     * Fills options from clang-style arguments, ignoring the ones the preprocessor does not care about (the CLI
     * may use this or set the fields itself). Understands -D -U -I -iquote -isystem -idirafter -include (joined or
     * separate), -O*, -g*, -mcpu=, -std=, -ffreestanding, -mbig-endian/-mlittle-endian, --target=bpfeb, -undef.
     */
    public static PreprocessorOptions fromArgs(List<String> args) {
        PreprocessorOptions o = new PreprocessorOptions();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v;
            if ((v = value(args, i, a, "-D")) != null) {
                if (a.equals("-D")) i++;
                o.macros.add(MacroOption.parseDefine(v));
            } else if ((v = value(args, i, a, "-U")) != null) {
                if (a.equals("-U")) i++;
                o.macros.add(MacroOption.undefine(v));
            } else if ((v = value(args, i, a, "-I")) != null) {
                if (a.equals("-I")) i++;
                o.angledDirs.add(Path.of(v));
            } else if ((v = value(args, i, a, "-iquote")) != null) {
                if (a.equals("-iquote")) i++;
                o.quoteDirs.add(Path.of(v));
            } else if ((v = value(args, i, a, "-isystem")) != null) {
                if (a.equals("-isystem")) i++;
                o.systemDirs.add(Path.of(v));
            } else if ((v = value(args, i, a, "-idirafter")) != null) {
                if (a.equals("-idirafter")) i++;
                o.afterDirs.add(Path.of(v));
            } else if (a.equals("-include") && i + 1 < args.size()) {
                o.includes.add(args.get(++i));
            } else if (a.startsWith("-O")) {
                String level = a.substring(2);
                o.optimize = !level.equals("0");
                o.optimizeSize = level.equals("s") || level.equals("z");
            } else if (a.startsWith("-g")) {
                o.debugInfo = !a.equals("-g0");
            } else if (a.startsWith("-mcpu=")) {
                o.cpu = a.substring(6);
            } else if (a.startsWith("-std=")) {
                o.std = a.substring(5);
            } else if (a.equals("-ffreestanding")) {
                o.freestanding = true;
            } else if (a.equals("-mbig-endian") || a.equals("--target=bpfeb") || a.equals("-target=bpfeb")) {
                o.bigEndian = true;
            } else if (a.equals("-mlittle-endian") || a.equals("--target=bpfel") || a.equals("--target=bpf")) {
                o.bigEndian = false;
            } else if (a.equals("-nostdinc") || a.equals("-nobuiltininc")) {
                o.builtinIncludes = false;
            } else if (a.equals("-undef")) {
                o.noPredefines = true;
            }
        }
        return o;
    }

    /** The value of option {@code opt} at {@code args[i]}, joined ({@code -DX}) or separate ({@code -D X}). */
    private static String value(List<String> args, int i, String a, String opt) {
        if (a.equals(opt)) return i + 1 < args.size() ? args.get(i + 1) : null;
        if (a.startsWith(opt) && !(opt.equals("-I") && a.startsWith("-include"))) return a.substring(opt.length());
        return null;
    }
}
