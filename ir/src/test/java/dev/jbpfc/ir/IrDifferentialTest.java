package dev.jbpfc.ir;

import dev.jbpfc.ir.interp.IrInterpreter;
import dev.jbpfc.ir.pass.PassPipeline;
import dev.jbpfc.ir.text.IrParser;
import dev.jbpfc.ir.text.IrPrinter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random programs in lowering style ({@link RandomProgram}) are run by {@link IrInterpreter} before and
 * after each pipeline and each single pass, on a set of inputs: the results must agree, and the IR must verify
 * after every pass. The seed range is fixed so failures reproduce; {@code -Djbpfc.ir.fuzz=N} runs N programs.
 */
class IrDifferentialTest {
    private static final long[] INPUTS = {0, 1, -1, 7, 64, Long.MIN_VALUE, Long.MAX_VALUE, 0x80000000L, -123456789L};
    private static final List<String> PIPELINES = List.of("-O1", "-O2", "-Os", "mem2reg", "mem2reg,sccp",
            "mem2reg,constfold", "mem2reg,cse", "mem2reg,simplifycfg", "inline", "mem2reg,unroll", "mem2reg,dce",
            "mem2reg,licm", "mem2reg,jump-thread", "mem2reg,loop-rotate,licm");

    @Test
    void optimisedProgramsComputeTheSame() {
        int programs = Integer.getInteger("jbpfc.ir.fuzz", 150);
        for (long seed = 1; seed <= programs; seed++) {
            String text = RandomProgram.generate(seed);
            Module original = IrParser.parse("seed" + seed + ".ir", text);
            List<String> problems = IrVerifier.verify(original);
            assertTrue(problems.isEmpty(), () -> "generator made invalid IR:\n" + problems + "\n" + text);
            // plus one random order of passes per program, to catch passes that assume what ran before them
            java.util.Random order = new java.util.Random(seed * 7919);
            StringBuilder randomPipeline = new StringBuilder();
            for (int k = 0; k < 7; k++) {
                if (k > 0) randomPipeline.append(',');
                randomPipeline.append(PassPipeline.PASS_NAMES.get(order.nextInt(PassPipeline.PASS_NAMES.size())));
            }
            List<String> pipelines = new java.util.ArrayList<>(PIPELINES);
            pipelines.add(randomPipeline.toString());
            for (String pipeline : pipelines) {
                Module opt = IrParser.parse("seed" + seed + ".ir", text);
                PassPipeline p = pipeline.startsWith("-O") ? PassPipeline.forLevel(pipeline) : PassPipeline.of(pipeline);
                try {
                    p.verifyEach(true).run(opt);
                } catch (IllegalStateException e) {
                    fail("seed " + seed + ", " + pipeline + ": " + e.getMessage() + "\n--- input ---\n" + text);
                }
                for (long a : INPUTS) {
                    long b = INPUTS[(int) Math.floorMod(a * 31 + seed, INPUTS.length)];
                    Object want = run(original, a, b);
                    Object got = run(opt, a, b);
                    if (!String.valueOf(want).equals(String.valueOf(got))) {
                        fail("seed " + seed + ", " + pipeline + ", f(" + a + ", " + b + "): expected " + want + ", got " + got
                                + "\n--- input ---\n" + text + "\n--- optimised ---\n" + IrPrinter.print(opt));
                    }
                }
            }
        }
    }

    private static Object run(Module m, long a, long b) {
        IrInterpreter interp = new IrInterpreter(m, (call, args) -> { throw new IrInterpreter.Trap("no helpers"); }, 2_000_000);
        try {
            return interp.run("f", List.of(a, b));
        } catch (IrInterpreter.Trap t) {
            return "trap: " + t.getMessage();
        }
    }

    @Test
    void interpreterFollowsBpfDivisionRules() {
        Module m = IrParser.parse("d.ir", """
                define global i64 @f(i64 %a, i64 %b) section ".text" {
                entry:
                  %q = udiv i64 %a, %b
                  %r = urem i64 %a, %b
                  %s = add i64 %q, %r
                  ret i64 %s
                }
                """);
        assertEquals(7L, new IrInterpreter(m, null, 100).run("f", List.of(7L, 0L)));
        assertEquals(3L + 1L, new IrInterpreter(m, null, 100).run("f", List.of(7L, 2L)));
    }
}
