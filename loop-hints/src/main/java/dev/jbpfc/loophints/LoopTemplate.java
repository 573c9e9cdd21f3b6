package dev.jbpfc.loophints;

import java.math.BigInteger;

/**
 * One loop template: a shape of instructions whose trip count can be read off the code without running it. A
 * template checks one hint against the decoded code and either proves a bound or says why not (and where). It
 * trusts nothing in the hint: every field is compared with the instructions.
 *
 * <p>A template does not compare the hint's {@code trips} with the bound it proves ({@link LoopChecker} does that
 * for every template), nor look at other hints: it is told, through {@link AcceptedLoops}, which loops strictly
 * inside its range are already accepted, so that their back edges are allowed in its body. Shared mechanics live
 * in {@link CodeView} (decoding, jump targets, entries), {@link RegisterWrites} (who writes what),
 * {@link LoopBody} (contiguous range, single entry, forward-only body, protected registers) and
 * {@link TripCount} (bound arithmetic). See docs/loop-hints.md, "How to add a template".
 */
public interface LoopTemplate {
    /** The name hints use ({@code counted-up}); lower case, digits and '-'. */
    String name();

    /** Checks {@code hint} (which names this template) against {@code code}. Never throws on any input. */
    Result check(CodeView code, LoopHint hint, AcceptedLoops inner);

    /** A template's verdict: accepted with the proved largest number of body runs, or rejected at a slot. */
    record Result(boolean accepted, BigInteger trips, String reason, int at) {
        public static Result accepted(BigInteger trips) { return new Result(true, trips, null, -1); }

        public static Result rejected(String reason, int at) { return new Result(false, null, reason, at); }
    }
}
