package dev.jbpfc.testsuite.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clang-22 cache: keyed by source, flags and the content of every included file. */
class ClangReferenceTest {
    private static final List<String> FLAGS = List.of("-O2", "--target=bpf", "-mcpu=v3", "-g");

    @Test
    void secondCompileIsCachedAndAHeaderEditRecompiles(@TempDir Path dir) throws Exception {
        ClangReference clang = OracleRequirement.clang();
        Path header = dir.resolve("value.h");
        Path source = dir.resolve("prog.c");
        Files.writeString(header, "#define VALUE 1\n");
        Files.writeString(source, "#include \"value.h\"\n"
                + "__attribute__((section(\"xdp\"), used)) int prog(void *ctx) { return VALUE; }\n");

        ClangResult first = clang.compile(source, FLAGS);
        assertTrue(first.ok(), first::diagnostics);
        assertFalse(first.cached());
        byte[] firstObject = Files.readAllBytes(first.object());

        ClangResult again = clang.compile(source, FLAGS);
        assertTrue(again.cached(), "same source, flags and headers: no clang run");
        assertEquals(first.object(), again.object());
        assertEquals(first.compileMillis(), again.compileMillis(), "a hit reports the original compile time");

        Files.writeString(header, "#define VALUE 2\n");
        ClangResult edited = clang.compile(source, FLAGS);
        assertTrue(edited.ok(), edited::diagnostics);
        assertFalse(edited.cached(), "an edited header must recompile");
        assertFalse(java.util.Arrays.equals(firstObject, Files.readAllBytes(edited.object())),
                "the new object returns 2, not 1");

        ClangResult otherFlags = clang.compile(source, List.of("-O1", "--target=bpf", "-mcpu=v3", "-g"));
        assertFalse(otherFlags.cached(), "flags are part of the key");
    }

    @Test
    void errorsComeBackAsDiagnostics(@TempDir Path dir) throws Exception {
        ClangReference clang = OracleRequirement.clang();
        Path source = dir.resolve("broken.c");
        Files.writeString(source, "int f(void) { return undefined_name; }\n");
        ClangResult r = clang.compile(source, FLAGS);
        assertFalse(r.ok());
        assertTrue(r.diagnostics().contains("broken.c:1:") && r.diagnostics().contains("error:"), r::diagnostics);
    }

    @Test
    void makeDependencyRulesAreSplitLikeMakeDoes() {
        assertEquals(List.of("a.c", "/usr/include/b.h", "dir with space/c.h", "d.h"),
                ClangReference.parseDeps("a.o: a.c /usr/include/b.h \\\n  dir\\ with\\ space/c.h \\\n d.h\n"));
    }
}
