package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.UseList;

import java.util.ArrayList;
import java.util.List;

/**
 * Part of {@link SimplifyCfg}. Leaves stale: CFG (a block may become unreachable: SimplifyCfg deletes it).
 *
 * A short-circuit condition is lowered as a phi of the operands' truth values and a branch on the phi. Each
 * predecessor whose value is a constant, or the zero-extended result of its own compare, can branch to the right
 * target itself, so the compare that decides is the branch the kernel verifier sees (it learns bounds only from a
 * conditional jump on the register; a 0/1 flag tested later teaches it nothing). perf's
 * augmented_raw_syscalls.bpf.c:
 * <pre>
 *   if (!do_output || 64 + output &gt; 24688)     lor.rhs:  %70 = cmp ugt i64 %69, 24688
 *       return 1;                                         %71 = zext i1 %70 to i32 ; br lor.end
 *   output_event(..., 64 + output);              lor.end:  %72 = phi i32 [1, entry], [%71, lor.rhs]
 *                                                          %73 = cmp ne i32 %72, 0 ; condbr %73, ret1, out
 *   -&gt;  entry: condbr %68, ret1, lor.rhs          lor.rhs: condbr %70, ret1, out
 * </pre>
 * after which {@code out} is entered from {@code lor.rhs} only, CSE reuses the checked {@code 64 + output}, and
 * the verifier knows its bound. The block handled holds exactly one phi, at most a compare of it with 0 ({@code ne}
 * or {@code eq}) and a conditional branch on that, none of them used elsewhere; a predecessor is redirected only
 * when it does not branch to the new target already.
 */
final class BooleanPhiThreading {
    private BooleanPhiThreading() {}

    static boolean run(Function fn) {
        UseList uses = null;
        boolean changed = false;
        for (Block j : new ArrayList<>(fn.blocks())) {
            if (j == fn.entry() || j.size() < 2 || j.size() > 3) continue;
            Instruction phi = j.get(0), br = j.terminator();
            if (phi.op() != Opcode.PHI || br.op() != Opcode.CONDBR || br.loopHint != Instruction.HINT_NONE) continue;
            Instruction cmp = j.size() == 3 ? j.get(1) : null;
            boolean negated;
            if (cmp == null) {
                if (br.operand(0) != phi) continue;
                negated = false;
            } else {
                if (cmp.op() != Opcode.CMP || br.operand(0) != cmp || cmp.operand(0) != phi
                        || !(cmp.operand(1) instanceof Constant zero) || zero.value() != 0
                        || (cmp.predicate != Predicate.NE && cmp.predicate != Predicate.EQ)) {
                    continue;
                }
                negated = cmp.predicate == Predicate.EQ;
            }
            Block ifTrue = br.targets().get(0), ifFalse = br.targets().get(1);
            if (ifTrue == j || ifFalse == j || ifTrue == ifFalse) continue;
            if (uses == null) uses = new UseList(fn);
            if (!usedOnlyIn(phi, j, uses) || (cmp != null && !usedOnlyIn(cmp, j, uses))) continue;
            for (Block x : new ArrayList<>(phi.targets())) {
                if (thread(x, j, phi.incomingFor(x), negated, ifTrue, ifFalse)) {
                    phi.removeIncoming(x);
                    changed = true;
                }
            }
        }
        return changed;
    }

    /** Makes predecessor {@code x} of {@code j} branch where {@code j} would take it for value {@code v}. */
    private static boolean thread(Block x, Block j, Value v, boolean negated, Block ifTrue, Block ifFalse) {
        Instruction t = x.terminator();
        if (x == j || t == null || t.loopHint != Instruction.HINT_NONE) return false;
        List<Block> xSuccs = t.successors();
        if (!xSuccs.contains(j)) return false;
        if (v instanceof Constant c) {
            Block to = (c.value() != 0) != negated ? ifTrue : ifFalse;
            if (xSuccs.contains(to)) return false;
            t.replaceTarget(j, to);
            for (Instruction p : to.phis()) p.addIncoming(p.incomingFor(j), x);
            return true;
        }
        Value flag = v.type() == Type.I1 ? v
                : v instanceof Instruction z && z.op() == Opcode.ZEXT && z.operand(0).type() == Type.I1 ? z.operand(0) : null;
        if (flag == null || t.op() != Opcode.BR || xSuccs.size() != 1) return false;
        Instruction condbr = Instruction.condbr(flag, negated ? ifFalse : ifTrue, negated ? ifTrue : ifFalse);
        condbr.loc = t.loc;
        x.remove(t);
        x.append(condbr);
        for (Block to : List.of(ifTrue, ifFalse)) {
            for (Instruction p : to.phis()) p.addIncoming(p.incomingFor(j), x);
        }
        return true;
    }

    private static boolean usedOnlyIn(Instruction i, Block b, UseList uses) {
        for (Instruction u : uses.users(i)) if (u.block() != b) return false;
        return true;
    }
}
