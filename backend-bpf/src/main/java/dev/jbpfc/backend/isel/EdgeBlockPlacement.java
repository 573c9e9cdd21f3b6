package dev.jbpfc.backend.isel;

import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.isa.BpfOp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Puts each edge block (the phi copies of a split edge, made by instruction selection) right before the block it
 * jumps to, instead of at the end of the function where selection creates it. Needs: selection done, every block
 * ending in a jump (so any order is correct). Leaves: the block order changed, nothing else.
 *
 * <p>Why: at the end of a large function both jumps of an edge block span everything in between. In the
 * selftests' pyperf100 (five inlined copies of a 100-trip unrolled loop, ~70,000 instructions) thousands of them sat
 * at the end and needed jumps beyond the 16-bit offset, which only {@code gotol} (-mcpu=v4) has. Before its target
 * an edge block is reached by a jump as long as the IR edge and falls through into the target.
 * <pre>
 *   A:  if r1 == 0 goto A.edge         A:  if r1 == 0 goto A.edge
 *   B:  ...                            B:  ...
 *   C:  ...                 ->         A.edge: w6 = 0               (falls through)
 *   ... (the whole function)           C:  ...
 *   A.edge: w6 = 0 ; goto C
 * </pre>
 * Why not right after the block it leaves from (shorter still): the layout then inverts that block's branch, so
 * the verifier, which walks the fall-through first and prunes against the states it saw first, explores in
 * another order; on the selftests' strobemeta programs that took it from 118,533 processed instructions
 * (strobemeta_nounroll1) to over its 1,000,000 limit. Before the target, every branch keeps the sense it had.
 *
 * <p>Only functions of more than {@link #MIN_INSTRUCTIONS} selected instructions are reordered, the ones whose
 * jumps can approach the 16-bit range once spill code is added: smaller ones keep the order the verifier was
 * measured to prefer (even before the target, strobemeta_nounroll1 took 173,557 processed instructions against
 * 118,533, strobemeta_subprogs 155,518 against 107,353; why the order matters that much is not understood yet).
 */
final class EdgeBlockPlacement {
    private EdgeBlockPlacement() {}

    /** Functions up to this many selected instructions keep their edge blocks at the end. */
    static final int MIN_INSTRUCTIONS = 8192;

    /** {@code edgeOwner}: each edge block and the machine block it leaves from, in creation order. */
    static void run(MFunction mf, Map<MBlock, MBlock> edgeOwner) { run(mf, edgeOwner, MIN_INSTRUCTIONS); }

    /** As above, for functions of more than {@code minInstructions} instructions (tests use a small bound). */
    static void run(MFunction mf, Map<MBlock, MBlock> edgeOwner, int minInstructions) {
        if (edgeOwner.isEmpty()) return;
        int size = 0;
        for (MBlock b : mf.blocks) size += b.insns.size();
        if (size <= minInstructions) return;
        Map<MBlock, List<MBlock>> edgesInto = new HashMap<>();
        for (MBlock e : edgeOwner.keySet()) {
            MInsn last = e.insns.isEmpty() ? null : e.insns.get(e.insns.size() - 1);
            if (last == null || last.op != BpfOp.JA || last.target == null) continue;
            edgesInto.computeIfAbsent(last.target, k -> new ArrayList<>()).add(e);
        }
        List<MBlock> order = new ArrayList<>(mf.blocks.size());
        for (MBlock m : mf.blocks) {
            if (edgeOwner.containsKey(m)) continue;
            order.addAll(edgesInto.getOrDefault(m, List.of()));
            order.add(m);
        }
        // An edge block whose target is not a placed block (none is known to exist) keeps its place at the end.
        HashSet<MBlock> placed = new HashSet<>(order);
        for (MBlock m : mf.blocks) if (!placed.contains(m)) order.add(m);
        mf.blocks.clear();
        mf.blocks.addAll(order);
    }
}
