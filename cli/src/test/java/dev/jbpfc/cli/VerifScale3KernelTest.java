package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Selftests' test_verif_scale3.c (issue 12): 90 packet checks, each followed by a call of a noinline jhash at
 * {@code data + i++}, where {@code i} counts the calls made so far. The verifier's walk is quadratic in the calls
 * (one state per value of {@code i} at each check), so every instruction per check counts: clang-22's object takes
 * about 837,000 of the 1,000,000 processed instructions. jbpfc's went over the limit while it sign-extended
 * {@code i} at each check (two shifts); ir's PhiRanges shows the chain of phis non-negative, so it is
 * zero-extended for free. jbpfc's object must verify wherever clang-22's does, in this run; both counts are
 * printed. (The two loads take a few minutes of kernel time on a loaded two-core machine.)
 */
class VerifScale3KernelTest {
    @Test
    void verifiesWhereClangsDoes() throws Exception {
        Path source = OracleRequirement.corpus().resolve("progs").resolve("test_verif_scale3.c");
        KernelOracle kernel = OracleRequirement.kernel();
        List<String> flags = OracleRequirement.selftestsFlags();
        ClangResult clang = OracleRequirement.clang().compile(source, flags);
        assertTrue(clang.ok(), "clang-22 fails on test_verif_scale3.c: " + clang.diagnostics());
        Verdict reference = kernel.verify(clang.object(), "balancer_ingress");
        Assumptions.assumeTrue(reference.verified(), "clang-22's object is refused here too: " + reference.reason());

        Path object = Files.createTempFile("jbpfc-test_verif_scale3", ".o");
        try {
            List<String> args = new ArrayList<>(flags);
            args.addAll(List.of("-c", source.toString(), "-o", object.toString()));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            Verdict v = kernel.verify(object, "balancer_ingress");
            assertTrue(v.verified(), "jbpfc's object is refused where clang-22's verifies: " + v.reason());
            System.out.printf("test_verif_scale3.c balancer_ingress: processed jbpfc %,d, clang-22 %,d (%.2fx)%n",
                    v.processed(), reference.processed(), (double) v.processed() / reference.processed());
        } finally {
            Files.deleteIfExists(object);
        }
    }
}
