package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;

/**
 * Structural equality of values, for passes that compare addresses: the same value, equal constants, or the same
 * pure operation (an {@code addr} of the same symbol included) of operands equal in turn. Two separately computed
 * {@code ptradd %f, (mul (sext %i), 8)} are the same address. Two CO-RE relocations of the same kind, root type and
 * access string are the same value too: the loader patches both with what it computes from that one record, so
 * {@code ctx->meta} read twice is one address (which of such loads clang-22 merges: {@link RedundantLoads}).
 */
final class ValueShapes {
    /** How deep the comparison looks before answering "not known to be equal". */
    static final int DEPTH = 6;

    private ValueShapes() {}

    static boolean same(Value x, Value y) { return same(x, y, DEPTH); }

    static boolean same(Value x, Value y, int depth) {
        if (x == y) return true;
        if (x instanceof Constant a && y instanceof Constant b) return a.equals(b);
        if (depth == 0 || !(x instanceof Instruction a) || !(y instanceof Instruction b)) return false;
        if (a.op() == Opcode.CORE_FIELD && b.op() == Opcode.CORE_FIELD) return sameRelocation(a, b);
        if (a.op() != b.op() || a.type() != b.type() || !a.op().isPure() || a.predicate != b.predicate
                || a.operands().size() != b.operands().size() || !a.sameSpaces(b)) {
            return false;
        }
        if (a.op() == Opcode.ADDR) return a.symbol != null && a.symbol.equals(b.symbol);
        for (int k = 0; k < a.operands().size(); k++) if (!same(a.operand(k), b.operand(k), depth - 1)) return false;
        return true;
    }

    private static boolean sameRelocation(Instruction a, Instruction b) {
        return a.type() == b.type() && a.coreKind == b.coreKind && a.btfTypeId == b.btfTypeId
                && a.accessString.equals(b.accessString);
    }
}
