package dev.jbpfc.ir.pass;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * EdgeSet answers as a HashSet of the same edges does, through many growths, with repeated adds, edges that share
 * a block, and block numbers up to the int range's top (packed into one long without overlapping).
 */
class EdgeSetTest {
    @Test
    void agreesWithAHashSetOfPairs() {
        Random rnd = new Random(3);
        EdgeSet edges = new EdgeSet();
        Set<String> reference = new HashSet<>();
        for (int k = 0; k < 20_000; k++) {
            int from = rnd.nextInt(4) == 0 ? Integer.MAX_VALUE - rnd.nextInt(3) : rnd.nextInt(300);
            int to = rnd.nextInt(4) == 0 ? Integer.MAX_VALUE - rnd.nextInt(3) : rnd.nextInt(300);
            boolean isNew = reference.add(from + ">" + to);
            assertEquals(isNew, edges.add(EdgeSet.edge(from, to)), "add " + from + " -> " + to);
            int qFrom = rnd.nextInt(300), qTo = rnd.nextInt(300);
            assertEquals(reference.contains(qFrom + ">" + qTo), edges.contains(EdgeSet.edge(qFrom, qTo)),
                    "contains " + qFrom + " -> " + qTo);
            assertEquals(reference.contains(qTo + ">" + qFrom), edges.contains(EdgeSet.edge(qTo, qFrom)),
                    "contains " + qTo + " -> " + qFrom);
        }
    }
}
