package dev.jbpfc.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code -ftime-report} breaks "optimize" down by pass and "backend" by stage, so a slow compile shows which pass
 * or stage is slow without a profiler (how issue 14's superlinear passes are found).
 */
class TimeReportTest {
    @Test
    void optimizeAndBackendAreBrokenDownByStage() {
        Path example = Path.of("..", "examples", "xdp_counter.bpf.c");
        String err = InProcessJbpfc.succeed("-ftime-report: ", List.of("-O2", "-g", "--target=bpf",
                "-idirafter", "/usr/include/x86_64-linux-gnu", "-ftime-report", "-c", example.toString(), "-o", "/dev/null"));
        // every pass of the -O2 pipeline and every backend stage, indented under its phase, in the order they ran
        for (String stage : List.of("optimize", "inline", "mem2reg", "sccp", "loop-rotate", "licm", "jump-thread",
                "backend", "isel", "coalesce", "regalloc", "layout", "encode", "object")) {
            assertTrue(err.matches("(?s).*\\n {2,5}" + stage + " +\\d+\\.\\d{3} s\\n.*"), stage + " missing in:\n" + err);
        }
        assertTrue(err.indexOf("     licm") > err.indexOf("   optimize") && err.indexOf("     licm") < err.indexOf("  backend"),
                "passes listed under optimize:\n" + err);
        assertTrue(err.indexOf("     regalloc") > err.indexOf("  backend"), "backend stages under backend:\n" + err);
    }
}
