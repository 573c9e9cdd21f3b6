package dev.jbpfc.api;

import dev.jbpfc.diag.Diagnostics;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * jbpfc as a library: compiles BPF C (or jbpfc's assembly) to what {@code clang --target=bpf} would give, from
 * files or from in-memory sources, with no process, no native toolchain and no output on standard streams.
 * <pre>
 *   BpfCompiler compiler = new BpfCompiler();
 *   CompileResult r = compiler.compile(CompileOptions.builder().optLevel("2").debugInfo(true).build(),
 *           Path.of("src/main/bpf/xdp_counter.bpf.c"));
 *   if (!r.success()) System.err.print(r.renderedDiagnostics());
 *   else Files.write(Path.of("xdp_counter.bpf.o"), r.object());
 * </pre>
 * Stateless and thread-safe: independent compilations may run on any number of threads at once. To compile many
 * files that include the same headers, a {@link CompilerSession} reuses the previous input's header expansions,
 * parse and analysis (one compilation at a time per session). Each compilation runs on a thread with a large
 * stack of its own (the caller waits for it), so that deeply nested input ends in a diagnostic.
 */
public final class BpfCompiler {
    /** A compiler; it holds nothing, so one may serve a whole program. */
    public BpfCompiler() {}

    /** Compiles a file read from the disk (and the headers it includes). */
    public CompileResult compile(CompileOptions options, Path input) {
        return compile(options, SourceSet.disk(), input.toString(), null);
    }

    /** Compiles {@code input}, a path of {@code sources} (or of the disk, unless the set is isolated). */
    public CompileResult compile(CompileOptions options, SourceSet sources, String input) {
        return compile(options, sources, input, null);
    }

    /** As {@link #compile(CompileOptions, SourceSet, String)}, telling {@code listener} of each diagnostic as it comes. */
    public CompileResult compile(CompileOptions options, SourceSet sources, String input, DiagnosticListener listener) {
        return CompilerThread.call(() -> run(options, sources, input, listener, null));
    }

    /** A session for a batch of compilations that share headers. */
    public CompilerSession newSession() { return new CompilerSession(this); }

    /**
     * Runs {@code task} on a compiler thread (large stack) and returns its value; the command line runs its whole
     * invocation this way, so that each compilation in it runs in place.
     */
    public static <T> T onCompilerThread(Supplier<T> task) { return CompilerThread.call(task); }

    /** One compilation, on the current (compiler) thread. */
    static CompileResult run(CompileOptions options, SourceSet sources, String input, DiagnosticListener listener,
                             Compilation.Shared shared) {
        CompileResult result = new CompileResult(input);
        Diagnostics diags = new Diagnostics((severity, at, message, rendered) ->
                deliver(result, listener, new Diagnostic(severity(severity), at == null ? null : at.path(),
                        at == null ? 0 : at.line(), at == null ? 0 : at.column(), message, rendered)));
        diags.setErrorLimit(options.errorLimit());
        diags.setWarningsAsErrors(options.warningsAsErrors());
        diags.setSuppressWarnings(options.noWarnings());
        try {
            new Compilation(options, diags, sources.tree(), shared, result).run(Path.of(input));
        } catch (Diagnostics.ErrorLimitReached stop) {
            // already reported
        } catch (StackOverflowError | OutOfMemoryError e) {
            // The last line of defence for an input deeper or bigger than any limit caught earlier: clang's shape
            // for a fatal error with no place in a file, never JVM error text.
            String message = e instanceof StackOverflowError
                    ? "the input nests too deeply to compile (ran out of stack)"
                    : "the input is too large to compile (ran out of memory)";
            result.internalError(e);
            deliver(result, listener, new Diagnostic(Diagnostic.Severity.FATAL, input, 0, 0, message,
                    "jbpfc: fatal error: " + input + ": " + message + "\n"));
        } catch (RuntimeException e) {
            String message = "internal compiler error: " + e.getClass().getSimpleName()
                    + (e.getMessage() != null ? ": " + e.getMessage() : "");
            result.internalError(e);
            deliver(result, listener, new Diagnostic(Diagnostic.Severity.ERROR, input, 0, 0, message,
                    input + ": error: " + message + "\n"));
        }
        return result;
    }

    private static void deliver(CompileResult result, DiagnosticListener listener, Diagnostic d) {
        result.add(d);
        if (listener != null) listener.report(d);
    }

    private static Diagnostic.Severity severity(dev.jbpfc.diag.Severity s) {
        return switch (s) {
            case NOTE -> Diagnostic.Severity.NOTE;
            case REMARK -> Diagnostic.Severity.REMARK;
            case WARNING -> Diagnostic.Severity.WARNING;
            case ERROR -> Diagnostic.Severity.ERROR;
            case FATAL -> Diagnostic.Severity.FATAL;
        };
    }
}
