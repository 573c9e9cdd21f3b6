package dev.jbpfc.testsuite.loops;

import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.loophints.LoopHint;
import dev.jbpfc.loophints.LoopHint.Compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The ways the campaign makes a correct case wrong. Hint lies change what a hint claims and leave the code alone;
 * body mutations change the code against an unchanged hint (whose positions follow the code when instructions are
 * inserted). Some mutations can happen to leave a loop that is still bounded as claimed (a call that clobbers only
 * registers the loop does not use, a bigger claimed bound); the campaign does not need to know: it runs whatever
 * the checker accepts and only counts a violation when a run exceeds an accepted bound.
 */
enum Mutation {
    // ---- hints that lie ----------------------------------------------------------------------------------------
    TRIPS_MINUS_ONE {
        boolean apply(LoopCase c, LoopSpec l, Random r) { return edit(l, h -> with(h, "trips", h.trips() - 1)); }
    },
    TRIPS_PLUS_ONE {
        boolean apply(LoopCase c, LoopSpec l, Random r) { return edit(l, h -> with(h, "trips", h.trips() + 1)); }
    },
    TRIPS_FAR {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            long t = switch (r.nextInt(4)) { case 0 -> 1; case 1 -> 0; case 2 -> -1; default -> r.nextInt(5); };
            long far = t == 0 ? 0 : t == 1 ? 1 : t == -1 ? -1L : l.trips.longValue() / (2 + r.nextInt(8));
            return edit(l, h -> with(h, "trips", far));
        }
    },
    STEP_WRONG {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            long s = r.nextBoolean() ? l.step + 1 : l.step > 1 ? l.step - 1 : l.step * 2 + 1;
            return edit(l, h -> with(h, "step", s));
        }
    },
    IV_WRONG {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            int reg = other(l.iv, r);
            return edit(l, h -> with(h, "iv", reg));
        }
    },
    LIMIT_WRONG {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            return edit(l, h -> {
                LoopHint.Limit lim = h.limit();
                LoopHint.Limit other = switch (r.nextInt(3)) {
                    case 0 -> lim.isRegister() ? LoopHint.Limit.register(other(lim.register(), r)) : LoopHint.Limit.constant(lim.constant() + 1);
                    case 1 -> lim.isRegister() ? LoopHint.Limit.constant(r.nextInt(20)) : LoopHint.Limit.constant(lim.constant() - 1);
                    default -> lim.isRegister() ? LoopHint.Limit.constant(lim.register()) : LoopHint.Limit.register(6 + r.nextInt(4));
                };
                return new LoopHint(h.version(), h.template(), h.start(), h.end(), h.iv(), h.width(), h.signed(), h.cmp(),
                        h.step(), other, h.init(), h.trips());
            });
        }
    },
    START_MOVED {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            int d = r.nextBoolean() ? 1 + r.nextInt(3) : -(1 + r.nextInt(3));
            return edit(l, h -> with(h, "start", Math.max(0, h.start() + d)));
        }
    },
    END_MOVED {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            int d = r.nextBoolean() ? 1 + r.nextInt(3) : -(1 + r.nextInt(3));
            return edit(l, h -> with(h, "end", Math.max(0, h.end() + d)));
        }
    },
    RANGE_OF_ANOTHER_LOOP {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            LoopSpec o = c.loops.get(r.nextInt(c.loops.size()));
            if (o == l) return false;
            l.hintEdit = l.hintEdit.andThen(h -> {
                LoopHint oh = o.trueHint(c.asm);
                return new LoopHint(h.version(), h.template(), oh.start(), oh.end(), h.iv(), h.width(), h.signed(), h.cmp(),
                        h.step(), h.limit(), h.init(), h.trips());
            })::apply;
            return true;
        }
    },
    TEMPLATE_SWAPPED {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            String t = r.nextInt(3) == 0 ? "counted-sideways" : l.up ? "counted-down" : "counted-up";
            return edit(l, h -> new LoopHint(h.version(), t, h.start(), h.end(), h.iv(), h.width(), h.signed(), h.cmp(),
                    h.step(), h.limit(), h.init(), h.trips()));
        }
    },
    CMP_SWAPPED {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            Compare[] all = Compare.values();
            Compare other = all[(l.cmp.ordinal() + 1 + r.nextInt(3)) % 4];
            return edit(l, h -> new LoopHint(h.version(), h.template(), h.start(), h.end(), h.iv(), h.width(), h.signed(), other,
                    h.step(), h.limit(), h.init(), h.trips()));
        }
    },
    WIDTH_SWAPPED {
        boolean apply(LoopCase c, LoopSpec l, Random r) { return edit(l, h -> with(h, "width", 96 - h.width())); }
    },
    SIGNEDNESS_SWAPPED_IN_HINT {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            return edit(l, h -> new LoopHint(h.version(), h.template(), h.start(), h.end(), h.iv(), h.width(), !h.signed(), h.cmp(),
                    h.step(), h.limit(), h.init(), h.trips()));
        }
    },
    INIT_WRONG_IN_HINT {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            long d = r.nextBoolean() ? 1 : -1 - r.nextInt(100);
            return edit(l, h -> with(h, "init", h.init() + d));
        }
    },
    HINT_DROPPED {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            l.hintDropped = true;
            return true;
        }
    },
    HINT_FOR_NO_LOOP {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            // a hint over code before this loop whose range is no loop's range: claims a loop where there is none
            LoopHint h = l.trueHint(c.asm);
            int s = r.nextInt(Math.max(1, h.start()));
            int e = s + 1 + r.nextInt(3);
            for (LoopSpec o : c.loops) {
                LoopHint oh = o.trueHint(c.asm);
                if (oh.start() == s && oh.end() == e) return false;
            }
            c.extraHints.add(new LoopHint(h.version(), h.template(), s, e, h.iv(), h.width(), h.signed(),
                    h.cmp(), h.step(), h.limit(), h.init(), 1).encode());
            return true;
        }
    },

    // ---- bodies mutated against their hints -------------------------------------------------------------------
    IV_WRITTEN {
        boolean apply(LoopCase c, LoopSpec l, Random r) { return insertWrite(c, l, l.iv, r); }
    },
    IV_CLOBBERED_BY_CALL {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            insertInBody(c, l, r, new Asm.Insn(BpfOp.CALL, 0, 0, 0, 7));
            return true;
        }
    },
    LIMIT_WRITTEN {
        boolean apply(LoopCase c, LoopSpec l, Random r) { return l.limitReg >= 0 && insertWrite(c, l, l.limitReg, r); }
    },
    JUMP_INTO_BODY {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            Asm.Label into = labelInBody(c, l, r, true);
            Asm.Insn j = new Asm.Insn(BpfOp.JEQ_IMM, r.nextInt(10), 0, 0, r.nextInt(4));
            j.target = into;
            if (r.nextBoolean()) {
                c.asm.items.add(c.asm.indexOf(l.preheader), j);                 // from before the loop
            } else {
                c.asm.items.add(c.asm.indexOf(l.after), j);                     // from after it (a backward jump)
            }
            return true;
        }
    },
    BACK_EDGE_FROM_MIDDLE {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            int at = bodyIndex(c, l, r);
            int lo = c.asm.indexOf(l.start);
            int k = lo + r.nextInt(Math.max(1, at - lo));
            Asm.Label back = new Asm.Label();
            c.asm.items.add(k, back);
            Asm.Insn j = new Asm.Insn(r.nextBoolean() ? BpfOp.JA : BpfOp.JNE_IMM, r.nextInt(10), 0, 0, r.nextInt(3));
            j.target = r.nextInt(4) == 0 ? l.start : back;
            c.asm.items.add(at + 1, j);
            return true;
        }
    },
    BACK_EDGE_TO_PREHEADER {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            Asm.Label pre = new Asm.Label();
            c.asm.items.add(c.asm.indexOf(l.preheader), pre);
            l.backEdge.target = pre;
            return true;
        }
    },
    STEP_ZERO {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            l.latch.imm = 0;
            return true;
        }
    },
    STEP_CHANGED_IN_CODE {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            l.latch.imm = l.latch.imm + (r.nextBoolean() ? 1 : -1);
            return true;
        }
    },
    LATCH_DIRECTION_SWAPPED {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            l.latch.imm = -l.latch.imm;
            return true;
        }
    },
    SIGNEDNESS_SWAPPED_IN_CODE {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            l.backEdge.op = LoopSpec.backEdgeOp(l.width, !l.signed, l.cmp, l.limitReg >= 0);
            return true;
        }
    },
    CMP_CHANGED_IN_CODE {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            String[] kinds = {"JNE", "JEQ", "JSET", "JLE", "JLT", "JGE", "JGT"};
            String k = kinds[r.nextInt(kinds.length)];
            BpfOp op = BpfOp.valueOf(k + (l.width == 32 ? "32" : "") + (l.limitReg >= 0 ? "_REG" : "_IMM"));
            if (op == l.backEdge.op) return false;
            l.backEdge.op = op;
            return true;
        }
    },
    WIDTH_CHANGED_IN_CODE {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            if (r.nextBoolean()) l.latch.op = BpfOp.valueOf(l.latch.op.name().replace(l.width == 64 ? "64" : "32", l.width == 64 ? "32" : "64"));
            else l.backEdge.op = LoopSpec.backEdgeOp(96 - l.width, l.signed, l.cmp, l.limitReg >= 0);
            return true;
        }
    },
    INIT_CHANGED_IN_CODE {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            l.preheader.imm = switch (r.nextInt(3)) {
                case 0 -> l.preheader.imm + (l.up ? -1 : 1);
                case 1 -> l.up ? Integer.MIN_VALUE + r.nextInt(3) : Integer.MAX_VALUE - r.nextInt(3);
                default -> -1 - r.nextInt(3);
            };
            return true;
        }
    },
    PREHEADER_NOT_A_CONSTANT {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            l.preheader.op = l.width == 64 ? BpfOp.MOV64_REG : BpfOp.MOV32_REG;
            l.preheader.src = other(l.iv, r);
            return true;
        }
    },
    OVERFLOW_AT_THE_BOUND {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            // a self-consistent hint (trips counted as if no value wrapped) for a loop whose latch may wrap
            if (l.limitReg >= 0) {
                if (r.nextBoolean()) {
                    l.cmp = l.up ? Compare.LE : Compare.GE;
                    l.backEdge.op = LoopSpec.backEdgeOp(l.width, l.signed, l.cmp, true);
                } else {
                    l.step = 2 + r.nextInt(8);   // a step that need not divide the distance to the type's edge
                    l.latch.imm = (int) (l.latch.op.name().startsWith("SUB") || l.up ? l.step : -l.step);
                }
                java.math.BigInteger t = TripCount.tripsIgnoringWrap(l.up, l.cmp, TripCount.domain(l.initImm, l.width, l.signed),
                        TripCount.worstLimit(l.up, l.width, l.signed), l.step, l.width, l.signed);
                if (t == null) return false;
                l.trips = t;
                return true;
            }
            if (l.width == 64 && l.signed) return false;  // s64's edge is no 32-bit immediate
            int edge = l.up ? (l.signed ? Integer.MAX_VALUE : -1) : (l.signed ? Integer.MIN_VALUE : 0);
            l.limitImm = edge - (l.up ? r.nextInt(3) : -r.nextInt(3));
            l.backEdge.imm = l.limitImm;
            l.cmp = l.up ? (r.nextBoolean() ? Compare.LE : Compare.LT) : (r.nextBoolean() ? Compare.GE : Compare.GT);
            l.backEdge.op = LoopSpec.backEdgeOp(l.width, l.signed, l.cmp, false);
            l.preheader.imm = l.initImm = l.limitImm - (l.up ? 5 + r.nextInt(30) : -5 - r.nextInt(30));
            l.step = 1 + r.nextInt(9);
            l.latch.imm = (int) (l.latch.op.name().startsWith("SUB") || l.up ? l.step : -l.step);
            java.math.BigInteger t = TripCount.tripsIgnoringWrap(l.up, l.cmp, TripCount.domain(l.initImm, l.width, l.signed),
                    TripCount.domain(l.limitImm, l.width, l.signed), l.step, l.width, l.signed);
            if (t == null) return false;
            l.trips = t;
            return true;
        }
    },
    JUMP_TO_BACK_EDGE {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            // skips the latch: the iv stops advancing
            Asm.Label be = new Asm.Label();
            c.asm.items.add(c.asm.indexOf(l.backEdge), be);
            Asm.Insn j = new Asm.Insn(r.nextBoolean() ? BpfOp.JA : BpfOp.JNE_IMM, r.nextInt(10), 0, 0, r.nextInt(3));
            j.target = be;
            insertInBody(c, l, r, j);
            return true;
        }
    },
    WRITE_BETWEEN_LATCH_AND_BACK_EDGE {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            Asm.Insn i = r.nextBoolean() ? new Asm.Insn(BpfOp.SUB64_IMM, l.iv, 0, 0, (int) l.step)
                    : new Asm.Insn(BpfOp.MOV64_REG, other(l.iv, r), l.iv, 0, 0);
            c.asm.items.add(c.asm.indexOf(l.backEdge), i);
            return true;
        }
    },
    CALL_INTO_BODY {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            // a BPF-to-BPF call from before the loop whose target is inside it: the loop's code runs in a new frame
            Asm.Label into = labelInBody(c, l, r, true);
            Asm.Insn call = new Asm.Insn(BpfOp.CALL, 0, 1, 0, 0);
            call.target = into;
            c.asm.items.add(c.asm.indexOf(l.preheader), call);
            return true;
        }
    },
    GOTOL_INTO_BODY {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            Asm.Label into = labelInBody(c, l, r, true);
            Asm.Label skip = new Asm.Label();
            int at = c.asm.indexOf(l.preheader);
            Asm.Insn cond = new Asm.Insn(BpfOp.JNE_IMM, r.nextInt(10), 0, 0, r.nextInt(3));
            cond.target = skip;
            Asm.Insn g = new Asm.Insn(BpfOp.GOTOL, 0, 0, 0, 0);
            g.target = into;
            c.asm.items.add(at, skip);
            c.asm.items.add(at, g);
            c.asm.items.add(at, cond);
            return true;
        }
    },
    NESTED_SHARES_REGISTER {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            // the nested loop counts in its parent's iv or limit register: its preheader and latch write it
            if (l.parent == null) return false;
            int reg = l.parent.limitReg >= 0 && r.nextBoolean() ? l.parent.limitReg : l.parent.iv;
            if (reg == l.limitReg) return false;
            l.iv = reg;
            l.preheader.dst = reg;
            l.latch.dst = reg;
            l.backEdge.dst = reg;
            return true;
        }
    },
    NESTED_WRITES_OUTER_IV {
        boolean apply(LoopCase c, LoopSpec l, Random r) {
            if (l.parent == null) return false;
            Asm.Insn w = new Asm.Insn(r.nextBoolean() ? BpfOp.SUB64_IMM : BpfOp.MOV64_IMM, l.parent.iv, 0, 0, r.nextInt(3));
            insertInBody(c, l, r, w);
            return true;
        }
    };

    abstract boolean apply(LoopCase c, LoopSpec l, Random r);

    boolean isHintLie() { return ordinal() <= HINT_FOR_NO_LOOP.ordinal(); }

    static boolean edit(LoopSpec l, java.util.function.UnaryOperator<LoopHint> f) {
        java.util.function.UnaryOperator<LoopHint> prev = l.hintEdit;
        l.hintEdit = h -> f.apply(prev.apply(h));
        return true;
    }

    static LoopHint with(LoopHint h, String field, long v) {
        return new LoopHint(h.version(), h.template(),
                field.equals("start") ? (int) v : h.start(), field.equals("end") ? (int) v : h.end(),
                field.equals("iv") ? (int) v : h.iv(), field.equals("width") ? (int) v : h.width(), h.signed(), h.cmp(),
                field.equals("step") ? Math.max(1, v) : h.step(), h.limit(), field.equals("init") ? v : h.init(),
                field.equals("trips") ? v : h.trips());
    }

    static int other(int reg, Random r) {
        int o = r.nextInt(9);
        return o >= reg ? o + 1 : o;
    }

    /** An index in the item list strictly inside the body (before the latch label). */
    static int bodyIndex(LoopCase c, LoopSpec l, Random r) {
        int lo = c.asm.indexOf(l.start) + 1, hi = c.asm.indexOf(l.latchLabel);
        return lo + r.nextInt(hi - lo + 1);
    }

    static void insertInBody(LoopCase c, LoopSpec l, Random r, Asm.Insn i) {
        c.asm.items.add(bodyIndex(c, l, r), i);
    }

    static Asm.Label labelInBody(LoopCase c, LoopSpec l, Random r, boolean includeStartAndLatch) {
        if (includeStartAndLatch && r.nextInt(3) == 0) return r.nextBoolean() ? l.start : l.latchLabel;
        Asm.Label lab = new Asm.Label();
        c.asm.items.add(bodyIndex(c, l, r), lab);
        return lab;
    }

    /** Inserts into the body one instruction that writes {@code reg}, in one of the ways an instruction can. */
    static boolean insertWrite(LoopCase c, LoopSpec l, int reg, Random r) {
        List<Asm.Insn> ways = new ArrayList<>();
        int other = other(reg, r);
        ways.add(new Asm.Insn(BpfOp.ADD64_IMM, reg, 0, 0, 1 + r.nextInt(3)));
        ways.add(new Asm.Insn(BpfOp.SUB32_IMM, reg, 0, 0, 1));
        ways.add(new Asm.Insn(BpfOp.MOV64_REG, reg, other, 0, 0));
        ways.add(new Asm.Insn(BpfOp.MOV32_IMM, reg, 0, 0, r.nextInt(5)));
        ways.add(new Asm.Insn(BpfOp.NEG64, reg, 0, 0, 0));
        ways.add(new Asm.Insn(BpfOp.MOVSX64_8, reg, reg, 0, 0));
        ways.add(new Asm.Insn(BpfOp.BE16, reg, 0, 0, 16));
        ways.add(new Asm.Insn(BpfOp.LE32, reg, 0, 0, 32));
        ways.add(new Asm.Insn(BpfOp.DIV64_REG, reg, other, 0, 0));
        ways.add(new Asm.Insn(BpfOp.LDX_DW, reg, 10, -8 * (1 + r.nextInt(8)), 0));
        ways.add(new Asm.Insn(BpfOp.LDXSX_B, reg, 10, -8 * (1 + r.nextInt(8)), 0));
        ways.add(new Asm.Insn(BpfOp.ATOMIC_FETCH_ADD_DW, 10, reg, -8 * (1 + r.nextInt(8)), 0));
        ways.add(new Asm.Insn(BpfOp.ATOMIC_FETCH_OR_W, 10, reg, -8 * (1 + r.nextInt(8)), 0));
        ways.add(new Asm.Insn(BpfOp.ATOMIC_XCHG_DW, 10, reg, -8 * (1 + r.nextInt(8)), 0));
        if (reg == 0) {
            ways.add(new Asm.Insn(BpfOp.ATOMIC_CMPXCHG_DW, 10, other, -8 * (1 + r.nextInt(8)), 0));
            ways.add(new Asm.Insn(BpfOp.ATOMIC_CMPXCHG_W, 10, other, -8 * (1 + r.nextInt(8)), 0));
        }
        if (reg <= 5) ways.add(new Asm.Insn(BpfOp.CALL, 0, 0, 0, 7));
        Asm.Insn ld = new Asm.Insn(BpfOp.LD_IMM64, reg, 0, 0, 0);
        ld.imm64 = r.nextInt(3);
        ways.add(ld);
        Asm.Insn pick = ways.get(r.nextInt(ways.size()));
        if (reg == 0 && r.nextInt(3) == 0) {   // cmpxchg writes r0 without naming it
            pick = new Asm.Insn(r.nextBoolean() ? BpfOp.ATOMIC_CMPXCHG_DW : BpfOp.ATOMIC_CMPXCHG_W, 10, other, -8 * (1 + r.nextInt(8)), 0);
        }
        insertInBody(c, l, r, pick);
        return true;
    }
}
