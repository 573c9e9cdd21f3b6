package dev.jbpfc.cli;

import dev.jbpfc.diag.Diagnostics;

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

    /**
     * The compiler's thread gets this much stack. Walks whose depth follows the input's nesting (a parenthesized
     * {@code #if} expression, nested {@code ?:} or calls, a left-leaning {@code a+a+...} chain) are bounded by
     * clang's limits or done iteratively where we can; this is the margin for the rest. Only what a compile
     * touches is committed, so an ordinary compile costs nothing for it.
     */
    public static final long COMPILER_STACK_BYTES = 1L << 30;

    public static void main(String[] args) {
        System.exit(runOnLargeStack(args, System.out, System.err));
    }

    /** {@link #run} on a thread of its own with {@link #COMPILER_STACK_BYTES} of stack; the process entry uses it. */
    public static int runOnLargeStack(String[] args, PrintStream out, PrintStream err) {
        return runOnLargeStack(args, out, err, null);
    }

    /** {@link #runOnLargeStack} for the compile server, with the state it keeps between requests. */
    public static int runOnLargeStack(String[] args, PrintStream out, PrintStream err, KeptState kept) {
        int[] status = {1};
        Thread t = new Thread(null, () -> status[0] = run(args, out, err, kept), "jbpfc", COMPILER_STACK_BYTES);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return status[0];
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
        Compilation.Shared shared = o.inputs.size() > 1 ? new Compilation.Shared() : kept == null ? null : kept.take(args, o);
        for (Path in : o.inputs) {
            Diagnostics diags = new Diagnostics(err);
            diags.setErrorLimit(o.errorLimit);
            diags.setWarningsAsErrors(o.warningsAsErrors);
            diags.setSuppressWarnings(o.noWarnings);
            try {
                new Compilation(o, diags, out, times, shared).run(in);
            } catch (Diagnostics.ErrorLimitReached stop) {
                // already reported
            } catch (StackOverflowError | OutOfMemoryError e) {
                // The last line of defence for an input deeper or bigger than any limit caught earlier: clang's
                // shape for a fatal error with no place in a file, never JVM error text.
                err.println("jbpfc: fatal error: " + in + ": " + (e instanceof StackOverflowError
                        ? "the input nests too deeply to compile (ran out of stack)"
                        : "the input is too large to compile (ran out of memory)"));
                if ("1".equals(System.getenv("JBPFC_DEBUG"))) e.printStackTrace(err);
                status = 1;
                continue;
            } catch (RuntimeException e) {
                err.println(in + ": error: internal compiler error: " + e.getClass().getSimpleName()
                        + (e.getMessage() != null ? ": " + e.getMessage() : ""));
                err.println("note: please report this with the input file; JBPFC_DEBUG=1 shows the Java stack trace");
                if ("1".equals(System.getenv("JBPFC_DEBUG"))) e.printStackTrace(err);
                status = 1;
                continue;
            }
            if (diags.hasErrors()) {
                int n = diags.errorCount();
                err.println(n + (n == 1 ? " error" : " errors") + " generated.");
                status = 1;
            }
            if (times != null) times.endInput(in.toString(), err);
        }
        if (times != null) times.endInvocation(err);
        if (kept != null) kept.give(args, o, shared, status);
        return status;
    }
}
