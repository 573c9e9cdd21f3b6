package dev.jbpfc.frontend.sema;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.types.ClangOracle;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vmlinux layout criterion: every struct/union size and member offset of the running kernel's BTF that clang-22
 * accepts on bpftool's vmlinux.h (about 65,000 {@code _Static_assert}s, see {@link VmlinuxLayoutAsserts}) must hold
 * for jbpfc too: the file is preprocessed, parsed and analyzed by jbpfc, whose sema evaluates each assertion with
 * its own {@code RecordLayout}. One deliberately false assertion (the canary) proves the assertions are evaluated.
 */
class VmlinuxLayoutTest {
    @Test
    void everyVmlinuxLayoutMatchesClang() throws IOException {
        ClangOracle.requireFile(VmlinuxLayoutAsserts.BTF);
        ClangOracle.require("bpftool", "version");
        ClangOracle.require("clang-22", "--version");
        Path dir = VmlinuxLayoutAsserts.generate(Path.of("target"));
        Path asserts = dir.resolve("layout-asserts.c");
        long count;
        try (var lines = Files.lines(asserts)) {
            count = lines.filter(l -> l.startsWith("_Static_assert")).count();
        }
        assertTrue(count > 20000, "only " + count + " layout assertions generated");
        Path check = dir.resolve("check.c");
        Files.writeString(check, "#include \"layout-asserts.c\"\n"
                + "_Static_assert(sizeof(struct task_struct) == 1, \"canary\");\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diagnostics diags = new Diagnostics(new PrintStream(out, true, StandardCharsets.UTF_8));
        diags.setErrorLimit(0);
        Frontend.analyze(check, List.of(dir), diags);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, diags.errorCount(), "jbpfc disagrees with clang on vmlinux layouts:\n" + firstLines(printed));
        assertTrue(printed.contains("static assertion failed due to requirement 'sizeof(struct task_struct) == 1': "
                + "canary"), printed);
    }

    private static String firstLines(String s) {
        String[] lines = s.split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(60, lines.length)));
    }
}
