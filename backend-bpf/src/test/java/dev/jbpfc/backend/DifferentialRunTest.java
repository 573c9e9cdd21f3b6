package dev.jbpfc.backend;

import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.backend.testing.ExternalTools;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.text.IrParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Seeded random arithmetic programs (i32/i64 ops, casts, compares, selects) are computed here in Java and by the
 * kernel after compiling at every -mcpu: the width handling (32-bit subregisters at v3+, normalisation before
 * division, right shifts and compares at v1/v2) must give C's results. Inputs come from the context
 * (rx_queue_index, 0 at test run) so the verifier cannot know them. More programs: -Djbpfc.diffRuns=N.
 */
class DifferentialRunTest {
    @TempDir Path tmp;

    private static final String[] OPS = {"add", "sub", "mul", "and", "or", "xor", "shl", "lshr", "ashr", "udiv", "urem", "sdiv", "srem"};

    private static final class Val {
        final String name;
        final Type type;
        final long value;

        Val(String name, Type type, long value) {
            this.name = name;
            this.type = type;
            this.value = type.normalize(value);
        }
    }

    /** Builds one program; returns its IR and the value it must return. */
    static String[] program(long seed, boolean signedDivision) {
        Random r = new Random(seed);
        StringBuilder ir = new StringBuilder();
        ir.append("global global @LICENSE size 4 align 1 section \"license\" data \"GPL\\00\"\n");
        ir.append("define global i32 @prog(ptr %ctx) section \"xdp\" {\nentry:\n");
        ir.append("  %qp = ptradd %ctx, 16\n  %q = load i32 %qp, align 4\n  %q64 = zext i32 %q to i64\n");
        List<Val> vals = new ArrayList<>();
        int n = 0;
        for (int k = 0; k < 6; k++) {
            boolean wide = r.nextBoolean();
            long c = r.nextBoolean() ? r.nextInt(200) - 100 : r.nextLong();
            String name = "%c" + n++;
            if (wide) ir.append("  ").append(name).append(" = add i64 %q64, ").append(c).append('\n');
            else ir.append("  ").append(name).append(" = add i32 %q, ").append((int) c).append('\n');
            vals.add(new Val(name, wide ? Type.I64 : Type.I32, c));
        }
        for (int k = 0; k < 24; k++) {
            Val a = vals.get(r.nextInt(vals.size()));
            Val b = pick(r, vals, a.type);
            int choice = r.nextInt(10);
            String name = "%v" + n++;
            if (choice < 7) {
                String op = OPS[r.nextInt(signedDivision ? OPS.length : OPS.length - 2)];
                Val bb = b;
                if (op.endsWith("div") || op.endsWith("rem")) {
                    String nz = "%v" + n++;   // a nonzero divisor: C leaves x/0 undefined
                    ir.append("  ").append(nz).append(" = or ").append(a.type).append(' ').append(b.name).append(", 1\n");
                    bb = new Val(nz, a.type, b.value | 1);
                } else if (op.endsWith("sh") || op.endsWith("shr") || op.equals("shl")) {
                    String m = "%v" + n++;    // shift amounts within the width
                    int mask = a.type == Type.I64 ? 63 : 31;
                    ir.append("  ").append(m).append(" = and ").append(a.type).append(' ').append(b.name).append(", ").append(mask).append('\n');
                    bb = new Val(m, a.type, b.value & mask);
                }
                ir.append("  ").append(name).append(" = ").append(op).append(' ').append(a.type).append(' ')
                        .append(a.name).append(", ").append(bb.name).append('\n');
                vals.add(new Val(name, a.type, eval(op, a.type, a.value, bb.value)));
            } else if (choice == 7) {
                Type to = a.type == Type.I64 ? Type.I32 : Type.I64;
                if (to == Type.I32) {
                    ir.append("  ").append(name).append(" = trunc i64 ").append(a.name).append(" to i32\n");
                    vals.add(new Val(name, to, a.value));
                } else {
                    boolean signed = r.nextBoolean();
                    ir.append("  ").append(name).append(" = ").append(signed ? "sext" : "zext").append(" i32 ").append(a.name).append(" to i64\n");
                    vals.add(new Val(name, to, signed ? a.value : Type.I32.unsigned(a.value)));
                }
            } else {
                String[] preds = {"eq", "ne", "ult", "ule", "ugt", "uge", "slt", "sle", "sgt", "sge"};
                String p = preds[r.nextInt(preds.length)];
                String cmp = "%v" + n++;
                ir.append("  ").append(cmp).append(" = cmp ").append(p).append(' ').append(a.type).append(' ')
                        .append(a.name).append(", ").append(b.name).append('\n');
                boolean holds = dev.jbpfc.ir.Predicate.parse(p).evaluate(a.type, a.value, b.value);
                Val x = pick(r, vals, a.type), y = pick(r, vals, a.type);
                ir.append("  ").append(name).append(" = select ").append(a.type).append(' ').append(cmp).append(", ")
                        .append(x.name).append(", ").append(y.name).append('\n');
                vals.add(new Val(name, a.type, holds ? x.value : y.value));
            }
        }
        // Fold everything into the 32-bit result.
        String acc = "%q";
        long accValue = 0;
        for (Val v : vals) {
            String t = v.name;
            long tv = v.value;
            if (v.type == Type.I64) {
                t = "%t" + n++;
                ir.append("  ").append(t).append(" = trunc i64 ").append(v.name).append(" to i32\n");
            }
            String next = "%s" + n++;
            ir.append("  ").append(next).append(" = xor i32 ").append(acc).append(", ").append(t).append('\n');
            String rot = "%s" + n++;
            ir.append("  ").append(rot).append(" = mul i32 ").append(next).append(", 31\n");
            acc = rot;
            accValue = Type.I32.normalize((Type.I32.normalize(accValue ^ tv)) * 31);
        }
        ir.append("  ret i32 ").append(acc).append("\n}\n");
        return new String[] {ir.toString(), Long.toString(Type.I32.unsigned(accValue))};
    }

    private static Val pick(Random r, List<Val> vals, Type type) {
        for (int tries = 0; tries < 50; tries++) {
            Val v = vals.get(r.nextInt(vals.size()));
            if (v.type == type) return v;
        }
        for (Val v : vals) if (v.type == type) return v;
        throw new IllegalStateException();
    }

    static long eval(String op, Type t, long a, long b) {
        long ua = t.unsigned(a), ub = t.unsigned(b);
        switch (op) {
            case "add": return a + b;
            case "sub": return a - b;
            case "mul": return a * b;
            case "and": return a & b;
            case "or": return a | b;
            case "xor": return a ^ b;
            case "shl": return a << b;
            case "lshr": return ua >>> b;
            case "ashr": return a >> b;
            case "udiv": return Long.divideUnsigned(ua, ub);
            case "urem": return Long.remainderUnsigned(ua, ub);
            case "sdiv": return b == -1 ? -a : a / b;
            case "srem": return b == -1 ? 0 : a % b;
            default: throw new IllegalStateException(op);
        }
    }

    @Test
    void randomArithmeticMatchesJavaAtEveryCpu() throws Exception {
        String bpftool = ExternalTools.require("bpftool");
        if (!ExternalTools.isRoot()) ExternalTools.missing("loading BPF programs needs root");
        int runs = Integer.getInteger("jbpfc.diffRuns", 6);
        for (int seed = 1; seed <= runs; seed++) {
            for (CpuVersion cpu : CpuVersion.values()) {
                String[] p = program(seed * 7919L, cpu == CpuVersion.V4);
                byte[] elf = BpfBackend.compile(IrParser.parse("diff.ir", p[0]), BackendOptions.of(cpu), null);
                Path object = tmp.resolve("diff-" + seed + "-" + cpu.spelling() + ".o");
                Files.write(object, elf);
                String what = "seed " + seed + " at " + cpu + ":\n" + p[0];
                long got = ExternalTools.loadAndRunProg(bpftool, object, "diff-" + seed + cpu.spelling(), () -> what);
                assertEquals(p[1], Long.toString(got), what);
            }
        }
    }
}
