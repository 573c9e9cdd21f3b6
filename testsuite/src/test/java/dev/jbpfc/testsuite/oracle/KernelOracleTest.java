package dev.jbpfc.testsuite.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The oracle against real kernel verdicts and runs of small clang-22-compiled programs. */
class KernelOracleTest {
    private static final int XDP_ABORTED = 0, XDP_DROP = 1, XDP_PASS = 2, XDP_TX = 3;

    @Test
    void xdpProgramVerifiesAndReturnsTheExpectedActionPerPacket() {
        KernelOracle k = OracleRequirement.kernel();
        Path obj = TestPrograms.compile("xdp_classify.c");
        Verdict v = k.verify(obj, "xdp_classify");
        assertTrue(v.loaded(), () -> "xdp_classify rejected: " + v.reason() + "\n" + v.logText());
        assertEquals("xdp", v.type());
        assertTrue(v.processed() > 0 && v.insns() > 0, () -> "no instruction counts: " + v);

        assertEquals(XDP_PASS, k.run(obj, "xdp_classify", RunInput.packet(TestPrograms.frame(0x86dd, new byte[40]))).retval());
        assertEquals(XDP_ABORTED, k.run(obj, "xdp_classify", RunInput.packet(TestPrograms.frame(0x0800, new byte[10]))).retval());
        assertEquals(XDP_DROP, k.run(obj, "xdp_classify", RunInput.packet(TestPrograms.frame(0x0800, TestPrograms.ipv4(6, 20)))).retval());
        assertEquals(XDP_PASS, k.run(obj, "xdp_classify", RunInput.packet(TestPrograms.frame(0x0800, TestPrograms.ipv4(1, 8)))).retval());

        byte[] udp = TestPrograms.frame(0x0800, TestPrograms.ipv4(17, 8));
        RunResult r = k.run(obj, "xdp_classify", RunInput.packet(udp));
        assertTrue(r.ran(), r::runError);
        assertEquals(XDP_TX, r.retval());
        byte[] expected = udp.clone();
        for (int i = 0; i < 6; i++) {
            expected[i] = udp[i + 6];
            expected[i + 6] = udp[i];
        }
        assertArrayEquals(expected, r.dataOut(), "XDP_TX path swaps the MAC addresses");
    }

    @Test
    void outOfBoundsPacketReadIsRejectedWithTheVerifiersMessage() {
        KernelOracle k = OracleRequirement.kernel();
        Path obj = TestPrograms.compile("xdp_unchecked.c");
        Verdict bad = k.verify(obj, "xdp_unchecked");
        assertFalse(bad.loaded(), "an unchecked packet read must not pass the verifier");
        assertFalse(bad.verified());
        assertEquals(13, bad.errno(), "EACCES is the verifier's refusal");
        assertTrue(bad.reason().contains("invalid access to packet"), () -> "reason: " + bad.reason() + "\n" + bad.logText());
        assertTrue(bad.processed() > 0, "the verifier ran, so the log has a processed count");

        // Loaded alone, the checked neighbour passes even though the unchecked one is in the same object.
        ObjectVerdicts all = k.verifyAll(obj);
        assertEquals("", all.openError());
        assertEquals(2, all.programs().size());
        assertFalse(all.program("xdp_unchecked").orElseThrow().loaded());
        assertTrue(all.program("xdp_checked").orElseThrow().loaded(), () -> all.program("xdp_checked").get().reason());

        RunResult r = k.run(obj, "xdp_unchecked", RunInput.packet(TestPrograms.frame(0x0800, new byte[20])));
        assertFalse(r.ran(), "a program that does not load cannot run");
        assertFalse(r.verdict().loaded());
    }

    @Test
    void mapsArePrefilledAndReadBackAfterTheRun() {
        KernelOracle k = OracleRequirement.kernel();
        Path obj = TestPrograms.compile("xdp_count.c");
        byte[] frame = TestPrograms.frame(0x0801, new byte[30]);
        RunResult r = k.run(obj, "xdp_count", RunInput.packet(frame)
                .withMap("counts", Hex.le(1, 4), Hex.le(41, 8))
                .withMap("counts", Hex.le(3, 4), Hex.le(7, 8)));
        assertTrue(r.ran(), r::runError);
        assertEquals(XDP_PASS, r.retval());
        MapContents counts = r.map("counts");
        assertEquals(4, counts.entries().size(), "an array map lists every index");
        assertEquals(0, counts.longAt(0));
        assertEquals(42, counts.longAt(1), "the run incremented the pre-filled slot 0x0801 & 3 = 1");
        assertEquals(0, counts.longAt(2));
        assertEquals(7, counts.longAt(3), "an untouched pre-filled slot keeps its value");

        MapContents lastLen = r.map("last_len");
        assertEquals(1, lastLen.entries().size());
        byte[] len = lastLen.get(Hex.le(0x0801, 2));
        assertNotNull(len, () -> "no entry for EtherType 0x0801: " + lastLen.entries().keySet());
        assertEquals(frame.length, Hex.leValue(len, 0, 4));

        MapContents bss = r.map(".bss");
        assertEquals(1, bss.longAt(0), "global frames_seen lives in .bss and was incremented once");
    }

    @Test
    void repeatedRunsReportADuration() {
        KernelOracle k = OracleRequirement.kernel();
        Path obj = TestPrograms.compile("xdp_classify.c");
        RunResult r = k.run(obj, "xdp_classify", RunInput.packet(TestPrograms.frame(0x86dd, new byte[40])).withRepeat(1000));
        assertTrue(r.ran(), r::runError);
        assertEquals(XDP_PASS, r.retval());
        assertTrue(r.durationNs() > 0, "average ns per run over 1000 repetitions");
        assertEquals(54, r.dataOut().length, () -> Arrays.toString(r.dataOut()));
    }

    @Test
    void contextGoesInAndComesBackOut() {
        KernelOracle k = OracleRequirement.kernel();
        Path obj = TestPrograms.compile("tc_mark.c");
        // struct __sk_buff: len @0, pkt_type @4, mark @8, ..., priority @32; the kernel accepts a prefix of it.
        byte[] ctx = new byte[36];
        System.arraycopy(Hex.le(21, 4), 0, ctx, 8, 4);
        RunResult r = k.run(obj, "tc_mark", RunInput.packet(TestPrograms.frame(0x0800, new byte[40])).withCtx(ctx));
        assertTrue(r.ran(), r::runError);
        assertEquals(0, r.retval(), "TC_ACT_OK for mark 21");
        assertNotNull(r.ctxOut());
        assertEquals(42, Hex.leValue(r.ctxOut(), 32, 4), "priority = mark * 2 in ctx_out");

        System.arraycopy(Hex.le(7, 4), 0, ctx, 8, 4);
        assertEquals(2, k.run(obj, "tc_mark", RunInput.packet(TestPrograms.frame(0x0800, new byte[40])).withCtx(ctx)).retval(),
                "TC_ACT_SHOT for mark 7");
    }

    @Test
    void aProgramTheKernelAcceptsIsVerifiedEvenWhenLibbpfFailsALaterStep() {
        KernelOracle k = OracleRequirement.kernel();
        Path obj = TestPrograms.compile("tail_slots.c");
        Verdict entry = k.verify(obj, "entry");
        assertFalse(entry.loaded(), "the prog array's slot 0 needs target, which is not loaded");
        assertTrue(entry.verified(), () -> "the kernel accepted entry itself: " + entry);
        assertTrue(entry.reason().contains("failed to initialize slot"), entry::reason);
        Verdict target = k.verify(obj, "target");
        assertTrue(target.loaded() && target.verified(), target::reason);
    }
}
