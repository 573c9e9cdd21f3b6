package dev.jbpfc.backend.isel;

import dev.jbpfc.backend.BackendOptions;
import dev.jbpfc.backend.BpfBackend;
import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.text.IrParser;
import dev.jbpfc.source.SourceFile;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Backend errors point at the C source line when the frontend attached the file's text to the module. */
class DiagnosticLocationTest {
    @Test
    void sdivBelowV4PointsAtTheDivision() {
        String ir = String.join("\n",
                "file 0 \"t.c\"",
                "define global i32 @f(i32 %a, i32 %b) section \"tc\" {",
                "entry:",
                "  %q = sdiv i32 %a, %b !loc 0:2:14",
                "  ret i32 %q",
                "}", "");
        Module m = IrParser.parse("t.ir", ir);
        m.addFile(new SourceFile("t.c", "int f(int a, int b) {\n    return a / b;\n}\n"));
        CompileError e = assertThrows(CompileError.class, () -> BpfBackend.compile(m, BackendOptions.of(CpuVersion.V3), null));
        assertNotNull(e.location());
        assertEquals(2, e.location().line());
        assertEquals(14, e.location().column());
    }
}
