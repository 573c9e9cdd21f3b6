package dev.jbpfc.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of IR in the shape the lowering from C produces: every local an i64 alloca, loads and stores
 * around each operation, if/else diamonds, counted loops (some marked {@code !unroll}), switches, selects, i32
 * arithmetic through trunc/zext/sext, early returns, and calls to small static helpers. Deterministic per seed.
 */
final class RandomProgram {
    private static final String[] OPS = {"add", "sub", "mul", "udiv", "sdiv", "urem", "srem", "and", "or", "xor", "shl", "lshr", "ashr"};
    private static final String[] PREDS = {"eq", "ne", "ult", "ule", "ugt", "uge", "slt", "sle", "sgt", "sge"};

    private final Random rnd;
    private final StringBuilder body = new StringBuilder();
    private final List<String> allocas = new ArrayList<>();
    private int tmp;
    private int blocks;
    private int slots;
    private int helpers;

    private RandomProgram(long seed) { this.rnd = new Random(seed); }

    /** A module with helpers and {@code @f(i64 %a, i64 %b) -> i64}. */
    static String generate(long seed) {
        return new RandomProgram(seed).module();
    }

    private String module() {
        StringBuilder out = new StringBuilder();
        helpers = rnd.nextInt(3);
        for (int h = 0; h < helpers; h++) {
            out.append("define ").append(rnd.nextBoolean() ? "static" : "global").append(" i64 @h").append(h)
               .append("(i64 %x, i64 %y) section \".text\"").append(rnd.nextInt(4) == 0 ? " always_inline" : "").append(" {\nentry:\n");
            String a = "%x", b = "%y";
            if (rnd.nextBoolean()) { // a diamond with a phi, an early return and a stack slot
                out.append("  %hs = alloca 8, align 8\n  store i64 %y, %hs, align 8\n");
                out.append("  %hc = cmp ").append(PREDS[rnd.nextInt(PREDS.length)]).append(" i64 %x, %y\n");
                out.append("  condbr i1 %hc, ha, hb\nha:\n");
                out.append("  %he = cmp eq i64 %x, 5\n  condbr i1 %he, hr, hj\nhr:\n  ret i64 77\n");
                out.append("hb:\n  %hl = load i64 %hs, align 8\n  br hj\nhj:\n");
                out.append("  %hp = phi i64 [%x, ha], [%hl, hb]\n");
                a = "%hp";
            }
            int n = 1 + rnd.nextInt(4);
            for (int k = 0; k < n; k++) {
                String r = "%h" + k;
                out.append("  ").append(r).append(" = ").append(OPS[rnd.nextInt(OPS.length)]).append(" i64 ").append(a).append(", ")
                   .append(rnd.nextBoolean() ? b : String.valueOf(rnd.nextInt(9) - 2)).append('\n');
                b = a;
                a = r;
            }
            out.append("  ret i64 ").append(a).append("\n}\n\n");
        }
        slots = 3 + rnd.nextInt(4);
        for (int s = 0; s < slots; s++) allocas.add("  %s" + s + " = alloca 8, align 8\n");
        allocas.add("  %arr = alloca 32, align 8\n");
        allocas.add("  %arr2 = alloca 32, align 8\n");
        body.append("  memset %arr, 0, 32, align 8\n  memset %arr2, 7, 32, align 8\n");
        body.append("  store i64 %a, %s0, align 8\n  store i64 %b, %s1, align 8\n");
        for (int s = 2; s < slots; s++) body.append("  store i64 ").append(constant()).append(", %s").append(s).append(", align 8\n");
        statements(3, 2 + rnd.nextInt(5));
        String x = load(rnd.nextInt(slots)), y = load(rnd.nextInt(slots));
        String r = fresh();
        body.append("  ").append(r).append(" = xor i64 ").append(x).append(", ").append(y).append('\n');
        body.append("  ret i64 ").append(r).append('\n');
        out.append("define global i64 @f(i64 %a, i64 %b) section \".text\" {\nentry:\n");
        for (String a : allocas) out.append(a);
        out.append(body).append("}\n");
        return out.toString();
    }

    private String fresh() { return "%t" + (tmp++); }

    private String label(String base) { return base + (blocks++); }

    private String constant() {
        return switch (rnd.nextInt(6)) {
            case 0 -> "0";
            case 1 -> "1";
            case 2 -> "-1";
            case 3 -> String.valueOf(rnd.nextInt(70));
            case 4 -> String.valueOf(Long.MIN_VALUE);
            default -> String.valueOf(rnd.nextLong() >> rnd.nextInt(64));
        };
    }

    private String load(int slot) {
        String t = fresh();
        body.append("  ").append(t).append(" = load i64 %s").append(slot).append(", align 8\n");
        return t;
    }

    private String operand() { return rnd.nextInt(4) == 0 ? constant() : load(rnd.nextInt(slots)); }

    private void store(String v, int slot) {
        body.append("  store i64 ").append(v).append(", %s").append(slot).append(", align 8\n");
    }

    private void statements(int depth, int n) {
        for (int k = 0; k < n; k++) statement(depth);
    }

    private void statement(int depth) {
        int kind = rnd.nextInt(depth > 0 ? 11 : 4);
        if (kind == 9) { // arr[x & 3] = y (a variable offset into a stack array)
            String x = load(rnd.nextInt(slots)), y = operand(), m = fresh(), o = fresh(), p = fresh();
            body.append("  ").append(m).append(" = and i64 ").append(x).append(", 3\n");
            body.append("  ").append(o).append(" = shl i64 ").append(m).append(", 3\n");
            body.append("  ").append(p).append(" = ptradd %arr, ").append(o).append('\n');
            body.append("  store i64 ").append(y).append(", ").append(p).append(", align 8\n");
            if (rnd.nextBoolean()) body.append("  memcpy %arr2, %arr, ").append(8 * (1 + rnd.nextInt(4))).append(", align 8\n");
            return;
        }
        if (kind == 10) { // y = arr2[x & 3] as an i32 or i64
            String x = load(rnd.nextInt(slots)), m = fresh(), o = fresh(), p = fresh(), v = fresh();
            body.append("  ").append(m).append(" = and i64 ").append(x).append(", 3\n");
            body.append("  ").append(o).append(" = shl i64 ").append(m).append(", 3\n");
            body.append("  ").append(p).append(" = ptradd %arr2, ").append(o).append('\n');
            if (rnd.nextBoolean()) {
                String w = fresh();
                body.append("  ").append(v).append(" = load i32 ").append(p).append(", align 4\n");
                body.append("  ").append(w).append(" = sext i32 ").append(v).append(" to i64\n");
                v = w;
            } else {
                body.append("  ").append(v).append(" = load i64 ").append(p).append(", align 8\n");
            }
            store(v, rnd.nextInt(slots));
            return;
        }
        switch (kind) {
            case 0, 1 -> { // x = y op z
                String a = operand(), b = operand(), r = fresh();
                body.append("  ").append(r).append(" = ").append(OPS[rnd.nextInt(OPS.length)]).append(" i64 ").append(a).append(", ").append(b).append('\n');
                store(r, rnd.nextInt(slots));
            }
            case 2 -> { // 32-bit arithmetic, widened back
                String a = load(rnd.nextInt(slots)), b = load(rnd.nextInt(slots));
                String ta = fresh(), tb = fresh(), r = fresh(), w = fresh();
                body.append("  ").append(ta).append(" = trunc i64 ").append(a).append(" to i32\n");
                body.append("  ").append(tb).append(" = trunc i64 ").append(b).append(" to i32\n");
                body.append("  ").append(r).append(" = ").append(OPS[rnd.nextInt(OPS.length)]).append(" i32 ").append(ta).append(", ").append(tb).append('\n');
                body.append("  ").append(w).append(" = ").append(rnd.nextBoolean() ? "zext" : "sext").append(" i32 ").append(r).append(" to i64\n");
                store(w, rnd.nextInt(slots));
            }
            case 3 -> { // select
                String a = operand(), b = operand(), e = operand(), c = fresh(), s = fresh();
                body.append("  ").append(c).append(" = cmp ").append(PREDS[rnd.nextInt(PREDS.length)]).append(" i64 ").append(a).append(", ").append(b).append('\n');
                body.append("  ").append(s).append(" = select i64 ").append(c).append(", ").append(a).append(", ").append(e).append('\n');
                store(s, rnd.nextInt(slots));
            }
            case 4, 5 -> { // if / else, maybe returning early from the then arm
                String a = operand(), b = operand(), c = fresh();
                String th = label("then"), el = label("else"), join = label("join");
                body.append("  ").append(c).append(" = cmp ").append(PREDS[rnd.nextInt(PREDS.length)]).append(" i64 ").append(a).append(", ").append(b).append('\n');
                body.append("  condbr i1 ").append(c).append(", ").append(th).append(", ").append(el).append('\n');
                body.append(th).append(":\n");
                statements(depth - 1, rnd.nextInt(3));
                if (rnd.nextInt(6) == 0) {
                    String r = operand();
                    body.append("  ret i64 ").append(r).append('\n');
                }
                else body.append("  br ").append(join).append('\n');
                body.append(el).append(":\n");
                statements(depth - 1, rnd.nextInt(3));
                body.append("  br ").append(join).append('\n');
                body.append(join).append(":\n");
            }
            case 6 -> { // counted loop; its counter is a slot the body cannot see
                String counter = "%cnt" + (blocks++);
                allocas.add("  " + counter + " = alloca 8, align 8\n");
                String hdr = label("loop"), bod = label("body"), exit = label("exit");
                body.append("  store i64 0, ").append(counter).append(", align 8\n  br ").append(hdr).append('\n');
                body.append(hdr).append(":\n");
                String c = fresh(), m = fresh();
                body.append("  ").append(c).append(" = load i64 ").append(counter).append(", align 8\n");
                body.append("  ").append(m).append(" = cmp slt i64 ").append(c).append(", ").append(rnd.nextInt(6)).append('\n');
                body.append("  condbr i1 ").append(m).append(", ").append(bod).append(", ").append(exit).append('\n');
                body.append(bod).append(":\n");
                statements(depth - 1, 1 + rnd.nextInt(3));
                String c2 = fresh(), c3 = fresh();
                body.append("  ").append(c2).append(" = load i64 ").append(counter).append(", align 8\n");
                body.append("  ").append(c3).append(" = add i64 ").append(c2).append(", 1\n");
                body.append("  store i64 ").append(c3).append(", ").append(counter).append(", align 8\n");
                body.append("  br ").append(hdr).append(rnd.nextBoolean() ? " !unroll" : "").append('\n');
                body.append(exit).append(":\n");
            }
            case 7 -> { // switch
                String v = load(rnd.nextInt(slots)), m = fresh();
                body.append("  ").append(m).append(" = and i64 ").append(v).append(", 3\n");
                String c0 = label("case"), c1 = label("case"), d = label("default"), join = label("endsw");
                body.append("  switch i64 ").append(m).append(", ").append(d).append(" [0: ").append(c0).append(", 2: ").append(c1).append("]\n");
                for (String l : new String[]{c0, c1, d}) {
                    body.append(l).append(":\n");
                    statements(depth - 1, rnd.nextInt(2));
                    body.append("  br ").append(join).append('\n');
                }
                body.append(join).append(":\n");
            }
            default -> { // call a helper
                if (helpers == 0) {
                    statement(0);
                    return;
                }
                String a = operand(), b = operand(), r = fresh();
                body.append("  ").append(r).append(" = call i64 @h").append(rnd.nextInt(helpers)).append("(i64 ").append(a).append(", i64 ").append(b).append(")\n");
                store(r, rnd.nextInt(slots));
            }
        }
    }
}
