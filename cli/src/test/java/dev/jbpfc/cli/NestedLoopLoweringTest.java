package dev.jbpfc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.Verdict;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nest whose inner trip count is the outer loop's counter (the shape of the selftests' loop1.c) stays plain under
 * -floop-lowering=auto: the verifier walks the outer loop and sees a known inner count on every walk. Lowering
 * the outer loop to an iterator left the inner one with an unknown count in every state, and the kernel refused
 * the program ("The sequence of 8193 jumps is too complex") where the plain nest verifies.
 */
class NestedLoopLoweringTest {
    static final String SOURCE = String.join("\n",
            "#define SEC(n) __attribute__((section(n), used))",
            "SEC(\"raw_tracepoint/kfree_skb\") int nest(unsigned long long *ctx) {",
            "    int total = 0;",
            "    for (int outer = 0; outer < 300; outer++)",
            "        for (int inner = 0; inner < outer; inner++)",
            "            total += inner * ((outer & 1) ? (int) ctx[0] : outer);",
            "    return total;",
            "}",
            "char LICENSE[] SEC(\"license\") = \"GPL\";", "");

    @Test
    void aNestWhoseInnerCountIsTheOuterCounterStaysPlainAndVerifies(@TempDir Path dir) throws Exception {
        KernelOracle kernel = OracleRequirement.kernel();
        Path src = dir.resolve("nest.c"), obj = dir.resolve("nest.o");
        Files.writeString(src, SOURCE);
        InProcessJbpfc.succeed("", List.of("-O2", "-g", "--target=bpf", "-mcpu=v3", "-c", src.toString(), "-o", obj.toString()));
        String bytes = new String(Files.readAllBytes(obj), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains("bpf_iter_num_new"), "auto lowered a loop of the nest to an iterator");
        Verdict v = kernel.verify(obj, "nest");
        assertTrue(v.verified(), "the plain nest is refused: " + v.reason());
    }
}
