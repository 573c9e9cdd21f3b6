package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The integer that {@code ptrtoint} of an address computed from the null pointer is: the sum of the offsets added
 * to null. This is offsetof written without {@code __builtin_offsetof}, as libbpf's and the kernel's fallbacks do:
 * <pre>
 *   (unsigned long)&((struct s *)0)->a.arr[2]       lowers to   %0 = ptradd null, 8
 *                                                               %1 = ptradd %0, 4
 *                                                               %2 = ptradd %1, 8
 *                                                               %3 = ptrtoint ptr %2 to i64
 * </pre>
 * and {@code %3} is the constant 20, which clang-22 emits as {@code r0 = 20} where codegen would otherwise build
 * the address from zero ({@code r0 = 0; r0 += 8; ...}). A CO-RE offset in the chain (a {@code preserve_access_index}
 * record, or {@code __builtin_preserve_access_index}) stays the relocated value, with the constant part added once:
 * {@code ptrtoint (ptradd (ptradd null, %core), 12)} is {@code add i64 %core, 12}, as in clang-22's
 * {@code r0 = 8 (CO-RE byte_off); r0 += 12}. Folding through null is sound because BPF addresses are plain 64-bit
 * integers: {@code ptradd} is integer addition, and null is 0.
 */
final class NullBasedOffset {
    private NullBasedOffset() {}

    /**
     * For a {@code ptrtoint} of a chain of {@code ptradd}s whose base is null: the instructions that add its offsets
     * are inserted before it (in block b) and the sum returned. Null for anything else, and for a bare
     * {@code ptrtoint null} (Fold's).
     */
    static Value asInteger(Instruction ptrtoint, Block b) {
        if (ptrtoint.op() != Opcode.PTRTOINT) return null;
        List<Value> offsets = offsetsFromNull(ptrtoint.operand(0));
        if (offsets == null || offsets.isEmpty()) return null;
        long constant = 0;
        Value sum = null;
        for (Value o : offsets) {
            if (o instanceof Constant c) constant += c.value();
            else sum = sum == null ? o : add(b, ptrtoint, sum, o);
        }
        if (sum == null) return Constant.of(Type.I64, constant);
        return constant == 0 ? sum : add(b, ptrtoint, sum, Constant.of(Type.I64, constant));
    }

    /** The offsets of p's {@code ptradd} chain, innermost first, when the chain starts at null; otherwise null. */
    private static List<Value> offsetsFromNull(Value p) {
        Deque<Value> offsets = new ArrayDeque<>();
        while (p instanceof Instruction i && i.op() == Opcode.PTRADD) {
            offsets.addFirst(i.operand(1));
            p = i.operand(0);
        }
        return p instanceof Constant c && c.type() == Type.PTR && c.isZero() ? new ArrayList<>(offsets) : null;
    }

    private static Value add(Block b, Instruction before, Value x, Value y) {
        Instruction add = Instruction.binary(Opcode.ADD, x, y);
        add.loc = before.loc;
        return b.insertBefore(before, add);
    }
}
