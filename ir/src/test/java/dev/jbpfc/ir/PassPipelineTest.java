package dev.jbpfc.ir;

import dev.jbpfc.ir.pass.PassPipeline;
import dev.jbpfc.ir.text.IrParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --print-after prints the module after the named pass only; unknown names are errors, not silently ignored. */
class PassPipelineTest {
    private static final String IR = """
            define global i32 @f() section ".text" {
            entry:
              %x = alloca 4, align 4
              store i32 5, %x, align 4
              %v = load i32 %x, align 4
              ret i32 %v
            }
            """;

    @Test
    void printAfterNamedPass() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Module m = IrParser.parse("t.ir", IR);
        PassPipeline.of("mem2reg,dce").printAfter(Set.of("mem2reg"), new PrintStream(buf, true, StandardCharsets.UTF_8)).run(m);
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(1, out.split("\\*\\*\\* IR after", -1).length - 1);
        assertTrue(out.contains("; *** IR after mem2reg ***"));
        assertTrue(out.contains("ret i32 5"));
    }

    @Test
    void unknownPassIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> PassPipeline.of("mem2reg,frobnicate"));
        assertThrows(IllegalArgumentException.class, () -> PassPipeline.of("dce").printAfter(Set.of("nope"), System.out));
        assertThrows(IllegalArgumentException.class, () -> PassPipeline.forLevel("-O7"));
    }

    @Test
    void levelsHaveTheirPasses() {
        assertEquals(List.of("always-inline", "is-constant", "mem-size", "arena-casts"), PassPipeline.forLevel("-O0").passes());
        assertTrue(PassPipeline.forLevel("-O2").passes().containsAll(PassPipeline.PASS_NAMES.stream().filter(n -> !n.equals("always-inline")).toList()));
        assertTrue(PassPipeline.forLevel("-Os").passes().contains("unroll"));
    }

    /** -floop-lowering=plain is the pipeline as it was before loop-lowering existed: the same IR, program by program. */
    @Test
    void plainLoopLoweringIsThePipelineWithoutIt() throws Exception {
        String without = String.join(",", PassPipeline.forLevel("-O2").passes().stream()
                .filter(n -> !n.equals("loop-lowering")).toList());
        List<String> texts = new java.util.ArrayList<>();
        for (long seed = 1; seed <= 60; seed++) texts.add(RandomProgram.generate(seed));
        for (java.nio.file.Path p : TestFiles.in("passes")) {
            if (p.getFileName().toString().startsWith("loop-lowering-")) texts.add(TestFiles.read(p));
        }
        for (String text : texts) {
            Module a = IrParser.parse("a.ir", text), b = IrParser.parse("b.ir", text);
            PassPipeline.forLevel("-O2").loopLowering(dev.jbpfc.ir.pass.LoopLowering.Mode.PLAIN).run(a);
            PassPipeline.of(without).run(b);
            assertEquals(dev.jbpfc.ir.text.IrPrinter.print(b), dev.jbpfc.ir.text.IrPrinter.print(a), text);
        }
    }
}
