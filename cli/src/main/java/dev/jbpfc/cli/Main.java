package dev.jbpfc.cli;

import dev.jbpfc.api.BpfCompiler;
import dev.jbpfc.api.CompileResult;
import dev.jbpfc.api.CompilerSession;

import java.io.PrintStream;
import java.util.Arrays;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code jbpfc} command: clang's command line for {@code --target=bpf}. Exit status 0 on success, 1 when any
 * input had errors (as clang). Internal failures are reported as one line, never as a Java stack trace (set
 * {@code JBPFC_DEBUG=1} to see the trace).
 */
public final class Main {
    public static final String VERSION = "jbpfc 0.1.0 (BPF C compiler in Java; clang-22 compatible command line)";

    public static void main(String[] args) {
        System.exit(runOnLargeStack(args, System.out, System.err));
    }

    /** {@link #run} on a compiler thread of the API (large stack); the process entry uses it. */
    public static int runOnLargeStack(String[] args, PrintStream out, PrintStream err) {
        return runOnLargeStack(args, out, err, null);
    }

    /** {@link #runOnLargeStack} for the compile server, with the header work it keeps between requests. */
    public static int runOnLargeStack(String[] args, PrintStream out, PrintStream err, KeptState kept) {
        return BpfCompiler.onCompilerThread(() -> run(args, out, err, kept));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /** {@link #run} for the compile server: {@code kept} carries the header work from request to request. */
    public static int run(String[] args, PrintStream out, PrintStream err, KeptState kept) {
        // Subcommands are a first argument that names one; a C file of that name is compiled as ./check-loops.
        if (args.length > 0 && args[0].equals(CheckLoopsCommand.NAME)) {
            return new CheckLoopsCommand().run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("loop-report")) {
            return LoopReportTable.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        OptionParser parser = new OptionParser();
        Options o = parser.parse(args);
        for (String e : parser.errors()) err.println("jbpfc: error: " + e);
        if (!parser.errors().isEmpty()) return 1;
        if (o.showVersion) {
            out.println(VERSION);
            out.println("Target: bpf");
            return 0;
        }
        if (o.showHelp) {
            Help.print(out);
            return 0;
        }
        if (o.inputs.isEmpty()) {
            err.println("jbpfc: error: no input files");
            return 1;
        }
        boolean missing = false;
        for (Path in : o.inputs) {
            if (!Files.isRegularFile(dev.jbpfc.source.WorkingDirectory.resolve(in))) {
                err.println("jbpfc: error: no such file or directory: '" + in + "'");
                missing = true;
            }
        }
        if (missing) return 1;
        if (o.output != null && o.inputs.size() > 1 && o.action != Options.Action.SYNTAX_ONLY && !o.deps.only
                && o.action != Options.Action.PREPROCESS) {
            err.println("jbpfc: error: cannot specify -o when generating multiple output files");
            return 1;
        }
        int status = 0;
        TimeReport times = o.timeReport ? new TimeReport() : null;
        CompilerSession session = o.inputs.size() > 1 ? new BpfCompiler().newSession() : kept == null ? null : kept.take(args, o);
        // In the compile server one input takes over what the server kept from its earlier compiles: the report
        // says so, since the user asked about one file (a batch's notes are about its own earlier inputs).
        String reuseLabel = o.inputs.size() <= 1 && kept != null ? "compile server, kept from its earlier compiles: " : "";
        for (Path in : o.inputs) {
            InputCompilation input = new InputCompilation(o, out, err, session);
            CompileResult r = input.run(in);
            if (r.internalError().isPresent()) {
                // Printed as one line (the API's diagnostic); never JVM error text, no "errors generated".
                if (!(r.internalError().get() instanceof Error)) {
                    err.println("note: please report this with the input file; JBPFC_DEBUG=1 shows the Java stack trace");
                }
                if ("1".equals(System.getenv("JBPFC_DEBUG"))) r.internalError().get().printStackTrace(err);
                status = 1;
                continue;
            }
            int n = input.errorCount(r);
            if (n > 0) {
                err.println(n + (n == 1 ? " error" : " errors") + " generated.");
                status = 1;
            }
            if (times != null) {
                r.timings().phases().forEach(times::add);
                r.timings().notes().forEach(note -> times.note(reuseLabel + note));
                times.endInput(in.toString(), err);
            }
        }
        if (times != null) times.endInvocation(err, kept != null);
        if (kept != null) kept.give(args, o, session, status);
        return status;
    }
}
