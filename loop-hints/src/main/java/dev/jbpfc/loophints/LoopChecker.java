package dev.jbpfc.loophints;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The template loop checker: proves that a function's loops terminate by matching each loop against the template
 * its hint names, without walking any iteration. It trusts nothing: a hint that does not match the instructions is
 * rejected, a back edge without an accepted hint is reported, and no input makes it throw.
 *
 * <p>Worked example. The C loop {@code for (u32 i = 0; i < 100; i++) s += i;} built to the counted-up template:
 * <pre>
 *   0:  r0 = 0
 *   1:  w6 = 0                  ; preheader (start-1): iv = INIT
 *   2:  r0 += r6                ; start: the body
 *   3:  w6 += 1                 ; end-1: the latch
 *   4:  if w6 < 100 goto -3     ; end: the back edge (4 + 1 - 3 = 2 = start)
 *   5:  exit
 * </pre>
 * with the DECL_TAG {@code jbpfc.loop/1:counted-up:start=2,end=4,iv=r6,width=32,signed=u,cmp=lt,step=1,
 * limit=100,init=0,trips=100}. The checker:
 * <ol>
 *   <li>decodes the bytes into slots ({@link CodeView}) and lists the back edges: slot 4;
 *   <li>decodes the hint ({@link LoopHint}) and finds its template ({@link LoopTemplates});
 *   <li>the template checks slot 1 is {@code w6 = 0}, slot 3 is {@code w6 += 1}, slot 4 is an unsigned 32-bit
 *       {@code <} of w6 with 100 going to slot 2, that nothing else writes r6 and nothing jumps into 2..4 or back
 *       inside it, and proves the bound: the first k >= 1 with 0 + k * 1 >= 100 is 100, and 100 <= 2^32 - 1;
 *   <li>the hint's {@code trips=100} equals the bound, so the loop is accepted: bound 100, 4 instructions
 *       examined (slots 1..4), worst case 100 * 3 (the longest path through the body, 2..4);
 *   <li>slot 4 is covered, so no back edge is left unhinted and the function is proved to terminate.
 * </ol>
 * Loops are checked smallest range first, so an inner loop is accepted before the loop around it, whose body may
 * then contain the inner back edge (and counts the inner worst case in its own). Ranges that overlap without
 * nesting cannot both be accepted.
 */
public final class LoopChecker {
    private LoopChecker() {}

    /** Checks every loop hint of one function against its instructions; never throws on bad input. */
    public static FunctionReport check(FunctionCode function) {
        List<String> hints = new ArrayList<>();
        if (function.tags() != null) for (String tag : function.tags()) if (LoopHint.isLoopHint(tag)) hints.add(tag);
        try {
            return checkHints(function, hints);
        } catch (RuntimeException | StackOverflowError e) {
            // Not expected; if it happens, nothing is proved and the reason is reported, never thrown.
            List<LoopVerdict> all = new ArrayList<>();
            String reason = "internal checker error: " + e;
            for (String h : hints) all.add(new LoopVerdict(-1, -1, "", false, 0, 0, 0, reason, -1));
            if (all.isEmpty()) all.add(new LoopVerdict(-1, -1, "", false, 0, 0, 0, reason, -1));
            return new FunctionReport(function.section(), function.name(), function.isProgram(), all, List.of());
        }
    }

    private static FunctionReport checkHints(FunctionCode function, List<String> tags) {
        // 1. Decode the code; if it does not decode, nothing about it can be proved.
        CodeView code;
        try {
            code = CodeView.decode(function.code());
        } catch (MalformedCodeException e) {
            return malformed(function, tags, e);
        }

        // 2. Decode the hints: a malformed one is a rejected verdict, never an absent one.
        int n = tags.size();
        LoopVerdict[] verdicts = new LoopVerdict[n];
        LoopHint[] hints = new LoopHint[n];
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            try {
                hints[k] = LoopHint.decode(tags.get(k));
                order.add(k);
            } catch (LoopHintFormatException e) {
                verdicts[k] = new LoopVerdict(-1, -1, "", false, 0, 0, 0, "malformed hint: " + e.getMessage(), -1);
            }
        }

        // 3. Check inner loops first: by range size, then in tag order.
        order.sort(Comparator.comparingLong((Integer k) -> (long) hints[k].end() - hints[k].start()).thenComparingInt(k -> k));
        AcceptedLoops accepted = new AcceptedLoops();
        for (int k : order) verdicts[k] = checkOne(code, hints[k], accepted);

        // 4. Every back edge no accepted loop ends with is unproved.
        List<Integer> unhinted = new ArrayList<>();
        for (int edge : code.backEdges()) if (!accepted.coversBackEdge(edge)) unhinted.add(edge);
        return new FunctionReport(function.section(), function.name(), function.isProgram(), List.of(verdicts), unhinted);
    }

    private static LoopVerdict checkOne(CodeView code, LoopHint hint, AcceptedLoops accepted) {
        int start = hint.start(), end = hint.end();
        boolean usable = start >= 1 && start < end && end < code.size();
        long examined = usable ? code.instructionsIn(start - 1, end) : 0;
        LoopTemplate template = LoopTemplates.get(hint.template());
        if (template == null) return rejected(hint, 0, "unknown template '" + hint.template() + "'", -1);
        AcceptedLoops.Loop clash = accepted.overlapping(start, end);
        if (clash != null) {
            return rejected(hint, examined, "overlaps the accepted loop " + clash.start() + ".." + clash.end()
                    + " without nesting strictly inside or around it", clash.end());
        }
        LoopTemplate.Result result = template.check(code, hint, accepted);
        if (!result.accepted()) return rejected(hint, examined, result.reason(), result.at());
        if (result.trips() == null || result.trips().signum() < 0 || result.trips().bitLength() > 64) {
            // A template's bug, never the hint's: refuse rather than truncate the bound to 64 bits.
            return rejected(hint, examined, "the template proved no bound that fits in 64 bits: " + result.trips(), end);
        }
        // Rule 7: the hint's trips is exactly the proved bound.
        long bound = TripCount.asUnsignedLong(result.trips());
        if (bound != hint.trips()) {
            return rejected(hint, examined, "trips: the hint claims " + Long.toUnsignedString(hint.trips())
                    + ", the proved bound is " + result.trips(), end);
        }
        long worst = BodyCost.worstCase(bound, BodyCost.longestPath(code, start, end, accepted));
        accepted.add(new AcceptedLoops.Loop(start, end, bound, worst));
        return new LoopVerdict(start, end, hint.template(), true, bound, examined, worst, null, -1);
    }

    private static LoopVerdict rejected(LoopHint hint, long examined, String reason, int at) {
        return new LoopVerdict(hint.start(), hint.end(), hint.template(), false, 0, examined, 0, reason, at);
    }

    /**
     * Code that does not decode: every hint is rejected with the reason; a function without hints gets one
     * rejected verdict (start and end -1) so that it is not reported as proved.
     */
    private static FunctionReport malformed(FunctionCode function, List<String> tags, MalformedCodeException e) {
        String reason = "malformed code: " + e.getMessage();
        List<LoopVerdict> all = new ArrayList<>();
        for (String tag : tags) {
            LoopHint hint = null;
            try {
                hint = LoopHint.decode(tag);
            } catch (LoopHintFormatException ignored) {
                // reported with the code's problem below
            }
            all.add(hint != null ? new LoopVerdict(hint.start(), hint.end(), hint.template(), false, 0, 0, 0, reason, e.slot())
                    : new LoopVerdict(-1, -1, "", false, 0, 0, 0, reason, e.slot()));
        }
        if (all.isEmpty()) all.add(new LoopVerdict(-1, -1, "", false, 0, 0, 0, reason, e.slot()));
        return new FunctionReport(function.section(), function.name(), function.isProgram(), all, List.of());
    }
}
