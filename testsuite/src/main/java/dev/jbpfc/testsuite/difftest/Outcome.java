package dev.jbpfc.testsuite.difftest;

/** What one differential run of a generated program found. */
public record Outcome(Kind kind, String detail) {
    public enum Kind {
        /** Both compiled, both verified, same retval, packet and map on every input. */
        MATCH,
        /** Both ran, and some input gave a different retval, packet or map. */
        MISMATCH,
        /** jbpfc threw (an internal compiler error). */
        JBPFC_CRASH,
        /** jbpfc reported an error on a valid program. */
        JBPFC_ERROR,
        /** jbpfc said a construct "is not supported yet": a known gap, not a miscompile. */
        JBPFC_UNSUPPORTED,
        /** One object loads and the other does not. */
        VERIFIER_DISAGREEMENT,
        /** clang refused the program or the verifier refused both: the generator's fault, nothing to judge. */
        INVALID
    }

    /** Kinds that are jbpfc bugs (CI fails on them). */
    public boolean isFailure() {
        return kind == Kind.MISMATCH || kind == Kind.JBPFC_CRASH || kind == Kind.JBPFC_ERROR
                || kind == Kind.VERIFIER_DISAGREEMENT;
    }

    @Override
    public String toString() {
        return kind + (detail.isEmpty() ? "" : ": " + detail);
    }
}
