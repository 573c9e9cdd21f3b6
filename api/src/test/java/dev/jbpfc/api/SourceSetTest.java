package dev.jbpfc.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In-memory sources and headers: include lookup in the virtual tree, isolation from the disk, diagnostics as values. */
class SourceSetTest {
    private final BpfCompiler compiler = new BpfCompiler();

    private static SourceSet program(String headerText) {
        return SourceSet.builder().isolated(true)
                .add("src/prog.c", """
                        #include "../include/defs.h"
                        #include <limits.h>
                        __attribute__((section("xdp"), used)) int prog(void *ctx) { return ANSWER + (INT_MAX > 0); }
                        char LICENSE[] __attribute__((section("license"), used)) = "GPL";
                        """)
                .add("include/defs.h", headerText)
                .build();
    }

    @Test
    void headersComeFromTheTreeAndTheDiskIsNotRead() {
        CompileOptions ir = CompileOptions.builder().output(CompileOptions.Output.IR).optLevel("2").build();
        CompileResult r = compiler.compile(ir, program("#define ANSWER 41\n"), "src/prog.c");
        assertTrue(r.success(), r.renderedDiagnostics());
        assertTrue(r.ir().contains("42"), "ANSWER + 1 folded to 42:\n" + r.ir());
        assertEquals(List.of(new Dependency("src/prog.c", false), new Dependency("src/../include/defs.h", false)),
                r.dependencies(), "limits.h is jbpfc's own: not a file");
        CompileResult other = compiler.compile(ir, program("#define ANSWER 6\n"), "src/prog.c");
        assertTrue(other.ir().contains("7") && !other.ir().contains("42"), other.ir());

        // An isolated tree does not fall through to the disk, where this test's own sources are.
        CompileResult missing = compiler.compile(ir, program("#include \"src/test/java/dev/jbpfc/api/SourceSetTest.java\"\n"),
                "src/prog.c");
        assertFalse(missing.success());
        Diagnostic d = missing.diagnostics().get(0);
        assertEquals(Diagnostic.Severity.FATAL, d.severity());
        assertEquals("src/../include/defs.h", d.file());
        assertEquals(1, d.line());
        assertEquals(10, d.column());
        assertTrue(d.message().contains("file not found"), d.message());
        assertTrue(d.rendered().startsWith("src/../include/defs.h:1:10: fatal error: "), d.rendered());
        assertTrue(d.rendered().contains("    1 | #include"), "the source line and caret, as clang prints them:\n" + d.rendered());
    }

    @Test
    void diagnosticsAreValuesAndAlsoReachTheListenerAsTheyCome() {
        SourceSet bad = SourceSet.builder().isolated(true)
                .add("bad.c", "int f(void) {\n  int unused;\n  return x;\n}\n").build();
        List<Diagnostic> seen = new java.util.ArrayList<>();
        CompileResult r = compiler.compile(CompileOptions.builder().build(), bad, "bad.c", seen::add);
        assertFalse(r.success());
        assertEquals(1, r.errorCount());
        assertEquals(r.diagnostics(), seen);
        Diagnostic e = r.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
        assertEquals("bad.c", e.file());
        assertEquals(3, e.line());
        assertEquals(10, e.column());
        assertEquals("use of undeclared identifier 'x'", e.message());
        assertEquals("bad.c:3:10: error: use of undeclared identifier 'x'", e.toString());
        assertNull(r.object());
    }

    @Test
    void pathsAreNormalisedAndContentsDecideTheFingerprint() {
        assertEquals("a/b/c.h", SourceSet.normalize("./a/x/../b//c.h"));
        assertEquals("/usr/include/x.h", SourceSet.normalize("/usr/include/../include/./x.h"));
        assertEquals("../x.h", SourceSet.normalize("../x.h"));
        assertEquals(program("1").tree().fingerprint(), program("1").tree().fingerprint());
        assertFalse(program("1").tree().fingerprint().equals(program("2").tree().fingerprint()));
        assertEquals("", SourceSet.disk().tree().fingerprint());
    }

    @Test
    void everyOutputKind() {
        SourceSet s = program("#define ANSWER 1\n");
        for (CompileOptions.Output o : CompileOptions.Output.values()) {
            CompileResult r = compiler.compile(CompileOptions.builder().output(o).build(), s, "src/prog.c");
            assertTrue(r.success(), o + ": " + r.renderedDiagnostics());
            assertEquals(o == CompileOptions.Output.OBJECT, r.object() != null, o + " object");
            assertEquals(o == CompileOptions.Output.ASSEMBLY, r.assembly() != null, o + " assembly");
            assertEquals(o == CompileOptions.Output.IR, r.ir() != null, o + " IR");
            assertEquals(o == CompileOptions.Output.PREPROCESSED, r.preprocessed() != null, o + " -E");
            assertNotNull(r.dependencies(), o + " dependencies");
        }
        ObjectMetadata m = ObjectMetadata.of("prog.o", compiler.compile(CompileOptions.builder().build(), s, "src/prog.c").object());
        assertEquals("{\"object\":\"prog.o\",\"programs\":[{\"name\":\"prog\",\"section\":\"xdp\"}],\"maps\":[]}", m.toJson());
    }

    @Test
    void badOptionsAreRefusedWhenBuilt() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CompileOptions.builder().cpu("v9"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> CompileOptions.builder().optLevel("4"));
        assertEquals(4, CompileOptions.builder().cpu("probe").build().cpuVersion());
        assertEquals(CompileOptions.Language.ASSEMBLER_WITH_CPP, CompileOptions.builder().build().languageOf("x.S"));
        assertEquals(Path.of("i"), CompileOptions.builder().includeDir(Path.of("i")).build().toBuilder().build().includeDirs().get(0));
    }
}
