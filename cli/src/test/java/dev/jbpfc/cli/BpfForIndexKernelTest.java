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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issues 12 and 13, in the kernel: arrays indexed by libbpf's {@code bpf_for} counter ({@code iters/bpf_for_index.c}:
 * a global array over {@code ARRAY_SIZE}, stack arrays with break and continue, an end read from the packet and
 * checked against the array's size before the loop, and an outer counter indexing in an inner loop, as selftests'
 * iters.c does). bpf_for compares the iterator's
 * int with the end; when the end is a size_t that compare is 64-bit on an extended copy, and the verifier must see
 * the bound on the register the body indexes with (ir's NarrowCompare); and the verifier forgets an outer counter's
 * range at the inner iterator's next call once the body has copied it, so the row's address is computed before
 * the inner loop (ir's IteratorLoopAddresses). Built with the selftests' flags (libbpf 1.5's
 * bpf_for is in the corpus headers), every program verifies from jbpfc's object and from clang-22's, and both
 * return the same value on {@value #PACKETS} packets of random bytes. The processed instructions are printed.
 */
class BpfForIndexKernelTest {
    static final Path SOURCE = Path.of("src/test/resources/iters/bpf_for_index.c");
    static final Path OBJECTS = Path.of("target/iters");
    static final List<String> PROGRAMS = List.of("global_fill", "stack_break_continue", "element_count", "nested_rows");
    static final int PACKETS = 10;

    @Test
    void bpfForCountersIndexArraysAsInClangsObject() throws IOException {
        KernelOracle kernel = OracleRequirement.kernel();
        ClangReference clang = OracleRequirement.clang();
        OracleRequirement.corpus();
        List<String> flags = OracleRequirement.selftestsFlags();
        Path obj = compile(flags);
        ClangResult ref = clang.compile(SOURCE, flags);
        assertTrue(ref.ok(), "clang-22 cannot compile " + SOURCE + ":\n" + ref.diagnostics());
        StringBuilder report = new StringBuilder("bpf_for_index.c, processed insns jbpfc / clang-22");
        for (String prog : PROGRAMS) {
            Verdict v = kernel.verify(obj, prog);
            Verdict cv = kernel.verify(ref.object(), prog);
            assertTrue(cv.verified(), prog + ": clang-22's object is refused here: " + cv.reason());
            assertTrue(v.verified(), prog + ": jbpfc's object is refused: " + v.reason() + "\n" + v.logText());
            report.append("\n  ").append(prog).append(": ").append(v.processed()).append(" / ").append(cv.processed());
            Random r = new Random(prog.hashCode());
            for (int k = 0; k < PACKETS; k++) {
                byte[] packet = new byte[64];
                r.nextBytes(packet);
                if (k < 4) packet[2] = (byte) (100 + 9 * k); // element_count's end: 0, 9, 18, 27 elements
                RunResult mine = kernel.run(obj, prog, RunInput.packet(packet));
                RunResult theirs = kernel.run(ref.object(), prog, RunInput.packet(packet));
                assertTrue(mine.ran() && theirs.ran(), prog + " did not run: " + mine.runError() + " / " + theirs.runError());
                assertEquals(theirs.retval(), mine.retval(), prog + ", packet " + k);
            }
        }
        System.out.println(report);
    }

    private static Path compile(List<String> flags) throws IOException {
        Files.createDirectories(OBJECTS);
        Path obj = OBJECTS.resolve("bpf_for_index.o").toAbsolutePath();
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("-c", SOURCE.toString(), "-o", obj.toString()));
        InProcessJbpfc.succeed("jbpfc failed on " + SOURCE + ":\n", args);
        return obj;
    }
}
