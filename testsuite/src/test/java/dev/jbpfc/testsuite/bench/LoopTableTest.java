package dev.jbpfc.testsuite.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.testsuite.bench.LoopTable.Loops;
import dev.jbpfc.testsuite.bench.LoopTable.Row;
import dev.jbpfc.testsuite.bench.LoopTable.Side;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop benchmark's table and sums on made-up rows: no compiler, no kernel. */
class LoopTableTest {
    private static final Loops NO_HINTS = new Loops(0, 0, 0, 2, 0, 3_000, "");
    private static final List<Row> ROWS = List.of(
            // Both verified: ratios 1.5, 0.5 and 2.0; sums 1,000 + 4,000 + 100 against 1,500 + 2,000 + 200.
            new Row("a.c", "p1", Side.verified(1_000), Side.verified(1_500), NO_HINTS),
            new Row("a.c", "p2", Side.verified(4_000), Side.verified(2_000), new Loops(2, 1, 1, 0, 17, 9_000, "")),
            new Row("b.c", "q", Side.verified(100), Side.verified(200), NO_HINTS),
            // Only one side verified, or neither: not in the comparison, still a row each.
            new Row("c.c", "r", Side.verified(7_000), Side.failed(1_000_001, "BPF program is too large. Processed 1000001 insn; the log says more than that"),
                    NO_HINTS),
            new Row("d.c", "-", Side.failed(-1, "compile error: d.c:3:1: error: unknown type name 'x'"),
                    Side.failed(-1, "compile error: d.c:3:1: error: unknown type name 'x'"), Loops.unavailable("no object")));

    @Test
    void theComparisonCountsOnlyProgramsBothObjectsGetVerified() {
        LoopTable.Comparison c = LoopTable.compare(ROWS);
        assertEquals(3, c.programs());
        assertEquals(5_100, c.clangProcessed());
        assertEquals(3_700, c.jbpfcProcessed());
        assertEquals(3_700.0 / 5_100, c.totalRatio(), 1e-12);
        assertEquals(1.5, c.medianRatio(), 1e-12, "the middle of 0.5, 1.5, 2.0");
        assertTrue(c.line().contains("jbpfc 3,700 / clang-22 5,100 = 0.73x, median of per-program ratios 1.50x"), c.line());
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwoAndNothingIsNaN() {
        assertEquals(1.25, LoopTable.median(List.of(2.0, 1.0, 1.5, 0.5)), 1e-12);
        assertTrue(Double.isNaN(LoopTable.median(List.of())));
        assertTrue(Double.isNaN(LoopTable.compare(ROWS.subList(3, 5)).medianRatio()));
    }

    @Test
    void theTextTableHasARowPerProgramAndTotals() {
        String t = LoopTable.text(ROWS);
        List<String> lines = t.lines().toList();
        // header, rule, 5 rows, rule, totals, comparison
        assertEquals(10, lines.size(), t);
        assertTrue(lines.get(0).startsWith("file"), t);
        assertTrue(lines.get(2).matches("a\\.c\\s+p1\\s+ok\\s+1,000\\s+ok\\s+1,500\\s+1\\.50\\s+0\\s+0\\s+0\\s+2\\s+0\\s+3\\.0"), lines.get(2));
        assertTrue(lines.get(5).contains("BPF program is too large. Processed 1000001 insn; the log..."), "reasons are cut to 60: " + lines.get(5));
        assertTrue(lines.get(6).contains("compile error") && lines.get(6).endsWith("no object"), lines.get(6));
        // totals: 5 rows, 4 verified by clang (12,100), 3 by jbpfc (3,700), hints 2/1/1, unhinted 6, examined 17,
        // checker time 3 + 9 + 3 + 3 us.
        assertTrue(lines.get(8).matches("total\\s+5 programs\\s+4 ok\\s+12,100\\s+3 ok\\s+3,700\\s+2\\s+1\\s+1\\s+6\\s+17\\s+18\\.0"),
                lines.get(8));
        assertTrue(lines.get(9).startsWith("3 programs verified from both objects"), lines.get(9));
    }

    @Test
    void aRowOnOneLineForProgress() {
        assertEquals("p2: clang ok 4,000 | jbpfc ok 2,000 | 0.50 | loops hinted/accepted/rejected 2/1/1, unhinted 0, "
                + "examined 17, checker 9.0 us", LoopTable.oneLine(ROWS.get(1)));
    }

    @Test
    void theMarkdownTableKeepsLongerReasonsAndEscapesBars() {
        List<Row> rows = List.of(new Row("e.c", "p", Side.failed(-1, "a | b " + "x".repeat(100)), Side.verified(5), NO_HINTS));
        String md = LoopTable.markdown(rows);
        assertTrue(md.startsWith("|file|program|clang-22|insns|jbpfc|insns|j/c|"), md);
        assertTrue(md.contains("|e.c|p|a \\| b " + "x".repeat(100) + "|-|ok|5|-|0|0|0|2|0|3.0|"), md);
        assertTrue(md.contains("|total|1 programs|0 ok|0|1 ok|5|"), md);
    }
}
