package dev.jbpfc.backend;

import dev.jbpfc.backend.elf.ElfObjectWriter;
import dev.jbpfc.backend.elf.ObjectFile;
import dev.jbpfc.backend.emit.AsmPrinter;
import dev.jbpfc.backend.emit.EncodedFunction;
import dev.jbpfc.backend.emit.ObjectEmitter;
import dev.jbpfc.ir.Module;
import dev.jbpfc.timing.StageTimes;

import java.util.List;

/**
 * The driver's entry to the backend: an optimised IR module in, a BPF ELF object (or its {@code -S} text) out.
 * Errors are {@link dev.jbpfc.diag.CompileError}s worded for the user.
 * <pre>
 *   byte[] elf = BpfBackend.compile(module, new BackendOptions(CpuVersion.V3, true, "prog.c"), btfSections);
 *   String asm = BpfBackend.assemble(module, BackendOptions.of(CpuVersion.V3));
 * </pre>
 */
public final class BpfBackend {
    private BpfBackend() {}

    /** The relocatable object; {@code btf} may be null (no .BTF / .BTF.ext, and then no CO-RE). */
    public static byte[] compile(Module module, BackendOptions options, BtfSections btf) {
        return compile(module, options, btf, null);
    }

    /** One loop of the output: the hint it got, or why none (for -Rpass-missed=loop-hints and loop-report). */
    public record LoopReport(String function, dev.jbpfc.ir.DebugLoc loc, dev.jbpfc.loophints.LoopHint hint, String reason) {}

    /**
     * The object, adding every loop of every function to {@code loops} (may be null). Hints travel in .BTF, so
     * without {@code btf} a loop built to a template is reported without its hint.
     */
    public static byte[] compile(Module module, BackendOptions options, BtfSections btf, List<LoopReport> loops) {
        return compile(module, options, btf, loops, StageTimes.NONE);
    }

    /** {@link #compile(Module, BackendOptions, BtfSections, List)}, adding each stage's CPU time to {@code times}. */
    public static byte[] compile(Module module, BackendOptions options, BtfSections btf, List<LoopReport> loops,
            StageTimes times) {
        List<EncodedFunction> functions = BackendPipeline.run(module, options, btf, times);
        if (loops != null) {
            for (EncodedFunction f : functions) {
                for (EncodedFunction.LoopOutcome o : f.loopOutcomes) {
                    if (o.hint() != null && (btf == null || f.btfFuncId == 0)) {
                        loops.add(new LoopReport(f.name, o.loc(), null, "no .BTF to carry the hint (compile with -g)"));
                    } else {
                        loops.add(new LoopReport(f.name, o.loc(), o.hint(), o.reason()));
                    }
                }
            }
        }
        long t = times.start();
        byte[] elf = ElfObjectWriter.write(ObjectEmitter.run(module, functions, btf, options.debugInfo(), options.sourceName()));
        times.stop("object", t);
        return elf;
    }

    /** The object before it is laid out as bytes (for tests and tools that inspect it). */
    public static ObjectFile object(Module module, BackendOptions options, BtfSections btf) {
        List<EncodedFunction> functions = BackendPipeline.run(module, options, btf);
        return ObjectEmitter.run(module, functions, btf, options.debugInfo(), options.sourceName());
    }

    /** Assembly text in clang -S's syntax. */
    public static String assemble(Module module, BackendOptions options) { return assemble(module, options, null); }

    /** Assembly text; {@code btf} (may be null) supplies the local values of CO-RE relocated constants. */
    public static String assemble(Module module, BackendOptions options, BtfSections btf) {
        List<EncodedFunction> functions = BackendPipeline.run(module, options, btf);
        return AsmPrinter.print(module, functions, options);
    }

    /**
     * Assembly text that holds the whole object {@link #compile} writes for the same arguments: the code and data
     * of {@link #assemble}, then the object's .BTF and .BTF.ext as bytes with their relocations
     * ({@link AsmPrinter#printMetadata}), so that assembling the text gives the object back byte for byte.
     */
    public static String assembleObject(Module module, BackendOptions options, BtfSections btf) {
        List<EncodedFunction> functions = BackendPipeline.run(module, options, btf);
        ObjectFile object = ObjectEmitter.run(module, functions, btf, options.debugInfo(), options.sourceName());
        return AsmPrinter.print(module, functions, options, true) + AsmPrinter.printMetadata(object);
    }
}
