package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Param;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every narrowed compare NarrowCompare produces agrees with the 64-bit compare it replaces, on the edges of both
 * widths: each extension, predicate and constant of the list below against each 32-bit value of it.
 */
class NarrowCompareTest {
    private static final long[] EDGES = {0, 1, 2, 5, 255, 256, 300, 0x7ffffffeL, 0x7fffffffL, 0x80000000L, 0x80000001L,
            0xfffffffeL, 0xffffffffL, 0x100000000L, -1, -2, -5, -256, Integer.MIN_VALUE, Integer.MIN_VALUE + 1L,
            Integer.MIN_VALUE - 1L, Long.MIN_VALUE, Long.MAX_VALUE};

    @Test
    void narrowedComparesAgreeWithTheWideOnes() {
        Value x = Instruction.load(Type.I32, new Param("p", Type.PTR), 4); // an int loaded from memory
        int narrowed = 0;
        for (Opcode ext : List.of(Opcode.SEXT, Opcode.ZEXT)) {
            Instruction e = Instruction.cast(ext, x, Type.I64);
            for (Predicate p : Predicate.values()) {
                for (long k : EDGES) {
                    for (boolean constantLeft : new boolean[] {false, true}) {
                        Constant c = Constant.of(Type.I64, k);
                        Instruction wide = constantLeft ? Instruction.cmp(p, c, e) : Instruction.cmp(p, e, c);
                        Instruction narrow = NarrowCompare.of(wide);
                        if (narrow == null) continue;
                        narrowed++;
                        assertEquals(Type.I32, narrow.operand(0).type());
                        for (long v : EDGES) {
                            long xv = Type.I32.normalize(v);
                            long ev = ext == Opcode.SEXT ? xv : Type.I32.unsigned(xv);
                            long a = constantLeft ? k : ev, b = constantLeft ? ev : k;
                            boolean expected = p.evaluate(Type.I64, a, b);
                            long na = narrow.operand(0) == x ? xv : ((Constant) narrow.operand(0)).value();
                            long nb = narrow.operand(1) == x ? xv : ((Constant) narrow.operand(1)).value();
                            assertEquals(expected, narrow.predicate.evaluate(Type.I32, na, nb),
                                    () -> ext + " " + p + " " + k + (constantLeft ? " (constant left)" : "") + " at x = " + xv);
                        }
                    }
                }
            }
        }
        assertTrue(narrowed > 100, "narrowed only " + narrowed + " compares");
    }
}
