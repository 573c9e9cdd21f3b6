package dev.jbpfc.backend.emit;

import dev.jbpfc.backend.BackendOptions;
import dev.jbpfc.backend.BackendPipeline;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.text.IrParser;
import dev.jbpfc.isa.CpuVersion;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hints made for run/loop-templates.ir (which KernelRunTest runs in the kernel): four loops, each built to its
 * template, the inner loop's range inside the outer one's, and the bounds of rule 6. With loop hints off there
 * are none, and at v1 (no w registers) no loop is built to a template.
 */
class LoopHintsTest {
    private static List<String> hints(CpuVersion cpu, boolean on) throws Exception {
        String text = Files.readString(Path.of("src/test/resources/run/loop-templates.ir"));
        Module m = IrParser.parse("loop-templates.ir", text);
        List<String> out = new ArrayList<>();
        for (EncodedFunction f : BackendPipeline.run(m, new BackendOptions(cpu, false, null, on), null)) {
            for (EncodedFunction.LoopOutcome o : f.loopOutcomes) out.add(o.hint() == null ? "none: " + o.reason() : o.hint().encode());
        }
        return out;
    }

    @Test
    void everyLoopGetsItsHint() throws Exception {
        List<String> h = hints(CpuVersion.V3, true);
        assertEquals(4, h.size(), h.toString());
        String all = String.join("\n", h);
        assertTrue(all.contains("counted-up:") && all.contains("width=32,signed=u,cmp=lt,step=1,limit=100,init=0,trips=100"), all);
        assertTrue(all.contains("counted-down:") && all.contains("width=64,signed=s,cmp=gt,step=2,limit=0,init=20,trips=10"), all);
        assertTrue(all.contains("width=32,signed=u,cmp=lt,step=1,limit=5,init=0,trips=5"), all);
        assertTrue(all.contains("width=32,signed=s,cmp=lt,step=3,limit=30,init=-30,trips=20"), all);
        assertTrue(!all.contains("none"), all);
    }

    @Test
    void noHintsWhenOffOrBelowV3() throws Exception {
        assertEquals(List.of(), hints(CpuVersion.V3, false));
        assertEquals(List.of(), hints(CpuVersion.V1, true));
    }
}
