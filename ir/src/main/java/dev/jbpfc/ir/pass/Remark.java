package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.DebugLoc;

/**
 * A pass telling the user it did not do what the source asked, as clang's {@code -Wpass-failed} warning ("loop not
 * unrolled: ..."). {@code loc} may be null when the IR carries no location; the driver maps it back to the file.
 */
public record Remark(String function, DebugLoc loc, String message) {
    @Override
    public String toString() { return "@" + function + (loc == null ? "" : " " + loc) + ": " + message; }
}
