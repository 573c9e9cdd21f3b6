package dev.jbpfc.ir;

import dev.jbpfc.ir.interp.IrInterpreter;
import dev.jbpfc.ir.interp.IrInterpreter.Pointer;
import dev.jbpfc.ir.pass.LoopLowering;
import dev.jbpfc.ir.text.IrParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loops lowered to open-coded iterators compute what the plain loops compute. The interpreter runs the
 * {@code bpf_iter_num} kfuncs through {@link NumIterators}, a model of the kernel's number iterator that also
 * checks the rules the verifier enforces: an iterator is created once, used only while alive, and destroyed on
 * every path before the function returns. The programs are the seeded random ones of {@link IrDifferentialTest}
 * (their counted loops, with breaks and returns around them) and the {@code loop-lowering-*.ir} pass tests.
 */
class LoopLoweringDifferentialTest {

    /** The kernel's number iterator, as its documentation describes it, with the verifier's lifetime rules. */
    static final class NumIterators implements IrInterpreter.Helpers {
        private static final class State { long cur, end; boolean alive = true; }
        private final Map<byte[], State> iterators = new IdentityHashMap<>();
        int created;

        @Override
        public Object call(Instruction call, List<Object> args) {
            if (call.op() != Opcode.CALLKFUNC) throw new IrInterpreter.Trap("no helper " + call);
            byte[] slot = ((Pointer) args.get(0)).obj();
            State s = iterators.get(slot);
            switch (call.symbol) {
                case LoopLowering.ITER_NEW -> {
                    if (s != null && s.alive) throw new IrInterpreter.Trap("iterator created twice without destroy");
                    s = new State();
                    iterators.put(slot, s);
                    created++;
                    long start = (int) (long) (Long) args.get(1), end = (int) (long) (Long) args.get(2);
                    if (start > end) return -22L;
                    if (end - start > LoopLowering.MAX_ITERATOR_TRIPS) return -7L;
                    s.cur = start;
                    s.end = end;
                    return 0L;
                }
                case LoopLowering.ITER_NEXT -> {
                    if (s == null || !s.alive) throw new IrInterpreter.Trap("next on a dead iterator");
                    if (s.cur >= s.end) return new Pointer(null, 0);
                    byte[] v = new byte[4];
                    for (int k = 0; k < 4; k++) v[k] = (byte) (s.cur >> (8 * k));
                    s.cur++;
                    return new Pointer(v, 0);
                }
                case LoopLowering.ITER_DESTROY -> {
                    if (s == null || !s.alive) throw new IrInterpreter.Trap("destroy of a dead iterator");
                    s.alive = false;
                    return null;
                }
                default -> throw new IrInterpreter.Trap("unknown kfunc " + call.symbol);
            }
        }

        void checkAllDestroyed() {
            for (State s : iterators.values()) if (s.alive) throw new IrInterpreter.Trap("iterator not destroyed at return");
        }
    }

    @Test
    void randomProgramsAgree() {
        int programs = Integer.getInteger("jbpfc.ir.fuzz", 150);
        int lowered = 0;
        for (long seed = 1; seed <= programs; seed++) {
            String text = RandomProgram.generate(seed);
            lowered += compare("seed" + seed, text, "f", 2);
        }
        assertTrue(lowered > 20, "only " + lowered + " random programs got an iterator loop");
    }

    @Test
    void passTestsAgree() throws Exception {
        for (Path p : TestFiles.in("passes")) {
            String name = p.getFileName().toString();
            if (!name.startsWith("loop-lowering-")) continue;
            String text = TestFiles.read(p);
            Module m = IrParser.parse(name, text);
            for (Function f : m.functions()) {
                if (f.params().stream().allMatch(x -> x.type() != Type.PTR)) compare(name, text, f.name(), f.params().size());
            }
        }
    }

    private static final LoweringDifferential DIFF =
            new LoweringDifferential(LoopLowering.Mode.ITERATOR, "callkfunc", LoopLoweringDifferentialTest::run);

    private static int compare(String name, String text, String fn, int arity) {
        return DIFF.compare(name, text, fn, arity);
    }

    private static String run(Module m, String fn, List<Object> args) {
        NumIterators its = new NumIterators();
        IrInterpreter interp = new IrInterpreter(m, its, 2_000_000);
        try {
            Object r = interp.run(fn, args);
            its.checkAllDestroyed();
            return String.valueOf(r);
        } catch (IrInterpreter.Trap t) {
            return "trap: " + t.getMessage();
        }
    }
}
