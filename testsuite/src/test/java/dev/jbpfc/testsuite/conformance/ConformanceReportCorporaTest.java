package dev.jbpfc.testsuite.conformance;

import dev.jbpfc.testsuite.oracle.ObjectVerdicts;
import dev.jbpfc.testsuite.oracle.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of two corpora, on made-up results: report.md opens with a table holding a row for each corpus (its
 * files compiled, programs verified, bpftool gen skeleton's successes on each side's objects and the candidate's
 * -S/-c round trips), then has a section for each, which lists the files whose skeleton or round trip failed; the
 * second corpus's own report goes to corpus2/. The runner's per-file maps hold both corpora's files: each report
 * counts only its own.
 */
class ConformanceReportCorporaTest {
    private static Verdict verdict(String program, boolean verified) {
        return new Verdict(program, "xdp", "xdp", verified, verified, verified ? 0 : 13, verified ? "" : "Permission denied",
                10, verified ? 20 : 0, false, List.of(), "");
    }

    private static FileResult.Side side(boolean compiled, Verdict... vs) {
        CompilerCommand.Outcome o = new CompilerCommand.Outcome(compiled, 100, compiled ? "" : "x.c:1:1: error: no", "");
        return new FileResult.Side(o, compiled ? new ObjectVerdicts(Path.of("x.o"), "", List.of(vs), 5) : null, "");
    }

    @Test
    void bothCorporaHaveARowAndASection(@TempDir Path dir) throws Exception {
        CompilerCommand ref = new CompilerCommand("reference", "clang-22", dir), cand = new CompilerCommand("candidate", "jbpfc", dir);
        Map<String, String> skelRef = Map.of("a.c", "", "d.c", "Error: failed to open BPF object file",
                "samples/bpf/b.bpf.c", "", "tools/c.bpf.c", "");
        Map<String, String> skelCand = Map.of("a.c", "", "d.c", "Error: failed to open BPF object file",
                "samples/bpf/b.bpf.c", "Error: failed to open BPF object file");
        Map<String, String> roundTrips = Map.of("a.c", "", "d.c", "the objects differ from byte 7 (8 and 9 bytes)",
                "samples/bpf/b.bpf.c", "");
        ConformanceReport selftests = new ConformanceReport(ref, cand, List.of(
                new FileResult("a.c", side(true, verdict("p", true)), side(true, verdict("p", true))),
                new FileResult("d.c", side(true), side(true))), 1, "env")
                .titled("Selftests").withSkeletons(skelRef, skelCand).withRoundTrips(roundTrips);
        ConformanceReport second = new ConformanceReport(ref, cand, List.of(
                new FileResult("samples/bpf/b.bpf.c", side(true, verdict("q", true), verdict("r", true)),
                        side(true, verdict("q", true), verdict("r", false))),
                new FileResult("tools/c.bpf.c", side(true, verdict("s", true)), side(false))), 1, "env2")
                .titled("Second corpus").withSkeletons(skelRef, skelCand).withRoundTrips(roundTrips);
        ConformanceReport.writeCorpora(dir, selftests, second);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| Selftests | 2 / 2 of 2 | 1 / 1 | 1 of 1 | 1 of 2 / 1 of 2 | 1 of 2 |"), md);
        assertTrue(md.contains("| Second corpus | 2 / 1 of 2 | 3 / 1 | 1 of 3 | 2 of 2 / 0 of 1 | 1 of 1 |"), md);
        assertTrue(md.contains("## Second corpus\n"), md);
        assertTrue(md.contains("- `samples/bpf/b.bpf.c`: Error: failed to open BPF object file (the reference's "
                + "succeeds)"), md);
        assertTrue(md.contains("- `d.c`: Error: failed to open BPF object file (the reference's fails too: Error: "
                + "failed to open BPF object file)"), md);
        assertTrue(md.contains("### Files whose -S then -c does not give the candidate's object (1)\n\n- `d.c`: the "
                + "objects differ from byte 7 (8 and 9 bytes)\n"), md);
        String json2 = Files.readString(dir.resolve("corpus2/report.json"));
        assertTrue(json2.contains("\"skeletonCandidate\"") && json2.contains("\"roundTripIdentical\": 1"), json2);
        assertTrue(Files.readString(dir.resolve("report.json")).contains("\"roundTrip\": \"the objects differ"));
        assertTrue(Files.exists(dir.resolve("report.json")));
    }
}
