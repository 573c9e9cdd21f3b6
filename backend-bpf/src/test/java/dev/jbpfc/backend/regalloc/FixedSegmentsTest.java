package dev.jbpfc.backend.regalloc;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** FixedSegments answers as a scan of every range would, for ranges in any order, overlapping or nested. */
class FixedSegmentsTest {
    @Test
    void agreesWithAScanOnRandomRanges() {
        Random rnd = new Random(12);
        for (int round = 0; round < 200; round++) {
            List<List<int[]>> byRegister = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                List<int[]> segs = new ArrayList<>();
                int n = rnd.nextInt(12);
                for (int k = 0; k < n; k++) {
                    int s = rnd.nextInt(60) - 1;
                    segs.add(new int[] {s, s + rnd.nextInt(rnd.nextBoolean() ? 3 : 25)});
                }
                byRegister.add(segs);
            }
            FixedSegments fixed = new FixedSegments(byRegister);
            for (int q = 0; q < 100; q++) {
                int r = rnd.nextInt(3);
                int start = rnd.nextInt(70) - 2;
                int end = start + rnd.nextInt(10);
                boolean scan = true;
                for (int[] seg : byRegister.get(r)) if (start <= seg[1] && seg[0] <= end) scan = false;
                assertEquals(scan, fixed.free(r, start, end), "register " + r + " [" + start + ", " + end + "]");
            }
        }
    }

    @Test
    void touchingEndpointsOverlap() {
        FixedSegments fixed = new FixedSegments(List.of(List.of(new int[] {10, 20}, new int[] {-1, 3})));
        assertFalse(fixed.free(0, 20, 25));
        assertFalse(fixed.free(0, 5, 10));
        assertFalse(fixed.free(0, 3, 3));
        assertTrue(fixed.free(0, 4, 9));
        assertTrue(fixed.free(0, 21, 40));
    }
}
