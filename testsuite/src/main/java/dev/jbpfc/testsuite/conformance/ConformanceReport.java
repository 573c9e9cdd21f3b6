package dev.jbpfc.testsuite.conformance;

import dev.jbpfc.testsuite.json.Json;
import dev.jbpfc.testsuite.oracle.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sums up a conformance run: which files each compiler compiled, which programs the kernel accepted from each,
 * and above all the programs the reference's (clang's) objects get verified and the candidate's (jbpfc's) do not,
 * each with its reason. Ratios compare only like with like: processed and emitted instruction counts over
 * programs both sides got verified, compile time over files both compiled. Writes report.md and report.json.
 */
public final class ConformanceReport {
    /** A program one side gets verified and the other does not, with why the other failed. */
    public record Difference(String file, String program, String why, List<String> lastLines) {
    }

    private final CompilerCommand reference;
    private final CompilerCommand candidate;
    private final List<FileResult> files;
    private final long wallMillis;
    private final String environment;

    final int referenceCompiled, candidateCompiled;
    final int referencePrograms, candidatePrograms;
    final int clangVerified, candidateVerified, jbpfcVerifiedOfClang;
    final long referenceCompileMillis, candidateCompileMillis, bothCompileRef, bothCompileCand;
    final long referenceVerifyMillis, candidateVerifyMillis;
    final long processedRef, processedCand, insnsRef, insnsCand;
    final double processedGeoMean, insnsGeoMean;
    final double processedMedian, insnsMedian, compileTimeMedian;
    final int bothVerified;
    final List<Difference> lost = new ArrayList<>();
    final List<Difference> gained = new ArrayList<>();
    /** Per file, {@code bpftool gen skeleton} on each side's object: "" when it succeeded, else its first error. */
    private Map<String, String> skeletonsRef = Map.of(), skeletonsCand = Map.of();
    /**
     * Per file the candidate compiled, its {@code -S} then {@code -c} of the {@code .s} ({@link AssemblyRoundTrip}):
     * "" when the object is the same byte for byte, else what differed; empty when the run did not check it.
     */
    private Map<String, String> roundTrips = Map.of();
    private String title = "Conformance report";

    public ConformanceReport(CompilerCommand reference, CompilerCommand candidate, List<FileResult> files,
                             long wallMillis, String environment) {
        this.reference = reference;
        this.candidate = candidate;
        this.files = files;
        this.wallMillis = wallMillis;
        this.environment = environment;
        int rc = 0, cc = 0, rp = 0, cp = 0, rv = 0, cv = 0, both = 0, ofClang = 0;
        long rcm = 0, ccm = 0, brm = 0, bcm = 0, rvm = 0, cvm = 0, pr = 0, pc = 0, ir = 0, ic = 0;
        double logP = 0, logI = 0;
        int nP = 0, nI = 0;
        List<Double> processedRatios = new ArrayList<>(), insnRatios = new ArrayList<>(), compileRatios = new ArrayList<>();
        for (FileResult f : files) {
            FileResult.Side r = f.reference(), c = f.candidate();
            rcm += r.compile().millis();
            ccm += c.compile().millis();
            if (r.compiled()) rc++;
            if (c.compiled()) cc++;
            if (r.compiled() && c.compiled()) {
                brm += r.compile().millis();
                bcm += c.compile().millis();
                if (r.compile().millis() > 0) compileRatios.add((double) c.compile().millis() / r.compile().millis());
            }
            List<Verdict> rvs = r.verdicts() == null ? List.of() : r.verdicts().programs();
            List<Verdict> cvs = c.verdicts() == null ? List.of() : c.verdicts().programs();
            if (r.verdicts() != null) rvm += r.verdicts().millis();
            if (c.verdicts() != null) cvm += c.verdicts().millis();
            rp += rvs.size();
            cp += cvs.size();
            rv += (int) rvs.stream().filter(Verdict::verified).count();
            cv += (int) cvs.stream().filter(Verdict::verified).count();
            Set<String> names = new LinkedHashSet<>();
            rvs.forEach(v -> names.add(v.program()));
            cvs.forEach(v -> names.add(v.program()));
            for (String name : names) {
                Optional<Verdict> rv1 = find(rvs, name), cv1 = find(cvs, name);
                boolean rOk = rv1.map(Verdict::verified).orElse(false), cOk = cv1.map(Verdict::verified).orElse(false);
                if (rOk && cOk) {
                    ofClang++;
                    both++;
                    Verdict a = rv1.get(), b = cv1.get();
                    if (a.processed() > 0 && b.processed() > 0) {
                        pr += a.processed();
                        pc += b.processed();
                        logP += Math.log((double) b.processed() / a.processed());
                        processedRatios.add((double) b.processed() / a.processed());
                        nP++;
                    }
                    if (a.insns() > 0 && b.insns() > 0) {
                        ir += a.insns();
                        ic += b.insns();
                        logI += Math.log((double) b.insns() / a.insns());
                        insnRatios.add((double) b.insns() / a.insns());
                        nI++;
                    }
                } else if (rOk) {
                    lost.add(difference(f.file(), name, c, cv1));
                } else if (cOk) {
                    gained.add(difference(f.file(), name, r, rv1));
                }
            }
        }
        referenceCompiled = rc;
        candidateCompiled = cc;
        referencePrograms = rp;
        candidatePrograms = cp;
        clangVerified = rv;
        candidateVerified = cv;
        jbpfcVerifiedOfClang = ofClang;
        bothVerified = both;
        referenceCompileMillis = rcm;
        candidateCompileMillis = ccm;
        bothCompileRef = brm;
        bothCompileCand = bcm;
        referenceVerifyMillis = rvm;
        candidateVerifyMillis = cvm;
        processedRef = pr;
        processedCand = pc;
        insnsRef = ir;
        insnsCand = ic;
        processedGeoMean = nP == 0 ? Double.NaN : Math.exp(logP / nP);
        insnsGeoMean = nI == 0 ? Double.NaN : Math.exp(logI / nI);
        processedMedian = median(processedRatios);
        insnsMedian = median(insnRatios);
        compileTimeMedian = median(compileRatios);
    }

    /** The median of per-program (or per-file) ratios: one outlier cannot move it, unlike the sums. */
    static double median(List<Double> xs) {
        if (xs.isEmpty()) return Double.NaN;
        List<Double> sorted = xs.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Optional<Verdict> find(List<Verdict> vs, String name) {
        return vs.stream().filter(v -> v.program().equals(name)).findFirst();
    }

    /** Why `side` does not have program `name` verified. */
    private static Difference difference(String file, String name, FileResult.Side side, Optional<Verdict> v) {
        if (!side.compiled()) return new Difference(file, name, "compile failed: " + side.compile().firstError(), List.of());
        if (!side.oracleError().isEmpty()) return new Difference(file, name, "oracle error: " + side.oracleError(), List.of());
        if (!side.verdicts().openError().isEmpty()) {
            return new Difference(file, name, "libbpf cannot open the object: " + side.verdicts().openError(), List.of());
        }
        if (v.isEmpty()) return new Difference(file, name, "no program named " + name + " in the object", List.of());
        List<String> log = v.get().log();
        return new Difference(file, name, v.get().reason(), log.subList(Math.max(0, log.size() - 8), log.size()));
    }

    static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    /** Names the corpus in the report's heading and in the table of {@link #writeCorpora}. */
    public ConformanceReport titled(String corpusTitle) {
        this.title = corpusTitle;
        return this;
    }

    /**
     * Adds what {@code bpftool gen skeleton} said of each side's objects (file name to "" for success or the first
     * error; files without an object are absent).
     */
    public ConformanceReport withSkeletons(Map<String, String> reference, Map<String, String> candidate) {
        this.skeletonsRef = ofTheseFiles(reference);
        this.skeletonsCand = ofTheseFiles(candidate);
        return this;
    }

    /**
     * Adds the candidate's {@code -S}/{@code -c} round trip of each file it compiled (file name to "" for an
     * identical object or what differed); entries of files of another corpus are left out.
     */
    public ConformanceReport withRoundTrips(Map<String, String> roundTrips) {
        this.roundTrips = ofTheseFiles(roundTrips);
        return this;
    }

    /** The entries of {@code perFile} that name a file of this report (a run's maps hold both corpora's files). */
    private Map<String, String> ofTheseFiles(Map<String, String> perFile) {
        Map<String, String> m = new LinkedHashMap<>();
        for (FileResult f : files) if (perFile.containsKey(f.file())) m.put(f.file(), perFile.get(f.file()));
        return m;
    }

    private static long succeeded(Map<String, String> skeletons) {
        return skeletons.values().stream().filter(String::isEmpty).count();
    }

    /**
     * Writes the selftests report as {@link #write} does and the second corpus's into {@code dir/corpus2/}; then
     * {@code dir/report.md} holds a table of both corpora followed by each one's section.
     */
    public static void writeCorpora(Path dir, ConformanceReport first, ConformanceReport second) throws IOException {
        if (first != null) first.write(dir);
        second.write(dir.resolve("corpus2"));
        StringBuilder b = new StringBuilder("# Conformance report\n\n");
        b.append("| corpus | files compiled, reference / candidate | programs verified (each alone), reference / "
                + "candidate | of the reference's verified, the candidate's | bpftool gen skeleton succeeds, reference / "
                + "candidate | candidate's -S then -c gives the same object |\n|---|---|---|---|---|---|\n");
        for (ConformanceReport r : first == null ? List.of(second) : List.of(first, second)) {
            b.append("| ").append(r.title).append(" | ").append(r.referenceCompiled).append(" / ")
                    .append(r.candidateCompiled).append(" of ").append(r.files.size()).append(" | ")
                    .append(r.clangVerified).append(" / ").append(r.candidateVerified).append(" | ")
                    .append(r.jbpfcVerifiedOfClang).append(" of ").append(r.clangVerified).append(" | ")
                    .append(r.skeletonsCand.isEmpty() && r.skeletonsRef.isEmpty() ? "not run"
                            : succeeded(r.skeletonsRef) + " of " + r.skeletonsRef.size() + " / "
                            + succeeded(r.skeletonsCand) + " of " + r.skeletonsCand.size()).append(" | ")
                    .append(r.roundTrips.isEmpty() ? "not run" : succeeded(r.roundTrips) + " of " + r.roundTrips.size())
                    .append(" |\n");
        }
        b.append('\n');
        if (first != null) b.append(first.markdown().replaceAll("(?m)^#", "##"));
        b.append(second.markdown().replaceAll("(?m)^#", "##"));
        Files.writeString(dir.resolve("report.md"), b.toString());
    }

    public int clangVerified() {
        return clangVerified;
    }

    public int jbpfcVerifiedOfClang() {
        return jbpfcVerifiedOfClang;
    }

    public List<Difference> lost() {
        return lost;
    }

    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("files", files.size());
        s.put("referenceCompiled", referenceCompiled);
        s.put("candidateCompiled", candidateCompiled);
        s.put("referencePrograms", referencePrograms);
        s.put("candidatePrograms", candidatePrograms);
        s.put("clangVerified", clangVerified);
        s.put("candidateVerified", candidateVerified);
        s.put("jbpfcVerifiedOfClang", jbpfcVerifiedOfClang);
        s.put("lostPrograms", lost.size());
        s.put("gainedPrograms", gained.size());
        s.put("bothVerified", bothVerified);
        s.put("processedInsnsReference", processedRef);
        s.put("processedInsnsCandidate", processedCand);
        s.put("processedRatio", ratio(processedCand, processedRef));
        s.put("processedRatioGeoMean", processedGeoMean);
        s.put("processedRatioMedian", processedMedian);
        s.put("insnsReference", insnsRef);
        s.put("insnsCandidate", insnsCand);
        s.put("insnRatio", ratio(insnsCand, insnsRef));
        s.put("insnRatioGeoMean", insnsGeoMean);
        s.put("insnRatioMedian", insnsMedian);
        s.put("compileMillisReference", referenceCompileMillis);
        s.put("compileMillisCandidate", candidateCompileMillis);
        s.put("compileTimeRatio", ratio(bothCompileCand, bothCompileRef));
        s.put("compileTimeRatioMedian", compileTimeMedian);
        s.put("verifyMillisReference", referenceVerifyMillis);
        s.put("verifyMillisCandidate", candidateVerifyMillis);
        s.put("wallMillis", wallMillis);
        if (!skeletonsCand.isEmpty() || !skeletonsRef.isEmpty()) {
            s.put("skeletonReference", succeeded(skeletonsRef) + " of " + skeletonsRef.size());
            s.put("skeletonCandidate", succeeded(skeletonsCand) + " of " + skeletonsCand.size());
        }
        if (!roundTrips.isEmpty()) {
            s.put("roundTripChecked", roundTrips.size());
            s.put("roundTripIdentical", succeeded(roundTrips));
        }
        return s;
    }

    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"), Json.write(json()));
        Files.writeString(dir.resolve("report.md"), markdown());
    }

    private Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", reference.template());
        m.put("candidate", candidate.template());
        m.put("environment", environment);
        m.put("summary", summary());
        m.put("lost", lost.stream().map(ConformanceReport::diffJson).toList());
        m.put("gained", gained.stream().map(ConformanceReport::diffJson).toList());
        List<Object> fl = new ArrayList<>();
        for (FileResult f : files) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("file", f.file());
            fm.put("reference", sideJson(f.reference()));
            fm.put("candidate", sideJson(f.candidate()));
            if (skeletonsCand.containsKey(f.file())) fm.put("skeletonCandidate", skeletonsCand.get(f.file()));
            if (skeletonsRef.containsKey(f.file())) fm.put("skeletonReference", skeletonsRef.get(f.file()));
            if (roundTrips.containsKey(f.file())) fm.put("roundTrip", roundTrips.get(f.file()));
            fl.add(fm);
        }
        m.put("files", fl);
        return m;
    }

    private static Map<String, Object> diffJson(Difference d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", d.file());
        m.put("program", d.program());
        m.put("why", d.why());
        m.put("lastLines", d.lastLines());
        return m;
    }

    private static Map<String, Object> sideJson(FileResult.Side s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("compiled", s.compiled());
        m.put("compileMillis", s.compile().millis());
        if (!s.compiled()) m.put("error", s.compile().firstError());
        if (!s.oracleError().isEmpty()) m.put("oracleError", s.oracleError());
        if (s.verdicts() != null) {
            m.put("object", s.verdicts().object().toString());
            m.put("verifyMillis", s.verdicts().millis());
            if (!s.verdicts().openError().isEmpty()) m.put("openError", s.verdicts().openError());
            List<Object> ps = new ArrayList<>();
            for (Verdict v : s.verdicts().programs()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("program", v.program());
                p.put("section", v.section());
                p.put("loaded", v.loaded());
                p.put("verified", v.verified());
                p.put("insns", v.insns());
                p.put("processed", v.processed());
                if (!v.loaded()) p.put("reason", v.reason());
                ps.add(p);
            }
            m.put("programs", ps);
        }
        return m;
    }

    private String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(title).append("\n\n");
        b.append("- reference: `").append(reference.template()).append("`\n");
        b.append("- candidate: `").append(candidate.template()).append("`\n");
        b.append("- ").append(environment).append("\n\n");
        b.append("| | reference | candidate |\n|---|---|---|\n");
        b.append(row("files compiled", referenceCompiled + " / " + files.size(), candidateCompiled + " / " + files.size()));
        b.append(row("programs in the objects", referencePrograms, candidatePrograms));
        b.append(row("programs verified (each alone)", clangVerified, candidateVerified));
        b.append(row("compile time, all files (s)", secs(referenceCompileMillis), secs(candidateCompileMillis)));
        b.append(row("verify time, all objects (s)", secs(referenceVerifyMillis), secs(candidateVerifyMillis)));
        if (!skeletonsCand.isEmpty() || !skeletonsRef.isEmpty()) {
            b.append(row("bpftool gen skeleton succeeds", succeeded(skeletonsRef) + " / " + skeletonsRef.size(),
                    succeeded(skeletonsCand) + " / " + skeletonsCand.size()));
        }
        if (!roundTrips.isEmpty()) {
            b.append(row("-S then -c of the .s gives the same object", "", succeeded(roundTrips) + " / "
                    + roundTrips.size()));
        }
        b.append('\n');
        b.append(String.format("**clangVerified = %d, jbpfcVerifiedOfClang = %d** (%s); the candidate loses %d of the "
                + "reference's programs and gains %d.%n%n", clangVerified, jbpfcVerifiedOfClang,
                pct(jbpfcVerifiedOfClang, clangVerified), lost.size(), gained.size()));
        b.append("Ratios, candidate / reference:\n\n");
        b.append(String.format("- processed instructions over the %d programs both get verified: %s (sum), %s (median), "
                + "%s (geometric mean)%n", bothVerified, fmt(ratio(processedCand, processedRef)), fmt(processedMedian),
                fmt(processedGeoMean)));
        b.append(String.format("- emitted instructions over the same programs: %s (sum), %s (median), %s (geometric mean)%n",
                fmt(ratio(insnsCand, insnsRef)), fmt(insnsMedian), fmt(insnsGeoMean)));
        b.append(String.format("- compile time over the files both compile: %s (sum: %s s vs %s s), %s (median per file)%n",
                fmt(ratio(bothCompileCand, bothCompileRef)), secs(bothCompileCand), secs(bothCompileRef),
                fmt(compileTimeMedian)));
        b.append(String.format("- wall time of this run: %s s%n%n", secs(wallMillis)));
        List<FileResult> notCompiled = files.stream().filter(f -> !f.candidate().compiled()).toList();
        if (!notCompiled.isEmpty()) {
            b.append("## Files the candidate does not compile (").append(notCompiled.size()).append(")\n\n");
            Map<String, List<String>> byError = new LinkedHashMap<>();
            for (FileResult f : notCompiled) {
                String key = f.candidate().compile().firstError().replaceFirst("^\\S+:\\d+:\\d+: ", "")
                        .replaceAll("\\S*" + java.util.regex.Pattern.quote(f.file()), "<file>");
                byError.computeIfAbsent(key, k -> new ArrayList<>()).add(f.file());
            }
            b.append("| first error (location and file name removed) | files | for example |\n|---|---|---|\n");
            byError.entrySet().stream().sorted((x, y) -> y.getValue().size() - x.getValue().size()).limit(60)
                    .forEach(e -> b.append("| ").append(cell(e.getKey())).append(" | ").append(e.getValue().size())
                            .append(" | ").append(String.join(", ", e.getValue().subList(0, Math.min(3, e.getValue().size()))))
                            .append(" |\n"));
            b.append('\n');
        }
        b.append("## Programs the reference's objects get verified and the candidate's do not (")
                .append(lost.size()).append(")\n\n");
        List<Difference> notCompiledLost = lost.stream().filter(d -> d.why().startsWith("compile failed")).toList();
        if (!notCompiledLost.isEmpty()) {
            b.append(notCompiledLost.size()).append(" of them are in files the candidate does not compile (table above; "
                    + "each is listed in report.json). The others:\n\n");
        }
        appendDifferences(b, lost.stream().filter(d -> !d.why().startsWith("compile failed")).toList());
        b.append("## Programs only the candidate's objects get verified (").append(gained.size()).append(")\n\n");
        appendDifferences(b, gained);
        List<String> skelFailed = skeletonsCand.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> "- `" + e.getKey() + "`: " + cell(e.getValue()) + referenceSkeleton(e.getKey())).sorted()
                .toList();
        if (!skelFailed.isEmpty()) {
            b.append("## Candidate objects `bpftool gen skeleton` refuses (").append(skelFailed.size()).append(")\n\n");
            skelFailed.forEach(l -> b.append(l).append('\n'));
            b.append('\n');
        }
        List<String> skelRefOnly = skeletonsRef.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty() && !skeletonsCand.containsKey(e.getKey()))
                .map(e -> "- `" + e.getKey() + "`: " + cell(e.getValue())).sorted().toList();
        if (!skelRefOnly.isEmpty()) {
            b.append("## Reference objects `bpftool gen skeleton` refuses, of files the candidate does not compile (")
                    .append(skelRefOnly.size()).append(")\n\n");
            skelRefOnly.forEach(l -> b.append(l).append('\n'));
            b.append('\n');
        }
        List<String> rtDiffer = roundTrips.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> "- `" + e.getKey() + "`: " + cell(e.getValue())).sorted().toList();
        if (!rtDiffer.isEmpty()) {
            b.append("## Files whose -S then -c does not give the candidate's object (").append(rtDiffer.size())
                    .append(")\n\n");
            rtDiffer.forEach(l -> b.append(l).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    /** What bpftool said of the reference's object of {@code file}, for a line about the candidate's failure. */
    private String referenceSkeleton(String file) {
        String r = skeletonsRef.get(file);
        if (r == null) return " (no reference object)";
        return r.isEmpty() ? " (the reference's succeeds)" : " (the reference's fails too: " + cell(r) + ")";
    }

    private static void appendDifferences(StringBuilder b, List<Difference> ds) {
        int shown = 0;
        for (Difference d : ds) {
            if (shown++ == 300) {
                b.append("... ").append(ds.size() - 300).append(" more in report.json\n");
                break;
            }
            b.append("- `").append(d.file()).append("` `").append(d.program()).append("`: ").append(cell(d.why())).append('\n');
            if (!d.lastLines().isEmpty() && d.why().isEmpty()) {
                b.append("  ```\n");
                d.lastLines().forEach(l -> b.append("  ").append(l).append('\n'));
                b.append("  ```\n");
            }
        }
        b.append('\n');
    }

    private static String row(String what, Object a, Object c) {
        return "| " + what + " | " + a + " | " + c + " |\n";
    }

    private static String cell(String s) {
        String t = s.replace("|", "\\|").replace("\n", " ");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private static String secs(long millis) {
        return String.format("%.1f", millis / 1000.0);
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "n/a" : String.format("%.3f", d);
    }

    private static String pct(int a, int b) {
        return b == 0 ? "n/a" : String.format("%.1f%%", 100.0 * a / b);
    }
}
