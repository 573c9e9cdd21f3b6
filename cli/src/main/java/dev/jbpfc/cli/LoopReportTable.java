package dev.jbpfc.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code jbpfc loop-report [flags] FILES...}: compiles each file (with -g, so hints have their .BTF; objects go to
 * a temporary directory) and prints every loop left in the optimised code with the template it was built to or
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

    /** One loop: where, in which function, its template (null: none) and bound, or the reason. */
    public record Row(String file, int line, int column, String function, String template, long trips, String reason) {}

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
        o.output = null;
        o.noWarnings = true;
        if (o.optLevel == '0') o.optLevel = '2';
        o.loopRows = new ArrayList<>();
        Path tmp;
        try {
            tmp = Files.createTempDirectory("jbpfc-loop-report");
        } catch (java.io.IOException e) {
            err.println("jbpfc loop-report: error: " + e.getMessage());
            return 1;
        }
        o.outDir = tmp;
        int failed = 0;
        Compilation.Shared shared = o.inputs.size() > 1 ? new Compilation.Shared() : null;
        for (Path in : o.inputs) {
            int before = o.loopRows.size();
            dev.jbpfc.diag.Diagnostics diags = new dev.jbpfc.diag.Diagnostics(new PrintStream(java.io.OutputStream.nullOutputStream()));
            boolean ok;
            try {
                new Compilation(o, diags, out, null, shared).run(in);
                ok = !diags.hasErrors();
            } catch (RuntimeException | StackOverflowError e) {
                ok = false;
            }
            if (!ok) {
                failed++;
                err.println(in + ": did not compile (its loops are not counted)");
                while (o.loopRows.size() > before) o.loopRows.remove(o.loopRows.size() - 1);
                continue;
            }
            for (int k = before; k < o.loopRows.size(); k++) {
                Row r = o.loopRows.get(k);
                out.println(r.file() + ":" + r.line() + ":" + r.column() + ": " + r.function() + ": "
                        + (r.template() != null ? r.template() + " (trips <= " + Long.toUnsignedString(r.trips()) + ")"
                        : "not hinted: " + r.reason()));
            }
            try (var files = Files.list(tmp)) {
                files.forEach(f -> f.toFile().delete());
            } catch (java.io.IOException ignored) {
                // temporary objects only
            }
        }
        tmp.toFile().delete();
        summary(o.loopRows, o.inputs.size(), failed, out);
        return 0;
    }

    static void summary(List<Row> rows, int files, int failed, PrintStream out) {
        Map<String, Integer> byTemplate = new TreeMap<>(), byReason = new TreeMap<>();
        int hinted = 0;
        for (Row r : rows) {
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
