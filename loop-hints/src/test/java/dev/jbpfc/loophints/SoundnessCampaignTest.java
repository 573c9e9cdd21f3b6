package dev.jbpfc.loophints;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jbpfc.isa.BpfEncoder;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.OperandShape;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A small seeded soundness campaign for the checker itself (the full one, with the testsuite's interpreter, is
 * issue 11's item 6): random counted loops, often mutated (latch, back edge, preheader, a write of the iv or the
 * limit, a backward or skipping jump, a moved range), with a hint whose {@code trips} is what the template proves
 * for the mutated code. Every loop the checker accepts is run by {@link MiniInterpreter} from random register
 * values (edge values for the limit register), counting the body's executions: never more than the bound.
 */
class SoundnessCampaignTest {
    private static final int CASES = 8000;

    @Test
    void acceptedLoopsNeverRunPastTheirBound() {
        Random random = new Random(0x11);
        int accepted = 0, run = 0, violations = 0;
        StringBuilder firstViolation = new StringBuilder();
        for (int n = 0; n < CASES; n++) {
            Case c = Case.generate(random);
            byte[] code = BpfEncoder.encode(c.insns);
            LoopHint hint = c.hint;
            CodeView view;
            try {
                view = CodeView.decode(code);
            } catch (MalformedCodeException e) {
                continue;
            }
            LoopTemplate.Result proved = LoopTemplates.get(hint.template()).check(view, hint, new AcceptedLoops());
            if (!proved.accepted()) continue;
            long trips = random.nextInt(20) == 0 ? proved.trips().longValue() + 1 : proved.trips().longValue();
            LoopHint claimed = new LoopHint(1, hint.template(), hint.start(), hint.end(), hint.iv(), hint.width(),
                    hint.signed(), hint.cmp(), hint.step(), hint.limit(), hint.init(), trips);
            FunctionReport report = LoopChecker.check(new FunctionCode("xdp", "f", true, code, List.of(claimed.encode())));
            LoopVerdict v = report.loops().get(0);
            if (!v.accepted()) continue;
            accepted++;
            for (int k = 0; k < 3; k++) {
                long[] regs = new long[11];
                for (int r = 0; r < 10; r++) regs[r] = edgeValue(random);
                MiniInterpreter.Outcome out = MiniInterpreter.run(c.insns, regs, v.start(), 3_000, random);
                if (out == null) continue; // too long to run or an instruction the interpreter lacks: inconclusive
                run++;
                // Each entry through the preheader may run the body at most `bound` times.
                if (BigInteger.valueOf(out.bodyRuns()).compareTo(new BigInteger(Long.toUnsignedString(v.bound()))
                        .multiply(BigInteger.valueOf(out.entries()))) > 0) {
                    violations++;
                    if (firstViolation.length() == 0) {
                        firstViolation.append(claimed.encode()).append(" ran ").append(out.bodyRuns()).append(" times:\n");
                        for (BpfInsn insn : c.insns) firstViolation.append("  ").append(CodeView.show(insn)).append('\n');
                    }
                }
            }
        }
        System.out.println("soundness campaign: " + CASES + " cases, " + accepted + " accepted, " + run + " runs, "
                + violations + " violations");
        if (violations > 0) fail(violations + " violations; the first: " + firstViolation);
        assertTrue(accepted > CASES / 20, "too few accepted cases to mean anything: " + accepted);
        assertTrue(run > CASES / 20, "too few runs: " + run);
    }

    private static long edgeValue(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> Long.MAX_VALUE;
            case 3 -> Long.MIN_VALUE;
            case 4 -> 0xffffffffL;
            case 5 -> 0x7fffffffL + random.nextInt(3) - 1;
            case 6 -> random.nextInt(64) - 32;
            default -> random.nextLong();
        };
    }

    /** One generated function: a counted loop, maybe mutated, and the hint its generator meant. */
    private record Case(List<BpfInsn> insns, LoopHint hint) {
        static Case generate(Random random) {
            boolean up = random.nextBoolean();
            boolean wide = random.nextBoolean();
            boolean signed = random.nextBoolean();
            int iv = 6 + random.nextInt(4);
            int limitReg = random.nextInt(3) == 0 ? (iv == 9 ? 6 : iv + 1) : -1;
            if (random.nextInt(10) == 0) iv = random.nextInt(6); // a caller-saved iv: calls in the body clobber it
            LoopHint.Compare cmp = up ? (random.nextBoolean() ? LoopHint.Compare.LT : LoopHint.Compare.LE)
                    : (random.nextBoolean() ? LoopHint.Compare.GT : LoopHint.Compare.GE);
            int step = 1 + (random.nextInt(3) == 0 ? random.nextInt(9) : 0);
            int init = smallOrEdge(random);
            int limit = smallOrEdge(random);
            if (random.nextBoolean()) limit = init + (up ? 1 : -1) * random.nextInt(200);

            List<BpfInsn> out = new ArrayList<>();
            out.add(BpfInsn.aluImm(BpfOp.MOV64_IMM, 0, 0));
            if (random.nextBoolean()) out.add(BpfInsn.aluImm(BpfOp.ADD64_IMM, 1, 1));
            out.add(BpfInsn.aluImm(wide ? BpfOp.MOV64_IMM : BpfOp.MOV32_IMM, iv, init));
            int start = out.size();
            int bodyLength = random.nextInt(6);
            int end = start + bodyLength + 1;
            for (int k = 0; k < bodyLength; k++) out.add(bodyInsn(random, start + k, end, iv, limitReg));
            out.add(up ? BpfInsn.aluImm(wide ? BpfOp.ADD64_IMM : BpfOp.ADD32_IMM, iv, step)
                    : random.nextBoolean() ? BpfInsn.aluImm(wide ? BpfOp.SUB64_IMM : BpfOp.SUB32_IMM, iv, step)
                    : BpfInsn.aluImm(wide ? BpfOp.ADD64_IMM : BpfOp.ADD32_IMM, iv, -step));
            BpfOp jump = compare(cmp, signed, wide, limitReg >= 0);
            out.add(BpfInsn.of(jump, iv, Math.max(limitReg, 0), start - (end + 1), limitReg >= 0 ? 0 : limit));
            out.add(BpfInsn.exit());

            int hintStart = start, hintEnd = end;
            if (random.nextBoolean()) mutate(random, out, start, end, iv, limitReg);
            if (random.nextInt(8) == 0) hintStart += random.nextInt(3) - 1;
            if (random.nextInt(8) == 0) hintEnd += random.nextInt(3) - 1;
            TripCount.Domain type = new TripCount.Domain(wide ? 64 : 32, signed);
            long initSpelling = type.spelling(type.valueOf(init));
            LoopHint.Limit hintLimit = limitReg >= 0 ? LoopHint.Limit.register(limitReg)
                    : LoopHint.Limit.constant(type.spelling(type.valueOf(limit)));
            LoopHint hint = new LoopHint(1, up ? CountedUp.NAME : CountedDown.NAME, Math.max(0, hintStart), hintEnd, iv,
                    wide ? 64 : 32, signed, cmp, step, hintLimit, initSpelling, 0);
            return new Case(out, hint);
        }

        private static int smallOrEdge(Random random) {
            return switch (random.nextInt(6)) {
                case 0 -> Integer.MAX_VALUE - random.nextInt(300);
                case 1 -> Integer.MIN_VALUE + random.nextInt(300);
                case 2 -> -1 - random.nextInt(300);
                default -> random.nextInt(300) - 50;
            };
        }

        private static BpfInsn bodyInsn(Random random, int at, int end, int iv, int limitReg) {
            int reg = random.nextInt(6);
            return switch (random.nextInt(7)) {
                case 0 -> BpfInsn.alu(BpfOp.ADD64_REG, 0, iv);
                case 1 -> BpfInsn.aluImm(BpfOp.XOR32_IMM, reg, random.nextInt(100));
                case 2 -> BpfInsn.of(BpfOp.JEQ_IMM, random.nextInt(6), 0, 1 + random.nextInt(end - at + 1) - 1, random.nextInt(4));
                case 3 -> BpfInsn.of(BpfOp.JGT_IMM, 0, 0, (end - 1) - (at + 1), random.nextInt(50)); // continue
                case 4 -> BpfInsn.of(BpfOp.CALL, 0, 0, 0, 5);
                case 5 -> BpfInsn.of(BpfOp.JSET_IMM, 0, 0, end + 1 - (at + 1), 1); // break to exit
                default -> BpfInsn.alu(BpfOp.MOV64_REG, 8, limitReg >= 0 ? limitReg : 1);
            };
        }

        private static void mutate(Random random, List<BpfInsn> out, int start, int end, int iv, int limitReg) {
            int at = start + random.nextInt(end - start + 1);
            switch (random.nextInt(9)) {
                case 0 -> out.set(end - 1, BpfInsn.aluImm(out.get(end - 1).op, iv, out.get(end - 1).imm + random.nextInt(5) - 2));
                case 1 -> out.set(end, BpfInsn.of(randomCompare(random), iv, out.get(end).src, out.get(end).off, out.get(end).imm));
                case 2 -> out.set(end, out.get(end).withOff(out.get(end).off + random.nextInt(3) - 1));
                case 3 -> out.set(start - 1, out.get(start - 1).withImm(out.get(start - 1).imm + random.nextInt(5) - 2));
                case 4 -> out.set(at, BpfInsn.aluImm(random.nextBoolean() ? BpfOp.MOV32_IMM : BpfOp.ADD64_IMM, iv, random.nextInt(7) - 3));
                case 5 -> out.set(at, BpfInsn.aluImm(BpfOp.MOV64_IMM, limitReg >= 0 ? limitReg : iv, random.nextInt(100)));
                case 6 -> out.set(at, BpfInsn.of(BpfOp.JNE_IMM, 0, 0, -(at + 1 - start) - random.nextInt(2), 7)); // backward jump
                case 7 -> out.set(at, BpfInsn.of(BpfOp.JEQ_IMM, 0, 0, end - (at + 1), 3)); // skip to the back edge
                default -> out.set(at, BpfInsn.of(BpfOp.CALL, 0, 0, 0, 1));
            }
        }

        private static BpfOp randomCompare(Random random) {
            List<BpfOp> jumps = new ArrayList<>();
            for (BpfOp op : BpfOp.values()) if (op.isConditionalJump()) jumps.add(op);
            return jumps.get(random.nextInt(jumps.size()));
        }

        private static BpfOp compare(LoopHint.Compare cmp, boolean signed, boolean wide, boolean register) {
            String name = "J" + (signed ? "S" : "") + cmp.name() + (wide ? "" : "32") + (register ? "_REG" : "_IMM");
            return BpfOp.valueOf(name);
        }
    }

    /** Runs the instructions the campaign generates (ALU, jumps, calls as r0-r5 clobbers, exit), counting a loop's body runs. */
    static final class MiniInterpreter {
        /** How often the loop's first instruction ran, and how often its preheader did. */
        record Outcome(long bodyRuns, long entries) {}

        /** Runs from slot 0 until exit; null when it runs too long or meets an instruction it does not know. */
        static Outcome run(List<BpfInsn> insns, long[] regs, int start, int maxSteps, Random random) {
            int pc = 0;
            long body = 0, entries = 0;
            for (int steps = 0; steps < maxSteps; steps++) {
                if (pc < 0 || pc >= insns.size()) return null;
                if (pc == start) body++;
                if (pc == start - 1) entries++;
                BpfInsn insn = insns.get(pc);
                BpfOp op = insn.op;
                int next = pc + 1;
                switch (op.shape) {
                    case EXIT -> {
                        return new Outcome(body, entries);
                    }
                    case CALL -> {
                        for (int r = 0; r <= 5; r++) regs[r] = random.nextLong();
                    }
                    case ALU_IMM, ALU_REG, ALU_UNARY -> {
                        if (!alu(insn, regs)) return null;
                    }
                    case JMP_IMM, JMP_REG -> {
                        long b = op.shape == OperandShape.JMP_IMM ? insn.imm : regs[insn.src];
                        if (taken(op, regs[insn.dst], b)) next = pc + 1 + insn.off;
                    }
                    case JA -> next = pc + 1 + insn.off;
                    default -> {
                        return null;
                    }
                }
                pc = next;
            }
            return null;
        }

        private static boolean taken(BpfOp op, long a, long b) {
            boolean narrow = op.insnClass() == 0x06;
            if (narrow) {
                a = a & 0xffffffffL;
                b = b & 0xffffffffL;
            }
            long sa = narrow ? (int) a : a, sb = narrow ? (int) b : b;
            String n = op.name().replace("32", "").replace("_REG", "").replace("_IMM", "");
            return switch (n) {
                case "JEQ" -> a == b;
                case "JNE" -> a != b;
                case "JSET" -> (a & b) != 0;
                case "JGT" -> Long.compareUnsigned(a, b) > 0;
                case "JGE" -> Long.compareUnsigned(a, b) >= 0;
                case "JLT" -> Long.compareUnsigned(a, b) < 0;
                case "JLE" -> Long.compareUnsigned(a, b) <= 0;
                case "JSGT" -> sa > sb;
                case "JSGE" -> sa >= sb;
                case "JSLT" -> sa < sb;
                case "JSLE" -> sa <= sb;
                default -> throw new IllegalStateException(n);
            };
        }

        private static boolean alu(BpfInsn insn, long[] regs) {
            BpfOp op = insn.op;
            boolean narrow = op.insnClass() == 0x04;
            long a = regs[insn.dst];
            long b = op.shape == OperandShape.ALU_IMM ? insn.imm : regs[insn.src];
            String n = op.name().replace("64", "").replace("32", "").replace("_REG", "").replace("_IMM", "");
            boolean[] unsupported = {false};
            long r = switch (n) {
                case "ADD" -> a + b;
                case "SUB" -> a - b;
                case "XOR" -> a ^ b;
                case "OR" -> a | b;
                case "AND" -> a & b;
                case "MOV" -> b;
                case "NEG" -> -a;
                default -> {
                    unsupported[0] = true;
                    yield 0;
                }
            };
            if (unsupported[0]) return false;
            regs[insn.dst] = narrow ? r & 0xffffffffL : r;
            return true;
        }
    }
}
