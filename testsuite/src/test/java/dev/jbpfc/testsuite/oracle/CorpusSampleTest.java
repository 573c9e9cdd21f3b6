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
 * Per-program verdicts over a fixed sample of ~20 selftests files compiled by clang-22 with the selftests' flags,
 * against corpus-sample.txt (measured on the reference machine: Linux 6.18, libbpf 1.5). The sample avoids
 * programs whose verdict depends on the machine rather than the code (fentry/fexit targets, kfuncs from the
 * bpf_testmod module): what remains is accepted or refused by the verifier for reasons in the code, e.g. the
 * selftests' own {@code __failure} programs in verifier_*.c and iters.c. To re-measure after a deliberate change,
 * run with {@code -Djbpfc.sample.write=/path/corpus-sample.txt} and review the diff.
 */
class CorpusSampleTest {
    private static final String EXPECTED = "corpus-sample.txt";

    @Test
    void clangObjectsGetTheRecordedVerdictPerProgram() throws IOException {
        ClangReference clang = OracleRequirement.clang();
        KernelOracle kernel = OracleRequirement.kernel();
        Path progs = OracleRequirement.corpus().resolve("progs");
        List<String> flags = OracleRequirement.selftestsFlags();
        Map<String, Map<String, String>> expected = readExpected();
        List<String> mismatches = new ArrayList<>();
        StringBuilder table = new StringBuilder("file | programs | loaded | compile ms | verify-all ms\n");
        StringBuilder measured = new StringBuilder("# file program verdict (loaded | rejected), from CorpusSampleTest\n");
        int programs = 0, loaded = 0;
        long verifyMillis = 0;
        for (Map.Entry<String, Map<String, String>> file : expected.entrySet()) {
            ClangResult c = clang.compile(progs.resolve(file.getKey()), flags);
            if (!c.ok()) {
                mismatches.add(file.getKey() + ": clang-22 failed: " + c.diagnostics());
                continue;
            }
            ObjectVerdicts all = kernel.verifyAll(c.object());
            if (!all.openError().isEmpty()) mismatches.add(file.getKey() + ": libbpf cannot open it: " + all.openError());
            Map<String, String> actual = new LinkedHashMap<>();
            for (Verdict v : all.programs()) {
                actual.put(v.program(), v.loaded() ? "loaded" : "rejected");
                measured.append(file.getKey()).append(' ').append(v.program()).append(' ')
                        .append(v.loaded() ? "loaded" : "rejected").append('\n');
                if (v.loaded() && v.processed() <= 0) mismatches.add(file.getKey() + " " + v.program() + ": loaded without a processed count");
                if (!v.loaded() && v.reason().isEmpty()) mismatches.add(file.getKey() + " " + v.program() + ": rejected without a reason");
            }
            for (Map.Entry<String, String> e : file.getValue().entrySet()) {
                String got = actual.getOrDefault(e.getKey(), "missing");
                if (!got.equals(e.getValue())) {
                    String why = all.program(e.getKey()).map(Verdict::reason).orElse("");
                    mismatches.add(file.getKey() + " " + e.getKey() + ": expected " + e.getValue() + ", got " + got + " " + why);
                }
            }
            for (String p : actual.keySet()) {
                if (!file.getValue().containsKey(p)) mismatches.add(file.getKey() + " " + p + ": program not in " + EXPECTED);
            }
            programs += all.programs().size();
            loaded += (int) all.loadedCount();
            verifyMillis += all.millis();
            table.append(String.format("%s | %d | %d | %d%s | %d%n", file.getKey(), all.programs().size(),
                    all.loadedCount(), c.compileMillis(), c.cached() ? " (cached)" : "", all.millis()));
        }
        table.append(String.format("total: %d files, %d programs, %d loaded, verify-all %d ms (%.0f ms per file)%n",
                expected.size(), programs, loaded, verifyMillis, verifyMillis / (double) expected.size()));
        System.out.print(table);

        String write = System.getProperty("jbpfc.sample.write");
        if (write != null) {
            Files.writeString(Path.of(write), measured);
            System.out.println("wrote the measured verdicts to " + write + "; review them before committing");
            return;
        }
        if (!mismatches.isEmpty()) fail(mismatches.size() + " verdict(s) differ from " + EXPECTED + ":\n" + String.join("\n", mismatches));
        assertTrue(programs > 100 && loaded > 50, "the sample exercises the verifier: " + programs + " programs, " + loaded + " loaded");
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
