package dev.jbpfc.testsuite.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.testsuite.json.Json;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-check agrees with an honest report and catches a report whose per-program verdict or summary figure
 * was changed after the run.
 */
class ReportCrossCheckTest {
    private static String source(String name) throws Exception {
        return Path.of(ReportCrossCheckTest.class.getResource("/dev/jbpfc/testsuite/oracle/" + name).toURI()).toString();
    }

    private static String check(Path out, KernelOracle kernel, boolean expectAgreement) throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        boolean agrees = ReportCrossCheck.check(out, kernel, new PrintStream(text, true, StandardCharsets.UTF_8));
        String printed = text.toString(StandardCharsets.UTF_8);
        assertEquals(expectAgreement, agrees, printed);
        return printed;
    }

    @SuppressWarnings("unchecked")
    @Test
    void agreesWithTheRunAndCatchesEditedFigures(@TempDir Path out) throws Exception {
        OracleRequirement.clang();
        KernelOracle kernel = OracleRequirement.kernel();
        assertEquals(0, ConformanceRunner.run(new String[] {"--candidate", "clang-22", "--out", out.toString(),
                source("xdp_classify.c"), source("xdp_unchecked.c"), source("xdp_count.c")}));
        String honest = check(out, kernel, true);
        assertTrue(honest.contains("8 programs loaded again"), honest);

        Path json = out.resolve("report.json");
        String original = Files.readString(json);
        Map<String, Object> report = Json.parseObject(original);
        Map<String, Object> summary = (Map<String, Object>) report.get("summary");
        summary.put("jbpfcVerifiedOfClang", ((Number) summary.get("jbpfcVerifiedOfClang")).longValue() + 1);
        Files.writeString(json, Json.write(report));
        assertTrue(check(out, kernel, false).contains("jbpfcVerifiedOfClang: report"));

        report = Json.parseObject(original);
        Map<String, Object> file = (Map<String, Object>) ((List<Object>) report.get("files")).get(0);
        Map<String, Object> program = (Map<String, Object>) ((List<Object>) ((Map<String, Object>)
                file.get("candidate")).get("programs")).get(0);
        assertEquals(Boolean.TRUE, program.get("verified"));
        program.put("verified", false);
        Files.writeString(json, Json.write(report));
        String edited = check(out, kernel, false);
        assertTrue(edited.contains(program.get("program") + " (candidate): verified false in the report, true now"),
                edited);
        assertFalse(edited.contains("DIFFERS"), "the summary itself was left as the run wrote it:\n" + edited);
    }
}
