package dev.jbpfc.loophints;

import dev.jbpfc.isa.BpfAssembler;
import dev.jbpfc.isa.BpfEncoder;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.OperandShape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembly text (clang's syntax, read by {@link BpfAssembler}) to one function's bytes: labels become slot
 * offsets ({@code off}, or {@code imm} for {@code gotol}); a call to a name that is no label goes to a function
 * outside this one.
 */
final class TestAssembler {
    private TestAssembler() {}

    static byte[] assemble(String text) {
        List<BpfAssembler.Statement> statements = BpfAssembler.parse(text);
        Map<String, Integer> labels = new HashMap<>();
        int slot = 0;
        for (BpfAssembler.Statement s : statements) {
            if (s.isLabel()) {
                if (labels.put(s.label(), slot) != null) throw new IllegalArgumentException("label " + s.label() + " defined twice");
            } else {
                slot += s.insn().slots();
            }
        }
        int total = slot;
        List<BpfInsn> insns = new ArrayList<>();
        slot = 0;
        for (BpfAssembler.Statement s : statements) {
            if (s.isLabel()) continue;
            BpfInsn insn = s.insn();
            if (insn.op == BpfOp.CALL && insn.symbol != null) {
                Integer t = labels.get(insn.symbol);
                int distance = t != null ? t - (slot + 1) : total + 100 - slot; // another function, after this one
                insn = BpfInsn.of(BpfOp.CALL, 0, 1, 0, distance);
            } else if (s.jumpLabel() != null) {
                Integer t = labels.get(s.jumpLabel());
                if (t == null) throw new IllegalArgumentException("no label " + s.jumpLabel());
                int distance = t - (slot + 1);
                insn = insn.op.shape == OperandShape.JA_LONG ? insn.withImm(distance) : insn.withOff(distance);
            }
            insns.add(insn);
            slot += insn.slots();
        }
        return BpfEncoder.encode(insns);
    }
}
