package dev.jbpfc.backend.isel;

import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts each edge block (the phi copies of a split edge, made while selecting its source block) right after the
 * block it leaves from, instead of at the end of the function where selection created it. Needs: selection done.
 * Leaves: the same blocks, each still ending in a jump, in a new order.
 *
 * <p>Why: linear scan gives every virtual register one interval from its first to its last position in block
 * order, so a phi copy at the end of the function stretches the interval of the loop value it writes over
 * everything between the loop and the end, and values are spilled for want of registers. For
 * <pre>
 *   head:  if i s>= 48 goto edge.1 ; goto body        head:  if i s>= 48 goto edge.1 ; goto body
 *   body:  ... goto head                        ->    edge.1: s.out = s ; goto after
 *   after: ... (calls) ... exit                       body:  ... goto head
 *   edge.1: s.out = s ; goto after                    after: ... exit
 * </pre>
 * the value copied on the loop's exit edge no longer lives across the calls after the loop. Final layout
 * ({@code emit.BlockLayout}) then turns the jumps to the next block into fall-throughs.
 */
public final class EdgeBlockPlacement {
    private EdgeBlockPlacement() {}

    /** {@code edgeOwner}: each edge block and the machine block its jump leaves from. */
    public static void run(MFunction mf, Map<MBlock, MBlock> edgeOwner) {
        if (edgeOwner.isEmpty()) return;
        List<MBlock> plain = new ArrayList<>();
        for (MBlock b : mf.blocks) if (!edgeOwner.containsKey(b)) plain.add(b);
        Map<MBlock, Integer> position = new HashMap<>();
        for (int k = 0; k < plain.size(); k++) position.put(plain.get(k), k);
        Map<MBlock, List<MBlock>> after = new HashMap<>(), before = new HashMap<>();
        for (Map.Entry<MBlock, MBlock> e : edgeOwner.entrySet()) {
            MBlock edge = e.getKey(), owner = e.getValue();
            int at = position.get(owner);
            MBlock next = at + 1 < plain.size() ? plain.get(at + 1) : null;
            MBlock target = edge.insns.isEmpty() ? null : edge.insns.get(edge.insns.size() - 1).target;
            Integer targetAt = target == null ? null : position.get(target);
            if (target == next || targetAt == null || targetAt <= at) {
                // The owner's own next block (its fall-through stays the same path), or a back edge.
                List<MBlock> list = after.computeIfAbsent(owner, k -> new ArrayList<>());
                if (target == next) list.add(0, edge);
                else list.add(edge);
            } else {
                // A forward jump: the copies go where the path lands, so the owner keeps its fall-through.
                before.computeIfAbsent(target, k -> new ArrayList<>()).add(edge);
            }
        }
        List<MBlock> order = new ArrayList<>(mf.blocks.size());
        for (MBlock b : plain) {
            order.addAll(before.getOrDefault(b, List.of()));
            order.add(b);
            order.addAll(after.getOrDefault(b, List.of()));
        }
        if (order.size() != mf.blocks.size()) throw new IllegalStateException("edge placement lost blocks in " + mf.name);
        mf.blocks.clear();
        mf.blocks.addAll(order);
    }
}
