package dev.jbpfc.backend.frame;

import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.diag.CompileError;

import java.util.List;

/**
 * The kernel's stack limit for one frame, checked as clang checks it: a function whose frame (allocas plus spill
 * slots, below r10) exceeds 512 bytes cannot be addressed by the verifier at all, so the object is refused here.
 * <pre>
 *   int f(void) { char buf[600]; ... }   error: function 'f' uses 600 bytes of stack; the BPF limit is 512
 * </pre>
 * What only the verifier can judge is left to it, as clang leaves it: the sum of frames along a call chain
 * ("combined stack size of %d calls is %d. Too large") depends on which calls the verifier walks, and recursion
 * is refused by the verifier's own call-graph walk ("recursive call from insn %d to %d"). A program the
 * selftests mark {@code __failure} for either reason must still compile, so the kernel's message is the one the
 * test sees.
 * Needs: register allocation done (spill bytes known).
 */
public final class StackLimit {
    public static final int LIMIT = 512;

    private StackLimit() {}

    public static void run(List<MFunction> functions) {
        for (MFunction f : functions) {
            if (f.frameSize() > LIMIT) {
                throw new CompileError(null, "function '" + f.name + "' uses " + f.frameSize()
                        + " bytes of stack; the BPF limit is " + LIMIT);
            }
        }
    }
}
