package dev.jbpfc.testsuite.conformance;

import dev.jbpfc.testsuite.json.Json;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleUnavailableException;
import dev.jbpfc.testsuite.oracle.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a conformance report against the kernel a second, independent way. The report's verdicts come from one
 * `bpfrun verify-all` process per object, summed up by {@link ConformanceReport}; here every program that
 * report.json lists is loaded again alone, each in a process of its own (`bpfrun verify OBJECT PROGRAM`), and the
 * summary's figures are recounted from those loads with code that shares nothing with ConformanceReport. It
 * prints each figure as the report has it and as recounted, and every program whose verdict, processed count or
 * instruction count differs; the exit status is 1 when anything differs.
 *
 * <pre>
 *   java -cp testsuite/target/classes dev.jbpfc.testsuite.conformance.ReportCrossCheck testsuite/target/conformance
 * </pre>
 * A file whose object is gone (a report from another machine) counts as a difference: nothing is taken on trust.
 */
public final class ReportCrossCheck {
    /** The figures recounted; names as in report.json's summary. */
    static final List<String> FIGURES = List.of("referencePrograms", "candidatePrograms", "clangVerified",
            "candidateVerified", "jbpfcVerifiedOfClang", "bothVerified", "processedInsnsReference",
            "processedInsnsCandidate", "insnsReference", "insnsCandidate");

    private ReportCrossCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ReportCrossCheck REPORT_DIR   (the directory holding report.json)");
            System.exit(2);
        }
        KernelOracle oracle;
        try {
            oracle = KernelOracle.create();
        } catch (OracleUnavailableException e) {
            System.err.println("cross-check: the oracle is unavailable: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.exit(check(Path.of(args[0]), oracle, System.out) ? 0 : 1);
    }

    /** Returns true when the report's summary and every program's verdict agree with the fresh loads. */
    @SuppressWarnings("unchecked")
    static boolean check(Path reportDir, KernelOracle oracle, PrintStream out) throws IOException {
        Map<String, Object> report = Json.parseObject(Files.readString(reportDir.resolve("report.json")));
        Map<String, Object> summary = (Map<String, Object>) report.get("summary");
        Map<String, Long> counted = new LinkedHashMap<>();
        FIGURES.forEach(f -> counted.put(f, 0L));
        List<String> differences = new ArrayList<>();
        int loads = 0;
        for (Object o : (List<Object>) report.get("files")) {
            Map<String, Object> file = (Map<String, Object>) o;
            String name = (String) file.get("file");
            Map<String, Verdict> ref = reload(name, "reference", (Map<String, Object>) file.get("reference"), oracle,
                    differences);
            Map<String, Verdict> cand = reload(name, "candidate", (Map<String, Object>) file.get("candidate"), oracle,
                    differences);
            loads += ref.size() + cand.size();
            add(counted, "referencePrograms", ref.size());
            add(counted, "candidatePrograms", cand.size());
            add(counted, "clangVerified", ref.values().stream().filter(Verdict::verified).count());
            add(counted, "candidateVerified", cand.values().stream().filter(Verdict::verified).count());
            for (Map.Entry<String, Verdict> e : ref.entrySet()) {
                Verdict c = cand.get(e.getKey());
                if (!e.getValue().verified() || c == null || !c.verified()) continue;
                add(counted, "jbpfcVerifiedOfClang", 1);
                add(counted, "bothVerified", 1);
                if (e.getValue().processed() > 0 && c.processed() > 0) {
                    add(counted, "processedInsnsReference", e.getValue().processed());
                    add(counted, "processedInsnsCandidate", c.processed());
                }
                if (e.getValue().insns() > 0 && c.insns() > 0) {
                    add(counted, "insnsReference", e.getValue().insns());
                    add(counted, "insnsCandidate", c.insns());
                }
            }
        }
        out.printf("cross-check of %s: %d programs loaded again, each alone in its own process%n",
                reportDir.resolve("report.json"), loads);
        out.printf("%-26s %12s %12s%n", "figure", "report", "recounted");
        for (String f : FIGURES) {
            long reported = ((Number) summary.get(f)).longValue();
            long again = counted.get(f);
            out.printf("%-26s %12d %12d%s%n", f, reported, again, reported == again ? "" : "   DIFFERS");
            if (reported != again) differences.add(f + ": report " + reported + ", recounted " + again);
        }
        differences.forEach(d -> out.println("difference: " + d));
        out.println(differences.isEmpty() ? "cross-check: the report agrees with the fresh loads"
                : "cross-check: " + differences.size() + " difference(s)");
        return differences.isEmpty();
    }

    /**
     * Loads each program the report lists for one side again; records a difference for every field that does
     * not match. Returns the fresh verdicts by program name.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Verdict> reload(String file, String side, Map<String, Object> reported,
                                               KernelOracle oracle, List<String> differences) {
        Map<String, Verdict> fresh = new LinkedHashMap<>();
        List<Object> programs = (List<Object>) reported.get("programs");
        if (programs == null || programs.isEmpty()) return fresh;
        Path object = Path.of((String) reported.get("object"));
        if (!Files.isRegularFile(object)) {
            differences.add(file + " (" + side + "): object " + object + " is gone");
            return fresh;
        }
        for (Object p : programs) {
            Map<String, Object> r = (Map<String, Object>) p;
            String program = (String) r.get("program");
            Verdict v = oracle.verify(object, program);
            fresh.put(program, v);
            String where = file + " " + program + " (" + side + ")";
            if ((Boolean) r.get("verified") != v.verified()) {
                differences.add(where + ": verified " + r.get("verified") + " in the report, " + v.verified() + " now");
            }
            if (((Number) r.get("processed")).longValue() != v.processed()) {
                differences.add(where + ": processed " + r.get("processed") + " in the report, " + v.processed() + " now");
            }
            if (((Number) r.get("insns")).longValue() != v.insns()) {
                differences.add(where + ": insns " + r.get("insns") + " in the report, " + v.insns() + " now");
            }
        }
        return fresh;
    }

    private static void add(Map<String, Long> m, String key, long n) {
        m.merge(key, n, Long::sum);
    }
}
