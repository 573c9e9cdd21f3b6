package dev.jbpfc.ir;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.ir.text.IrParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Malformed IR must give a located CompileError, never another exception (a stack trace is a bug). Seeded
 * mutations of the test files (deleted, duplicated or replaced tokens, truncation) are parsed, whatever parses is
 * verified (the verifier must report problems, not crash), and whatever verifies goes through -O2 with the
 * verifier after every pass.
 */
class ParserRobustnessTest {
    private static final String[] JUNK = {",", "(", ")", "[", "]", "{", "}", "=", "%", "@x", "%zz", "i32", "ptr", "void",
            "-1", "0x", "99999999999999999999", "\"", "!", "!loc", "phi", "br", ":", "entry", "\\", "define", "global"};

    @Test
    void mutatedInputsFailCleanly() {
        List<String> sources = new ArrayList<>();
        for (String dir : List.of("roundtrip", "passes")) for (Path p : TestFiles.in(dir)) sources.add(TestFiles.read(p));
        Random rnd = new Random(42);
        int valid = 0;
        for (int n = 0; n < 3000; n++) {
            String src = sources.get(rnd.nextInt(sources.size()));
            String mutated = mutate(src, rnd);
            try {
                Module m;
                try {
                    m = IrParser.parse("fuzz.ir", mutated);
                } catch (CompileError e) {
                    assertNotNull(e.location(), "a parse error without a location");
                    continue;
                }
                if (IrVerifier.verify(m).isEmpty()) {
                    // a mutation that is still valid IR is a new input for the passes
                    try {
                        dev.jbpfc.ir.pass.PassPipeline.forLevel("-O2").verifyEach(true).run(m);
                    } catch (CompileError e) {
                        // a pass's diagnostic (a memset size still variable after inlining) is a clean end; it
                        // carries the instruction's !loc, which mutated text IR need not have
                    }
                    valid++;
                }
            } catch (RuntimeException e) {
                fail("mutation " + n + " crashed the parser, the verifier or a pass: " + e + "\n--- input ---\n" + mutated, e);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(valid > 50, "too few mutations stayed valid to exercise the passes: " + valid);
    }

    private static String mutate(String src, Random rnd) {
        StringBuilder sb = new StringBuilder(src);
        int edits = 1 + rnd.nextInt(3);
        for (int k = 0; k < edits && sb.length() > 0; k++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(4)) {
                case 0 -> sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(8)));
                case 1 -> sb.insert(at, ' ' + JUNK[rnd.nextInt(JUNK.length)] + ' ');
                case 2 -> sb.setLength(at);
                default -> {
                    int from = rnd.nextInt(sb.length());
                    int len = Math.min(20, sb.length() - from);
                    sb.insert(at, sb.substring(from, from + len));
                }
            }
        }
        return sb.toString();
    }
}
