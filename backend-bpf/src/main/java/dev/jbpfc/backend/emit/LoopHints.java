package dev.jbpfc.backend.emit;

import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MLoop;
import dev.jbpfc.isa.BpfEncoder;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.FunctionReport;
import dev.jbpfc.loophints.LoopChecker;
import dev.jbpfc.loophints.LoopHint;
import dev.jbpfc.loophints.LoopVerdict;
import dev.jbpfc.loophints.TripCount;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes the loop hints of one encoded function, from its final instructions (after layout, branch relaxation and
 * every other late change), and only for loops the template loop checker accepts. Worked example:
 * <pre>
 *    7:  w6 = 0                 ; init, start-1
 *    8:  r1 = w6 ...            ; start (the header's first instruction)
 *        ...
 *   15:  w6 += 1                ; end-1
 *   16:  if w6 < w7 goto -9     ; end: 16 + 1 - 9 = 8 = start
 * </pre>
 * proposes {@code jbpfc.loop/1:counted-up:start=8,end=16,iv=r6,width=32,signed=u,cmp=lt,step=1,limit=r7,init=0,
 * trips=4294967295}. The proposal is read off the loop's key instructions; whether it holds (docs/loop-hints.md
 * rules 1-7: single entry, forward-only body, nothing else writes the registers, the bound) is decided by
 * {@link LoopChecker} itself on the function's encoded bytes, so the compiler never emits a hint that
 * {@code check-loops} would reject, and the rules are written once. A rejected proposal costs the loop its hint,
 * and the checker's reason is the remark.
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
        List<EncodedFunction.LoopSite> proposed = new ArrayList<>();
        List<LoopHint> hints = new ArrayList<>();
        for (EncodedFunction.LoopSite s : f.loopSites) {
            try {
                hints.add(propose(f, s, slot));
                proposed.add(s);
            } catch (Mismatch e) {
                f.loopOutcomes.add(new EncodedFunction.LoopOutcome(s.loop().loc, null, e.getMessage()));
            }
        }
        if (hints.isEmpty()) return;
        FunctionReport report = LoopChecker.check(new FunctionCode(f.section, f.name, false, checkedBytes(f, slot),
                hints.stream().map(LoopHint::encode).toList()));
        // One verdict per tag, in tag order (LoopChecker's contract).
        for (int i = 0; i < proposed.size(); i++) {
            LoopVerdict v = i < report.loops().size() ? report.loops().get(i) : null;
            boolean ok = v != null && v.accepted();
            f.loopOutcomes.add(new EncodedFunction.LoopOutcome(proposed.get(i).loop().loc, ok ? hints.get(i) : null,
                    ok ? null : "the template loop checker rejects it: " + (v == null ? "no verdict" : v.reason())));
        }
    }

    /**
     * The function's bytes as the checker reads them from the object: a BPF-to-BPF call's imm is left for the
     * relocation to fill (and the callee is another function), so it is pointed before this function's first slot,
     * which the checker reads as a call into another function (as the object reader does with the relocation).
     */
    private static byte[] checkedBytes(EncodedFunction f, int[] slot) {
        List<BpfInsn> insns = new ArrayList<>(f.insns);
        for (int k = 0; k < insns.size(); k++) {
            BpfInsn x = insns.get(k);
            if (x.op == BpfOp.CALL && x.src == 1) insns.set(k, x.withImm(-(slot[k] + 2)));
        }
        return BpfEncoder.encode(insns);
    }

    private static final class Mismatch extends Exception {
        Mismatch(String message) { super(message, null, false, false); }
    }

    /** The hint the loop's key instructions claim; a Mismatch when they no longer form one. */
    private static LoopHint propose(EncodedFunction f, EncodedFunction.LoopSite s, int[] slot) throws Mismatch {
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
        TripCount.Result bound = TripCount.ofImmediates(l.width, l.signed, l.cmp, l.step, limit, init.imm);
        if (!bound.proved()) throw new Mismatch("no trip-count bound: " + bound.problem());
        // The hint spells init and a constant limit as values of the compare's type (docs/loop-hints.md).
        TripCount.Domain type = new TripCount.Domain(l.width, l.signed);
        LoopHint.Limit spelledLimit = limit.isRegister() ? limit
                : LoopHint.Limit.constant(type.spelling(type.valueOf(limit.constant())));
        return new LoopHint(LoopHint.VERSION, l.cmp.countsUp() ? UP : DOWN, start, end, iv, l.width, l.signed, l.cmp,
                l.step, spelledLimit, type.spelling(type.valueOf(init.imm)), TripCount.asUnsignedLong(bound.trips()));
    }
}
