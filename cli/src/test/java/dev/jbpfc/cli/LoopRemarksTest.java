package dev.jbpfc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's side of loop hints: -Rpass-missed=loop-hints remarks in clang's form, the hint text in the object's
 * .BTF (with -g), none with -fno-loop-hints, and loop-report's lines and summary. No kernel needed.
 */
class LoopRemarksTest {
    static final String SOURCE = """
            int f(unsigned char *p, unsigned int n) {
                unsigned int s = 0, i = 0;
                for (unsigned int k = 0; k < n; k++) s += p[k & 63];
                while (i * i < 50) { s ^= i; i += 2; }
                return s;
            }
            """;

    private static String[] run(Path dir, String... extra) throws Exception {
        Path src = dir.resolve("loops.c");
        Files.writeString(src, SOURCE);
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("-O2", "-g", "--target=bpf", "-mcpu=v3", "-c", src.toString(), "-o", dir.resolve("loops.o").toString()));
        String err = InProcessJbpfc.succeed("", args);
        String object = new String(Files.readAllBytes(dir.resolve("loops.o")), StandardCharsets.ISO_8859_1);
        return new String[] {err, object};
    }

    @Test
    void missedLoopsAreRemarkedAndHintedOnesAreInTheObject(@TempDir Path dir) throws Exception {
        String[] r = run(dir, "-floop-hints", "-Rpass-missed=loop-hints");
        assertTrue(r[0].contains("loops.c:4:") && r[0].contains(": remark: loop not built to a template: ")
                && r[0].contains(" [-Rpass-missed=loop-hints]"), r[0]);
        assertFalse(r[0].contains("loops.c:3:"), r[0]);
        assertTrue(r[1].contains("jbpfc.loop/1:counted-up:start="), "no hint in the object");
        assertTrue(r[1].contains(",iv=r6,width=32,signed=u,cmp=lt,step=1,limit=r7,init=0,trips=4294967295")
                || r[1].contains(",width=32,signed=u,cmp=lt,step=1,limit=r"), "hint fields");
    }

    @Test
    void noHintsWithFnoLoopHints(@TempDir Path dir) throws Exception {
        String[] r = run(dir, "-fno-loop-hints", "-Rpass-missed=loop-hints");
        assertFalse(r[1].contains("jbpfc.loop/"), "a hint despite -fno-loop-hints");
        assertEquals("", r[0]);
        String[] byDefault = run(dir, "-Rpass-missed=loop-hints");
        assertFalse(byDefault[1].contains("jbpfc.loop/"), "a hint without -floop-hints (off by default)");
    }

    @Test
    void loopReportListsEveryLoopAndSums(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("loops.c");
        Files.writeString(src, SOURCE);
        InProcessJbpfc report = InProcessJbpfc.run("loop-report", "--target=bpf", "-mcpu=v3", src.toString());
        assertEquals(0, report.status());
        String text = report.stdout();
        assertTrue(text.contains("loops.c:3:") && text.contains(": f: counted-up (trips <= 4294967295)"), text);
        assertTrue(text.contains("loops.c:4:") && text.contains(": f: not hinted: "), text);
        assertTrue(text.contains("files 1 (failed 0), loops 2, hinted 1 (50.0%)"), text);
        assertTrue(text.contains("| counted-up | 1 |"), text);
    }
}
