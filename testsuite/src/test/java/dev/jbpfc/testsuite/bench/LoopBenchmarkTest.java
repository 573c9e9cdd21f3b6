package dev.jbpfc.testsuite.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.testsuite.bench.LoopTable.Row;
import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.ProjectLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop benchmark for real on loop1.c (clang-22, ./jbpfc, the kernel, the checker), and with a compiler that
 * cannot run on one of the project's small loop programs.
 */
class LoopBenchmarkTest {
    private static LoopBenchmark bench(String jbpfc, Path work) throws Exception {
        ClangReference clang = OracleRequirement.clang();
        KernelOracle kernel = OracleRequirement.kernel();
        OracleRequirement.corpus();
        return new LoopBenchmark(ProjectLayout.root(), jbpfc, clang, kernel, OracleRequirement.selftestsFlags(), work,
                Duration.ofSeconds(50));
    }

    private static Path loop1() {
        return OracleRequirement.corpus().resolve("progs/loop1.c");
    }

    @Test
    @Timeout(300)
    void loop1GivesOneRowWithBothVerdictsAndTheCheckersFigures(@TempDir Path work) throws Exception {
        LoopBenchmark b = bench(ProjectLayout.root().resolve("jbpfc").toString(), work);
        List<Row> rows = b.rows(loop1(), true);
        assertEquals(1, rows.size(), rows.toString());
        Row r = rows.get(0);
        assertEquals("loop1.c", r.file());
        assertEquals("nested_loops", r.program());
        assertTrue(r.clang().verified() && r.clang().processed() > 0, "clang-22's loop1 verifies here: " + r);
        assertTrue(r.jbpfc().verified() || !r.jbpfc().reason().isEmpty(), "a verdict or a reason: " + r);
        assertTrue(r.loops().note().isEmpty(), "jbpfc's object was checked: " + r);
        // loop1's nested loops: each back edge is either hinted (once jbpfc emits hints) or reported unhinted.
        assertTrue(r.loops().hinted() + r.loops().unhintedBackEdges() >= 1, r.toString());
        assertEquals(r.loops().hinted(), r.loops().accepted() + r.loops().rejected());
        assertTrue(r.loops().nanos() > 0, r.toString());
        String table = LoopTable.text(rows);
        assertTrue(table.contains("nested_loops"), table);
    }

    @Test
    @Timeout(300)
    void aCompilerThatCannotRunIsARowWithTheReasonNotACrash(@TempDir Path work) throws Exception {
        LoopBenchmark b = bench("/nonexistent/jbpfc", work);
        // A small program of the project's own (loop1 costs the verifier 361,349 insns from clang's object).
        List<Row> rows = b.rows(ProjectLayout.root().resolve("cli/src/test/resources/programs/loop_for.c"), true);
        assertEquals(1, rows.size(), rows.toString());
        Row r = rows.get(0);
        assertEquals("loop_for.c", r.file());
        assertTrue(r.clang().verified(), r.toString());
        assertFalse(r.jbpfc().verified());
        assertTrue(r.jbpfc().reason().startsWith("compile error: cannot run /nonexistent/jbpfc"), r.jbpfc().reason());
        assertEquals("no object", r.loops().note());
    }
}
