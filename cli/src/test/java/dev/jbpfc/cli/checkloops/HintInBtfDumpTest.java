package dev.jbpfc.cli.checkloops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.RunInput;
import dev.jbpfc.testsuite.oracle.RunResult;
import dev.jbpfc.testsuite.oracle.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loop hint is visible to the tools people already have, and inert for today's loaders: {@code bpftool btf dump}
 * of an object whose program's FUNC carries a hint prints the hint text as a DECL_TAG on that FUNC, and the
 * kernel loads and runs the program unchanged (libbpf 1.5 hands the tag to the kernel with the rest of .BTF).
 */
class HintInBtfDumpTest {
    @TempDir Path tmp;

    @Test
    void bpftoolBtfDumpShowsTheHint() throws Exception {
        String bpftool = OracleRequirement.bpftool();
        Path o = tmp.resolve("hinted.o");
        Files.write(o, HintedObject.build(List.of(HintedObject.HINT)));
        CommandResult r = Command.run(List.of(bpftool, "btf", "dump", "file", o.toString()), null, Duration.ofSeconds(60));
        assertTrue(r.ok(), r.stderr());
        String funcLine = r.stdout().lines().filter(l -> l.contains("FUNC 'prog'")).findFirst().orElseThrow(() -> new AssertionError(r.stdout()));
        String funcId = funcLine.substring(1, funcLine.indexOf(']'));
        String expected = "DECL_TAG '" + HintedObject.HINT + "' type_id=" + funcId + " component_idx=-1";
        assertTrue(r.stdout().lines().anyMatch(l -> l.endsWith(expected)), "no line ending in\n" + expected + "\nin\n" + r.stdout());
    }

    @Test
    void theKernelLoadsAndRunsTheHintedProgram() throws Exception {
        KernelOracle kernel = OracleRequirement.kernel();
        Path o = tmp.resolve("hinted.o");
        Files.write(o, HintedObject.build(List.of(HintedObject.HINT)));
        Verdict v = kernel.verify(o, "prog");
        assertTrue(v.loaded(), v.reason() + "\n" + v.logText() + "\n" + v.libbpfError());
        RunResult run = kernel.run(o, "prog", RunInput.packet(new byte[64]));
        assertTrue(run.ran(), run.runError());
        assertEquals(2, run.retval(), "10 iterations, then & 3: XDP_PASS");
    }
}
