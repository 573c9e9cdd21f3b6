package dev.jbpfc.loophints;

/**
 * The counted-up template: {@code for (iv = INIT; ...; iv += STEP)} rotated, continuing while
 * {@code iv < LIMIT} or {@code iv <= LIMIT}.
 * <pre>
 *   start-1:  w6 = 0                  ; preheader, iv = INIT
 *   start:    ...body...
 *   end-1:    w6 += 1                 ; latch, the only write of iv
 *   end:      if w6 < 100 goto start  ; back edge
 * </pre>
 * Bound: the first {@code k >= 1} with {@code INIT + k*STEP >= LIMIT} ({@code > LIMIT} for le), refused when
 * {@code INIT + k*STEP} would pass the type's maximum (a register LIMIT is taken at that maximum).
 */
public final class CountedUp implements LoopTemplate {
    public static final String NAME = "counted-up";

    @Override public String name() { return NAME; }

    @Override public Result check(CodeView code, LoopHint hint, AcceptedLoops inner) {
        return CountedLoop.check(code, hint, inner, true);
    }
}
