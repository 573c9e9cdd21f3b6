package dev.jbpfc.backend.emit;

import dev.jbpfc.backend.BackendOptions;
import dev.jbpfc.backend.BpfBackend;
import dev.jbpfc.backend.elf.ObjectFile;
import dev.jbpfc.backend.isa.CpuVersion;
import dev.jbpfc.ir.text.IrParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each function's symbol points at its own code: libbpf resolves calls to global subprograms through the
 * symbol's value, so a second function in .text whose symbol said 0 was silently replaced by the first
 * (found by the differential tester, seed 32).
 */
class FunctionSymbolTest {
    @Test
    void secondFunctionInTextHasItsOwnOffset() {
        String ir = """
                define static i32 @first() section ".text" noinline {
                entry:
                  ret i32 0
                }
                define global i64 @second(i32 %a) section ".text" noinline {
                entry:
                  ret i64 1
                }
                define global i32 @prog(ptr %ctx) section "xdp" {
                entry:
                  %x = call i32 @first()
                  %y = call i64 @second(i32 %x)
                  %z = trunc i64 %y to i32
                  ret i32 %z
                }
                """;
        ObjectFile o = BpfBackend.object(IrParser.parse("t.ir", ir), BackendOptions.of(CpuVersion.V3), null);
        assertEquals(0, o.find("first").value);
        assertEquals(16, o.find("second").value, "first is two instructions (w0 = 0; exit)");
    }
}
