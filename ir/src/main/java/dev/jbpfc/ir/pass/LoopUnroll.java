package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Function;

/** Placeholder replaced in the next commit. */
public final class LoopUnroll {
    public void run(Function fn) {
        throw new UnsupportedOperationException("loop unrolling is not supported yet");
    }
}
