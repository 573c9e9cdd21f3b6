package dev.jbpfc.backend.isel;

/**
 * jbpfc's convention for calls with more than five arguments (clang refuses them; BPF has five argument
 * registers). Arguments 1-4 travel in r1-r4 as usual; arguments 5..n are stored by the caller, 8 bytes each,
 * into an area at the bottom of its own frame, and r5 points at that area. The callee reads them through r5
 * at entry. Worked example, {@code long f(long a, long b, long c, long d, long e, long g)} called as
 * {@code f(1, 2, 3, 4, x, y)} by a caller with 16 bytes of locals:
 * <pre>
 *   caller:  *(u64 *)(r10 - 32) = r6      ; x, argument 5, at area + 0
 *            *(u64 *)(r10 - 24) = r7      ; y, argument 6, at area + 8
 *            r1 = 1 ; r2 = 2 ; r3 = 3 ; r4 = 4
 *            r5 = r10 ; r5 += -32         ; r5 = area
 *            call f
 *   f:       r6 = *(u64 *)(r5 + 0)        ; e
 *            r7 = *(u64 *)(r5 + 8)        ; g
 * </pre>
 * The verifier follows this: for a static callee r5 is a pointer into the caller's stack, whose slots it
 * tracks (spilled pointers come back as pointers). A global callee is verified alone from its BTF, so its
 * FUNC_PROTO must declare parameter 5 as a pointer to a struct of the stacked arguments, tagged
 * {@code arg:nonnull} (a decl tag on the FUNC with component_idx 4); the kernel then checks at each call that
 * the area is initialised stack memory of that size, and the callee sees the values as scalars (so pointers can
 * be passed to a global function only among the first four arguments). docs/calling-convention.md has the rest.
 */
public final class StackArguments {
    /** Arguments passed in registers (r1..r4) when the rest go through r5. */
    public static final int IN_REGISTERS = 4;

    private StackArguments() {}

    /** Bytes of the area for a call with {@code argCount} arguments (> 5). */
    public static int areaBytes(int argCount) { return (argCount - IN_REGISTERS) * 8; }

    /** Offset of argument {@code index} (0-based, >= 4) from the area's start. */
    public static int offsetOf(int index) { return (index - IN_REGISTERS) * 8; }
}
