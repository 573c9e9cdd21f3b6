package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.HashMap;
import java.util.Map;

/**
 * Needs: nothing. Leaves stale: nothing (branches on the answers are SimplifyCfg's to fold).
 *
 * Answers the {@code __builtin_constant_p} questions the frontend could not: for an argument that is not a
 * constant expression in C (a parameter, a local), the frontend emits {@code call i32 @__jbpfc_is_constant(i64 %x)}
 * ({@link #INTRINSIC}), because after inlining and constant propagation {@code %x} may well be a constant. That is
 * what libbpf's {@code bpf_tail_call_static(ctx, &map, 0)} relies on: it is always_inline, traps unless its slot
 * is constant, and puts the slot into an inline asm "i" operand.
 * <pre>
 *   %c = call i32 @__jbpfc_is_constant(i64 0)      -&gt; 1   (ConstantFolding, any time)
 *   %c = call i32 @__jbpfc_is_constant(i64 %len)   -&gt; 0   (this pass, once inlining and unrolling are done)
 * </pre>
 * This pass replaces every remaining call by its answer and drops the declaration, so no call reaches the backend.
 */
public final class LowerIsConstant {
    /** The name of the intrinsic the frontend calls; it takes one i64 and returns an i32 0 or 1. */
    public static final String INTRINSIC = "__jbpfc_is_constant";

    public void run(Module m) {
        for (Function f : m.functions()) {
            Map<Value, Value> replace = new HashMap<>();
            for (Instruction i : f.instructions()) {
                Constant answer = answer(i, true);
                if (answer != null) replace.put(i, answer);
            }
            if (replace.isEmpty()) continue;
            for (Value v : replace.keySet()) ((Instruction) v).remove();
            f.replaceAllUses(replace);
        }
        m.externs().removeIf(e -> e.name().equals(INTRINSIC));
    }

    /**
     * The answer to an {@link #INTRINSIC} call: 1 when its argument is a constant, else 0 when {@code last}, else
     * null (not a call of the intrinsic, or maybe constant later).
     */
    static Constant answer(Instruction i, boolean last) {
        if (i.op() != Opcode.CALL || !INTRINSIC.equals(i.symbol)) return null;
        if (i.operand(0) instanceof Constant) return Constant.of(Type.I32, 1);
        return last ? Constant.of(Type.I32, 0) : null;
    }
}
