package dev.jbpfc.loophints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jbpfc.isa.BpfOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The checker never throws (nor falls back on its internal-error verdict), and every hint gets exactly one verdict, whatever the bytes and the hints: random
 * slots of known opcodes, random bytes, random hints near the code's real loop, and null fields.
 */
class CheckerRobustnessTest {
    private static final String LOOP = String.join("\n",
            "r0 = 0", "w6 = 0", "loop:", "r0 += r6", "if r0 == 3 goto out", "w6 += 1", "if w6 < 100 goto loop", "out:", "exit");

    @Test
    void neverThrows() {
        Random random = new Random(2026);
        byte[] good = TestAssembler.assemble(LOOP);
        BpfOp[] ops = BpfOp.values();
        String[] templates = {"counted-up", "counted-down", "other"};
        String[] cmps = {"lt", "le", "gt", "ge"};
        for (int n = 0; n < 6000; n++) {
            byte[] code;
            switch (n % 3) {
                case 0 -> {
                    code = Arrays.copyOf(good, good.length);
                    for (int k = random.nextInt(3); k >= 0; k--) code[random.nextInt(code.length)] = (byte) random.nextInt(256);
                }
                case 1 -> {
                    code = new byte[8 * (1 + random.nextInt(12))];
                    for (int p = 0; p < code.length; p += 8) {
                        code[p] = (byte) ops[random.nextInt(ops.length)].opcode;
                        code[p + 1] = (byte) random.nextInt(256);
                        code[p + 2] = (byte) (random.nextInt(9) - 4);
                        code[p + 3] = (byte) (random.nextBoolean() ? 0 : -1);
                        code[p + 4] = (byte) random.nextInt(256);
                    }
                }
                default -> {
                    code = new byte[random.nextInt(80)];
                    random.nextBytes(code);
                }
            }
            List<String> tags = new ArrayList<>();
            for (int k = random.nextInt(3); k > 0; k--) {
                int start = random.nextInt(7) - 1, end = random.nextInt(8);
                tags.add(LoopHint.PREFIX + "1:" + templates[random.nextInt(3)] + ":start=" + start + ",end=" + end
                        + ",iv=r" + random.nextInt(10) + ",width=" + (random.nextBoolean() ? 32 : 64)
                        + ",signed=" + (random.nextBoolean() ? "s" : "u") + ",cmp=" + cmps[random.nextInt(4)]
                        + ",step=" + (1 + random.nextInt(3)) + ",limit=" + (random.nextBoolean() ? "r7" : "" + (random.nextInt(200) - 50))
                        + ",init=" + (random.nextInt(20) - 5) + ",trips=" + random.nextInt(120));
            }
            FunctionReport r = LoopChecker.check(new FunctionCode("xdp", "f", true, code, tags));
            assertNotNull(r);
            for (LoopVerdict v : r.loops()) {
                assertFalse(v.reason() != null && v.reason().startsWith("internal"), v.reason() + " on " + HexFormat.of().formatHex(code) + " " + tags);
            }
            assertEquals(Math.max(tags.size(), r.loops().size() == 1 && tags.isEmpty() ? 1 : 0), r.loops().size());
        }
        FunctionReport none = LoopChecker.check(new FunctionCode("xdp", "f", true, null, null));
        assertEquals(1, none.loops().size());
    }
}
