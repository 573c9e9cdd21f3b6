package dev.jbpfc.loophints;

/**
 * The counted-down template: {@code for (iv = INIT; ...; iv -= STEP)} rotated, continuing while
 * {@code iv > LIMIT} or {@code iv >= LIMIT}. The latch is {@code iv -= STEP} or {@code iv += -STEP}.
 * <pre>
 *   start-1:  r7 = 64                 ; preheader, iv = INIT
 *   start:    ...body...
 *   end-1:    r7 += -2                ; latch, the only write of iv
 *   end:      if r7 s> 0 goto start   ; back edge
 * </pre>
 * Bound: the first {@code k >= 1} with {@code INIT - k*STEP <= LIMIT} ({@code < LIMIT} for ge), refused when
 * {@code INIT - k*STEP} would pass below the type's minimum (a register LIMIT is taken at that minimum, so
 * {@code ge} against a register, and {@code u >= 0}, never prove a bound).
 */
public final class CountedDown implements LoopTemplate {
    public static final String NAME = "counted-down";

    @Override public String name() { return NAME; }

    @Override public Result check(CodeView code, LoopHint hint, AcceptedLoops inner) {
        return CountedLoop.check(code, hint, inner, false);
    }
}
