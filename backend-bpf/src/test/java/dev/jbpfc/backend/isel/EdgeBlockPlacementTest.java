package dev.jbpfc.backend.isel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.isa.BpfOp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Edge blocks as selection leaves them (at the end of the function) move right before the block they jump to, in
 * creation order, when the function is large; a small function keeps its order. (The selection that creates them
 * is covered by every isel test; this checks the placement rule on its own, with the size bound lowered.)
 */
class EdgeBlockPlacementTest {
    private static MInsn jump(BpfOp op, MBlock target) {
        MInsn m = new MInsn(op, 1, 0, 0, 0);
        m.target = target;
        return m;
    }

    /** a: if r1 == 0 goto a.edge; goto b / b: goto join / join: exit / a.edge: r2 = 11; goto join / b.edge (into b). */
    private static MFunction function(Map<MBlock, MBlock> owners) {
        MFunction mf = new MFunction("f", "xdp", Linkage.GLOBAL, 0);
        MBlock a = new MBlock("a"), b = new MBlock("b"), join = new MBlock("join");
        MBlock aEdge = new MBlock("a.edge"), aEdge2 = new MBlock("a.edge2");
        a.insns.add(jump(BpfOp.JEQ_IMM, aEdge));
        a.insns.add(jump(BpfOp.JA, aEdge2));
        b.insns.add(jump(BpfOp.JA, join));
        join.insns.add(new MInsn(BpfOp.EXIT, 0, 0, 0, 0));
        aEdge.insns.add(new MInsn(BpfOp.MOV64_IMM, 2, 0, 0, 11));
        aEdge.insns.add(jump(BpfOp.JA, join));
        aEdge2.insns.add(new MInsn(BpfOp.MOV64_IMM, 2, 0, 0, 12));
        aEdge2.insns.add(jump(BpfOp.JA, b));
        mf.blocks.addAll(List.of(a, b, join, aEdge, aEdge2));
        owners.put(aEdge, a);
        owners.put(aEdge2, a);
        return mf;
    }

    private static List<String> labels(MFunction mf) {
        return mf.blocks.stream().map(x -> x.label).toList();
    }

    @Test
    void largeFunctionsGetEachEdgeBlockRightBeforeItsTarget() {
        Map<MBlock, MBlock> owners = new LinkedHashMap<>();
        MFunction mf = function(owners);
        EdgeBlockPlacement.run(mf, owners, 0);
        assertEquals(List.of("a", "a.edge2", "b", "a.edge", "join"), labels(mf));
    }

    @Test
    void smallFunctionsKeepTheirOrder() {
        Map<MBlock, MBlock> owners = new LinkedHashMap<>();
        MFunction mf = function(owners);
        EdgeBlockPlacement.run(mf, owners);
        assertEquals(List.of("a", "b", "join", "a.edge", "a.edge2"), labels(mf));
    }
}
