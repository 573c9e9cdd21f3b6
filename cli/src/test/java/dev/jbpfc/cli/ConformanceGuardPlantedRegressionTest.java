package dev.jbpfc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.loophints.object.ObjectFormatException;
import dev.jbpfc.testsuite.conformance.BaselineJudge.Judgement;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The conformance guard still catches a real regression after it learned to judge against clang-22 on the same
 * machine: jbpfc's object of a corpus program that clang's object verifies here is broken on purpose (its first
 * instruction becomes {@code exit}, which leaves the rest unreachable and R0 unwritten: the verifier refuses it), and
 * the guard, run over a baseline that records the program as verified, must fail naming it.
 */
class ConformanceGuardPlantedRegressionTest {
    private static final String FILE = "xdp_dummy.c", PROGRAM = "xdp_dummy_prog", SECTION = "xdp";

    @Test
    void aPlantedRegressionOnAProgramClangVerifiesFailsTheGuard(@TempDir Path work) throws IOException, ObjectFormatException {
        KernelOracle kernel = OracleRequirement.kernel();
        OracleRequirement.clang();
        Path src = OracleRequirement.corpus().resolve("progs").resolve(FILE);
        List<String> flags = OracleRequirement.selftestsFlags();
        ConformanceBaselineTest.Compiled good = ConformanceBaselineTest.compile(src, work, flags);
        assertNotNull(good.object(), "jbpfc compiles " + FILE + ": " + good.error());

        Map<String, ConformanceBaselineTest.Entry> baseline = byKey(ConformanceBaselineTest.verdicts(good, kernel, null, flags));
        assertEquals("yes", baseline.get(FILE + "\t" + PROGRAM).jbpfc(), "jbpfc's unplanted object verifies");
        Judgement unplanted = ConformanceBaselineTest.judge(baseline, baseline, kernel, OracleRequirement::clang, flags);
        assertTrue(unplanted.passed(), () -> "no regression without the plant: " + unplanted.regressions());

        Path broken = work.resolve("planted.o");
        Files.write(broken, withFirstInsnExit(Files.readAllBytes(good.object()), SECTION));
        Map<String, ConformanceBaselineTest.Entry> now = byKey(ConformanceBaselineTest.verdicts(
                new ConformanceBaselineTest.Compiled(src, broken, ""), kernel, null, flags));
        assertEquals("no", now.get(FILE + "\t" + PROGRAM).jbpfc(), "the plant breaks the program");

        Judgement planted = ConformanceBaselineTest.judge(baseline, now, kernel, OracleRequirement::clang, flags);
        assertFalse(planted.passed(), "the guard fails on the planted regression");
        assertEquals(1, planted.regressions().size(), planted.regressions().toString());
        assertTrue(planted.regressions().get(0).startsWith(FILE + "\t" + PROGRAM + ": no (")
                && planted.regressions().get(0).endsWith("clang-22's object verifies here"), planted.regressions().get(0));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> ConformanceBaselineTest.report(planted));
        assertTrue(e.getMessage().contains(PROGRAM), e.getMessage());
    }

    private static Map<String, ConformanceBaselineTest.Entry> byKey(List<ConformanceBaselineTest.Entry> entries) {
        Map<String, ConformanceBaselineTest.Entry> m = new LinkedHashMap<>();
        for (ConformanceBaselineTest.Entry e : entries) m.put(e.key(), e);
        return m;
    }

    /** The object with the first instruction of {@code section} replaced by {@code exit} (opcode 0x95). */
    private static byte[] withFirstInsnExit(byte[] elf, String section) throws ObjectFormatException {
        BpfObjectFile object = BpfObjectFile.parse(elf);
        BpfObjectFile.Section code = object.section(section)
                .orElseThrow(() -> new AssertionFailedError("no section " + section + " in jbpfc's object"));
        byte[] out = elf.clone();
        byte[] exit = {(byte) 0x95, 0, 0, 0, 0, 0, 0, 0};
        System.arraycopy(exit, 0, out, (int) code.offset(), 8);
        return out;
    }
}
