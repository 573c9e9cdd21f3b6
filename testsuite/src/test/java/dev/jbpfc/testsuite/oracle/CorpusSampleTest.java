package dev.jbpfc.testsuite.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kernel oracle judges real code: clang-22's objects of a fixed sample of ~20 selftests files (compiled with
 * the selftests' flags) are verified program by program. What must hold on any machine of this kind, and is
 * asserted: every file compiles, libbpf opens every object, every loaded program reports its processed
 * instructions and every refused one a reason, the sample loads more than 50 programs and the verifier itself
 * refuses some for reasons in their code (the selftests' {@code __failure} programs), and verdicts repeat when an
 * object is loaded again.
 *
 * <p>corpus-sample.txt records the verdicts of one reference machine (Linux 6.18, libbpf 1.5). Machines of the
 * same kind differ (arena maps or trampolines refused on some), so the recorded verdicts are a statement about
 * that machine: they are compared and printed, a difference this kernel's probed features explain is reported as
 * "not judged here (environment: ...)", any other as a difference from the reference machine; neither fails the
 * test. To re-measure after a deliberate change, run with {@code -Djbpfc.sample.write=/path/corpus-sample.txt}.
 */
class CorpusSampleTest {
    private static final String EXPECTED = "corpus-sample.txt";
    /** Programs of the sample the verifier refuses for their code on every machine of this kind measured: 30-34. */
    private static final int MIN_REFUSED_BY_VERIFIER = 10;

    @Test
    void clangObjectsOfTheSampleExerciseTheVerifier() throws IOException {
        ClangReference clang = OracleRequirement.clang();
        KernelOracle kernel = OracleRequirement.kernel();
        KernelFeatures features = kernel.features();
        Path progs = OracleRequirement.corpus().resolve("progs");
        List<String> flags = OracleRequirement.selftestsFlags();
        Map<String, Map<String, String>> expected = readExpected();
        List<String> failures = new ArrayList<>(), notJudged = new ArrayList<>(), differ = new ArrayList<>();
        StringBuilder table = new StringBuilder("file | programs | loaded | compile ms | verify-all ms\n");
        StringBuilder measured = new StringBuilder("# file program verdict (loaded | rejected), from CorpusSampleTest\n");
        int programs = 0, loaded = 0, refusedByVerifier = 0, agree = 0;
        long verifyMillis = 0;
        Map<Path, ObjectVerdicts> firstLoads = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> file : expected.entrySet()) {
            ClangResult c = clang.compile(progs.resolve(file.getKey()), flags);
            if (!c.ok()) {
                failures.add(file.getKey() + ": clang-22 failed: " + c.diagnostics());
                continue;
            }
            ObjectVerdicts all = kernel.verifyAll(c.object());
            if (firstLoads.size() < 2) firstLoads.put(c.object(), all);
            if (!all.openError().isEmpty()) failures.add(file.getKey() + ": libbpf cannot open it: " + all.openError());
            Map<String, Verdict> actual = new LinkedHashMap<>();
            for (Verdict v : all.programs()) {
                actual.put(v.program(), v);
                measured.append(file.getKey()).append(' ').append(v.program()).append(' ')
                        .append(v.loaded() ? "loaded" : "rejected").append('\n');
                if (v.loaded() && v.processed() <= 0) failures.add(file.getKey() + " " + v.program() + ": loaded without a processed count");
                if (!v.loaded() && v.reason().isEmpty()) failures.add(file.getKey() + " " + v.program() + ": rejected without a reason");
                if (!v.verified() && v.processed() > 0 && features.explain(v.reason()).isEmpty()) refusedByVerifier++;
            }
            for (Map.Entry<String, String> e : file.getValue().entrySet()) {
                Verdict v = actual.get(e.getKey());
                String got = v == null ? "missing" : v.loaded() ? "loaded" : "rejected";
                String where = file.getKey() + " " + e.getKey();
                if (got.equals(e.getValue())) {
                    agree++;
                } else if (v != null && !v.loaded() && features.explain(v.reason()).isPresent()) {
                    notJudged.add(where + ": not judged here (environment: " + features.explain(v.reason()).get() + ")");
                } else {
                    differ.add(where + ": " + got + " here, " + e.getValue() + " on the reference machine"
                            + (v == null || v.loaded() ? "" : " (" + v.reason() + ")"));
                }
            }
            for (String p : actual.keySet()) {
                if (!file.getValue().containsKey(p)) differ.add(file.getKey() + " " + p + ": program not in " + EXPECTED);
            }
            programs += all.programs().size();
            loaded += (int) all.loadedCount();
            verifyMillis += all.millis();
            table.append(String.format("%s | %d | %d | %d%s | %d%n", file.getKey(), all.programs().size(),
                    all.loadedCount(), c.compileMillis(), c.cached() ? " (cached)" : "", all.millis()));
        }
        table.append(String.format("total: %d files, %d programs, %d loaded, %d refused by the verifier for their code, "
                + "verify-all %d ms (%.0f ms per file)%n", expected.size(), programs, loaded, refusedByVerifier,
                verifyMillis, verifyMillis / (double) expected.size()));
        table.append(String.format("against %s (another machine): %d agree, %d not judged here, %d differ%n",
                EXPECTED, agree, notJudged.size(), differ.size()));
        for (String n : notJudged) table.append("  ").append(n).append('\n');
        for (String d : differ) table.append("  ").append(d).append('\n');
        System.out.print(table);

        for (Map.Entry<Path, ObjectVerdicts> first : firstLoads.entrySet()) {
            ObjectVerdicts again = kernel.verifyAll(first.getKey());
            if (!verdictsOf(again).equals(verdictsOf(first.getValue()))) {
                failures.add(first.getKey() + ": verdicts differ between two loads: " + verdictsOf(first.getValue())
                        + " then " + verdictsOf(again));
            }
        }
        String write = System.getProperty("jbpfc.sample.write");
        if (write != null) {
            Files.writeString(Path.of(write), measured);
            System.out.println("wrote the measured verdicts to " + write + "; review them before committing");
        }
        if (!failures.isEmpty()) fail(failures.size() + " problem(s) with the oracle on the sample:\n" + String.join("\n", failures));
        assertTrue(programs > 100 && loaded > 50, "the sample exercises the verifier: " + programs + " programs, " + loaded + " loaded");
        assertTrue(refusedByVerifier >= MIN_REFUSED_BY_VERIFIER, "the verifier refuses some of the sample's programs for "
                + "their code: " + refusedByVerifier + " (want at least " + MIN_REFUSED_BY_VERIFIER + ")");
    }

    private static Map<String, Boolean> verdictsOf(ObjectVerdicts v) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (Verdict p : v.programs()) m.put(p.program(), p.loaded());
        return m;
    }

    /** corpus-sample.txt: "file program verdict" lines, '#' comments. */
    private static Map<String, Map<String, String>> readExpected() throws IOException {
        Map<String, Map<String, String>> m = new LinkedHashMap<>();
        try (InputStream in = CorpusSampleTest.class.getResourceAsStream(EXPECTED)) {
            if (in == null) throw new IOException(EXPECTED + " is missing from the test resources");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\\s+");
                if (f.length != 3) throw new IOException("bad line in " + EXPECTED + ": " + line);
                m.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], f[2]);
            }
        }
        return m;
    }
}
