package dev.jbpfc.testsuite.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.testsuite.json.Json;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance runner on three small programs: clang against itself, and against a compiler that fails. */
class ConformanceRunnerTest {
    private static String source(String name) throws URISyntaxException {
        return Path.of(ConformanceRunnerTest.class.getResource("/dev/jbpfc/testsuite/oracle/" + name).toURI()).toString();
    }

    private static Map<String, Object> runAndRead(Path out, String candidate) throws Exception {
        OracleRequirement.clang();
        OracleRequirement.kernel();
        int exit = ConformanceRunner.run(new String[] {"--candidate", candidate, "--out", out.toString(),
                source("xdp_classify.c"), source("xdp_unchecked.c"), source("xdp_count.c")});
        assertEquals(0, exit);
        assertTrue(Files.readString(out.resolve("report.md")).contains("jbpfcVerifiedOfClang"));
        return Json.parseObject(Files.readString(out.resolve("report.json")));
    }

    @SuppressWarnings("unchecked")
    @Test
    void clangAgainstItselfLosesNothing(@TempDir Path out) throws Exception {
        Map<String, Object> summary = (Map<String, Object>) runAndRead(out, "clang-22").get("summary");
        assertEquals(3L, summary.get("referenceCompiled"));
        assertEquals(3L, summary.get("candidateCompiled"));
        assertEquals(4L, summary.get("referencePrograms"));
        assertEquals(3L, summary.get("clangVerified"), "xdp_unchecked is refused, the other three load");
        assertEquals(summary.get("clangVerified"), summary.get("jbpfcVerifiedOfClang"));
        assertEquals(0L, summary.get("lostPrograms"));
        assertEquals(1.0, summary.get("insnRatio"));
        assertEquals(1.0, summary.get("processedRatio"));
        assertEquals(1.0, summary.get("insnRatioMedian"));
        assertEquals(1.0, summary.get("processedRatioMedian"));
    }

    @SuppressWarnings("unchecked")
    @Test
    void aCandidateThatCannotCompileLosesEveryProgramAndSaysWhy(@TempDir Path out) throws Exception {
        Map<String, Object> report = runAndRead(out, "/nonexistent/jbpfc");
        Map<String, Object> summary = (Map<String, Object>) report.get("summary");
        assertEquals(0L, summary.get("candidateCompiled"));
        assertEquals(0L, summary.get("jbpfcVerifiedOfClang"));
        assertEquals(summary.get("clangVerified"), summary.get("lostPrograms"));
        List<Object> lost = (List<Object>) report.get("lost");
        String why = (String) ((Map<String, Object>) lost.get(0)).get("why");
        assertTrue(why.startsWith("compile failed: cannot run /nonexistent/jbpfc"), why);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| 3 | xdp_classify.c, xdp_unchecked.c, xdp_count.c |"),
                () -> "one row for the three identical failures:\n" + md);
    }
}
