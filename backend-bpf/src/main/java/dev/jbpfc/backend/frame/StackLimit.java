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
 * verifier rounds each frame up to 16 bytes when it adds them for a JIT-compiled program (x86-64 and arm64
 * kernels JIT by default; CONFIG_BPF_JIT_ALWAYS_ON forces it): "combined stack size of %d calls is %d. Too
 * large". This check does the same.
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
                        + " bytes of stack (frame bytes in parentheses, each rounded up to 16 as the verifier counts with the JIT); the BPF limit is "
                        + LIMIT);
            }
        }
    }

    /**
     * The verifier's round_up_stack_depth with the JIT: 16-byte steps, an empty frame counts 0 (the interpreter
     * would count 32-byte steps and at least 32, but clang-22's output for the selftests relies on the JIT rule:
     * strobemeta_subprogs' chain is 544 bytes by the interpreter's count, 512 by the JIT's).
     */
    private static int rounded(MFunction f) { return (f.frameSize() + 15) / 16 * 16; }

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
