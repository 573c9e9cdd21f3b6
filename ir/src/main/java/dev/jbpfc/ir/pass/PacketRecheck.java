package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.DominatorTree;
import dev.jbpfc.ir.analysis.IntRange;
import dev.jbpfc.ir.analysis.UseList;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: SSA form; {@link #plan} needs the dominators of the function as it is then (before LoopLowering rewrites the
 * loop). {@link #insert} splits blocks and leaves CFG and dominators stale.
 *
 * Lets the verifier see a packet bound the compiler already knows, for the accesses of a loop that LoopLowering turns
 * into an open-coded iterator loop. The issue-12 loop, in XDP, after {@code if (p + 64 > end) return XDP_PASS;}:
 * <pre>
 *   for (i = 0; i &lt; N; i++) s += p[i &amp; 63] ^ i;
 * </pre>
 * In the plain loop the verifier walks every trip with {@code i} a known constant, so {@code p + (i & 63)} is
 * {@code p} plus a constant and keeps the 64 bytes the check gave {@code p}. In the iterator loop {@code i} is a
 * range, and a packet pointer plus a variable is a new pointer the verifier grants no bytes at all (clang-22's
 * {@code bpf_for} form of this loop is refused with "invalid access to packet, off=0 size=1, R2(id=4,off=0,r=0)",
 * while {@code p} itself still has r=64 in every iterator state: the range is not lost, it was never the new
 * pointer's). So the pointer that is dereferenced is compared with the end first, as a BPF developer writes it:
 * <pre>
 *   body:                                   body:
 *     %q = ptradd %p, %off                    %q = ptradd %p, %off          ; %off in [0, 63]
 *     %b = load i8 %q              -&gt;         %q.end = ptradd %q, 1         ; the access's size
 *                                             %out = cmp ugt ptr %q.end, %end
 *                                             condbr i1 %out, loop.done, body.inbounds
 *                                           body.inbounds:
 *                                             %b = load i8 %q
 * </pre>
 * The branch is never taken: the check {@code p + 64 > end} leaves the loop's blocks only on its false edge, and
 * 63 + 1 &lt;= 64 ({@link IntRange} of the offset, with the counter's range the iterator's own bound checks give).
 * It must be {@code q + size > end} on the very pointer: the verifier's "{@code >}" with a positive offset grants
 * {@code size} bytes to every register that holds {@code q} ({@code q >= end} with offset 0 grants none).
 * An access this cannot prove (no such dominating check, an offset that may be negative or too large, a pointer used
 * other than as a load's or store's address) makes {@link #plan} say null, and the loop stays plain.
 */
final class PacketRecheck {
    private PacketRecheck() {}

    /** One access to re-check: {@code pointer + size > end} jumps out. */
    record Guard(Instruction access, Value pointer, int size, Value end) {}

    /** The guards of one loop, and the pointers they cover (packet pointers plus a counter-derived offset). */
    record Plan(List<Guard> guards, Set<Instruction> pointers) {}

    /** A pointer as root + constant + variable offsets. */
    private record Address(Value root, long constant, List<Value> variables) {}

    /** {@code root + bytes <= end} holds in every block {@code safe} dominates. */
    private record Check(Value root, long bytes, Value end, Block safe) {}

    /**
     * The guards the accesses in {@code blocks} need: every pointer there that adds a value of {@code variable} to
     * a pointer that is not the stack, a global or a map value. Null when one of them cannot be proved in bounds.
     * {@code assumed}: ranges of values (the loop's counter) that the verifier will also know.
     */
    static Plan plan(Function fn, Set<Block> blocks, Set<Value> variable, Map<Value, IntRange> assumed,
                     DominatorTree dom) {
        Set<Instruction> tainted = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Block b : blocks) {
                for (Instruction i : b.instructions()) {
                    if (i.op() != Opcode.PTRADD || tainted.contains(i)) continue;
                    boolean viaBase = i.operand(0) instanceof Instruction base && tainted.contains(base);
                    if (viaBase || (variable.contains(i.operand(1)) && !LoopLowering.stackGlobalOrMap(i.operand(0)))) {
                        tainted.add(i);
                        grew = true;
                    }
                }
            }
        }
        List<Guard> guards = new ArrayList<>();
        if (tainted.isEmpty()) return new Plan(guards, tainted);
        List<Check> checks = checks(fn, dom);
        UseList uses = new UseList(fn);
        for (Instruction t : tainted) {
            for (Instruction u : uses.users(t)) {
                if (u.op() == Opcode.PTRADD && u.operand(0) == t && u.operand(1) != t && tainted.contains(u)) continue;
                int size;
                if (u.op() == Opcode.LOAD && u.operand(0) == t) size = u.type().bytes;
                else if (u.op() == Opcode.STORE && u.operand(1) == t && u.operand(0) != t) size = u.operand(0).type().bytes;
                else return null;
                if (!blocks.contains(u.block())) return null;
                Value end = provedEnd(decompose(t), size, u.block(), checks, assumed, dom);
                if (end == null) return null;
                guards.add(new Guard(u, t, size, end));
            }
        }
        return new Plan(guards, tainted);
    }

    /** Inserts each guard right before its access; a failing guard goes to {@code out}, which has no phis. */
    static void insert(Function fn, List<Guard> guards, Block out) {
        if (!out.phis().isEmpty()) throw new IllegalStateException("packet re-check target " + out + " has phis");
        for (Guard g : guards) {
            Block b = g.access().block();
            Block rest = CfgEdits.splitBlock(b, b.indexOf(g.access()), fn.uniqueBlockName(b.name() + ".inbounds"));
            Instruction past = b.append(Instruction.ptradd(g.pointer(), Constant.of(Type.I64, g.size())));
            Instruction outside = b.append(Instruction.cmp(Predicate.UGT, past, g.end()));
            Instruction br = b.append(Instruction.condbr(outside, out, rest));
            past.loc = outside.loc = br.loc = g.access().loc;
        }
    }

    /** The end a dominating check proves {@code a}'s {@code size} bytes below, or null. */
    private static Value provedEnd(Address a, int size, Block at, List<Check> checks, Map<Value, IntRange> assumed,
                                   DominatorTree dom) {
        long lo = a.constant(), hi = a.constant();
        for (Value v : a.variables()) {
            IntRange r = IntRange.of(v, assumed);
            // the verifier refuses a packet offset that may be negative and grants no range past 64 KiB
            if (r.lo() < 0 || r.hi() > 0xffff) return null;
            lo += r.lo();
            hi += r.hi();
        }
        if (lo < 0) return null;
        for (Check c : checks) {
            if (c.root() == a.root() && hi + size <= c.bytes() && dom.dominates(c.safe(), at)) return c.end();
        }
        return null;
    }

    /** Every {@code root + K > end} test (in any of its spellings) whose edge into the loop dominates what follows. */
    private static List<Check> checks(Function fn, DominatorTree dom) {
        List<Check> out = new ArrayList<>();
        for (Block b : fn.blocks()) {
            Instruction t = b.terminator();
            if (t == null || t.op() != Opcode.CONDBR || !(t.operand(0) instanceof Instruction cmp)
                    || cmp.op() != Opcode.CMP || cmp.operand(0).type() != Type.PTR) continue;
            Block onTrue = t.targets().get(0), onFalse = t.targets().get(1);
            if (onTrue == onFalse) continue;
            for (int side = 0; side < 2; side++) {
                Address checked = decompose(cmp.operand(side));
                Value end = cmp.operand(1 - side);
                if (!checked.variables().isEmpty() || checked.constant() <= 0) continue;
                Predicate p = side == 0 ? cmp.predicate : cmp.predicate.swapped();
                Block safe = switch (p) {
                    case UGT, UGE -> onFalse;     // root + K > end jumps away
                    case ULT, ULE -> onTrue;      // root + K <= end stays
                    default -> null;
                };
                if (safe == null || !edgeDominates(b, safe, dom)) continue;
                out.add(new Check(checked.root(), checked.constant(), end, safe));
            }
        }
        return out;
    }

    /**
     * Whether the edge {@code from -> b} dominates what {@code b} dominates: every other way into {@code b} comes
     * from below it (the not-taken side of a check may be a loop's header, entered again only by its back edges).
     */
    private static boolean edgeDominates(Block from, Block b, DominatorTree dom) {
        if (b == b.function().entry()) return false;
        for (Block p : dom.cfg().preds(b)) {
            if (p != from && !dom.dominates(b, p)) return false;
        }
        return true;
    }

    private static Address decompose(Value p) {
        long constant = 0;
        List<Value> variables = new ArrayList<>();
        for (int depth = 0; depth < 32 && p instanceof Instruction i && i.op() == Opcode.PTRADD; depth++) {
            if (i.operand(1) instanceof Constant c) constant += c.value();
            else variables.add(i.operand(1));
            p = i.operand(0);
        }
        return new Address(p, constant, variables);
    }
}
