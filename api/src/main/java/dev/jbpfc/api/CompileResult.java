package dev.jbpfc.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What one compilation gave: the output its {@link CompileOptions.Output} asked for (object bytes, assembly, IR or
 * preprocessed text; null when errors stopped it first), the files it read, its diagnostics, and the loops of the
 * object. Check {@link #success()}: as with clang, some outputs are still produced after an error (-E's text is).
 */
public final class CompileResult {
    private final String input;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final PhaseTimes timings = new PhaseTimes();
    private int errors;
    private int warnings;
    /** Set by the stages; null when not produced. */
    byte[] object;
    String assembly;
    String ir;
    String preprocessed;
    String passDumps;
    List<Dependency> dependencies;
    List<LoopReport> loops = List.of();
    private Throwable internalError;

    CompileResult(String input) { this.input = input; }

    void add(Diagnostic d) {
        diagnostics.add(d);
        if (d.isError()) errors++;
        if (d.severity() == Diagnostic.Severity.WARNING) warnings++;
    }

    void internalError(Throwable t) { internalError = t; }

    /** The input's path, as given. */
    public String input() { return input; }

    /** No error was reported and the compiler did not fail. */
    public boolean success() { return errors == 0 && internalError == null; }

    public int errorCount() { return errors; }

    public int warningCount() { return warnings; }

    /** In the order they were reported. */
    public List<Diagnostic> diagnostics() { return Collections.unmodifiableList(diagnostics); }

    /**
     * The compiler's own failure (a bug, or an input nested too deeply or too large for the memory), reported as an
     * error diagnostic too; empty for a compilation that ended normally, with or without errors in the input.
     */
    public Optional<Throwable> internalError() { return Optional.ofNullable(internalError); }

    /** The ELF object ({@link CompileOptions.Output#OBJECT}), or null. */
    public byte[] object() { return object == null ? null : object.clone(); }

    /** The {@code -S} text ({@link CompileOptions.Output#ASSEMBLY}), or null. */
    public String assembly() { return assembly; }

    /** The optimised IR's text form ({@link CompileOptions.Output#IR}), or null. */
    public String ir() { return ir; }

    /** The {@code -E} text ({@link CompileOptions.Output#PREPROCESSED}), or null. */
    public String preprocessed() { return preprocessed; }

    /** What {@code --print-after} printed, or null when it was not asked for. */
    public String passDumps() { return passDumps; }

    /**
     * Every file the compilation read (the main file first), when preprocessing ended without errors; else null.
     * What an incremental build checks to know whether the output is still current.
     */
    public List<Dependency> dependencies() { return dependencies; }

    /** The loops of the object, with or without a template. */
    public List<LoopReport> loops() { return loops; }

    public PhaseTimes timings() { return timings; }

    /** Every diagnostic's text, in order, as clang would print it on standard error. */
    public String renderedDiagnostics() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) sb.append(d.rendered());
        return sb.toString();
    }
}
