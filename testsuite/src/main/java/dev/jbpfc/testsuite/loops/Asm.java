package dev.jbpfc.testsuite.loops;

import dev.jbpfc.isa.BpfEncoder;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function under construction: instructions and labels in a list that can still be edited (the campaign's
 * mutations insert instructions and labels anywhere), assembled to bytes at the end with jump offsets computed from
 * the labels. Example: {@code Label top = a.label(); a.emit(ADD64_IMM, 6, 0, 0, 1); a.jump(JLT_IMM, 6, 0, 10, top);}
 * assembles to {@code r6 += 1; if r6 < 10 goto -2}.
 */
final class Asm {
    static final class Label {}

    /** One instruction; {@code target} set for jumps (the offset is computed at assembly). */
    static final class Insn {
        BpfOp op;
        int dst, src, off, imm;
        long imm64;
        Label target;

        Insn(BpfOp op, int dst, int src, int off, int imm) {
            this.op = op;
            this.dst = dst;
            this.src = src;
            this.off = off;
            this.imm = imm;
            this.imm64 = imm;
        }
    }

    /** Items: {@link Insn} or {@link Label} (a label names the slot of the next instruction). */
    final List<Object> items = new ArrayList<>();
    private Map<Object, Integer> slots;

    Label label() {
        Label l = new Label();
        items.add(l);
        return l;
    }

    void bind(Label l) { items.add(l); }

    Insn emit(BpfOp op, int dst, int src, int off, int imm) {
        Insn i = new Insn(op, dst, src, off, imm);
        items.add(i);
        return i;
    }

    Insn ldImm64(int dst, long value) {
        Insn i = emit(BpfOp.LD_IMM64, dst, 0, 0, (int) value);
        i.imm64 = value;
        return i;
    }

    Insn jump(BpfOp op, int dst, int src, int imm, Label target) {
        Insn i = emit(op, dst, src, 0, imm);
        i.target = target;
        return i;
    }

    int indexOf(Object item) {
        for (int k = 0; k < items.size(); k++) if (items.get(k) == item) return k;
        throw new IllegalStateException("item not in the function");
    }

    /** Assembles; afterwards {@link #slot} tells where each item landed. */
    byte[] assemble() {
        slots = new IdentityHashMap<>();
        int pc = 0;
        for (Object o : items) {
            slots.put(o, pc);
            if (o instanceof Insn i) pc += i.op.slots();
        }
        List<BpfInsn> out = new ArrayList<>();
        for (Object o : items) {
            if (!(o instanceof Insn i)) continue;
            int off = i.off, imm = i.imm;
            if (i.target != null) {
                int rel = slots.get(i.target) - (slots.get(i) + 1);
                if (i.op == BpfOp.GOTOL || i.op == BpfOp.CALL) imm = rel;
                else off = rel;
            }
            out.add(i.op == BpfOp.LD_IMM64 ? BpfInsn.ldImm64(i.dst, i.imm64) : BpfInsn.of(i.op, i.dst, i.src, off, imm));
        }
        return BpfEncoder.encode(out);
    }

    int slot(Object item) {
        Integer s = slots.get(item);
        if (s == null) throw new IllegalStateException("not assembled, or not in the function");
        return s;
    }
}
