package dev.jbpfc.ir;

import dev.jbpfc.ir.interp.IrInterpreter;
import dev.jbpfc.ir.interp.IrInterpreter.Pointer;
import dev.jbpfc.ir.pass.LoopLowering;
import dev.jbpfc.ir.text.IrParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loops outlined into bpf_loop callbacks ({@code -floop-lowering=bpf-loop}) compute what the loops computed. The
 * interpreter runs helper 181 through {@link BpfLoop}, a model of the kernel's {@code bpf_loop} as its
 * documentation describes it (the callback for index 0, 1, ... until it returns 1 or the count is reached; more
 * than 2^23 trips refused with -E2BIG before any trip) that also checks what the verifier enforces of a callback:
 * it returns 0 or 1, and flags are 0. The programs are the seeded random ones of {@link IrDifferentialTest} (their
 * counted loops with breaks, returns, carried values and values used after the loop) and the
 * {@code loop-lowering-*.ir} pass tests.
 */
class BpfLoopDifferentialTest {

    /** The kernel's bpf_loop helper. */
    static final class BpfLoop implements IrInterpreter.Helpers {
        IrInterpreter interp;
        int calls;

        @Override
        public Object call(Instruction call, List<Object> args) {
            if (call.op() != Opcode.CALLHELPER || call.size != 181) throw new IrInterpreter.Trap("no helper " + call);
            calls++;
            long n = (Long) args.get(0) & 0xffffffffL;
            Function cb = interp.functionAt((Pointer) args.get(1));
            if (cb == null) throw new IrInterpreter.Trap("bpf_loop's callback is not a function");
            if ((Long) args.get(3) != 0) throw new IrInterpreter.Trap("bpf_loop's flags must be 0");
            if (n > 1L << 23) return -7L;
            for (long i = 0; i < n; i++) {
                long r = (Long) interp.callFromHelper(cb, List.of(i, args.get(2)));
                if (r == 1) return i + 1;
                if (r != 0) throw new IrInterpreter.Trap("a bpf_loop callback returned " + r);
            }
            return n;
        }
    }

    @Test
    void randomProgramsAgree() {
        int programs = Integer.getInteger("jbpfc.ir.fuzz", 150);
        int outlined = 0;
        for (long seed = 1; seed <= programs; seed++) {
            outlined += compare("seed" + seed, RandomProgram.generate(seed), "f", 2);
        }
        assertTrue(outlined > 20, "only " + outlined + " random programs got a bpf_loop call");
    }

    @Test
    void passTestsAgree() throws Exception {
        int outlined = 0;
        for (Path p : TestFiles.in("passes")) {
            String name = p.getFileName().toString();
            if (!name.startsWith("loop-lowering-")) continue;
            String text = TestFiles.read(p);
            Module m = IrParser.parse(name, text);
            for (Function f : m.functions()) {
                if (f.params().stream().allMatch(x -> x.type() != Type.PTR)) outlined += compare(name, text, f.name(), f.params().size());
            }
        }
        assertTrue(outlined > 0, "no pass test got a bpf_loop call");
    }

    @Test
    void theModelStopsWhereTheCallbackSaysAndRefusesTooManyTrips() {
        String text = """
                define static i64 @cb(i64 %i, ptr %ctx) section ".text" {
                entry:
                  store i64 %i, %ctx, align 8
                  %c = cmp eq i64 %i, 4
                  condbr i1 %c, stop, more
                stop:
                  ret i64 1
                more:
                  ret i64 0
                }

                define global i64 @f(i64 %n) section "xdp" {
                entry:
                  %ctx = alloca 8, align 8
                  store i64 -1, %ctx, align 8
                  %a = addr @cb
                  %t = trunc i64 %n to i32
                  %r = callhelper i64 181(i32 %t, ptr %a, ptr %ctx, i64 0)
                  %last = load i64 %ctx, align 8
                  %s = shl i64 %r, 8
                  %x = add i64 %s, %last
                  ret i64 %x
                }
                """;
        assertEquals(String.valueOf(5 * 256 + 4), run(IrParser.parse("model", text), "f", List.of(100L)));
        assertEquals(String.valueOf(3 * 256 + 2), run(IrParser.parse("model", text), "f", List.of(3L)));
        assertEquals(String.valueOf(-7 * 256 - 1), run(IrParser.parse("model", text), "f", List.of((1L << 23) + 1)));
    }

    private static final LoweringDifferential DIFF =
            new LoweringDifferential(LoopLowering.Mode.BPF_LOOP, "callhelper i64 181(", BpfLoopDifferentialTest::run);

    private static int compare(String name, String text, String fn, int arity) {
        return DIFF.compare(name, text, fn, arity);
    }

    private static String run(Module m, String fn, List<Object> args) {
        BpfLoop helper = new BpfLoop();
        IrInterpreter interp = new IrInterpreter(m, helper, 4_000_000);
        helper.interp = interp;
        try {
            return String.valueOf(interp.run(fn, args));
        } catch (IrInterpreter.Trap t) {
            return "trap: " + t.getMessage();
        }
    }
}
