package dev.jbpfc.backend.emit;

import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MLoop;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.OperandShape;
import dev.jbpfc.loophints.LoopHint;
import dev.jbpfc.loophints.TripCount;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Makes the loop hints of one encoded function, from its final instructions (after layout, branch relaxation and
 * every other late change), and only for loops whose instructions still match their template. Worked example:
 * <pre>
 *    7:  w6 = 0                 ; init, start-1
 *    8:  r1 = w6 ...            ; start (the header's first instruction)
 *        ...
 *   15:  w6 += 1                ; end-1
 *   16:  if w6 < w7 goto -9     ; end: 16 + 1 - 9 = 8 = start
 * </pre>
 * gives {@code jbpfc.loop/1:counted-up:start=8,end=16,iv=r6,width=32,signed=u,cmp=lt,step=1,limit=r7,init=0,
 * trips=4294967295}. The checks are docs/loop-hints.md's rules 1-7, made here against the compiler's own output
 * so that a stage that broke the shape costs the loop its hint, never a wrong hint. Inner loops are checked
 * first: a backward jump inside a loop is allowed only as the back edge of an inner loop that got its hint.
 */
public final class LoopHints {
    private LoopHints() {}

    public static final String UP = "counted-up", DOWN = "counted-down";

    /** Fills {@link EncodedFunction#loopOutcomes}: a hint or a reason for every loop of {@code misses} and sites. */
    public static void run(EncodedFunction f, List<MFunction.LoopMiss> misses) {
        for (MFunction.LoopMiss m : misses) f.loopOutcomes.add(new EncodedFunction.LoopOutcome(m.loc(), null, m.reason()));
        int n = f.insns.size();
        int[] slot = new int[n + 1];
        for (int k = 0; k < n; k++) slot[k + 1] = slot[k] + f.insns.get(k).slots();
        List<EncodedFunction.LoopSite> sites = new ArrayList<>(f.loopSites);
        // Inner loops (smaller ranges) first.
        sites.sort(Comparator.comparingInt(s -> s.backEdge() < 0 || s.header() < 0 ? Integer.MAX_VALUE : s.backEdge() - s.header()));
        List<LoopHint> accepted = new ArrayList<>();
        for (EncodedFunction.LoopSite s : sites) {
            String why = null;
            LoopHint hint = null;
            try {
                hint = match(f, s, slot, accepted);
            } catch (Mismatch e) {
                why = e.getMessage();
            }
            if (hint != null) accepted.add(hint);
            f.loopOutcomes.add(new EncodedFunction.LoopOutcome(s.loop().loc, hint, why));
        }
    }

    private static final class Mismatch extends Exception {
        Mismatch(String message) { super(message, null, false, false); }
    }

    private static LoopHint match(EncodedFunction f, EncodedFunction.LoopSite s, int[] slot, List<LoopHint> inner) throws Mismatch {
        MLoop l = s.loop();
        if (s.init() < 0 || s.header() < 0 || s.step() < 0 || s.backEdge() < 0) throw new Mismatch("a later stage removed part of the loop");
        if (s.init() + 1 != s.header() || s.step() + 1 != s.backEdge() || s.header() > s.step()) {
            throw new Mismatch("the loop's blocks are not laid out as one range after its preheader");
        }
        List<BpfInsn> insns = f.insns;
        BpfInsn init = insns.get(s.init()), step = insns.get(s.step()), back = insns.get(s.backEdge());
        int start = slot[s.header()], end = slot[s.backEdge()];
        boolean w32 = l.width == 32;
        int iv = init.dst;
        if (iv < 0 || iv > 9) throw new Mismatch("the induction variable is not in a register");
        if (init.op != (w32 ? BpfOp.MOV32_IMM : BpfOp.MOV64_IMM) || init.imm != (int) l.init) {
            throw new Mismatch("the preheader does not end with the induction variable's initial value");
        }
        BpfOp stepOp = l.cmp.countsUp() ? (w32 ? BpfOp.ADD32_IMM : BpfOp.ADD64_IMM) : (w32 ? BpfOp.SUB32_IMM : BpfOp.SUB64_IMM);
        if (step.op != stepOp || step.dst != iv || step.imm != (int) l.step) {
            throw new Mismatch("the induction variable was moved to another register inside the loop (register pressure)");
        }
        String base = switch (l.cmp) {
            case LT -> l.signed ? "JSLT" : "JLT";
            case LE -> l.signed ? "JSLE" : "JLE";
            case GT -> l.signed ? "JSGT" : "JGT";
            case GE -> l.signed ? "JSGE" : "JGE";
        };
        String width = w32 ? "32" : "";
        LoopHint.Limit limit;
        if (l.limitReg >= 0) {
            if (back.op != BpfOp.valueOf(base + width + "_REG")) throw new Mismatch("the back edge is not the loop's compare");
            if (back.src < 0 || back.src > 9 || back.src == iv) throw new Mismatch("the limit is not in a register of its own");
            limit = LoopHint.Limit.register(back.src);
        } else {
            if (back.op != BpfOp.valueOf(base + width + "_IMM") || back.imm != (int) l.limitImm) {
                throw new Mismatch("the back edge is not the loop's compare");
            }
            limit = LoopHint.Limit.constant(back.imm);
        }
        if (back.dst != iv) throw new Mismatch("the back edge does not test the induction register");
        if (end + 1 + back.off != start) throw new Mismatch("the back edge does not jump to the loop's first instruction");
        // Rules 1 and 5: jumps into and inside the range.
        for (int k = 0; k < insns.size(); k++) {
            BpfInsn x = insns.get(k);
            Integer target = target(x, slot[k]);
            if (target == null) continue;
            int at = slot[k];
            boolean inside = at >= start && at <= end;
            if (!inside) {
                if (target >= start && target <= end) throw new Mismatch("code outside the loop jumps into it");
                continue;
            }
            if (k == s.backEdge()) continue;
            if (at == end) continue;
            if (target > at && (target <= end - 1 || target > end)) continue;
            boolean innerBackEdge = false;
            for (LoopHint h : inner) {
                if (h.end() == at && h.start() == target && h.start() > start && h.end() < end - 1) innerBackEdge = true;
            }
            if (!innerBackEdge) throw new Mismatch("a jump inside the loop goes backwards or to its last instruction");
        }
        // Rule 4: nothing in [start, end-2] writes the induction or limit register.
        for (int k = s.header(); k < s.step(); k++) {
            BpfInsn x = insns.get(k);
            if (writes(x, iv)) throw new Mismatch("the induction register is written inside the loop");
            if (limit.isRegister() && writes(x, limit.register())) throw new Mismatch("the limit register is written inside the loop");
        }
        TripCount.Result bound = TripCount.ofImmediates(l.width, l.signed, l.cmp, l.step, limit, init.imm);
        if (!bound.proved()) throw new Mismatch("no trip-count bound: " + bound.problem());
        // The hint spells init and a constant limit as values of the compare's type (docs/loop-hints.md).
        TripCount.Domain type = new TripCount.Domain(l.width, l.signed);
        LoopHint.Limit spelledLimit = limit.isRegister() ? limit
                : LoopHint.Limit.constant(type.spelling(type.valueOf(limit.constant())));
        return new LoopHint(LoopHint.VERSION, l.cmp.countsUp() ? UP : DOWN, start, end, iv, l.width, l.signed, l.cmp,
                l.step, spelledLimit, type.spelling(type.valueOf(init.imm)), TripCount.asUnsignedLong(bound.trips()));
    }

    /** The slot a jump at {@code at} goes to, or null for an instruction that does not jump within the function. */
    private static Integer target(BpfInsn x, int at) {
        OperandShape sh = x.op.shape;
        if (sh == OperandShape.JA_LONG) return at + 1 + x.imm;
        if (sh == OperandShape.JA || sh == OperandShape.JMP_REG || sh == OperandShape.JMP_IMM || sh == OperandShape.MAY_GOTO) {
            return at + 1 + x.off;
        }
        return null;
    }

    /** Whether {@code x} can write register {@code r} (every way an instruction writes one: docs/loop-hints.md rule 4). */
    static boolean writes(BpfInsn x, int r) {
        switch (x.op.shape) {
            case ALU_REG: case ALU_IMM: case ALU_UNARY: case LD_IMM64: case LOAD: case ADDR_SPACE_CAST:
                return x.dst == r;
            case CALL: case LD_ABS: case LD_IND:
                return r <= 5;
            case ATOMIC: {
                String name = x.op.name();
                if (name.startsWith("LOAD_ACQ")) return x.dst == r;
                if (name.startsWith("ATOMIC_CMPXCHG")) return r == 0;
                boolean fetch = (x.op.keyValue & 0x01) != 0 && x.op.keyValue < 0x100;
                return fetch && x.src == r;
            }
            case STORE_REG: case STORE_IMM: case JMP_REG: case JMP_IMM: case JA: case JA_LONG: case EXIT: case MAY_GOTO:
                return false;
            default:
                return true;
        }
    }
}
