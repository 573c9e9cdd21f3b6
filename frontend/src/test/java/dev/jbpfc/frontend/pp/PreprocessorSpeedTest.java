package dev.jbpfc.frontend.pp;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.lex.Token;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Preprocessing vmlinux.h with libbpf's headers runs on every compile: this measures it warm (best of several
 * runs) and fails only on a gross regression (the goal is well under 300 ms; the bound here leaves room for a
 * loaded CI machine). Needs the corpus.
 */
class PreprocessorSpeedTest {
    @Test
    void vmlinuxAndLibbpfHeadersWarm() throws Exception {
        Path corpus = ClangComparison.corpus();
        ClangComparison.require(corpus != null, "the corpus (scripts/setup-corpus.sh)");
        Path src = Files.createTempFile("pp-speed", ".c");
        try {
            Files.writeString(src, "#include <vmlinux.h>\n#include <bpf/bpf_helpers.h>\n#include <bpf/bpf_tracing.h>\n"
                    + "#include <bpf/bpf_core_read.h>\n#include <bpf/bpf_endian.h>\n"
                    + "SEC(\"kprobe/x\") int BPF_KPROBE(prog, struct task_struct *t) { return BPF_CORE_READ(t, pid); }\n");
            List<String> flags = ClangComparison.selftestFlags(corpus);
            long best = Long.MAX_VALUE;
            long bestCpu = Long.MAX_VALUE;
            int tokens = 0;
            for (int i = 0; i < 8; i++) {
                ByteArrayOutputStream diag = new ByteArrayOutputStream();
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                List<Token> out = new Preprocessor(PreprocessorOptions.fromArgs(flags), new Diagnostics(new PrintStream(diag)))
                        .run(src);
                long t = System.nanoTime() - t0;
                long c = mx.getCurrentThreadCpuTime() - c0;
                best = Math.min(best, t);
                bestCpu = Math.min(bestCpu, c);
                tokens = out.size();
                assertEquals("", diag.toString());
            }
            System.out.printf("pp speed: vmlinux.h + libbpf headers, %d tokens, best %.1f ms wall, %.1f ms cpu%n",
                    tokens, best / 1e6, bestCpu / 1e6);
            assertTrue(tokens > 100_000, "vmlinux.h was read");
            assertTrue(best < 2_000_000_000L, "preprocessing took " + best / 1_000_000 + " ms");
        } finally {
            Files.deleteIfExists(src);
        }
    }
}
