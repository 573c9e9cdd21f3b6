package dev.jbpfc.testsuite.loops;

import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.LoopHint;
import dev.jbpfc.testsuite.interp.Code;
import dev.jbpfc.testsuite.interp.InterpException;
import dev.jbpfc.testsuite.interp.Interpreter;
import dev.jbpfc.testsuite.interp.Memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs one function in the interpreter against the loops a checker accepted, and says whether any run broke a
 * claim. For each accepted loop {@code [start, end]} with bound {@code B}: the back edge at {@code end} may be
 * taken at most {@code B - 1} times between two executions of the preheader at {@code start - 1} (B body
 * executions per entry). When the checker called the whole function proved (every back edge covered), a backward
 * jump that is no accepted loop's back edge is a violation, and so is running past the instruction budget when the
 * accepted bounds allow far fewer instructions.
 *
 * <p>Each run starts r0-r9 and the top 64 bytes of the stack from adversarial values: 0, 1, -1, 2, the edges of
 * the 32- and 64-bit signed and unsigned types, values next to every constant the hints mention, random ones.
 * Helper calls return deterministic values and leave r1-r5 poisoned.
 */
final class SoundnessRunner {
    /** One loop as a checker accepted it. */
    record Claim(int start, int end, long bound) {}

    /** What the runs found. */
    record Outcome(String violation, int runs, int budgetRuns, int errorRuns, long instructions) {}

    private static final class Violation extends RuntimeException {
        Violation(String m) { super(m, null, false, false); }
    }

    private final int runs;
    private final long budget;

    SoundnessRunner(int runs, long budget) {
        this.runs = runs;
        this.budget = budget;
    }

    Outcome run(FunctionCode f, List<Claim> claims, boolean proved, List<LoopHint> hints, long seed) {
        Code code = Code.of(f.code());
        int n = code.length();
        long worst = n;   // instructions the claims allow, if proved: len * prod(bound + 1)
        for (Claim c : claims) worst = satMul(worst, c.bound() == -1 ? Long.MAX_VALUE : c.bound() + 1);
        List<Long> pool = pool(hints);
        Random r = new Random(seed);
        int budgetRuns = 0, errorRuns = 0;
        long insns = 0;
        for (int run = 0; run < runs; run++) {
            Memory mem = new Memory();
            Interpreter in = new Interpreter(code, mem, new FakeHelpers(r.nextLong())).budget(budget);
            long[] regs = new long[10];
            for (int i = 0; i < 10; i++) regs[i] = pool.get(r.nextInt(pool.size()));
            byte[] stack = in.frame(0).bytes;
            for (int off = stack.length - 64; off < stack.length; off += 8) Memory.putLe(stack, off, 8, pool.get(r.nextInt(pool.size())));
            long[] counter = new long[claims.size()];
            boolean[] isEnd = new boolean[n];
            for (Claim c : claims) {
                if (c.start() - 1 >= 0 && c.start() - 1 < n) in.watch(c.start() - 1);
                if (c.end() >= 0 && c.end() < n) isEnd[c.end()] = true;
            }
            final int runNo = run;
            in.observer(new Interpreter.Observer() {
                @Override public void watched(int pc, long[] regs2, int depth) {
                    for (int i = 0; i < claims.size(); i++) if (claims.get(i).start() - 1 == pc) counter[i] = 0;
                }

                @Override public void backEdge(int from, int to, int depth) {
                    for (int i = 0; i < claims.size(); i++) {
                        Claim c = claims.get(i);
                        if (c.end() != from) continue;
                        counter[i]++;
                        // body executions = back edges since the preheader + 1 must not exceed the bound
                        if (Long.compareUnsigned(counter[i], c.bound() - 1) > 0 || c.bound() == 0) {
                            throw new Violation("run " + runNo + ": loop [" + c.start() + ", " + c.end() + "] accepted with bound "
                                    + Long.toUnsignedString(c.bound()) + " took its back edge " + counter[i] + " times in one entry");
                        }
                    }
                    if (proved && !isEnd[from]) {
                        throw new Violation("run " + runNo + ": backward jump " + from + " -> " + to
                                + " taken in a function the checker proved (no accepted loop ends there)");
                    }
                }
            });
            try {
                in.run(0, regs);
            } catch (Violation v) {
                return new Outcome(v.getMessage() + "; initial registers " + hex(regs), run + 1, budgetRuns, errorRuns, insns + in.executed());
            } catch (InterpException.BudgetExhausted e) {
                budgetRuns++;
                if (proved && worst < budget) {
                    return new Outcome("run " + run + ": proved function ran past " + budget + " instructions although its accepted bounds allow "
                            + worst + "; initial registers " + hex(regs), run + 1, budgetRuns, errorRuns, insns + in.executed());
                }
            } catch (InterpException e) {
                errorRuns++;
            }
            insns += in.executed();
        }
        return new Outcome(null, runs, budgetRuns, errorRuns, insns);
    }

    private static List<Long> pool(List<LoopHint> hints) {
        List<Long> p = new ArrayList<>(List.of(0L, 1L, -1L, 2L, 3L, 0x7fffffffL, 0x80000000L, 0xffffffffL, 0x100000000L,
                Long.MAX_VALUE, Long.MIN_VALUE, 0xfffffffeL, 0xffffffff_80000000L, 0x7ffffffeL, 100L, -100L));
        for (LoopHint h : hints) {
            for (long v : new long[] {h.init(), h.limit().isRegister() ? 0 : h.limit().constant()}) {
                p.add(v);
                p.add(v + 1);
                p.add(v - 1);
                p.add(v & 0xffffffffL);
            }
        }
        return p;
    }

    private static long satMul(long a, long b) {
        if (a <= 0 || b <= 0) return Long.MAX_VALUE;
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private static String hex(long[] regs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < regs.length; i++) sb.append(i == 0 ? "" : " ").append("r").append(i).append("=0x").append(Long.toHexString(regs[i]));
        return sb.toString();
    }

    /** Helpers of a bare function: random numbers and time, deterministic per run. */
    private static final class FakeHelpers implements Interpreter.Helpers {
        private long state;

        FakeHelpers(long seed) { this.state = seed == 0 ? 1 : seed; }

        @Override public long call(int helper, long[] regs, Memory memory, int pc) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            return switch (helper) {
                case 5 -> state & 0x7fffffffffffL;
                case 7 -> state & 0xffffffffL;
                default -> throw new InterpException(pc, "helper " + helper);
            };
        }
    }
}
