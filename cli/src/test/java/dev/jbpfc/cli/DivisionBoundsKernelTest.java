package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.RunInput;
import dev.jbpfc.testsuite.oracle.RunResult;
import dev.jbpfc.testsuite.oracle.Verdict;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, in the kernel: table indices computed with {@code %} and {@code /} from packet bytes
 * ({@code bounds/index_mod.c}; KIND 1: {@code int i = p[14] % 3}, 2: {@code (p[14] | p[15] << 8) / 6554}, 3: a
 * 32-bit value in 64 bits {@code % 5}). The verifier tracks no range through BPF_MOD/BPF_DIV: jbpfc's objects
 * (ir's DivisionBounds shows the bound; ConstantFolding makes the signed forms unsigned) verify at -mcpu=v3 and
 * v4 and return the table entry the Java model picks on {@value #PACKETS} random packets; clang-22's object of
 * the case (KIND 1) is refused on the same kernel. Every verdict and processed count is printed.
 */
class DivisionBoundsKernelTest {
    static final Path SOURCE = Path.of("src/test/resources/bounds/index_mod.c");
    static final Path OBJECTS = Path.of("target/bounds");
    static final int PACKETS = 12;
    static final long[] TABLE = {101, 202, 303, 404, 505, 606, 707, 808, 909, 1010};

    static long expected(int kind, byte[] p) {
        long b14 = p[14] & 0xff, b15 = p[15] & 0xff, b16 = p[16] & 0xff, b17 = p[17] & 0xff;
        return switch (kind) {
            case 1 -> TABLE[(int) (b14 % 3)];
            case 2 -> TABLE[(int) ((b14 | b15 << 8) / 6554)];
            default -> TABLE[(int) ((b14 | b15 << 8 | b16 << 16 | b17 << 24) % 5)];
        };
    }

    @Test
    void indicesFromRemaindersAndQuotientsVerifyAndPickTheRightEntry() throws IOException {
        KernelOracle kernel = OracleRequirement.kernel();
        ClangReference clang = OracleRequirement.clang();
        StringBuilder report = new StringBuilder("index_mod.c, processed insns (-1: refused)");
        for (String cpu : List.of("v3", "v4")) {
            for (int kind = 1; kind <= 3; kind++) {
                List<String> flags = List.of("-O2", "-g", "--target=bpf", "-mcpu=" + cpu, "-DKIND=" + kind,
                        "-idirafter", "/usr/include/x86_64-linux-gnu");
                String what = "KIND=" + kind + " -mcpu=" + cpu;
                Path obj = compile(flags, "index_mod-" + kind + "-" + cpu + ".o");
                Verdict v = kernel.verify(obj, "prog");
                assertTrue(v.verified(), what + ": jbpfc's object is refused: " + v.reason() + "\n" + v.logText());
                Random r = new Random(kind * 31L + cpu.hashCode());
                for (int k = 0; k < PACKETS; k++) {
                    byte[] packet = new byte[64];
                    r.nextBytes(packet);
                    RunResult run = kernel.run(obj, "prog", RunInput.packet(packet));
                    assertTrue(run.ran(), what + " did not run: " + run.runError());
                    assertEquals(expected(kind, packet), run.retval() & 0xffffffffL, what + ", packet " + k);
                }
                ClangResult ref = clang.compile(SOURCE, flags);
                assertTrue(ref.ok(), "clang-22 cannot compile " + what + ":\n" + ref.diagnostics());
                Verdict cv = kernel.verify(ref.object(), "prog");
                if (kind == 1) assertFalse(cv.verified(), what + ": clang-22's object verifies now; the issue's case changed");
                report.append("\n  ").append(what).append(": jbpfc ").append(v.processed())
                        .append(", clang-22 ").append(cv.verified() ? cv.processed() : -1);
            }
        }
        System.out.println(report);
    }

    private static Path compile(List<String> flags, String name) throws IOException {
        return InProcessJbpfc.compile(flags, SOURCE, OBJECTS.resolve(name).toAbsolutePath());
    }
}
