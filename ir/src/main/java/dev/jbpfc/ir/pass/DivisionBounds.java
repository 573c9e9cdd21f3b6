package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.IntRange;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Needs: nothing. Leaves stale: the CFG (it splits blocks); run it last, since any pass that knows ranges would fold
 * what it adds away.
 *
 * Makes the range of an unsigned division or remainder visible to the kernel verifier, which tracks none through
 * BPF_MOD and BPF_DIV (kernel 6.18: {@code w1 %= 3} on a value known in [0, 255] leaves an unbounded scalar). A
 * table index computed with {@code %} is then refused ("math between map_value pointer and register with unbounded
 * min value"), though the compiler knows the bound. So the result is compared with its bound, and the branch that is
 * never taken sets it to the bound and rejoins:
 * <pre>
 *   %r = urem i32 %x, 3                          %r = urem i32 %x, 3
 *   %i = zext i32 %r to i64           -&gt;         %w = zext i32 %r to i64
 *                                                 %c = cmp ugt i64 %w, 2
 *                                                 condbr i1 %c, b.bound, b.inrange
 *                                               b.inrange:
 *                                                 br b.bounded
 *                                               b.bound:
 *                                                 br b.bounded
 *                                               b.bounded:
 *                                                 %rb = phi i32 [ %r, b.inrange ], [ 2, b.bound ]
 *                                                 %i = zext i32 %rb to i64
 * </pre>
 * The verifier walks the fall-through first with {@code %r} in [0, 2] and then prunes the other path where it
 * rejoins (a constant 2 lies inside the range it has seen there), so the cost is a few instructions.
 * Divisions and remainders by a power of two are left alone (the backend makes them AND and RSH, which the verifier
 * bounds); so are those whose bound is the whole unsigned range of their type.
 */
public final class DivisionBounds {
    public void run(Function fn) {
        // Bounds first: a guard replaces uses by a phi, through which IntRange does not look.
        Map<Instruction, Long> work = new LinkedHashMap<>();
        for (Block blk : fn.blocks()) for (Instruction i : blk.instructionsView()) {
            if (i.op() != Opcode.UREM && i.op() != Opcode.UDIV) continue;
            Long hi = bound(i);
            if (hi != null) work.put(i, hi);
        }
        work.forEach((i, hi) -> guard(fn, i, hi));
    }

    /** The largest value {@code i} (an udiv or urem) can have, unsigned, when that says more than its type; else null. */
    static Long bound(Instruction i) {
        Type t = i.type();
        if (t != Type.I32 && t != Type.I64) return null;
        long max = t == Type.I32 ? 0xffffffffL : -1L;
        IntRange x = IntRange.of(i.operand(0));
        // The dividend's own bound, unsigned; the remainder and the quotient never exceed it (x % 0 is x on BPF).
        long xHi = x.nonNegative() ? x.hi() : max;
        long hi;
        if (i.operand(1) instanceof Constant c) {
            long d = c.unsignedValue();
            if (d == 0 || Long.bitCount(d) == 1) return null;
            hi = i.op() == Opcode.UREM ? min(xHi, d - 1) : Long.divideUnsigned(xHi, d);
        } else {
            IntRange y = IntRange.of(i.operand(1));
            hi = xHi;
            if (i.op() == Opcode.UREM && y.lo() >= 1) hi = min(hi, y.hi() - 1);
        }
        return hi == max ? null : hi;
    }

    private static long min(long a, long b) { return Long.compareUnsigned(a, b) <= 0 ? a : b; }

    private static void guard(Function fn, Instruction i, long hi) {
        Block b = i.block();
        Block bounded = CfgEdits.splitBlock(b, b.indexOf(i) + 1, b.name() + ".bounded");
        // Laid out b, in-range, bound, bounded: every jump goes forward (a bound block at the end of the function
        // would jump back into a loop around it, which the template loop checker refuses), the in-range path
        // falls through from b and jumps over the bound block, and the bound block falls into the rest.
        Block inRange = new Block(b.name() + ".inrange");
        fn.insertBlockAfter(b, inRange);
        Block clamp = new Block(b.name() + ".bound");
        fn.insertBlockAfter(inRange, clamp);
        Constant limit = Constant.of(i.type(), hi);
        Instruction phi = Instruction.phi(i.type());
        fn.replaceAllUses(i, phi);
        phi.addIncoming(i, inRange);
        phi.addIncoming(limit, clamp);
        bounded.insert(0, phi);
        // A 32-bit result is compared in 64 bits: the verifier forgets all 64 bits of a register after BPF_MOD
        // or BPF_DIV, even the 32-bit ones (whose upper half is zero), so a 32-bit compare would bound only the
        // lower half and the zero-extension the backend leaves out would look unbounded.
        Value wide = i;
        if (i.type() == Type.I32) {
            Instruction z = b.append(Instruction.cast(Opcode.ZEXT, i, Type.I64));
            z.loc = i.loc;
            wide = z;
        }
        Instruction over = b.append(Instruction.cmp(Predicate.UGT, wide, Constant.of(Type.I64, hi)));
        over.loc = i.loc;
        b.append(Instruction.condbr(over, clamp, inRange)).loc = i.loc;
        inRange.append(Instruction.br(bounded)).loc = i.loc;
        clamp.append(Instruction.br(bounded)).loc = i.loc;
    }
}
