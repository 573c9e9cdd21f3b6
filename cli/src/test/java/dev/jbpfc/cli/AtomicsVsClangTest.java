package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The atomic builtins against clang-22: {@code atomics/rmw_v3.c} compiled by both at {@code -O2 -mcpu=v3 -S}
 * gives, function by function, the same atomic instructions (lock form or fetch form, operation, width), the
 * registers aside. The run-time half (values, in the kernel) is {@code programs/atomic_builtins.c} and
 * {@code programs/atomic_load_store_v4.c} in {@link ProgramsDifferentialTest}.
 */
class AtomicsVsClangTest {
    private static final Path DIR = Path.of("src/test/resources/atomics");
    private static final Path OUT = Path.of("target/atomics").toAbsolutePath();
    private static final List<String> FLAGS = List.of("--target=bpf", "-O2", "-mcpu=v3", "-S");

    @Test
    void sameAtomicInstructionsAsClang() throws IOException {
        compareWithClang("rmw_v3.c", List.of(), 100);
    }

    @Test
    void sameLoadAcquireAndStoreReleaseAsClangAtV4() throws IOException {
        compareWithClang("load_store_v4.c", List.of("-mcpu=v4"), 8);
    }

    private static void compareWithClang(String file, List<String> extra, int atLeast) throws IOException {
        String clang = OracleRequirement.clang().executable();
        Files.createDirectories(OUT);
        Path src = DIR.resolve(file);
        Path clangOut = OUT.resolve(file + ".clang.s");
        List<String> argv = new ArrayList<>(List.of(clang));
        argv.addAll(FLAGS);
        argv.addAll(extra);
        argv.addAll(List.of(src.toString(), "-o", clangOut.toString()));
        CommandResult r = Command.run(argv, null, Duration.ofSeconds(120));
        assertEquals(0, r.exitCode(), r.stderr());
        boolean plain = !extra.isEmpty();
        Map<String, List<String>> want = atomics(Files.readString(clangOut), plain);
        Map<String, List<String>> got = atomics(jbpfc(src, extra), plain);
        assertTrue(want.size() > atLeast, "functions read from clang's output: " + want.keySet());
        assertEquals(want.keySet(), got.keySet());
        for (String f : want.keySet()) assertEquals(want.get(f), got.get(f), f);
    }

    @Test
    void relaxedValueIsTheOldValue() throws IOException {
        Map<String, List<String>> got = atomics(jbpfc(DIR.resolve("relaxed_value.c")));
        assertEquals(List.of("rX = atomic_fetch_add((u64 *)(rX + 0), rX)"), got.get("fetch_add_relaxed"));
        assertEquals(List.of("wX = atomic_fetch_xor((u32 *)(rX + 0), wX)"), got.get("fetch_xor_relaxed32"));
        assertEquals(List.of("rX = atomic_fetch_add((u64 *)(rX + 0), rX)"), got.get("add_fetch_relaxed"));
    }

    private static String jbpfc(Path src) throws IOException { return jbpfc(src, List.of()); }

    private static String jbpfc(Path src, List<String> extra) throws IOException {
        Files.createDirectories(OUT);
        Path out = OUT.resolve(src.getFileName() + ".jbpfc.s");
        List<String> argv = new ArrayList<>(FLAGS);
        argv.addAll(extra);
        argv.addAll(List.of(src.toString(), "-o", out.toString()));
        InProcessJbpfc.succeed("", argv);
        return Files.readString(out);
    }

    /** Each function's atomic instructions in order, registers written rX / wX. */
    static Map<String, List<String>> atomics(String asm) { return atomics(asm, false); }

    /** With {@code plain}, ordinary loads and stores count too (a relaxed __atomic_load_n is one). */
    static Map<String, List<String>> atomics(String asm, boolean plain) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : asm.split("\n")) {
            String code = line.replaceAll("\\s*#.*", "");
            if (code.matches("[A-Za-z_]\\w*:")) {
                current = new ArrayList<>();
                out.put(code.substring(0, code.length() - 1), current);
            } else if (current != null && (code.contains("lock ") || code.contains("atomic_") || code.contains("xchg")
                    || code.contains("_acquire") || code.contains("_release") || plain && code.matches(".*\\*\\(u\\d+ \\*\\).*"))) {
                current.add(code.trim().replaceAll("\\br\\d+\\b", "rX").replaceAll("\\bw\\d+\\b", "wX"));
            }
        }
        return out;
    }
}
