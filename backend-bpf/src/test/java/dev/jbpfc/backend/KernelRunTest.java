package dev.jbpfc.backend;

import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.backend.testing.ExternalTools;
import dev.jbpfc.ir.IrVerifier;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.text.IrParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The backend against the real verifier and interpreter/JIT: every {@code src/test/resources/run/*.ir} holds an
 * XDP program {@code @prog}; for each {@code ; RUN: -mcpu=vN} line it is compiled, loaded with
 * {@code bpftool prog loadall} (so the kernel verifier must accept it), run once with BPF_PROG_TEST_RUN on a
 * 64-byte zero packet ({@code bpftool prog run}), and its return value must equal {@code ; EXPECT: N}.
 * {@code ; IR-VERIFIER: skip (reason)} skips the IR verifier (for the >5-argument convention).
 * Pins live under /sys/fs/bpf/jbpfc-backend-run-PID-N and are removed afterwards.
 */
class KernelRunTest {
    private static final Pattern RUN = Pattern.compile("^; RUN: -mcpu=(v[1-4])( -floop-hints)?\\s*$", Pattern.MULTILINE);
    private static final Pattern EXPECT = Pattern.compile("^; EXPECT: (-?\\d+)\\s*$", Pattern.MULTILINE);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir Path tmp;

    @TestFactory
    Stream<DynamicTest> runFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass().getResource("/run").toURI());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".ir")).sorted().forEach(files::add);
        }
        assertFalse(files.isEmpty());
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> runFile(p)));
    }

    private void runFile(Path file) throws IOException {
        String bpftool = ExternalTools.require("bpftool");
        if (!ExternalTools.isRoot() || !Files.isDirectory(Path.of("/sys/fs/bpf"))) {
            ExternalTools.missing("loading BPF programs needs root and /sys/fs/bpf");
        }
        String text = Files.readString(file);
        Matcher e = EXPECT.matcher(text);
        assertTrue(e.find(), file + " has no EXPECT line");
        long expected = Long.parseLong(e.group(1));
        Matcher m = RUN.matcher(text);
        int runs = 0;
        while (m.find()) {
            runs++;
            String cpu = m.group(1);
            // -floop-hints: counted loops built to the loop-hint templates (off by default, as in jbpfc).
            BackendOptions options = new BackendOptions(CpuVersion.parse(cpu), false, "test.c", m.group(2) != null);
            Module module = IrParser.parse(file.getFileName().toString(), text);
            List<String> problems = IrVerifier.verify(module);
            // A file may opt out (with its reason) where the backend runs ahead of the IR verifier's limits.
            if (!problems.isEmpty() && !text.contains("\n; IR-VERIFIER: skip")) fail("invalid IR: " + problems);
            byte[] elf = BpfBackend.compile(module, options, null);
            Path object = tmp.resolve(file.getFileName() + "." + cpu + ".o");
            Files.write(object, elf);
            long got = ExternalTools.loadAndRunProg(bpftool, object, "run-" + COUNTER.incrementAndGet(),
                    () -> file.getFileName() + " -mcpu=" + cpu + "\n--- -S ---\n"
                            + BpfBackend.assemble(IrParser.parse("x", text), options));
            assertEquals(expected, got, file.getFileName() + " -mcpu=" + cpu);
        }
        if (runs == 0) fail(file + " has no RUN line");
    }

}
