package dev.jbpfc.testsuite.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DifferentialRunTest {
    @Test
    void sameProgramAtTwoOptimisationLevelsAgrees() {
        KernelOracle k = OracleRequirement.kernel();
        ClangReference clang = OracleRequirement.clang();
        Path src = TestPrograms.source("xdp_count.c");
        List<String> o2 = TestPrograms.flags("-O2"), o1 = TestPrograms.flags("-O1");
        ClangResult a = clang.compile(src, o2), b = clang.compile(src, o1);
        assertTrue(a.ok() && b.ok(), a.diagnostics() + b.diagnostics());
        Optional<DifferentialRun.Mismatch> m = DifferentialRun.firstMismatch(k, a.object(), b.object(), "xdp_count",
                PacketGenerator.frames(7, 12));
        assertTrue(m.isEmpty(), () -> m.get().toString());
    }

    @Test
    void aChangedBehaviourIsFoundAndNamed() {
        KernelOracle k = OracleRequirement.kernel();
        Path good = TestPrograms.compile("xdp_classify.c"), bad = TestPrograms.compile("xdp_classify_bug.c");
        Optional<DifferentialRun.Mismatch> m = DifferentialRun.firstMismatch(k, good, bad, "xdp_classify",
                PacketGenerator.frames(1, 60));
        assertTrue(m.isPresent(), "60 seeded frames include an IPv4 ICMP one");
        assertEquals("retval 2 vs 1", m.get().what(), m.get().toString());
        assertEquals(1, m.get().input().dataIn()[23], "the frame that differs is ICMP");
    }

    @Test
    void generatorIsDeterministic() {
        List<RunInput> a = PacketGenerator.frames(99, 5), b = PacketGenerator.frames(99, 5);
        for (int i = 0; i < 5; i++) assertEquals(Hex.of(a.get(i).dataIn()), Hex.of(b.get(i).dataIn()));
    }
}
