package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.DebugLoc;

/**
 * A pass telling the user what it did or did not do to the source, as clang's optimization remarks: {@code pass} is
 * the name {@code -Rpass=NAME} (a {@link Kind#PASSED} remark: "completely unrolled loop with 4 iterations") or
 * {@code -Rpass-missed=NAME} (a {@link Kind#MISSED} one: "loop not unrolled: ...") selects. {@code loc} may be null
 * when the IR carries no location; the driver maps it back to the file.
 */
public record Remark(String pass, Kind kind, String function, DebugLoc loc, String message) {
    /** Whether the pass did the transformation the remark is about. */
    public enum Kind { PASSED, MISSED }

    /** What a pass could not do. */
    public static Remark missed(String pass, String function, DebugLoc loc, String message) {
        return new Remark(pass, Kind.MISSED, function, loc, message);
    }

    /** What a pass did. */
    public static Remark passed(String pass, String function, DebugLoc loc, String message) {
        return new Remark(pass, Kind.PASSED, function, loc, message);
    }

    /** The command-line option that shows it: {@code -Rpass=loop-unroll}, {@code -Rpass-missed=loop-lowering}. */
    public String option() { return (kind == Kind.PASSED ? "-Rpass=" : "-Rpass-missed=") + pass; }

    @Override
    public String toString() { return "@" + function + (loc == null ? "" : " " + loc) + ": " + message; }
}
