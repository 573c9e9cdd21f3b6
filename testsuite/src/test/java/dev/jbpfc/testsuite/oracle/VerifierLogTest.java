package dev.jbpfc.testsuite.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the verifier's statistics and error lines in the formats kernels 5.x to 6.18 print. */
class VerifierLogTest {
    @Test
    void processedCountInEveryKnownFormat() {
        assertEquals(23, VerifierLog.processedInsns(
                "processed 23 insns (limit 1000000) max_states_per_insn 0 total_states 2 peak_states 2 mark_read 0").getAsLong());
        assertEquals(23, VerifierLog.processedInsns(
                "processed 23 insns (limit 1000000) max_states_per_insn 0 total_states 2 peak_states 2").getAsLong());
        assertEquals(7, VerifierLog.processedInsns("processed 7 insns, stack depth 0").getAsLong());
        assertEquals(1, VerifierLog.processedInsns("processed 1 insn (limit 1000000)").getAsLong());
        assertTrue(VerifierLog.processedInsns("0: (b7) r0 = 0\n1: (95) exit\n").isEmpty());
        assertTrue(VerifierLog.processedInsns("unprocessed 7 insns").isEmpty(), "a word ending in 'processed' is not it");
    }

    @Test
    void lastProcessedCountWinsWhenATruncatedLogIsFollowedByAReload() {
        String log = String.join("\n", "9: (15) if r3 == 0xbb8 goto pc+1",
                "processed 21006 insns (limit 1000000) max_states_per_insn 4 total_states 302",
                "-- log truncated; verdict from a second load at log level 4: --",
                "processed 21007 insns (limit 1000000) max_states_per_insn 4 total_states 302");
        assertEquals(21007, VerifierLog.processedInsns(log).getAsLong());
    }

    @Test
    void reasonIsTheTextBetweenTheLastInstructionAndTheStatistics() {
        List<String> log = List.of(
                "0: R1=ctx() R10=fp0",
                "; return data[20]; @ x.c:9",
                "0: (61) r1 = *(u32 *)(r1 +0)          ; R1=pkt(r=0)",
                "1: (71) r0 = *(u8 *)(r1 +20)",
                "invalid access to packet, off=20 size=1, R1(id=0,off=20,r=0)",
                "R1 offset is outside of the packet",
                "verification time 38 usec",
                "stack depth 0",
                "processed 2 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0");
        assertEquals("invalid access to packet, off=20 size=1, R1(id=0,off=20,r=0) / R1 offset is outside of the packet",
                VerifierLog.reason(log));
    }

    @Test
    void reasonWithoutAnyTraceIsTheWholeMessage() {
        assertEquals("unknown func bpf_foo#999",
                VerifierLog.reason(List.of("unknown func bpf_foo#999", "processed 0 insns (limit 1000000)")));
        assertEquals("", VerifierLog.reason(List.of()));
    }
}
