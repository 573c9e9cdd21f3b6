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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Switches in the kernel, judged against clang-22's object of the same source in the same run
 * ({@code switch/switches.c}: dense, sparse, runs of equal targets, fallthrough, the default in the middle, signed
 * and unsigned 8-, 16-, 32- and 64-bit, many cases to one target, bit tests of 32 and 64 bits). Instruction selection shares one edge block
 * per target, turns runs of consecutive cases into range tests and close cases into bit tests; both must pick the case C picks. Each packet
 * holds {@value #INPUTS} inputs and gets every shape's result for each back; the results of both objects must be
 * equal byte for byte, at -mcpu=v2 (64-bit compares only) and v3 (32-bit jumps).
 */
class SwitchKernelTest {
    static final Path SOURCE = Path.of("src/test/resources/switch/switches.c");
    static final Path OBJECTS = Path.of("target/switch");
    static final int INPUTS = 4, SHAPES = 12;
    static final String[] SHAPE_NAMES = {"dense", "sparse", "runs", "fallthrough", "default_middle", "signed32",
            "narrow", "unsigned64", "signed64", "many_same", "bits64", "bits32"};

    /** Values at and next to every case boundary of switches.c, and random ones. */
    static List<Long> inputs() {
        List<Long> xs = new ArrayList<>();
        for (long x = -10; x <= 60; x++) xs.add(x);
        long[] edges = {99, 100, 101, 999, 1000, 1001, 69_999, 70_000, 70_001, 125, 126, 127, 128, 129, 130, 254,
                255, 256, 257, 258, 65_532, 65_533, 65_534, 65_535, 65_536, 0x7fff_fffeL, 0x7fff_ffffL, 0x8000_0000L,
                0x8000_0001L, 0x8000_0002L, 0xffff_ffefL, 0xffff_fff0L, 0xffff_fff1L, 0xffff_fffcL, 0xffff_fffdL,
                0xffff_fffeL, 0xffff_ffffL, 0x1_0000_0000L, 0x1_0000_0001L, 0x1_0000_0003L, 0x1_0000_0004L,
                0x1_2345_6789L, 0x1_2345_678aL, 999_999, 1_000_000, 1_000_002, 1_000_003, Long.MIN_VALUE,
                Long.MIN_VALUE + 1, Long.MAX_VALUE, 0x1_ffff_ff80L, 0xff_0000_0003L, 0x5_0000_0000L + 7};
        for (long e : edges) xs.add(e);
        for (long x = 95; x <= 240; x++) xs.add(x);
        for (long x = 995; x <= 1055; x++) xs.add(x);
        Random r = new Random(42);
        for (int k = 0; k < 24; k++) xs.add(r.nextLong());
        for (int k = 0; k < 12; k++) xs.add((long) r.nextInt(80));
        while (xs.size() % INPUTS != 0) xs.add(0L);
        return xs;
    }

    @Test
    void everyShapePicksTheCaseClangPicks() throws IOException {
        KernelOracle kernel = OracleRequirement.kernel();
        ClangReference clang = OracleRequirement.clang();
        List<Long> xs = inputs();
        StringBuilder report = new StringBuilder("switches.c, instructions / processed insns:");
        for (String cpu : List.of("v2", "v3")) {
            List<String> flags = List.of("-O2", "-g", "--target=bpf", "-mcpu=" + cpu);
            Path obj = compile(flags, "switches-" + cpu + ".o");
            ClangResult ref = clang.compile(SOURCE, flags);
            assertTrue(ref.ok(), "clang-22 cannot compile switches.c -mcpu=" + cpu + ":\n" + ref.diagnostics());
            Verdict v = kernel.verify(obj, "prog");
            assertTrue(v.verified(), "-mcpu=" + cpu + ": jbpfc's object is refused: " + v.reason() + "\n" + v.logText());
            Verdict cv = kernel.verify(ref.object(), "prog");
            report.append("\n  -mcpu=").append(cpu).append(": jbpfc ").append(v.insns()).append(" / ").append(v.processed())
                    .append(", clang-22 ").append(cv.insns()).append(" / ").append(cv.verified() ? cv.processed() : -1);
            for (int at = 0; at < xs.size(); at += INPUTS) {
                byte[] packet = packet(xs.subList(at, at + INPUTS));
                RunResult mine = kernel.run(obj, "prog", RunInput.packet(packet));
                RunResult theirs = kernel.run(ref.object(), "prog", RunInput.packet(packet));
                assertTrue(mine.ran(), "jbpfc's object did not run: " + mine.runError());
                assertTrue(theirs.ran(), "clang-22's object did not run: " + theirs.runError());
                assertEquals(2, mine.retval(), "the packet was too short for the program");
                assertEquals(theirs.retval(), mine.retval());
                ByteBuffer a = ByteBuffer.wrap(mine.dataOut()).order(ByteOrder.LITTLE_ENDIAN);
                ByteBuffer b = ByteBuffer.wrap(theirs.dataOut()).order(ByteOrder.LITTLE_ENDIAN);
                for (int k = 0; k < INPUTS; k++) {
                    for (int s = 0; s < SHAPES; s++) {
                        int off = INPUTS * 8 + (k * SHAPES + s) * 4;
                        assertEquals(b.getInt(off), a.getInt(off), "-mcpu=" + cpu + ": " + SHAPE_NAMES[s] + "(0x"
                                + Long.toHexString(xs.get(at + k)) + ")");
                    }
                }
            }
        }
        System.out.println(report);
    }

    static byte[] packet(List<Long> xs) {
        ByteBuffer p = ByteBuffer.allocate(INPUTS * 8 + INPUTS * SHAPES * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : xs) p.putLong(x);
        return p.array();
    }

    private static Path compile(List<String> flags, String name) throws IOException {
        return InProcessJbpfc.compile(flags, SOURCE, OBJECTS.resolve(name).toAbsolutePath());
    }
}
