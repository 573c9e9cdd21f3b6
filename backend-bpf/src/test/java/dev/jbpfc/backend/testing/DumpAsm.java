package dev.jbpfc.backend.testing;

import dev.jbpfc.backend.BackendOptions;
import dev.jbpfc.backend.BpfBackend;
import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.text.IrParser;

import java.nio.file.Files;
import java.nio.file.Path;

/** Developer tool: prints the -S output of an IR file ({@code DumpAsm file.ir v3 [out.o]}). */
public final class DumpAsm {
    public static void main(String[] args) throws Exception {
        Module m = IrParser.parse(args[0], Files.readString(Path.of(args[0])));
        BackendOptions o = new BackendOptions(CpuVersion.parse(args.length > 1 ? args[1] : "v3"), false, null);
        System.out.print(BpfBackend.assemble(m, o));
        if (args.length > 2) {
            m = IrParser.parse(args[0], Files.readString(Path.of(args[0])));
            Files.write(Path.of(args[2]), BpfBackend.compile(m, o, null));
        }
    }
}
