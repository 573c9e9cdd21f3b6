package dev.jbpfc.ir.pass;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.ExternFunction;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Needs: nothing. Leaves stale: nothing (one instruction replaced by another in place).
 *
 * Settles the {@code __builtin_memcpy}/{@code memmove}/{@code memset} calls whose size the frontend could not
 * compute. BPF has no memcpy: a copy is expanded into loads and stores, so its size must be a constant. Real code
 * often passes a size that is a constant only after inlining, in a branch that inlining then removes; the samples'
 * {@code READ_ONCE} is
 * <pre>
 *   static __always_inline void __read_once_size(const volatile void *p, void *res, int size) {
 *       switch (size) { case 1: ... case 8: ...; default: __builtin_memcpy(res, (const void *)p, size); }
 *   }
 * </pre>
 * so the frontend emits a question to the optimiser instead of an error:
 * <pre>
 *   call void @__jbpfc_memcpy(ptr %res, ptr %p, i64 %size, i32 1)    ; the last operand is the alignment
 *     -&gt; memcpy ptr %res, ptr %p, 8, align 1        once %size is the constant 8 (ConstantFolding, any time)
 *     -&gt; removed with its block                      when the branch it sits in is dead
 * </pre>
 * This pass runs after inlining and constant propagation: it turns each remaining call with a constant size into
 * the instruction, reports one whose size is still unknown as the error the frontend used to report (clang-22 fails
 * on it too), and drops the declarations, so no call reaches the backend.
 */
public final class LowerMemIntrinsics {
    /** {@code call void @__jbpfc_memcpy(ptr dst, ptr src, i64 size, i32 align)}: memcpy and memmove. */
    public static final String MEMCPY = "__jbpfc_memcpy";
    /** {@code call void @__jbpfc_memset(ptr dst, i32 byte, i64 size, i32 align)} (calls take no i8: the low byte counts). */
    public static final String MEMSET = "__jbpfc_memset";

    /** The declaration of {@code name} (MEMCPY or MEMSET) for a module that calls it. */
    public static ExternFunction declaration(String name) {
        Type second = name.equals(MEMSET) ? Type.I32 : Type.PTR;
        return new ExternFunction(ExternFunction.Kind.EXTERN, name, Type.VOID,
                List.of(Type.PTR, second, Type.I64, Type.I32), 0, false);
    }

    public void run(Module m) {
        for (Function f : m.functions()) {
            List<Instruction> calls = new ArrayList<>();
            for (Instruction i : f.instructions()) if (isIntrinsicCall(i)) calls.add(i);
            for (Instruction call : calls) {
                if (!replaceIfConstant(call)) {
                    String builtin = call.symbol.equals(MEMSET) ? "__builtin_memset" : "__builtin_memcpy";
                    throw new CompileError(m.sourceLocation(call.loc),
                            "'" + builtin + "' with a non-constant size is not supported (the size is not a constant"
                                    + " even after inlining, in function '" + f.name() + "')");
                }
            }
        }
        m.externs().removeIf(e -> e.name().equals(MEMCPY) || e.name().equals(MEMSET));
    }

    static boolean isIntrinsicCall(Instruction i) {
        return i.op() == Opcode.CALL && (MEMCPY.equals(i.symbol) || MEMSET.equals(i.symbol));
    }

    /**
     * Replaces an intrinsic call whose size is now a constant by the memcpy/memset instruction (nothing at all for
     * size 0); returns whether it did. A call of anything else is left alone (false).
     */
    static boolean replaceIfConstant(Instruction call) {
        if (!isIntrinsicCall(call) || !(call.operand(2) instanceof Constant size)) return false;
        Block b = call.block();
        if (size.value() != 0) {
            Value dst = call.operand(0), second = call.operand(1);
            int align = (int) ((Constant) call.operand(3)).value();
            if (call.symbol.equals(MEMSET)) second = byteOf(call, second);
            Instruction op = call.symbol.equals(MEMSET)
                    ? Instruction.memset(dst, second, size.value(), align)
                    : Instruction.memcpy(dst, second, size.value(), align);
            op.loc = call.loc;
            b.insertBefore(call, op);
        }
        call.remove();
        return true;
    }

    /** The i8 that memset stores, from the call's i32 operand (a truncation inserted before the call if needed). */
    private static Value byteOf(Instruction call, Value v) {
        if (v instanceof Constant c) return Constant.of(Type.I8, c.value());
        Instruction t = Instruction.cast(Opcode.TRUNC, v, Type.I8);
        t.loc = call.loc;
        return call.block().insertBefore(call, t);
    }
}
