package dev.jbpfc.ir.pass;

import java.util.Arrays;

/**
 * A set of CFG edges, each the pair (from block's number, to block's number) packed in one long, in an
 * open-addressing table of longs: {@link Sccp} asks about an edge for every phi entry it evaluates and adds one
 * for every branch it follows, and a HashSet of boxed Longs made that a large share of a compile (issue 14).
 */
final class EdgeSet {
    private static final long EMPTY = -1; // no edge packs to it: block numbers are not negative
    private long[] slots = new long[16];
    private int size;

    EdgeSet() { Arrays.fill(slots, EMPTY); }

    static long edge(int from, int to) { return ((long) from << 32) | (to & 0xffffffffL); }

    /** Adds the edge; whether it was new. */
    boolean add(long e) {
        if (2 * (size + 1) > slots.length) grow();
        int at = find(slots, e);
        if (slots[at] == e) return false;
        slots[at] = e;
        size++;
        return true;
    }

    boolean contains(long e) { return slots[find(slots, e)] == e; }

    /** The slot holding e, or the empty slot where it would go. */
    private static int find(long[] table, long e) {
        int mask = table.length - 1;
        int at = mix(e) & mask;
        while (table[at] != EMPTY && table[at] != e) at = (at + 1) & mask;
        return at;
    }

    private static int mix(long e) {
        long h = e * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        Arrays.fill(slots, EMPTY);
        for (long e : old) if (e != EMPTY) slots[find(slots, e)] = e;
    }
}
