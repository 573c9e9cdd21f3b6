package dev.jbpfc.ir;

import dev.jbpfc.ir.pass.LoopLowering;
import dev.jbpfc.ir.pass.PassPipeline;
import dev.jbpfc.ir.text.IrParser;
import dev.jbpfc.ir.text.IrPrinter;

import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The differential harness of the loop lowerings' tests: a function run in the IR interpreter before and after a
 * pipeline that lowers its loops (the pass alone after mem2reg, -O2 and -O1 with the lowering forced) must return
 * the same on every input. The lowering's tests differ only in the mode, in how the lowered form shows in the IR
 * text, and in the interpreter's model of the kernel's side (the iterator kfuncs, the bpf_loop helper).
 */
final class LoweringDifferential {
    private static final long[] INPUTS = {0, 1, -1, 7, 64, 255, Long.MIN_VALUE, Long.MAX_VALUE, 0x80000000L, -123456789L};

    /** Runs function {@code fn} of module {@code m} on {@code args}: its result as text, or "trap: ...". */
    interface Runner {
        String run(Module m, String fn, List<Object> args);
    }

    private final LoopLowering.Mode mode;
    private final String loweredMark;
    private final Runner run;

    /** {@code loweredMark}: text the printed IR contains once a loop was lowered. */
    LoweringDifferential(LoopLowering.Mode mode, String loweredMark, Runner run) {
        this.mode = mode;
        this.loweredMark = loweredMark;
        this.run = run;
    }

    /** Runs {@code fn} before and after each pipeline; returns 1 when a pipeline lowered a loop. */
    int compare(String name, String text, String fn, int arity) {
        Module original = IrParser.parse(name, text);
        int lowered = 0;
        String passAlone = "mem2reg,loop-lowering=" + mode.name().toLowerCase().replace('_', '-');
        for (String pipeline : List.of(passAlone, "-O2", "-O1")) {
            Module opt = IrParser.parse(name, text);
            PassPipeline p = pipeline.startsWith("-O")
                    ? PassPipeline.forLevel(pipeline).loopLowering(mode) : PassPipeline.of(pipeline);
            try {
                p.verifyEach(true).run(opt);
            } catch (IllegalStateException e) {
                fail(name + ", " + pipeline + ": " + e.getMessage() + "\n--- input ---\n" + text);
            }
            if (IrPrinter.print(opt).contains(loweredMark)) lowered = 1;
            for (long a : INPUTS) {
                long b = INPUTS[(int) Math.floorMod(a * 31 + name.hashCode(), INPUTS.length)];
                List<Object> args = arity == 1 ? List.of(a) : List.of(a, b);
                String want = run.run(original, fn, args), got = run.run(opt, fn, args);
                if (!want.equals(got)) {
                    fail(name + ", " + pipeline + ", " + fn + args + ": expected " + want + ", got " + got
                            + "\n--- input ---\n" + text + "\n--- optimised ---\n" + IrPrinter.print(opt));
                }
            }
        }
        return lowered;
    }
}
