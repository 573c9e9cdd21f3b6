package dev.jbpfc.loophints;

/**
 * The checker's verdict on one hinted loop.
 *
 * <p>A malformed hint, and a function whose code does not decode but has no hints, give a rejected verdict with
 * {@code start = end = -1} and template {@code ""} (see docs/loop-hints.md, "What the checker reports").
 *
 * @param start      the hint's first instruction (function-relative slot)
 * @param end        the hint's last instruction (the back edge)
 * @param template   the template the hint names
 * @param accepted   whether the instructions match the template
 * @param bound      accepted: the proved largest number of body executions (unsigned)
 * @param examined   how many instructions the checker looked at for this loop: those in [start-1, end], independent of
 *                   the trip count (0 when the range is unusable or the template unknown)
 * @param worstCase  accepted: bound times the longest path through the body, in instructions (saturating)
 * @param reason     rejected: why, in one line
 * @param at         rejected: the function-relative slot of the offending instruction, or -1
 */
public record LoopVerdict(int start, int end, String template, boolean accepted, long bound, long examined,
                          long worstCase, String reason, int at) {
}
