package dev.jbpfc.cli;

import dev.jbpfc.api.BpfCompiler;
import dev.jbpfc.api.CompileOptions;
import dev.jbpfc.api.CompileResult;
import dev.jbpfc.api.CompilerSession;
import dev.jbpfc.api.LoopReport;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code jbpfc loop-report [flags] FILES...}: compiles each file (with -g, so hints have their .BTF; the objects are
 * not kept) and prints every loop left in the optimised code with the template it was built to or
 * why none fits, then a summary. Loops that the optimiser removed or fully unrolled are not loops any more and do
 * not appear. Example:
 * <pre>
 *   prog.c:11:38: sum: counted-up (trips <= 1000)
 *   prog.c:20:5: walk: not hinted: the exit compare is '==' or '!='
 *
 *   files 1 (failed 0), loops 2, hinted 1 (50.0%)
 *     counted-up      1
 *     not hinted: the exit compare is '==' or '!='      1
 * </pre>
 */
public final class LoopReportTable {
    private LoopReportTable() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        OptionParser parser = new OptionParser();
        Options o = parser.parse(args);
        for (String e : parser.errors()) err.println("jbpfc loop-report: error: " + e);
        if (!parser.errors().isEmpty()) return 1;
        if (o.inputs.isEmpty()) {
            err.println("usage: jbpfc loop-report [compile flags] FILES...");
            return 1;
        }
        o.action = Options.Action.OBJECT;
        o.debugInfo = true;
        o.loopHints = true; // what it reports on (off by default in a compile)
        o.noWarnings = true;
        if (o.optLevel == '0') o.optLevel = '2';
        List<LoopReport> rows = new ArrayList<>();
        int failed = 0;
        BpfCompiler compiler = new BpfCompiler();
        CompilerSession session = o.inputs.size() > 1 ? compiler.newSession() : null;
        for (Path in : o.inputs) {
            // The objects are not written anywhere: only their loops are wanted.
            CompileOptions co = InputCompilation.compileOptions(o, in);
            CompileResult r = session != null ? session.compile(co, in) : compiler.compile(co, in);
            if (!r.success()) {
                failed++;
                err.println(in + ": did not compile (its loops are not counted)");
                continue;
            }
            for (LoopReport l : r.loops()) {
                out.println(l.file() + ":" + l.line() + ":" + l.column() + ": " + l.function() + ": "
                        + (l.template() != null ? l.template() + " (trips <= " + Long.toUnsignedString(l.trips()) + ")"
                        : "not hinted: " + l.reason()));
            }
            rows.addAll(r.loops());
        }
        summary(rows, o.inputs.size(), failed, out);
        return 0;
    }

    static void summary(List<LoopReport> rows, int files, int failed, PrintStream out) {
        Map<String, Integer> byTemplate = new TreeMap<>(), byReason = new TreeMap<>();
        int hinted = 0;
        for (LoopReport r : rows) {
            if (r.template() != null) {
                hinted++;
                byTemplate.merge(r.template(), 1, Integer::sum);
            } else {
                byReason.merge(r.reason(), 1, Integer::sum);
            }
        }
        out.println();
        out.printf("files %d (failed %d), loops %d, hinted %d (%.1f%%)%n", files, failed, rows.size(), hinted,
                rows.isEmpty() ? 0.0 : 100.0 * hinted / rows.size());
        out.println("| outcome | loops |");
        out.println("|---|---|");
        for (Map.Entry<String, Integer> e : byTemplate.entrySet()) out.println("| " + e.getKey() + " | " + e.getValue() + " |");
        byReason.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> out.println("| not hinted: " + e.getKey() + " | " + e.getValue() + " |"));
    }
}
