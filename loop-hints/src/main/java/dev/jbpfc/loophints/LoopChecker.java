package dev.jbpfc.loophints;

/** The template loop checker. (The implementation is being written; see docs/loop-hints.md for its contract.) */
public final class LoopChecker {
    private LoopChecker() {}

    /** Checks every loop hint of one function against its instructions; never throws on bad input. */
    public static FunctionReport check(FunctionCode function) {
        throw new UnsupportedOperationException("the template loop checker is not built yet");
    }
}
