package dev.jbpfc.backend.frame;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** BlockWorklist hands blocks back in the order they were queued, each once while it waits, and again once re-queued. */
class BlockWorklistTest {
    @Test
    void queuesEachBlockOnceWhileItWaitsInArrivalOrder() {
        BlockWorklist w = new BlockWorklist(3);
        w.add(2);
        w.add(0);
        w.add(2); // already waiting: not queued twice
        assertEquals(2, w.next());
        w.add(2); // taken since: queued again, behind 0
        w.add(1);
        assertEquals(0, w.next());
        assertEquals(2, w.next());
        assertEquals(1, w.next());
        assertEquals(-1, w.next());
    }

    @Test
    void wrapsAroundItsRingWithoutLosingBlocks() {
        BlockWorklist w = new BlockWorklist(2);
        for (int round = 0; round < 5; round++) {
            w.add(0);
            w.add(1);
            assertEquals(0, w.next());
            w.add(0);
            assertEquals(1, w.next());
            assertEquals(0, w.next());
        }
        assertEquals(-1, w.next());
    }
}
