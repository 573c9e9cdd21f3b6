package dev.jbpfc.backend.frame;

import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.diag.CompileError;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel's stack limit, checked before the verifier would reject the object. Each function's frame (allocas
 * plus spill slots, below r10) must fit 512 bytes, and so must the frames along every static call chain; the
 * verifier rounds each frame up to 32 bytes when it adds them ("combined stack size of %d calls is %d. Too
 * large"), so this check does too.
 * <pre>
 *   int f(void) { char buf[600]; ... }   error: function 'f' uses 600 bytes of stack; the BPF limit is 512
 * </pre>
 * Needs: register allocation done (spill bytes known).
 */
public final class StackLimit {
    public static final int LIMIT = 512;

    private StackLimit() {}

    public static void run(List<MFunction> functions) {
        Map<String, MFunction> byName = new HashMap<>();
        for (MFunction f : functions) {
            byName.put(f.name, f);
            if (f.frameSize() > LIMIT) {
                throw new CompileError(null, "function '" + f.name + "' uses " + f.frameSize()
                        + " bytes of stack; the BPF limit is " + LIMIT);
            }
        }
        Map<String, Integer> memo = new HashMap<>();
        for (MFunction f : functions) {
            List<String> chain = new ArrayList<>();
            int depth = deepest(f, byName, memo, chain, new ArrayList<>());
            if (depth > LIMIT) {
                List<String> named = new ArrayList<>();
                for (String g : chain) named.add(g + " (" + byName.get(g).frameSize() + ")");
                throw new CompileError(null, "the call chain " + String.join(" -> ", named) + " uses " + depth
                        + " bytes of stack (frame bytes in parentheses, each rounded up to 32 as the verifier counts); the BPF limit is "
                        + LIMIT);
            }
        }
    }

    private static int rounded(MFunction f) { return Math.max(32, (f.frameSize() + 31) / 32 * 32); }

    /** Stack of the deepest chain starting at {@code f}; {@code chainOut} receives that chain's names. */
    private static int deepest(MFunction f, Map<String, MFunction> byName, Map<String, Integer> memo,
                               List<String> chainOut, List<String> path) {
        if (path.contains(f.name)) {
            throw new CompileError(null, "function '" + f.name + "' is recursive ("
                    + String.join(" -> ", path) + " -> " + f.name + "); BPF does not allow recursion");
        }
        path.add(f.name);
        int best = 0;
        List<String> bestChain = new ArrayList<>();
        for (String callee : f.callees) {
            MFunction g = byName.get(callee);
            if (g == null) continue;
            List<String> sub = new ArrayList<>();
            int d = deepest(g, byName, memo, sub, path);
            if (d > best) {
                best = d;
                bestChain = sub;
            }
        }
        path.remove(path.size() - 1);
        chainOut.add(f.name);
        chainOut.addAll(bestChain);
        int total = rounded(f) + best;
        memo.put(f.name, total);
        return total;
    }
}
