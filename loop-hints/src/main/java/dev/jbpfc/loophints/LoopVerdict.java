package dev.jbpfc.loophints;

/**
 * The checker's verdict on one hinted loop.
 *
 * @param start      the hint's first instruction (function-relative slot)
 * @param end        the hint's last instruction (the back edge)
 * @param template   the template the hint names
 * @param accepted   whether the instructions match the template
 * @param bound      accepted: the proved largest number of body executions (unsigned)
 * @param examined   how many instructions the checker looked at for this loop (independent of the trip count)
 * @param worstCase  accepted: bound times the longest path through the body, in instructions (saturating)
 * @param reason     rejected: why, in one line
 * @param at         rejected: the function-relative slot of the offending instruction, or -1
 */
public record LoopVerdict(int start, int end, String template, boolean accepted, long bound, long examined,
                          long worstCase, String reason, int at) {
}
