package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.RunInput;
import dev.jbpfc.testsuite.oracle.RunResult;
import dev.jbpfc.testsuite.oracle.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * examples/loops: the plain loop {@code for (i = 0; i < N; i++) s += p[i & 63] ^ i} with a constant N and with a
 * data-dependent count below N, for N = 10^2..10^6, kept plain ({@code -floop-lowering=plain}). jbpfc builds both to the counted-up template at every N (the
 * hint: trips = N, or 2^32-1 for the register limit); where the kernel verifies clang-22's object it verifies
 * jbpfc's, and both return what the loop computes (also computed here in Java) on random packets. Prints the
 * processed instructions of both compilers, and the per-trip cost from N = 100 and N = 1000.
 */
class LoopHintExamplesTest {
    static final Path DIR = Path.of("../examples/loops");
    static final Path OUT = Path.of("target/loop-examples").toAbsolutePath();
    static final long[] NS = {100, 1000, 10_000, 100_000, 1_000_000};

    private static List<String> flags(long n) {
        return List.of("-O2", "-g", "--target=bpf", "-mcpu=v3", "-DN=" + n, "-idirafter", "/usr/include/x86_64-linux-gnu");
    }

    /** Compiles with jbpfc in process; returns stderr (with -Rpass=loop-hints remarks). */
    private static String jbpfc(Path src, long n, Path obj) {
        List<String> args = new ArrayList<>(flags(n));
        // The hinted counted loop, the form a template-checking verifier takes: by default jbpfc may lower a long
        // loop to an open-coded iterator instead, which today's kernels verify in constant cost.
        args.addAll(List.of("-floop-hints", "-floop-lowering=plain"));
        args.addAll(List.of("-Rpass=loop-hints", "-Rpass-missed=loop-hints", "-c", src.toString(), "-o", obj.toString()));
        return InProcessJbpfc.succeed("", args);
    }

    private static long expected(byte[] p, long bigN, boolean dataDependent) {
        if (p.length < 64) return 0;
        long n = bigN;
        if (dataDependent) {
            int x = (p[0] & 0xff) | (p[1] & 0xff) << 8 | (p[2] & 0xff) << 16;
            n = Integer.toUnsignedLong(x % (int) bigN);
        }
        int s = 0;
        for (long i = 0; i < n; i++) s += (p[(int) (i & 63)] & 0xff) ^ (int) i;
        return s & 0xff;
    }

    /** loop_shapes.bpf.c: every loop but the nested pair is hinted, and both objects compute the same. */
    @Test
    void loopShapesAreHintedAndAgreeWithClang() throws Exception {
        Files.createDirectories(OUT);
        Path obj = OUT.resolve("loop_shapes.o");
        String remarks = jbpfc(DIR.resolve("loop_shapes.bpf.c"), 1000, obj);
        long hinted = remarks.lines().filter(l -> l.contains("remark: loop built to template")).count();
        assertEquals(5, hinted, remarks);
        KernelOracle kernel = OracleRequirement.kernel();
        ClangReference clang = OracleRequirement.clang();
        ClangResult ref = clang.compile(DIR.resolve("loop_shapes.bpf.c"), flags(1000));
        assertTrue(ref.ok(), ref.diagnostics());
        Verdict vj = kernel.verify(obj, "loop_shapes"), vc = kernel.verify(ref.object(), "loop_shapes");
        assertTrue(vc.verified(), vc.reason());
        assertTrue(vj.verified(), vj.reason());
        System.out.println("loop_shapes processed: jbpfc " + vj.processed() + ", clang-22 " + vc.processed());
        Random random = new Random(5);
        for (int k = 0; k < 20; k++) {
            byte[] p = new byte[64 + random.nextInt(32)];
            random.nextBytes(p);
            if (k % 4 == 0) p[random.nextInt(64)] = 0x55;
            RunInput in = RunInput.packet(p).withMap("weights", new byte[] {3, 0, 0, 0}, new byte[] {9, 0, 0, 0, 0, 0, 0, 0});
            RunResult rj = kernel.run(obj, "loop_shapes", in), rc = kernel.run(ref.object(), "loop_shapes", in);
            assertTrue(rj.ran() && rc.ran(), rj.runError() + " " + rc.runError());
            assertEquals(rc.retval(), rj.retval(), "packet " + k);
        }
    }

    @Test
    void bothLoopsAreHintedAndAgreeWithClang() throws Exception {
        Files.createDirectories(OUT);
        // The hints do not need the kernel.
        for (long n : NS) {
            for (String name : List.of("loop_sum", "loop_sum_n")) {
                Path obj = OUT.resolve(name + "." + n + ".o");
                String remarks = jbpfc(DIR.resolve(name + ".bpf.c"), n, obj);
                String trips = name.equals("loop_sum") ? Long.toString(n) : "4294967295";
                assertTrue(remarks.contains("loop built to template counted-up (trips <= " + trips + ")"), name + " N=" + n + ": " + remarks);
                assertTrue(!remarks.contains("not built"), remarks);
            }
        }
        KernelOracle kernel = OracleRequirement.kernel();
        ClangReference clang = OracleRequirement.clang();
        Random random = new Random(11);
        List<byte[]> packets = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            byte[] p = new byte[64 + random.nextInt(64)];
            random.nextBytes(p);
            packets.add(p);
        }
        StringBuilder table = new StringBuilder("| program | N | jbpfc processed | clang-22 processed |\n|---|---|---|---|\n");
        for (String name : List.of("loop_sum", "loop_sum_n")) {
            long[] jp = new long[NS.length], cp = new long[NS.length];
            for (int k = 0; k < NS.length; k++) {
                long n = NS[k];
                // The kernel walks up to 1M instructions before it rejects: N = 10^6 (and every N of the
                // data-dependent loop past 10^3) only with -Djbpfc.loops.allN=true.
                boolean heavy = n == 1_000_000 || (name.equals("loop_sum_n") && n > 1000);
                if (heavy && !Boolean.getBoolean("jbpfc.loops.allN")) continue;
                Path obj = OUT.resolve(name + "." + n + ".o");
                ClangResult ref = clang.compile(DIR.resolve(name + ".bpf.c"), flags(n));
                assertTrue(ref.ok(), ref.diagnostics());
                Verdict vj = kernel.verify(obj, name), vc = kernel.verify(ref.object(), name);
                jp[k] = vj.verified() ? vj.processed() : -1;
                cp[k] = vc.verified() ? vc.processed() : -1;
                table.append("| ").append(name).append(" | ").append(n).append(" | ")
                        .append(vj.verified() ? vj.processed() : "rejected").append(" | ")
                        .append(vc.verified() ? vc.processed() : "rejected").append(" |\n");
                if (vc.verified()) assertTrue(vj.verified(), name + " N=" + n + ": clang's verifies, jbpfc's not: " + vj.reason());
                if (!vj.verified()) continue;
                for (byte[] p : packets) {
                    RunResult rj = kernel.run(obj, name, RunInput.packet(p));
                    assertTrue(rj.ran(), rj.runError());
                    assertEquals(expected(p, n, name.equals("loop_sum_n")), rj.retval(), name + " N=" + n);
                    if (vc.verified()) assertEquals(kernel.run(ref.object(), name, RunInput.packet(p)).retval(), rj.retval());
                }
            }
            if (jp[0] > 0 && jp[1] > 0) {
                table.append("| ").append(name).append(" per trip | | ").append((jp[1] - jp[0]) / 900.0).append(" | ")
                        .append(cp[0] > 0 && cp[1] > 0 ? (cp[1] - cp[0]) / 900.0 : "-").append(" |\n");
            }
        }
        System.out.println(table);
    }
}
