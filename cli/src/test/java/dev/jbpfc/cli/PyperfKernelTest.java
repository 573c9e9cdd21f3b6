package dev.jbpfc.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The selftests' unrolled pyperf programs (issue 12, item 3) compile with the selftests' flags (-mcpu=v3, which has
 * no gotol) and their program verifies wherever clang-22's object of it verifies on this machine, in this run.
 * pyperf50 and pyperf100 failed at v3 with a jump beyond the 16-bit offset (edge blocks placed at the end of a
 * ~70,000-instruction function); pyperf600_bpf_loop needed 1,240 bytes of stack (each inlined copy's bpf_loop
 * context and the locals it points to were pinned) and then was refused for an index with unknown upper bits
 * (an inline asm's int output taken as zero-extended). pyperf600_nounroll's plain loops went over the verifier's
 * limit (auto now makes them iterator loops). test_verif_scale3 (90 inlined loops over the packet) went over it
 * too: its counter was sign-extended at every check inside the verifier's quadratic walk. Prints both
 * processed-instruction counts.
 *
 * <p>pyperf600.c, whose clang-22 object is refused, is checked on its own: jbpfc's verifies (auto lowers the loop
 * that cannot be unrolled within LoopUnroll's limit to an iterator loop).
 */
class PyperfKernelTest {
    @ParameterizedTest
    @CsvSource({"pyperf50.c, on_event", "pyperf100.c, on_event", "pyperf180.c, on_event",
            "pyperf600_nounroll.c, on_event", "pyperf600_bpf_loop.c, on_event", "test_verif_scale3.c, balancer_ingress"})
    void compilesAtV3AndVerifiesWhereClangsDoes(String file, String program) throws Exception {
        Path source = OracleRequirement.corpus().resolve("progs").resolve(file);
        KernelOracle kernel = OracleRequirement.kernel();
        List<String> flags = OracleRequirement.selftestsFlags();
        ClangResult clang = OracleRequirement.clang().compile(source, flags);
        assertTrue(clang.ok(), "clang-22 fails on " + file + ": " + clang.diagnostics());
        Verdict reference = kernel.verify(clang.object(), program);
        Assumptions.assumeTrue(reference.verified(), "clang-22's " + file + " is refused here too: " + reference.reason());

        Path object = java.nio.file.Files.createTempFile("jbpfc-" + file, ".o");
        try {
            List<String> args = new ArrayList<>(flags);
            args.addAll(List.of("-c", source.toString(), "-o", object.toString()));
            InProcessJbpfc.succeed(file + ": ", args);
            Verdict v = kernel.verify(object, program);
            assertTrue(v.verified(), file + ": jbpfc's object is refused where clang-22's verifies: " + v.reason());
            System.out.printf("%s %s: processed jbpfc %,d, clang-22 %,d (%.2fx)%n", file, program, v.processed(),
                    reference.processed(), (double) v.processed() / reference.processed());
        } finally {
            java.nio.file.Files.deleteIfExists(object);
        }
    }

    @org.junit.jupiter.api.Test
    void pyperf600VerifiesThoughClangsObjectIsRefused() throws Exception {
        Path source = OracleRequirement.corpus().resolve("progs").resolve("pyperf600.c");
        KernelOracle kernel = OracleRequirement.kernel();
        Path object = java.nio.file.Files.createTempFile("jbpfc-pyperf600", ".o");
        try {
            List<String> args = new ArrayList<>(OracleRequirement.selftestsFlags());
            args.addAll(List.of("-c", source.toString(), "-o", object.toString()));
            InProcessJbpfc.succeed("", args);
            Verdict v = kernel.verify(object, "on_event");
            assertTrue(v.verified(), "pyperf600.c: " + v.reason());
            System.out.printf("pyperf600.c on_event: processed jbpfc %,d%n", v.processed());
        } finally {
            java.nio.file.Files.deleteIfExists(object);
        }
    }
}
