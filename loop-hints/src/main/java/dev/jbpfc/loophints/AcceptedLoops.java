package dev.jbpfc.loophints;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The loops of one function accepted so far (the checker checks inner loops first), each with its range, bound
 * and worst case. A template asks it whether a backward jump inside its body is the back edge of an accepted loop
 * that lies strictly inside; the worst-case computation asks it for the loop starting at a slot.
 */
public final class AcceptedLoops {
    /** An accepted loop: its range, the proved bound (unsigned) and its worst-case instruction count. */
    public record Loop(int start, int end, long bound, long worstCase) {
        /** Strictly inside {@code [start, end]} of an outer loop: its preheader in the outer body, its back edge before the outer latch. */
        public boolean strictlyInside(int outerStart, int outerEnd) { return start - 1 >= outerStart && end <= outerEnd - 2; }

        public boolean disjointFrom(int otherStart, int otherEnd) { return end < otherStart || start > otherEnd; }
    }

    private final List<Loop> loops = new ArrayList<>();
    private final Map<Integer, Loop> byEnd = new HashMap<>();
    private final Map<Integer, Loop> byStart = new HashMap<>();

    public void add(Loop loop) {
        loops.add(loop);
        byEnd.put(loop.end(), loop);
        byStart.put(loop.start(), loop);
    }

    /** Whether the jump at {@code from} to {@code to} is the back edge of an accepted loop strictly inside the given range. */
    public boolean isNestedBackEdge(int from, int to, int outerStart, int outerEnd) {
        Loop l = byEnd.get(from);
        return l != null && l.start() == to && l.strictlyInside(outerStart, outerEnd);
    }

    /** The accepted loop whose first instruction is {@code slot}, or null. */
    public Loop startingAt(int slot) { return byStart.get(slot); }

    /** Whether an accepted loop has its back edge at {@code slot}. */
    public boolean coversBackEdge(int slot) { return byEnd.containsKey(slot); }

    /** An accepted loop that neither lies strictly inside {@code [start, end]} nor apart from it, or null. */
    public Loop overlapping(int start, int end) {
        for (Loop l : loops) if (!l.disjointFrom(start, end) && !l.strictlyInside(start, end)) return l;
        return null;
    }
}
