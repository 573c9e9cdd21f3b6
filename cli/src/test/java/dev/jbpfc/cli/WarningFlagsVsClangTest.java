package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The command line's -W flags, -pedantic and -pedantic-errors set each warning's state as clang-22's do: for a file
 * with two warnings, jbpfc reports the same lines with the same severities (error, warning or nothing) and exits
 * with the same status as clang-22 under the same flags; so does a file with -Wint-conversion, an error by default
 * that the flags can drop or make a warning. Columns and the summary line are not compared (jbpfc's
 * caret for -Wpointer-sign is on the initializer, clang's on the declarator).
 */
class WarningFlagsVsClangTest {
    private static final Path TWO_WARNINGS = Path.of("src/test/resources/warnings/two_warnings.c").toAbsolutePath();
    private static final Path INT_CONVERSION = Path.of("src/test/resources/warnings/int_conversion.c").toAbsolutePath();
    private static final Pattern DIAGNOSTIC = Pattern.compile("(?m)^[^:\\n]*\\.c:(\\d+):\\d+: (error|warning): ");

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "-Werror",
            "-Werror -Wno-gnu-folding-constant",
            "-Werror -Wno-error=pointer-sign",
            "-Werror=pointer-sign",
            "-Werror=gnu",
            "-Wno-pointer-sign -Wpointer-sign",
            "-Wno-gnu",
            "-Wno-gnu -Wgnu-folding-constant",
            "-Werror -Wno-error",
            "-Wno-error -Werror",
            "-Werror=pointer-sign -Wno-pointer-sign",
            "-Werror=pointer-sign -Wpointer-sign",
            "-Werror=gnu-folding-constant -Wgnu",
            "-pedantic",
            "-Wpedantic",
            "-pedantic-errors",
            "-pedantic-errors -Wno-error=pointer-sign",
            "-w -Werror=pointer-sign",
    })
    void twoWarningsAsClang(String flags) throws Exception {
        List<String> clangs = compareWithClang(TWO_WARNINGS, flags);
        if (flags.isEmpty()) {
            // what the comparisons stand on: clang-22's two warnings, read by the pattern
            assertEquals(List.of("5 warning", "10 warning"), clangs);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-Wno-int-conversion", "-Wno-error=int-conversion", "-Werror -Wno-error=int-conversion",
            "-w", "-Wno-conversion", "-Wint-conversion", "-Wno-int-conversion -Wint-conversion",
            "-Wno-int-conversion -Werror=int-conversion"})
    void errorByDefaultAsClang(String flags) throws Exception {
        List<String> clangs = compareWithClang(INT_CONVERSION, flags);
        if (flags.isEmpty()) assertEquals(List.of("5 error"), clangs);
    }

    /** Compiles {@code source} with both compilers and {@code flags}, compares; returns clang-22's diagnostics. */
    private static List<String> compareWithClang(Path source, String flags) throws Exception {
        ClangReference clang = OracleRequirement.clang();
        List<String> extra = flags.isEmpty() ? List.of() : Arrays.asList(flags.split(" "));
        Path out = Path.of("target/warning-flags").toAbsolutePath();
        Files.createDirectories(out);

        List<String> clangArgs = new ArrayList<>(List.of(clang.executable(), "--target=bpf", "-O2", "-c",
                source.toString(), "-o", out.resolve("clang.o").toString()));
        clangArgs.addAll(extra);
        Process p = new ProcessBuilder(clangArgs).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String clangStderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        int clangStatus = p.waitFor();

        List<String> ours = new ArrayList<>(List.of("--target=bpf", "-O2", "-c", source.toString(), "-o",
                out.resolve("jbpfc.o").toString()));
        ours.addAll(extra);
        InProcessJbpfc r = InProcessJbpfc.run(ours);

        assertEquals(lineSeverities(clangStderr), lineSeverities(r.stderr()),
                flags + ": clang-22:\n" + clangStderr + "\njbpfc:\n" + r.stderr());
        assertEquals(clangStatus != 0, r.status() != 0, flags + ": exit status; jbpfc:\n" + r.stderr());
        return lineSeverities(clangStderr);
    }

    /** "line severity" of each diagnostic in the file, in order. */
    private static List<String> lineSeverities(String stderr) {
        List<String> out = new ArrayList<>();
        Matcher m = DIAGNOSTIC.matcher(stderr);
        while (m.find()) out.add(m.group(1) + " " + m.group(2));
        return out;
    }
}
