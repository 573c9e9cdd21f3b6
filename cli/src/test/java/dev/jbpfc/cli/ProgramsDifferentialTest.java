package dev.jbpfc.cli;

import dev.jbpfc.cli.InProcessJbpfc;
import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.DifferentialRun;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.PacketGenerator;
import dev.jbpfc.testsuite.oracle.RunInput;
import dev.jbpfc.testsuite.oracle.RunResult;
import dev.jbpfc.testsuite.oracle.Verdict;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The language-coverage programs in {@code src/test/resources/programs/*.c}: each is compiled with jbpfc (in
 * process) and with clang-22 using the same flags, both objects are loaded into the kernel, and program
 * {@code prog} of each runs on {@value #INPUTS} seeded Ethernet frames; return value, packet after the run and
 * every map's contents must be identical. A file may change its flags with a first-lines comment
 * {@code // RUN-FLAGS: -O2 -g --target=bpf -mcpu=v4}, and give jbpfc extra flags with {@code // JBPFC-FLAGS:}
 * (e.g. {@code -DMANY_ARGS}: the file then holds a variant clang cannot compile, such as calls with more than five
 * arguments, and an equivalent one for clang). The frames' seed is the CRC-32 of the file name, so a mismatch
 * replays. Programs in {@code programs/known-failing/} are not run; each says in its first line why.
 */
class ProgramsDifferentialTest {
    static final int INPUTS = 20;
    static final String DEFAULT_FLAGS = "-O2 -g --target=bpf -mcpu=v3";
    static final Path PROGRAMS = Path.of("src/test/resources/programs");
    static final Path OBJECTS = Path.of("target/programs");
    static final String PROGRAM = "prog";

    @TestFactory
    Stream<DynamicTest> everyProgramAgreesWithClang() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(PROGRAMS)) {
            files = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        assertTrue(files.size() >= 60, "expected at least 60 programs, found " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path source) throws IOException {
        KernelOracle kernel = OracleRequirement.kernel();
        ClangReference clang = OracleRequirement.clang();
        String text = Files.readString(source);
        List<String> flags = new ArrayList<>(Arrays.asList(directive(text, "RUN-FLAGS", DEFAULT_FLAGS).split("\\s+")));
        flags.addAll(List.of("-idirafter", "/usr/include/x86_64-linux-gnu"));

        ClangResult ref = clang.compile(source, flags);
        assertTrue(ref.ok(), "clang-22 cannot compile " + source + ":\n" + ref.diagnostics());

        Files.createDirectories(OBJECTS);
        String name = source.getFileName().toString().replaceFirst("\\.c$", "");
        Path obj = OBJECTS.resolve(name + ".o").toAbsolutePath();
        List<String> args = new ArrayList<>(flags);
        String extra = directive(text, "JBPFC-FLAGS", "");
        if (!extra.isBlank()) args.addAll(Arrays.asList(extra.trim().split("\\s+")));
        args.addAll(List.of("-c", source.toString(), "-o", obj.toString()));
        InProcessJbpfc.succeed("jbpfc failed on " + source + ":\n", args);

        Verdict rv = kernel.verify(ref.object(), PROGRAM);
        assertTrue(rv.verified(), "the kernel rejects clang-22's " + name + ": " + rv.reason());
        Verdict cv = kernel.verify(obj, PROGRAM);
        assertTrue(cv.verified(), "the kernel rejects jbpfc's " + name + ": " + cv.reason() + "\n" + cv.logText());

        List<RunInput> inputs = PacketGenerator.frames(seed(name), INPUTS);
        // Both objects "not running" on an input counts as agreement (e.g. a short IPv6 frame is invalid for
        // sched_cls), so the reference must run on at least one input for the comparison to mean anything.
        RunResult first = null;
        for (RunInput in : inputs) {
            first = kernel.run(ref.object(), PROGRAM, in);
            if (first.ran()) break;
        }
        assertTrue(first.ran(), "clang-22's " + name + " runs on none of the inputs: " + first.runError());
        Optional<DifferentialRun.Mismatch> m = DifferentialRun.firstMismatch(kernel, ref.object(), obj, PROGRAM, inputs);
        if (m.isPresent()) fail(name + " (clang-22 vs jbpfc): " + m.get());
    }

    static long seed(String name) {
        CRC32 c = new CRC32();
        c.update(name.getBytes(StandardCharsets.UTF_8));
        return c.getValue();
    }

    /** The value of a {@code // KEY: value} line among the file's leading comment lines, or the default. */
    static String directive(String text, String key, String dflt) {
        for (String line : text.lines().toList()) {
            if (!line.startsWith("//")) break;
            String body = line.substring(2).trim();
            if (body.startsWith(key + ":")) return body.substring(key.length() + 1).trim();
        }
        return dflt;
    }
}
