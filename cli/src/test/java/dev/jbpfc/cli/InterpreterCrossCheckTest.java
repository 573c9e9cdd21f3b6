package dev.jbpfc.cli;

import dev.jbpfc.testsuite.difftest.CPrinter;
import dev.jbpfc.testsuite.difftest.ProgramGenerator;
import dev.jbpfc.testsuite.interp.ProgramRunner;
import dev.jbpfc.testsuite.interp.RunComparison;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.PacketGenerator;
import dev.jbpfc.testsuite.oracle.RunInput;
import dev.jbpfc.testsuite.oracle.RunResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The testsuite's BPF interpreter against the kernel: every run-tested program of
 * {@code src/test/resources/programs} (the ones {@link ProgramsDifferentialTest} compares with clang-22) is compiled
 * by jbpfc and run on the same seeded frames with {@code BPF_PROG_TEST_RUN} and in the interpreter
 * ({@link ProgramRunner}); return value, packet after the run and every map must agree on every input the kernel
 * runs. This is what lets the loop soundness campaign trust the interpreter on loops the kernel would refuse.
 * {@code -Dinterp.inputs=N} changes the number of frames per program (default {@value #INPUTS}).
 */
class InterpreterCrossCheckTest {
    static final int INPUTS = 8, GENERATED = 30;
    static final AtomicInteger programs = new AtomicInteger(), compared = new AtomicInteger(),
            notRunByKernel = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> interpreterAgreesWithTheKernel() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(ProgramsDifferentialTest.PROGRAMS)) {
            files = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        assertTrue(files.size() >= 60, "expected at least 60 programs, found " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    /**
     * Generated programs of the differential tester ({@code ProgramGenerator.Config.ci()}, seeds 1..N with
     * {@code -Dinterp.generated=N}, default {@value #GENERATED}), compiled by jbpfc: those the kernel loads are run on
     * two frames each in both. Programs jbpfc cannot compile or the kernel refuses are counted and skipped.
     */
    @Test
    void generatedProgramsRunAlikeInTheKernelAndTheInterpreter() throws IOException {
        KernelOracle kernel = OracleRequirement.kernel();
        Path dir = Path.of("target/interp-crosscheck/generated");
        Files.createDirectories(dir);
        int n = Integer.getInteger("interp.generated", GENERATED);
        int judged = 0, skipped = 0, runs = 0;
        List<String> failures = new ArrayList<>();
        for (long seed = 1; seed <= n; seed++) {
            Path src = dir.resolve("seed-" + seed + ".c"), obj = dir.resolve("seed-" + seed + ".o").toAbsolutePath();
            Files.writeString(src, CPrinter.direct(ProgramGenerator.generate(seed, ProgramGenerator.Config.ci())));
            if (InProcessJbpfc.run("-O2", "-g", "--target=bpf", "-c", src.toString(), "-o", obj.toString()).status() != 0) {
                skipped++;
                continue;
            }
            byte[] elf = Files.readAllBytes(obj);
            boolean any = false;
            for (RunInput in : PacketGenerator.frames(seed, 2)) {
                RunResult k = kernel.run(obj, "prog", in);
                if (!k.ran()) continue;
                any = true;
                runs++;
                String d = RunComparison.difference(k, ProgramRunner.run(elf, "prog", in));
                if (d != null) failures.add("seed " + seed + " (" + src + "): " + d);
            }
            if (any) judged++;
            else skipped++;
        }
        System.out.printf("interpreter vs kernel, generated programs: %d of %d judged (%d runs), %d skipped, %d differ%n",
                judged, n, runs, skipped, failures.size());
        assertTrue(judged >= n / 2, "too few generated programs ran in the kernel: " + judged + " of " + n);
        if (!failures.isEmpty()) fail(String.join("\n", failures));
    }

    @AfterAll
    static void summary() {
        System.out.printf("interpreter vs kernel: %d programs, %d runs compared and equal, %d inputs the kernel did not run%n",
                programs.get(), compared.get(), notRunByKernel.get());
    }

    private static void check(Path source) throws IOException {
        KernelOracle kernel = OracleRequirement.kernel();
        String text = Files.readString(source);
        // CO-RE relocations are resolved by libbpf against the running kernel's BTF; the interpreter runs the
        // object's local values, so such a program is judged against clang-22 by ProgramsDifferentialTest only.
        if (text.contains("<bpf/bpf_core_read.h>")) {
            System.out.println(source.getFileName() + ": not run in the interpreter (CO-RE relocations)");
            return;
        }
        List<String> args = new ArrayList<>(Arrays.asList(
                ProgramsDifferentialTest.directive(text, "RUN-FLAGS", ProgramsDifferentialTest.DEFAULT_FLAGS).split("\\s+")));
        args.addAll(List.of("-idirafter", "/usr/include/x86_64-linux-gnu"));
        String extra = ProgramsDifferentialTest.directive(text, "JBPFC-FLAGS", "");
        if (!extra.isBlank()) args.addAll(Arrays.asList(extra.trim().split("\\s+")));
        Path dir = Path.of("target/interp-crosscheck");
        Files.createDirectories(dir);
        String name = source.getFileName().toString().replaceFirst("\\.c$", "");
        Path obj = dir.resolve(name + ".o").toAbsolutePath();
        args.addAll(List.of("-c", source.toString(), "-o", obj.toString()));
        InProcessJbpfc.succeed("jbpfc failed on " + source + ":\n", args);
        byte[] elf = Files.readAllBytes(obj);

        int inputs = Integer.getInteger("interp.inputs", INPUTS);
        int ran = 0;
        for (RunInput in : PacketGenerator.frames(ProgramsDifferentialTest.seed(name), inputs)) {
            RunResult k = kernel.run(obj, ProgramsDifferentialTest.PROGRAM, in);
            if (!k.ran()) {
                notRunByKernel.incrementAndGet();
                continue;
            }
            RunResult i = ProgramRunner.run(elf, ProgramsDifferentialTest.PROGRAM, in);
            String d = RunComparison.difference(k, i);
            if (d != null) fail(name + ", frame " + dev.jbpfc.testsuite.oracle.Hex.of(in.dataIn()) + ": " + d);
            ran++;
            compared.incrementAndGet();
        }
        assertTrue(ran > 0, "the kernel ran " + name + " on none of the inputs");
        programs.incrementAndGet();
    }
}
