package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Value;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The positions of a phi's entries grouped by incoming block and by incoming value, for a phi that does not change
 * while this is in use. {@link Sccp} asks, when an edge becomes live or an operand's lattice value drops, which
 * entries that concerns; a switch's join has one entry per case, and scanning all of them on each of its n
 * incoming edges made SCCP quadratic in the number of cases (issue 14). A small phi is scanned instead: cheaper
 * than building maps for it.
 */
final class PhiEntryIndex {
    /** Phis with at most this many entries are scanned rather than indexed. */
    static final int SCAN_LIMIT = 8;
    private static final int[] NONE = new int[0];

    private final Map<Block, int[]> byBlock;
    /** Only instructions: constants, parameters and undef never change their lattice value. */
    private final Map<Value, int[]> byValue;

    private PhiEntryIndex(Instruction phi) {
        int n = phi.operands().size();
        byBlock = group(n, k -> phi.targets().get(k));
        byValue = group(n, k -> phi.operand(k) instanceof Instruction i ? i : null);
    }

    /** An index of the phi's entries, or null when it is small enough to scan. */
    static PhiEntryIndex index(Instruction phi) {
        return phi.operands().size() <= SCAN_LIMIT ? null : new PhiEntryIndex(phi);
    }

    /** The positions of the entries coming in from {@code from}. */
    int[] fromBlock(Block from) { return byBlock.getOrDefault(from, NONE); }

    /** The positions of the entries whose value is the instruction {@code v}. */
    int[] withValue(Instruction v) { return byValue.getOrDefault(v, NONE); }

    /** Positions 0..n-1 grouped by key (null keys left out): counted first, so each array is allocated once. */
    private static <K> Map<K, int[]> group(int n, IntFunction<K> key) {
        Map<K, int[]> count = new IdentityHashMap<>();
        for (int k = 0; k < n; k++) {
            K x = key.apply(k);
            if (x != null) count.computeIfAbsent(x, y -> new int[1])[0]++;
        }
        Map<K, int[]> out = new IdentityHashMap<>(count.size());
        for (Map.Entry<K, int[]> e : count.entrySet()) out.put(e.getKey(), new int[e.getValue()[0]]);
        for (int k = n - 1; k >= 0; k--) {
            K x = key.apply(k);
            if (x != null) out.get(x)[--count.get(x)[0]] = k;
        }
        return out;
    }
}
