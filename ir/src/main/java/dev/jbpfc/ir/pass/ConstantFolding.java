package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Fold;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.IntRange;
import dev.jbpfc.ir.analysis.PhiRanges;
import dev.jbpfc.ir.analysis.UseList;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;

/**
 * Needs: nothing. Leaves stale: nothing (the CFG is unchanged; branch folding is SimplifyCfg's).
 *
 * Replaces pure instructions whose operands are constants by their value ({@link Fold}: C semantics; division by
 * zero, INT_MIN / -1 and over-wide shifts stay as they are), and applies identities that need only one constant
 * (and {@code addrspacecast} of its own inverse: the pointer itself):
 * {@code x+0, x-0, x*1, x*0, x&0, x&-1, x|0, x^0, x<<0, x>>0, x/1}, {@code x-x, x^x} = 0, {@code select c, a, a},
 * {@code ptradd p, 0} = p, and phis whose entries are all the same value; {@code ptrtoint} of an address computed
 * from null is the sum of its offsets ({@link NullBasedOffset}: offsetof without the builtin). CO-RE relocations are never folded (the
 * loader decides their value), and no identity turns a pointer into an integer or a compare into arithmetic.
 * Signed operations on values known non-negative ({@link IntRange}, with {@link PhiRanges} for phis) become their unsigned forms, which agree there:
 * {@code sdiv}/{@code srem} become {@code udiv}/{@code urem} (BPF has signed ones only from v4, and the kernel verifier
 * bounds neither; DivisionBounds bounds the unsigned ones) and {@code sext} becomes {@code zext} (free after a 32-bit
 * ALU operation, where sign extension costs two shifts). A {@code __builtin_memcpy}/{@code memset} call whose size
 * has become a constant becomes the memcpy/memset instruction ({@link LowerMemIntrinsics}). A 64-bit compare of an
 * extended 32-bit value with a constant becomes the 32-bit compare of the value where they agree
 * ({@link NarrowCompare}), when the extension serves only compares (one the code goes on to use, as an iterator
 * loop's 64-bit counter, is the register the verifier must see bounded).
 */
public final class ConstantFolding {
    public void run(Function fn) {
        Set<Instruction> narrowed = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            // reverse post-order, rewriting operands as we go, so a chain of foldable instructions folds in one sweep
            Map<Value, Value> replace = new HashMap<>();
            Map<Value, IntRange> phiRanges = PhiRanges.of(fn);
            UseList uses = new UseList(fn);
            for (Block b : new dev.jbpfc.ir.analysis.Cfg(fn).rpo()) {
                for (Instruction i : b.instructions()) {
                    for (int k = 0; k < i.operands().size(); k++) {
                        Value r = replace.get(i.operand(k));
                        if (r != null) i.setOperand(k, r);
                    }
                    if (LowerMemIntrinsics.replaceIfConstant(i)) { // a memcpy/memset whose size is now known
                        changed = true;
                        continue;
                    }
                    Value r = simplify(i, phiRanges);
                    if (r == null) r = NullBasedOffset.asInteger(i, b); // offsetof written as &((T *)0)->m
                    if (r == null) {
                        Instruction u = unsignedForm(i, phiRanges);
                        if (u == null && (u = NarrowCompare.of(i)) != null) {
                            Instruction ext = (Instruction) i.operand(i.operand(0) instanceof Instruction ? 0 : 1);
                            // An extension the code goes on to use is the register to bound: keep the compare on it.
                            if (onlyCompared(ext, uses)) narrowed.add(ext);
                            else u = null;
                        }
                        if (u != null) {
                            u.loc = i.loc;
                            u.setName(i.name());
                            r = b.insertBefore(i, u);
                        }
                    }
                    if (r != null && r != i) {
                        replace.put(i, replace.getOrDefault(r, r));
                        i.remove();
                        changed = true;
                    }
                }
            }
            fn.replaceAllUses(replace); // uses reached before their definition (phis on back edges)
        }
        removeUnused(fn, narrowed);
    }

    private static boolean onlyCompared(Instruction ext, UseList uses) {
        for (Instruction u : uses.users(ext)) if (u.op() != Opcode.CMP) return false;
        return true;
    }

    /**
     * Removes the extensions NarrowCompare left without a use. Left in place, the check's block would hold an
     * extension of the value before the check, and CSE would give it to the body's own extension of the same value:
     * the body would index with a register computed before the bound check, which the verifier never bounds.
     */
    private static void removeUnused(Function fn, Set<Instruction> candidates) {
        if (candidates.isEmpty()) return;
        Set<Instruction> dead = new HashSet<>(candidates);
        for (Block b : fn.blocks()) for (Instruction i : b.instructionsView()) dead.removeAll(i.operands());
        for (Instruction i : dead) i.remove();
    }

    /** The unsigned form of a signed division, remainder or extension of non-negative operands, or null. */
    static Instruction unsignedForm(Instruction i, Map<Value, IntRange> phiRanges) {
        Opcode op = i.op();
        if (op == Opcode.SDIV || op == Opcode.SREM) {
            // A divisor of 0 is left for the target, as Fold leaves it.
            if (!IntRange.of(i.operand(0), phiRanges).nonNegative() || IntRange.of(i.operand(1), phiRanges).lo() < 1) return null;
            return Instruction.binary(op == Opcode.SDIV ? Opcode.UDIV : Opcode.UREM, i.operand(0), i.operand(1));
        }
        if (op == Opcode.SEXT && i.operand(0).type() != Type.I1 && IntRange.of(i.operand(0), phiRanges).nonNegative()) {
            return Instruction.cast(Opcode.ZEXT, i.operand(0), i.type());
        }
        return null;
    }

    /** The value {@code i} is equal to, or null when it cannot be simplified. */
    static Value simplify(Instruction i, Map<Value, IntRange> phiRanges) {
        Opcode op = i.op();
        if (op == Opcode.PHI) return samePhiValue(i);
        if (op == Opcode.CALL) return LowerIsConstant.answer(i, false); // __builtin_constant_p of a now-constant
        if (!op.isPure()) return null;
        Constant c = Fold.constant(i);
        if (c != null) return c;
        if (op == Opcode.SELECT) {
            if (i.operand(0) instanceof Constant k) return i.operand(k.value() != 0 ? 1 : 2);
            if (i.operand(1).equals(i.operand(2)) || i.operand(1) == i.operand(2)) return i.operand(1);
            return null;
        }
        if (op == Opcode.PTRADD) return isConst(i.operand(1), 0) ? i.operand(0) : null;
        if (op == Opcode.ADDRSPACECAST) return castBack(i);
        if (op == Opcode.CMP) return signTest(i, phiRanges);
        if (!op.isBinary()) return null;
        Value a = i.operand(0), b = i.operand(1);
        Type t = i.type();
        if (op.isCommutative() && a instanceof Constant && !(b instanceof Constant)) {
            Value tmp = a; a = b; b = tmp;
        }
        switch (op) {
            case ADD, OR, XOR, SUB, SHL, LSHR, ASHR -> {
                if (isConst(b, 0)) return a;
                if ((op == Opcode.SUB || op == Opcode.XOR) && a == b) return Constant.of(t, 0);
            }
            case MUL -> {
                if (isConst(b, 1)) return a;
                if (isConst(b, 0)) return Constant.of(t, 0);
            }
            case AND -> {
                if (isConst(b, 0)) return Constant.of(t, 0);
                if (isConst(b, -1)) return a;
                if (a == b) return a;
            }
            case UDIV, SDIV -> {
                if (isConst(b, 1)) return a;
            }
            default -> { }
        }
        if (op == Opcode.OR && a == b) return a;
        return null;
    }

    /**
     * {@code x < 0} is false and {@code x >= 0} true for a value known non-negative: the sign tests of the signed
     * division expansion below v4 (SignedDivision) on a value whose range shows only once it is in SSA form.
     */
    private static Value signTest(Instruction i, Map<Value, IntRange> phiRanges) {
        if (!isConst(i.operand(1), 0) || i.operand(0).type() == Type.PTR) return null;
        if (i.predicate != Predicate.SLT && i.predicate != Predicate.SGE) return null;
        if (!IntRange.of(i.operand(0), phiRanges).nonNegative()) return null;
        return Constant.bool(i.predicate == Predicate.SGE);
    }

    /**
     * A pointer cast to another address space and back is the pointer itself (as clang folds the pair: arena code
     * converts {@code (void *)node} and back in its list macros).
     */
    private static Value castBack(Instruction i) {
        if (i.operand(0) instanceof Instruction inner && inner.op() == Opcode.ADDRSPACECAST && !inner.forAccess
                && inner.fromSpace == i.toSpace && inner.toSpace == i.fromSpace) {
            return inner.operand(0);
        }
        return null;
    }

    private static boolean isConst(Value v, long n) {
        return v instanceof Constant c && c.value() == c.type().normalize(n);
    }

    /** A phi whose entries are all one value (or itself) is that value. */
    private static Value samePhiValue(Instruction phi) {
        Value same = null;
        for (Value v : phi.operands()) {
            if (v == phi) continue;
            if (same == null) same = v;
            else if (!same.equals(v)) return null;
        }
        if (same == null) return null;
        // the value must be available where the phi is: true for constants and for values that dominate all preds;
        // a single distinct non-phi value flowing from every predecessor dominates the phi's block (SSA).
        return same;
    }
}
