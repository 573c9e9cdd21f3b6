package dev.jbpfc.backend.isel;

import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Puts each edge block (the phi copies of a split edge, made by instruction selection) right after the machine
 * block it leaves from, instead of at the end of the function where selection creates it. Needs: selection done,
 * every block ending in a jump (so any order is correct). Leaves: the block order changed, nothing else.
 *
 * <p>Why: an edge block is reached from its owner and jumps to its successor, so at the end of a large function
 * both jumps span everything in between. In the selftests' pyperf100 (five inlined copies of a 100-trip unrolled
 * loop, ~70,000 instructions) thousands of them sat at the end and needed jumps beyond the 16-bit offset, which
 * only {@code gotol} (-mcpu=v4) has; next to their owner they span no more than the IR edge does.
 * <pre>
 *   A:  if r1 == 0 goto A.edge         A:  if r1 != 0 goto B          (BlockLayout inverts the jump)
 *       goto B                  ->     A.edge: w6 = 0
 *   B:  ...                                goto C
 *   ... (the whole function)           B:  ...
 *   A.edge: w6 = 0 ; goto C
 * </pre>
 */
final class EdgeBlockPlacement {
    private EdgeBlockPlacement() {}

    /** {@code edgeOwner}: each edge block and the machine block it leaves from, in creation order. */
    static void run(MFunction mf, Map<MBlock, MBlock> edgeOwner) {
        if (edgeOwner.isEmpty()) return;
        Map<MBlock, List<MBlock>> edgesOf = new HashMap<>();
        for (Map.Entry<MBlock, MBlock> e : edgeOwner.entrySet()) {
            edgesOf.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        List<MBlock> order = new ArrayList<>(mf.blocks.size());
        for (MBlock m : mf.blocks) {
            if (edgeOwner.containsKey(m)) continue;
            order.add(m);
            order.addAll(edgesOf.getOrDefault(m, List.of()));
        }
        // An edge block whose owner is not a placed block (none is known to exist) keeps its place at the end.
        HashSet<MBlock> placed = new HashSet<>(order);
        for (MBlock m : mf.blocks) if (!placed.contains(m)) order.add(m);
        mf.blocks.clear();
        mf.blocks.addAll(order);
    }
}
