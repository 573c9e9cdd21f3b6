package dev.jbpfc.backend.emit;

import dev.jbpfc.backend.BackendOptions;
import dev.jbpfc.backend.BpfBackend;
import dev.jbpfc.isa.BpfDisassembler;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.backend.testing.ExternalTools;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.text.IrParser;
import dev.jbpfc.loophints.object.BpfObjectFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A conditional jump across a function of more than 100,000 instructions: gotol at v4, an error below. */
class BranchRelaxationTest {
    static final int BODY = 100_500;

    @TempDir Path tmp;

    public static String bigFunction() {
        StringBuilder ir = new StringBuilder();
        ir.append("global global @LICENSE size 4 align 1 section \"license\" data \"GPL\\00\"\n");
        ir.append("define global i32 @prog(ptr %ctx) section \"xdp\" {\nentry:\n");
        // xdp_md.rx_queue_index (offset 16): a scalar the verifier knows nothing about.
        ir.append("  %q = ptradd %ctx, 16\n");
        ir.append("  %x = load i32 %q, align 4\n");
        ir.append("  %c = cmp eq i32 %x, %x\n");
        ir.append("  condbr i1 %c, far, body\nbody:\n");
        String prev = "%x";
        for (int k = 0; k < BODY; k++) {
            ir.append("  %v").append(k).append(" = add i32 ").append(prev).append(", ").append(k % 7 + 1).append('\n');
            prev = "%v" + k;
        }
        ir.append("  ret i32 ").append(prev).append("\nfar:\n  ret i32 1\n}\n");
        return ir.toString();
    }

    @Test
    void farJumpBecomesGotolAtV4() throws Exception {
        String text = bigFunction();
        Module m = IrParser.parse("big.ir", text);
        byte[] elf = BpfBackend.compile(m, BackendOptions.of(CpuVersion.V4), null);
        BpfObjectFile parsed = BpfObjectFile.parse(elf);
        List<BpfInsn> code = BpfDisassembler.disassemble(parsed.contents(parsed.section("xdp").orElseThrow()));
        assertTrue(code.size() > BODY, "expected more than " + BODY + " instructions, got " + code.size());
        int gotol = -1;
        for (int k = 0; k < 10; k++) if (code.get(k).op == BpfOp.GOTOL) gotol = k;
        assertTrue(gotol > 0, "no gotol near the start: " + code.subList(0, 10));
        // Its target is the "far" block: r0 = 1; exit, at the end.
        int slot = 0;
        for (int k = 0; k <= gotol; k++) slot += code.get(k).slots();
        int targetSlot = slot + code.get(gotol).imm;
        int total = 0;
        for (BpfInsn i : code) total += i.slots();
        assertEquals(total - 2, targetSlot, "gotol lands on the far block");

        String bpftool = ExternalTools.require("bpftool");
        if (!ExternalTools.isRoot()) ExternalTools.missing("loading BPF programs needs root");
        Path object = tmp.resolve("big.o");
        Files.write(object, elf);
        assertEquals(1, ExternalTools.loadAndRunProg(bpftool, object, "big", () -> "the 100,500-instruction program"));
    }

    @Test
    void farJumpBelowV4IsAnError() {
        Module m = IrParser.parse("big.ir", bigFunction());
        CompileError e = assertThrows(CompileError.class, () -> BpfBackend.compile(m, BackendOptions.of(CpuVersion.V3), null));
        assertTrue(e.getMessage().contains("-mcpu=v4"), e.getMessage());
        assertTrue(e.getMessage().contains("'prog'"), e.getMessage());
    }
}
