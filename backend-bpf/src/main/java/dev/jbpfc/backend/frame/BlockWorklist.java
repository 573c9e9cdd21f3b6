package dev.jbpfc.backend.frame;

/**
 * Block numbers waiting to be looked at again by a dataflow problem, each at most once at a time, taken in the order
 * they were added (a ring of capacity n: with the membership flags, never more than n are waiting).
 */
final class BlockWorklist {
    private final int[] ring;
    private final boolean[] waiting;
    private int head;
    private int size;

    BlockWorklist(int n) {
        ring = new int[Math.max(n, 1)];
        waiting = new boolean[n];
    }

    /** Queues block {@code b} unless it is already waiting. */
    void add(int b) {
        if (waiting[b]) return;
        waiting[b] = true;
        ring[(head + size) % ring.length] = b;
        size++;
    }

    /** The next waiting block, or -1 when none is. */
    int next() {
        if (size == 0) return -1;
        int b = ring[head];
        head = (head + 1) % ring.length;
        size--;
        waiting[b] = false;
        return b;
    }
}
