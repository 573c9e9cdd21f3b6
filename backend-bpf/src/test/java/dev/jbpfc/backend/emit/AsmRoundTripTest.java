package dev.jbpfc.backend.emit;

import dev.jbpfc.backend.BackendOptions;
import dev.jbpfc.backend.BpfBackend;
import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.backend.testing.ExternalTools;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.text.IrParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The -S printer against clang's assembler, and the object against LLVM's tools: for every run test program,
 * our -S text assembled by clang-22 must disassemble (llvm-objdump-22 -dr: instructions and relocations) exactly
 * like the object jbpfc writes directly, and llvm-readelf-22 must read our object without a warning.
 */
class AsmRoundTripTest {
    @TempDir Path tmp;

    @Test
    void clangAssemblesOurAssemblyIntoOurObject() throws Exception {
        String clang = ExternalTools.require("clang-22");
        String objdump = ExternalTools.require("llvm-objdump-22");
        String readelf = ExternalTools.require("llvm-readelf-22");
        Path dir = Path.of(getClass().getResource("/run").toURI());
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.toString().endsWith(".ir")).sorted().forEach(files::add);
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            for (CpuVersion cpu : new CpuVersion[] {CpuVersion.V1, CpuVersion.V3, CpuVersion.V4}) {
                String text = Files.readString(file);
                if (text.contains("; RUN: -mcpu=v2") && cpu == CpuVersion.V1) continue;
                String name = file.getFileName() + "." + cpu.spelling();
                Module m = IrParser.parse(name, text);
                String asm;
                try {
                    asm = BpfBackend.assemble(m, BackendOptions.of(cpu));
                } catch (dev.jbpfc.diag.CompileError e) {
                    continue; // this program needs a newer cpu
                }
                Path s = tmp.resolve(name + ".s");
                Files.writeString(s, asm);
                Path viaClang = tmp.resolve(name + ".clang.o");
                ExternalTools.runOk(clang, "--target=bpf", "-mcpu=" + cpu.spelling(), "-c", s.toString(), "-o", viaClang.toString());
                Path ours = tmp.resolve(name + ".o");
                Files.write(ours, BpfBackend.compile(IrParser.parse(name, text), BackendOptions.of(cpu), null));
                ExternalTools.Result re = ExternalTools.runOk(readelf, "-a", ours.toString());
                assertEquals("", re.stderr, "llvm-readelf-22 warns about " + name);
                String expected = code(ExternalTools.runOk(objdump, "-dr", viaClang.toString()).stdout);
                String actual = code(ExternalTools.runOk(objdump, "-dr", ours.toString()).stdout);
                assertEquals(expected, actual, name + ": clang's assembly of our -S differs from our object\n" + asm);
            }
        }
    }

    /**
     * objdump output without the file-name line, blank lines and jump annotations: clang's assembler keeps the
     * LBB labels of assembly text as local symbols, which objdump then prints as block headers.
     */
    private static String code(String dump) {
        StringBuilder sb = new StringBuilder();
        for (String line : dump.split("\n")) {
            if (line.contains("file format") || line.isBlank() || line.matches("^[0-9a-f]+ <LBB.*>:$")) continue;
            sb.append(line.replaceAll(" <[^ <>]*>$", "")).append('\n');
        }
        return sb.toString();
    }
}
