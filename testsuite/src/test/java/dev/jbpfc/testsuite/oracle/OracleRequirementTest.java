package dev.jbpfc.testsuite.oracle;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class OracleRequirementTest {
    @Test
    void missingToolSkipsUnlessTheOracleIsRequired() {
        Class<? extends Throwable> expected = OracleRequirement.required()
                ? AssertionFailedError.class : TestAbortedException.class;
        Throwable t = assertThrows(expected, () -> OracleRequirement.missing("frobnicator (apt-get install frob)"));
        assertTrue(t.getMessage().contains("frobnicator (apt-get install frob)"), t.getMessage());
    }
}
