package dev.jbpfc.loophints;

import java.math.BigInteger;

/**
 * The longest path through one iteration of an accepted loop, in executed instructions, and from it the loop's
 * worst case ({@code bound * longest path}, saturating at {@link Long#MAX_VALUE}).
 *
 * <p>The body's jumps all go forwards except the back edges of accepted nested loops, so one pass from {@code end}
 * down to {@code start} finds the longest path: {@code cost[i] = weight(i) + max(cost of i's successors inside the
 * body)}, where a successor outside the body (a break, a return) or the back edge's target contributes 0, and an
 * accepted nested loop starting at {@code i} weighs its own worst case and continues at its exits:
 * <pre>
 *   1:  w7 = 0                    cost 1 + cost[2]
 *   2:  (inner loop 2..5, worst case 40)   cost 40 + cost[6] (its fall-through; a break out of it would count too)
 *   6:  w6 += 1                   cost 1 + cost[7]
 *   7:  if w6 < 10 goto 1         cost 1
 * </pre>
 * Calls count as one instruction (a called function's own loops are checked in that function).
 */
final class BodyCost {
    private BodyCost() {}

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** The longest path from {@code start} to leaving the iteration (back edge, break, return), in instructions. */
    static long longestPath(CodeView code, int start, int end, AcceptedLoops inner) {
        long[] cost = new long[end - start + 2];
        for (int i = end; i >= start; i--) {
            if (!code.isInstruction(i)) continue;
            AcceptedLoops.Loop nested = i == start ? null : inner.startingAt(i);
            if (nested != null && nested.strictlyInside(start, end)) {
                long exits = successor(code, cost, start, end, nested.end() + 1);
                for (int j = nested.start(); j <= nested.end(); j++) {
                    if (!code.isInstruction(j)) continue;
                    int t = code.jumpTarget(j);
                    if (t != CodeView.NO_TARGET && t > nested.end()) exits = Math.max(exits, successor(code, cost, start, end, t));
                }
                cost[i - start] = saturatingAdd(nested.worstCase(), exits);
                continue;
            }
            long best = 0;
            if (i < end) {
                int t = code.jumpTarget(i);
                if (t != CodeView.NO_TARGET && t > i) best = successor(code, cost, start, end, t);
                if (code.fallsThrough(i)) best = Math.max(best, successor(code, cost, start, end, code.next(i)));
            }
            cost[i - start] = saturatingAdd(1, best);
        }
        return cost[0];
    }

    /** The cost of going on at slot {@code t}: 0 once outside the body (the iteration is over). */
    private static long successor(CodeView code, long[] cost, int start, int end, int t) {
        return t > start && t <= end ? cost[t - start] : 0;
    }

    /** {@code bound} (an unsigned 64-bit count) times {@code path}, saturating at {@link Long#MAX_VALUE}. */
    static long worstCase(long bound, long path) {
        BigInteger product = new BigInteger(Long.toUnsignedString(bound)).multiply(BigInteger.valueOf(path));
        return product.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : product.longValue();
    }

    private static long saturatingAdd(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }
}
