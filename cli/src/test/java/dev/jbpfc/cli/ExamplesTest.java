package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.DifferentialRun;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.ObjectVerdicts;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.PacketGenerator;
import dev.jbpfc.testsuite.oracle.Verdict;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code examples/*.bpf.c} compiles with jbpfc (in process) and every program in it passes the kernel
 * verifier. Where clang-22 compiles the example too (all but seven_args.bpf.c, whose seven-argument call clang
 * refuses), the packet programs (XDP, tc, socket filter) of both objects run on 20 seeded frames and must agree on
 * return value, packet and maps. vmlinux.h is generated once into target/examples from the running kernel's BTF.
 */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("../examples");
    static final Path OUT = Path.of("target/examples").toAbsolutePath();
    static final Set<String> CLANG_REFUSES = Set.of("seven_args.bpf.c");
    static final Set<String> PACKET_TYPES = Set.of("xdp", "sched_cls", "socket_filter");

    @TestFactory
    Stream<DynamicTest> everyExampleCompilesVerifiesAndAgreesWithClang() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".bpf.c")).sorted().toList();
        }
        assertEquals(6, files.size(), "examples/*.bpf.c");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    static synchronized void vmlinuxHeader() throws IOException, InterruptedException {
        Path h = OUT.resolve("vmlinux.h");
        if (Files.isRegularFile(h) && Files.size(h) > 0) return;
        String bpftool = OracleRequirement.bpftool();
        Files.createDirectories(OUT);
        Path tmp = OUT.resolve("vmlinux.h.tmp");
        Process p = new ProcessBuilder(bpftool, "btf", "dump", "file", "/sys/kernel/btf/vmlinux", "format", "c")
                .redirectOutput(tmp.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            OracleRequirement.missing("bpftool btf dump of /sys/kernel/btf/vmlinux failed");
        }
        Files.move(tmp, h, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static List<String> flags() {
        return List.of("-O2", "-g", "--target=bpf", "-mcpu=v3", "-D__TARGET_ARCH_x86", "-I", OUT.toString(),
                "-idirafter", "/usr/include/x86_64-linux-gnu");
    }

    private static void check(Path source) throws Exception {
        KernelOracle kernel = OracleRequirement.kernel();
        vmlinuxHeader();
        String name = source.getFileName().toString();
        Path obj = OUT.resolve(name.replaceFirst("\\.c$", ".jbpfc.o"));
        List<String> args = new ArrayList<>(flags());
        args.addAll(List.of("-c", source.toString(), "-o", obj.toString()));
        InProcessJbpfc.succeed("jbpfc failed on " + name + ":\n", args);

        ObjectVerdicts all = kernel.verifyAll(obj);
        assertEquals("", all.openError(), "libbpf cannot open jbpfc's " + name);
        assertFalse(all.programs().isEmpty(), "no programs in jbpfc's " + name);
        for (Verdict v : all.programs()) {
            assertTrue(v.verified(), name + ": the kernel rejects " + v.program() + ": " + v.reason() + "\n" + v.logText());
        }

        ClangReference clang = OracleRequirement.clang();
        ClangResult ref = clang.compile(source, flags());
        if (CLANG_REFUSES.contains(name)) {
            assertFalse(ref.ok(), "clang-22 was expected to refuse " + name);
            return;
        }
        assertTrue(ref.ok(), "clang-22 cannot compile " + name + ":\n" + ref.diagnostics());
        for (Verdict v : all.programs()) {
            if (!PACKET_TYPES.contains(v.type())) continue;
            Optional<DifferentialRun.Mismatch> m = DifferentialRun.firstMismatch(kernel, ref.object(), obj,
                    v.program(), PacketGenerator.frames(ProgramsDifferentialTest.seed(name), 20));
            if (m.isPresent()) fail(name + " " + v.program() + " (clang-22 vs jbpfc): " + m.get());
        }
    }
}
