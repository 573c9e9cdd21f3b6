package dev.jbpfc.testsuite.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The loop benchmark's rows and what is summed from them, with no compiler or kernel in sight (so it is tested on
 * made-up rows). One row per program of a file: each compiler's verdict and processed instructions, and the
 * template loop checker's figures for jbpfc's object of it.
 *
 * <p>Example: {@code loop1.c  nested_loops  ok 4,012 | ok 5,210 | 1.30 | 0 0 0 | 2 | 0 | 3 us} says both objects
 * verified, jbpfc's cost the verifier 1.30x clang's instructions, and the checker found no hint and two back edges
 * nobody hinted (so it proved nothing, in 3 microseconds).
 */
public final class LoopTable {
    private LoopTable() {
    }

    /** One compiler's result for one program: verified with {@code processed} insns, or not, and why. */
    public record Side(boolean verified, long processed, String reason) {
        public static Side verified(long processed) {
            return new Side(true, processed, "");
        }

        public static Side failed(long processed, String reason) {
            return new Side(false, processed, reason);
        }

        /** "ok" or the reason, cut to {@code max} characters. */
        public String verdict(int max) {
            return verified ? "ok" : shorten(reason.isEmpty() ? "not verified" : reason, max);
        }
    }

    /**
     * The checker's figures for one program of jbpfc's object (its entry function and every function it reaches
     * by calls or function pointers); {@code note} is non-empty when the object could not be checked.
     */
    public record Loops(int hinted, int accepted, int rejected, int unhintedBackEdges, long examined, long nanos,
                        String note) {
        public static final Loops NONE = new Loops(0, 0, 0, 0, 0, 0, "no object");

        public static Loops unavailable(String why) {
            return new Loops(0, 0, 0, 0, 0, 0, why);
        }
    }

    public record Row(String file, String program, Side clang, Side jbpfc, Loops loops) {
        public boolean bothVerified() {
            return clang.verified() && jbpfc.verified();
        }

        /** jbpfc/clang processed instructions, when both verified (NaN otherwise). */
        public double ratio() {
            return bothVerified() && clang.processed() > 0 ? (double) jbpfc.processed() / clang.processed() : Double.NaN;
        }
    }

    /** The figures over the programs both compilers get verified (issue 12's measure). */
    public record Comparison(int programs, long clangProcessed, long jbpfcProcessed, double medianRatio) {
        public double totalRatio() {
            return clangProcessed > 0 ? (double) jbpfcProcessed / clangProcessed : Double.NaN;
        }

        public String line() {
            return String.format(Locale.ROOT,
                    "%d programs verified from both objects: processed insns jbpfc %,d / clang-22 %,d = %sx, median of per-program ratios %sx",
                    programs, jbpfcProcessed, clangProcessed, ratio(totalRatio()), ratio(medianRatio));
        }
    }

    public static Comparison compare(List<Row> rows) {
        long c = 0, j = 0;
        List<Double> ratios = new ArrayList<>();
        for (Row r : rows) {
            if (!r.bothVerified()) continue;
            c += r.clang().processed();
            j += r.jbpfc().processed();
            ratios.add(r.ratio());
        }
        return new Comparison(ratios.size(), c, j, median(ratios));
    }

    /** The median (mean of the middle two for an even count), NaN for none; NaN entries are ignored. */
    public static double median(List<Double> values) {
        List<Double> v = new ArrayList<>();
        for (Double d : values) if (d != null && !d.isNaN()) v.add(d);
        if (v.isEmpty()) return Double.NaN;
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static final String[] HEADER = {"file", "program", "clang-22", "insns", "jbpfc", "insns", "j/c",
        "hinted", "accepted", "rejected", "unhinted", "examined", "check us"};

    private static String[] cells(Row r, int maxReason) {
        Loops l = r.loops();
        boolean checked = l.note().isEmpty();
        return new String[] {r.file(), r.program(), r.clang().verdict(maxReason), insns(r.clang()),
            r.jbpfc().verdict(maxReason),
            insns(r.jbpfc()), ratio(r.ratio()),
            checked ? Integer.toString(l.hinted()) : "-", checked ? Integer.toString(l.accepted()) : "-",
            checked ? Integer.toString(l.rejected()) : "-", checked ? Integer.toString(l.unhintedBackEdges()) : "-",
            checked ? String.format(Locale.ROOT, "%,d", l.examined()) : "-",
            checked ? String.format(Locale.ROOT, "%.1f", l.nanos() / 1000.0) : shorten(l.note(), maxReason)};
    }

    /** The totals row: sums of every column (processed: over the rows where that compiler verified). */
    private static String[] totals(List<Row> rows) {
        long c = 0, j = 0, ex = 0, ns = 0;
        int cv = 0, jv = 0, h = 0, a = 0, rj = 0, u = 0;
        for (Row r : rows) {
            if (r.clang().verified()) { cv++; c += r.clang().processed(); }
            if (r.jbpfc().verified()) { jv++; j += r.jbpfc().processed(); }
            Loops l = r.loops();
            h += l.hinted();
            a += l.accepted();
            rj += l.rejected();
            u += l.unhintedBackEdges();
            ex += l.examined();
            ns += l.nanos();
        }
        return new String[] {"total", rows.size() + " programs", cv + " ok", String.format(Locale.ROOT, "%,d", c),
            jv + " ok", String.format(Locale.ROOT, "%,d", j), "", Integer.toString(h), Integer.toString(a),
            Integer.toString(rj), Integer.toString(u), String.format(Locale.ROOT, "%,d", ex),
            String.format(Locale.ROOT, "%.1f", ns / 1000.0)};
    }

    /** One row on one line, for progress output: "p1: clang ok 1,000 | jbpfc ok 1,500 | 1.50 | loops 0/0/0 ...". */
    public static String oneLine(Row r) {
        String[] c = cells(r, 300);
        return String.format(Locale.ROOT, "%s: clang %s %s | jbpfc %s %s | %s | loops hinted/accepted/rejected "
                + "%s/%s/%s, unhinted %s, examined %s, checker %s us", c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8],
                c[9], c[10], c[11], c[12]);
    }

    /** The table as aligned text, a totals line, and the comparison over programs both verified. */
    public static String text(List<Row> rows) {
        List<String[]> all = new ArrayList<>();
        all.add(HEADER);
        for (Row r : rows) all.add(cells(r, 60));
        all.add(totals(rows));
        int[] width = new int[HEADER.length];
        for (String[] line : all) for (int i = 0; i < line.length; i++) width[i] = Math.max(width[i], line[i].length());
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < all.size(); k++) {
            if (k == all.size() - 1) sb.append(rule(width)).append('\n');
            String[] line = all.get(k);
            for (int i = 0; i < line.length; i++) {
                boolean number = i == 3 || i >= 5;
                String cell = line[i];
                String pad = " ".repeat(width[i] - cell.length());
                sb.append(number ? pad + cell : cell + pad).append(i + 1 < line.length ? "  " : "");
            }
            sb.append('\n');
            if (k == 0) sb.append(rule(width)).append('\n');
        }
        sb.append(compare(rows).line()).append('\n');
        return sb.toString();
    }

    /** The same as a markdown table (reasons cut at 300 characters instead of 60). */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append('|').append(String.join("|", HEADER)).append("|\n");
        sb.append("|---".repeat(HEADER.length)).append("|\n");
        for (Row r : rows) sb.append(mdLine(cells(r, 300)));
        sb.append(mdLine(totals(rows)));
        sb.append('\n').append(compare(rows).line()).append('\n');
        return sb.toString();
    }

    private static String mdLine(String[] cells) {
        StringBuilder sb = new StringBuilder("|");
        for (String c : cells) sb.append(c.replace("|", "\\|")).append('|');
        return sb.append('\n').toString();
    }

    private static String rule(int[] width) {
        int n = 0;
        for (int w : width) n += w + 2;
        return "-".repeat(n - 2);
    }

    private static String insns(Side s) {
        return s.processed() >= 0 ? String.format(Locale.ROOT, "%,d", s.processed()) : "-";
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "-" : String.format(Locale.ROOT, "%.2f", r);
    }

    static String shorten(String s, int max) {
        String one = s.replace('\n', ' ').strip();
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }
}
