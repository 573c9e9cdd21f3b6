package dev.jbpfc.testsuite.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a random well-defined XDP {@link Program} from a seed ({@code java.util.Random}: the same seed gives
 * the same program). Programs read typed inputs from the packet, compute with every integer type, casts, masked
 * shifts, guarded division, comparisons, conditionals, structs, arrays with masked indices, constant-bound loops and
 * loops whose trip count comes from the data (at most 16 trips), switch, and calls of static and global noinline functions (some with more than five parameters), then store
 * results in the array map {@code out}, into the packet and into the return value.
 */
public final class ProgramGenerator {
    /** Knobs: how big programs get. */
    public record Config(int maxFuncs, int maxStmts, int maxDepth, int maxExprDepth, double manyArgsChance) {
        public static Config standard() {
            return new Config(4, 7, 3, 4, 0.25);
        }

        /** Smaller programs for the CI test: 300 of them fit its time budget. */
        public static Config ci() {
            return new Config(3, 5, 2, 3, 0.2);
        }

        public static Config small() {
            return new Config(2, 4, 2, 3, 0.0);
        }
    }

    private static final CType[] TYPES = CType.values();
    private static final String[] ARITH = {"+", "-", "*", "&", "|", "^", "/", "%", "<<", ">>", "+", "-", "^", "&"};
    private static final String[] CMP = {"==", "!=", "<", "<=", ">", ">="};

    private final Random r;
    /**
     * Decides which loops get a trip count from the data, and what it is made of. A stream of its own, so that a
     * seed's program is the one earlier generators made from it with some loops' counts swapped for data (the
     * campaigns' records name seeds).
     */
    private final Random loops;
    private final Config cfg;
    private final List<Func> funcs = new ArrayList<>();
    private final List<StructDef> structs = new ArrayList<>();
    private int names;

    /** What statements and expressions may refer to at one point. */
    private static final class Scope {
        final List<Expr.Var> vars = new ArrayList<>();
        final List<Stmt.ArrayDecl> arrays = new ArrayList<>();
        final List<Stmt.StructDecl> records = new ArrayList<>();
        final List<Func> callable;
        final boolean main;
        int loopDepth;

        Scope(List<Func> callable, boolean main) {
            this.callable = callable;
            this.main = main;
        }

        Scope copy() {
            Scope s = new Scope(callable, main);
            s.vars.addAll(vars);
            s.arrays.addAll(arrays);
            s.records.addAll(records);
            s.loopDepth = loopDepth;
            return s;
        }
    }

    private ProgramGenerator(long seed, Config cfg) {
        this.r = new Random(seed);
        this.loops = new Random(~seed * 0x9E3779B97F4A7C15L);
        this.cfg = cfg;
    }

    public static Program generate(long seed) {
        return generate(seed, Config.standard());
    }

    public static Program generate(long seed, Config cfg) {
        return new ProgramGenerator(seed, cfg).program(seed);
    }

    private Program program(long seed) {
        int ns = r.nextInt(3);
        for (int i = 0; i < ns; i++) {
            List<StructDef.Field> fields = new ArrayList<>();
            int nf = 1 + r.nextInt(4);
            for (int j = 0; j < nf; j++) fields.add(new StructDef.Field(type(), "m" + j));
            structs.add(new StructDef("s" + i, List.copyOf(fields)));
        }
        int nfuncs = r.nextInt(cfg.maxFuncs() + 1);
        for (int i = 0; i < nfuncs; i++) funcs.add(function(i));
        List<Program.Input> inputs = new ArrayList<>();
        Scope s = new Scope(List.copyOf(funcs), true);
        int nin = 2 + r.nextInt(5);
        for (int i = 0; i < nin; i++) {
            CType t = type();
            Program.Input in = new Program.Input(t, "in" + i, i * 8);
            inputs.add(in);
            s.vars.add(new Expr.Var(t, in.name()));
        }
        List<Stmt> body = block(s, 0, cfg.maxStmts());
        return new Program(seed, List.copyOf(structs), List.copyOf(funcs), List.copyOf(inputs), body, expr(s, CType.S32, 0));
    }

    private Func function(int index) {
        boolean many = r.nextDouble() < cfg.manyArgsChance();
        boolean global = !many && r.nextInt(3) == 0;
        int np = many ? 6 + r.nextInt(3) : 1 + r.nextInt(5);
        List<Func.Param> params = new ArrayList<>();
        Scope s = new Scope(List.copyOf(funcs), false);
        for (int i = 0; i < np; i++) {
            CType t = type();
            params.add(new Func.Param(t, "p" + i));
            s.vars.add(new Expr.Var(t, "p" + i));
        }
        CType ret = global ? (r.nextBoolean() ? CType.S32 : CType.U64) : type();
        List<Stmt> body = block(s, 1, Math.max(1, cfg.maxStmts() - 2));
        return new Func("f" + index, global, ret, List.copyOf(params), body, expr(s, ret, 0));
    }

    private CType type() {
        return TYPES[r.nextInt(TYPES.length)];
    }

    private String name(String prefix) {
        return prefix + names++;
    }

    private List<Stmt> block(Scope s, int depth, int max) {
        List<Stmt> out = new ArrayList<>();
        int n = 1 + r.nextInt(max);
        for (int i = 0; i < n; i++) out.add(stmt(s, depth));
        return out;
    }

    private Stmt stmt(Scope s, int depth) {
        boolean nest = depth < cfg.maxDepth();
        while (true) {
            switch (r.nextInt(12)) {
                case 0: case 1: {
                    CType t = type();
                    Stmt.Decl d = new Stmt.Decl(t, name("v"), expr(s, t, 0));
                    s.vars.add(new Expr.Var(t, d.name()));
                    return d;
                }
                case 2: {
                    if (s.vars.isEmpty()) continue;
                    Expr.Var v = s.vars.get(r.nextInt(s.vars.size()));
                    if (v.name().startsWith("i")) continue; // never assign an input or a loop counter
                    return new Stmt.Assign(v, expr(s, v.type(), 0));
                }
                case 3: {
                    CType t = type();
                    int len = 1 << (1 + r.nextInt(3));
                    List<Expr> init = new ArrayList<>();
                    for (int i = 0; i < len; i++) init.add(r.nextBoolean() ? lit(t) : expr(s, t, cfg.maxExprDepth() - 1));
                    Stmt.ArrayDecl a = new Stmt.ArrayDecl(t, name("a"), List.copyOf(init));
                    s.arrays.add(a);
                    return a;
                }
                case 4: {
                    if (s.arrays.isEmpty()) continue;
                    Stmt.ArrayDecl a = s.arrays.get(r.nextInt(s.arrays.size()));
                    return new Stmt.Assign(new Expr.Index(a.type(), a.name(), a.init().size(), expr(s, CType.U32, 1)),
                            expr(s, a.type(), 0));
                }
                case 5: {
                    if (structs.isEmpty()) continue;
                    StructDef sd = structs.get(r.nextInt(structs.size()));
                    List<Expr> init = new ArrayList<>();
                    for (StructDef.Field f : sd.fields()) init.add(expr(s, f.type(), 1));
                    Stmt.StructDecl d = new Stmt.StructDecl(sd, name("r"), List.copyOf(init));
                    s.records.add(d);
                    return d;
                }
                case 6: {
                    if (s.records.isEmpty()) continue;
                    Stmt.StructDecl d = s.records.get(r.nextInt(s.records.size()));
                    StructDef.Field f = d.struct().fields().get(r.nextInt(d.struct().fields().size()));
                    return new Stmt.Assign(new Expr.Field(f.type(), d.name(), f.name()), expr(s, f.type(), 0));
                }
                case 7: {
                    if (!nest) continue;
                    Expr c = expr(s, CType.S32, 0);
                    List<Stmt> then = block(s.copy(), depth + 1, 3);
                    List<Stmt> els = r.nextBoolean() ? List.of() : block(s.copy(), depth + 1, 3);
                    return new Stmt.If(c, then, els);
                }
                case 8: {
                    if (!nest || s.loopDepth >= 2) continue;
                    Scope in = s.copy();
                    in.loopDepth++;
                    String v = name("i");
                    Expr count = loops.nextInt(3) == 0 ? dataDependentCount(s) : null;
                    in.vars.add(new Expr.Var(CType.U32, v));
                    int bound = 1 + r.nextInt(6);
                    return new Stmt.For(v, count == null ? bound : MAX_DATA_TRIPS, count, block(in, depth + 1, 3));
                }
                case 9: {
                    if (!nest) continue;
                    Expr sel = expr(s, r.nextBoolean() ? CType.U32 : CType.S32, 1);
                    if (r.nextBoolean()) sel = new Expr.Arith("&", CType.U32, sel, new Expr.Lit(CType.U32, 7));
                    List<Stmt.Switch.Case> cases = new ArrayList<>();
                    int nc = 1 + r.nextInt(4);
                    long v = r.nextInt(3);
                    for (int i = 0; i < nc; i++) {
                        cases.add(new Stmt.Switch.Case(v, block(s.copy(), depth + 1, 2)));
                        v += 1 + r.nextInt(2);
                    }
                    return new Stmt.Switch(sel, List.copyOf(cases), r.nextBoolean() ? List.of() : block(s.copy(), depth + 1, 2));
                }
                case 10: {
                    if (!s.main) continue;
                    return new Stmt.Store(r.nextInt(Program.MAP_SLOTS), expr(s, r.nextBoolean() ? CType.U64 : type(), 0));
                }
                default: {
                    if (!s.main) continue;
                    CType t = type();
                    int size = t.bits / 8;
                    int off = r.nextInt(Program.PACKET_BYTES / size) * size;
                    return new Stmt.PacketWrite(t, off, expr(s, t, 0));
                }
            }
        }
    }

    /** A data-dependent loop runs at most this many times. */
    static final int MAX_DATA_TRIPS = 16;

    /**
     * A trip count read from a variable in scope (an input from the packet, a parameter, a local, an outer loop's
     * counter), in [0, {@value #MAX_DATA_TRIPS}]: masked ({@code v & 15}, {@code (v >> k) & 7}) or clamped
     * ({@code v < 12 ? v : 12}), forms both compilers' loops bound where the verifier can see it.
     */
    private Expr dataDependentCount(Scope s) {
        Expr v = castTo(CType.U32, s.vars.get(loops.nextInt(s.vars.size())));
        switch (loops.nextInt(3)) {
            case 0:
                return new Expr.Arith("&", CType.U32, v, new Expr.Lit(CType.U32, MAX_DATA_TRIPS - 1));
            case 1: {
                Expr shifted = new Expr.Arith(">>", CType.U32, v, new Expr.Lit(CType.U32, 1 + loops.nextInt(24)));
                return new Expr.Arith("&", CType.U32, shifted, new Expr.Lit(CType.U32, (MAX_DATA_TRIPS >> 1) - 1));
            }
            default: {
                Expr most = new Expr.Lit(CType.U32, 1 + loops.nextInt(MAX_DATA_TRIPS));
                return new Expr.Cond(CType.U32, new Expr.Cmp("<", CType.U32, v, most), v, most);
            }
        }
    }

    private Expr lit(CType t) {
        long v;
        switch (r.nextInt(6)) {
            case 0: v = r.nextInt(4); break;
            case 1: v = -1 - r.nextInt(3); break;
            case 2: v = 1L << r.nextInt(t.bits); break;
            case 3: v = r.nextInt(256); break;
            default: v = r.nextLong();
        }
        return new Expr.Lit(t, t.wrap(v));
    }

    private Expr leaf(Scope s, CType t) {
        int k = r.nextInt(10);
        if (k < 6 && !s.vars.isEmpty()) return castTo(t, s.vars.get(r.nextInt(s.vars.size())));
        if (k < 8 && !s.arrays.isEmpty()) {
            Stmt.ArrayDecl a = s.arrays.get(r.nextInt(s.arrays.size()));
            Expr idx = s.vars.isEmpty() ? lit(CType.U32) : s.vars.get(r.nextInt(s.vars.size()));
            return castTo(t, new Expr.Index(a.type(), a.name(), a.init().size(), idx));
        }
        if (k < 9 && !s.records.isEmpty()) {
            Stmt.StructDecl d = s.records.get(r.nextInt(s.records.size()));
            StructDef.Field f = d.struct().fields().get(r.nextInt(d.struct().fields().size()));
            return castTo(t, new Expr.Field(f.type(), d.name(), f.name()));
        }
        return lit(t);
    }

    private static Expr castTo(CType t, Expr e) {
        return e.type() == t ? e : new Expr.Cast(t, e);
    }

    /** An expression of type {@code t}. */
    private Expr expr(Scope s, CType t, int depth) {
        if (depth >= cfg.maxExprDepth() || r.nextInt(4) == 0) return leaf(s, t);
        switch (r.nextInt(9)) {
            case 0: case 1: case 2: {
                CType at = r.nextInt(3) == 0 ? CType.U64 : t.arith();
                String op = ARITH[r.nextInt(ARITH.length)];
                return castTo(t, new Expr.Arith(op, at, expr(s, at, depth + 1), expr(s, at, depth + 1)));
            }
            case 3: {
                CType st = r.nextBoolean() ? CType.S32 : CType.S64;
                return castTo(t, new Expr.SignedShr(st, castTo(st, expr(s, type(), depth + 1)), r.nextInt(st.bits)));
            }
            case 4: {
                CType in = type();
                return castTo(t, new Expr.Cmp(CMP[r.nextInt(CMP.length)], in, expr(s, type(), depth + 1), expr(s, type(), depth + 1)));
            }
            case 5:
                return castTo(t, new Expr.Logic(r.nextBoolean() ? "&&" : "||", expr(s, CType.S32, depth + 1), expr(s, CType.S32, depth + 1)));
            case 6:
                return new Expr.Cond(t, expr(s, CType.S32, depth + 1), expr(s, t, depth + 1), expr(s, t, depth + 1));
            case 7: {
                if (s.callable.isEmpty()) return leaf(s, t);
                Func f = s.callable.get(r.nextInt(s.callable.size()));
                List<Expr> args = new ArrayList<>();
                for (Func.Param p : f.params()) args.add(expr(s, p.type(), depth + 2));
                return castTo(t, new Expr.Call(f, List.copyOf(args)));
            }
            default:
                return castTo(t, expr(s, type(), depth + 1));
        }
    }
}
