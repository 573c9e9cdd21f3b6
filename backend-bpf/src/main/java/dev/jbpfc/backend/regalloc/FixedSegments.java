package dev.jbpfc.backend.regalloc;

import java.util.Arrays;
import java.util.List;

/**
 * Where each physical register r0..r10 is held by the selected code (argument set-up, call clobbers, results), as
 * closed position ranges, answering "does [start, end] touch register r's ranges?" in logarithmic time.
 *
 * <p>Why not a list scan: an unrolled program (the selftests' pyperf100: 500 inlined loop bodies, ~50,000
 * instructions, thousands of calls) has thousands of ranges on r1..r5, and the allocator asks this question for
 * every interval and every candidate register; a scan made allocation quadratic in the function's size.
 *
 * <p>The ranges of one register are sorted by start; {@code maxEnd[i]} is the largest end among the first i+1, so a
 * range overlapping [start, end] exists exactly when, for the last range starting at or before {@code end}, some
 * range up to it ends at or after {@code start}. This holds for any set of ranges, sorted or overlapping.
 */
final class FixedSegments {
    private final int[][] starts;
    private final int[][] maxEnds;

    FixedSegments(List<List<int[]>> byRegister) {
        starts = new int[byRegister.size()][];
        maxEnds = new int[byRegister.size()][];
        for (int r = 0; r < byRegister.size(); r++) {
            int[][] segs = byRegister.get(r).toArray(new int[0][]);
            Arrays.sort(segs, (a, b) -> Integer.compare(a[0], b[0]));
            starts[r] = new int[segs.length];
            maxEnds[r] = new int[segs.length];
            int max = Integer.MIN_VALUE;
            for (int i = 0; i < segs.length; i++) {
                starts[r][i] = segs[i][0];
                max = Math.max(max, segs[i][1]);
                maxEnds[r][i] = max;
            }
        }
    }

    /** True when no range of register {@code r} intersects the closed range [start, end]. */
    boolean free(int r, int start, int end) {
        int[] s = starts[r];
        // The last range that starts at or before end.
        int lo = 0, hi = s.length - 1, last = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (s[mid] <= end) {
                last = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return last < 0 || maxEnds[r][last] < start;
    }
}
