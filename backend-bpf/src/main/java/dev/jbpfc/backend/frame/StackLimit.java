package dev.jbpfc.backend.frame;

import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.diag.CompileError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 *
 * One chain is the compiler's own: a loop outlined into a bpf_loop callback ({@code -floop-lowering=bpf-loop})
 * runs in a frame the source never asked for, on top of the frame of the function that calls bpf_loop, and the
 * verifier sums the two (each rounded up to 16 bytes, as it does with the JIT on) against the same 512 bytes. A
 * function whose frame plus the deepest chain of its outlined callbacks exceeds that is refused here too:
 * <pre>
 *   char buf[400]; ... for (i = 0; i &lt; n; i++) { char tmp[200]; ... }    (with -floop-lowering=bpf-loop)
 *   error: function 'f' uses 400 bytes of stack and its loop outlined into the bpf_loop callback 'f__bpf_loop'
 *          208 more, 608 together; the BPF limit is 512 (...)
 * </pre>
 * Needs: register allocation done (spill bytes known).
 */
public final class StackLimit {
    public static final int LIMIT = 512;

    private StackLimit() {}

    public static void run(List<MFunction> functions) {
        Map<String, MFunction> byName = new HashMap<>();
        for (MFunction f : functions) {
            if (f.frameSize() > LIMIT) {
                throw new CompileError(null, "function '" + f.name + "' uses " + f.frameSize()
                        + " bytes of stack; the BPF limit is " + LIMIT);
            }
            byName.put(f.name, f);
        }
        for (MFunction f : functions) {
            List<MFunction> chain = deepestCallbackChain(f, byName, 0);
            if (chain.size() < 2) continue;
            int total = 0;
            for (MFunction g : chain) total += verifierFrame(g);
            if (total <= LIMIT) continue;
            StringBuilder more = new StringBuilder();
            for (int k = 1; k < chain.size(); k++) {
                more.append(k == 1 ? " and its loop outlined into the bpf_loop callback '" : ", whose loop's callback '")
                        .append(chain.get(k).name).append("' ").append(verifierFrame(chain.get(k))).append(" more");
            }
            throw new CompileError(null, "function '" + f.name + "' uses " + verifierFrame(f) + " bytes of stack" + more
                    + ", " + total + " together; the BPF limit is " + LIMIT + " (-floop-lowering=iterator or plain "
                    + "keeps the loop in '" + f.name + "')");
        }
    }

    /** A frame as the verifier counts it in a call chain: rounded up to 16 bytes (its JIT granularity). */
    private static int verifierFrame(MFunction f) {
        return (f.frameSize() + 15) / 16 * 16;
    }

    /** {@code f} followed by the callbacks, one per level, whose frames add up to the most. */
    private static List<MFunction> deepestCallbackChain(MFunction f, Map<String, MFunction> byName, int depth) {
        List<MFunction> best = new ArrayList<>();
        int bestBytes = -1;
        if (depth < 8) { // the verifier allows 8 frames; the outliner makes no cycles
            for (String name : f.loopCallbacks) {
                MFunction cb = byName.get(name);
                if (cb == null || cb == f) continue;
                List<MFunction> chain = deepestCallbackChain(cb, byName, depth + 1);
                int bytes = 0;
                for (MFunction g : chain) bytes += verifierFrame(g);
                if (bytes > bestBytes) {
                    best = chain;
                    bestBytes = bytes;
                }
            }
        }
        List<MFunction> out = new ArrayList<>();
        out.add(f);
        out.addAll(best);
        return out;
    }
}
