package dev.jbpfc.testsuite.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing {@link Program} on its tree, keeping it failing the same way: deletes statements, functions,
 * inputs and structs, replaces an if/loop/switch by one of its bodies, runs a loop once, replaces expressions by
 * 0, 1 or one of their operands, and calls by constants. Greedy: tries the edits in order (statements first, so
 * the big cuts come early) and keeps each one the predicate accepts, until no edit is accepted.
 *
 * <p>Edits are numbered: {@link #variant(Program, int, boolean)} rebuilds the tree and applies edit number k,
 * counting edit sites in a fixed pre-order walk, or returns null when there are fewer than k + 1 sites.
 */
public final class Reducer {
    private final Predicate<Program> stillFails;
    private final int maxTests;
    private int tests;

    public Reducer(Predicate<Program> stillFails, int maxTests) {
        this.stillFails = stillFails;
        this.maxTests = maxTests;
    }

    /** How many candidates the last {@link #reduce} tried. */
    public int tests() {
        return tests;
    }

    public Program reduce(Program p) {
        tests = 0;
        for (boolean stmtsOnly : new boolean[] {true, false}) {
            boolean changed = true;
            while (changed && tests < maxTests) {
                changed = false;
                for (int k = 0; tests < maxTests; ) {
                    Program v = variant(p, k, stmtsOnly);
                    if (v == null) break;
                    tests++;
                    if (stillFails.test(v)) {
                        p = v;
                        changed = true;
                    } else {
                        k++;
                    }
                }
            }
        }
        return p;
    }

    /** Edit number k applied to p, or null when p has fewer edit sites. */
    public static Program variant(Program p, int k, boolean stmtsOnly) {
        Editor e = new Editor(k, stmtsOnly);
        List<StructDef> structs = e.dropOne(p.structs());
        List<Program.Input> inputs = e.dropOne(p.inputs());
        List<Func> funcs = e.dropOne(p.funcs());
        List<Func> edited = new ArrayList<>();
        for (Func f : funcs) {
            List<Stmt> body = e.block(f.body());
            edited.add(f.with(body, e.expr(f.result())));
        }
        List<Stmt> body = e.block(p.body());
        Expr result = e.expr(p.result());
        if (!e.applied) return null;
        return new Program(p.seed(), structs, rebind(edited), inputs, body, result);
    }

    /** Calls keep pointing at the Func they were made with; point them at the edited one of the same name. */
    private static List<Func> rebind(List<Func> funcs) {
        List<Func> out = new ArrayList<>();
        for (Func f : funcs) {
            Editor r = new Editor(-1, false);
            r.funcs = out;
            List<Stmt> body = r.block(f.body());
            out.add(f.with(body, r.expr(f.result())));
        }
        return out;
    }

    private static final class Editor {
        final int target;
        final boolean stmtsOnly;
        int site;
        boolean applied;
        List<Func> funcs; // for rebinding calls only

        Editor(int target, boolean stmtsOnly) {
            this.target = target;
            this.stmtsOnly = stmtsOnly;
        }

        /** True (once) when the current site is the one to edit. */
        boolean here() {
            return site++ == target && (applied = true);
        }

        <T> List<T> dropOne(List<T> xs) {
            List<T> out = new ArrayList<>();
            for (T x : xs) if (!here()) out.add(x);
            return out;
        }

        List<Stmt> block(List<Stmt> stmts) {
            List<Stmt> out = new ArrayList<>();
            for (Stmt s : stmts) {
                if (here()) continue;
                if (s instanceof Stmt.If x) {
                    if (here()) { out.addAll(x.then()); continue; }
                    if (here()) { out.addAll(x.otherwise()); continue; }
                } else if (s instanceof Stmt.For x) {
                    if (here()) {
                        out.add(new Stmt.Decl(CType.U32, x.var(), new Expr.Lit(CType.U32, 0)));
                        out.addAll(x.body());
                        continue;
                    }
                    if ((x.bound() > 1 || x.dataDependent()) && here()) { out.add(new Stmt.For(x.var(), 1, null, x.body())); continue; }
                } else if (s instanceof Stmt.Switch x) {
                    if (here()) { out.addAll(x.otherwise()); continue; }
                    boolean done = false;
                    for (Stmt.Switch.Case c : x.cases()) {
                        if (here()) { out.addAll(c.body()); done = true; break; }
                    }
                    if (done) continue;
                    List<Stmt.Switch.Case> cases = dropOne(x.cases());
                    if (cases.size() != x.cases().size()) { out.add(new Stmt.Switch(x.selector(), cases, x.otherwise())); continue; }
                }
                out.add(stmt(s));
            }
            return out;
        }

        Stmt stmt(Stmt s) {
            if (s instanceof Stmt.Decl x) return new Stmt.Decl(x.type(), x.name(), expr(x.init()));
            if (s instanceof Stmt.ArrayDecl x) return new Stmt.ArrayDecl(x.type(), x.name(), exprs(x.init()));
            if (s instanceof Stmt.StructDecl x) return new Stmt.StructDecl(x.struct(), x.name(), exprs(x.init()));
            if (s instanceof Stmt.Assign x) return new Stmt.Assign(x.lhs() instanceof Expr.Index i
                    ? new Expr.Index(i.type(), i.array(), i.length(), expr(i.index())) : x.lhs(), expr(x.value()));
            if (s instanceof Stmt.If x) return new Stmt.If(expr(x.cond()), block(x.then()), block(x.otherwise()));
            if (s instanceof Stmt.For x) {
                return new Stmt.For(x.var(), x.bound(), x.dataDependent() ? expr(x.count()) : null, block(x.body()));
            }
            if (s instanceof Stmt.Switch x) {
                Expr sel = expr(x.selector());
                List<Stmt.Switch.Case> cases = new ArrayList<>();
                for (Stmt.Switch.Case c : x.cases()) cases.add(new Stmt.Switch.Case(c.value(), block(c.body())));
                return new Stmt.Switch(sel, cases, block(x.otherwise()));
            }
            if (s instanceof Stmt.Store x) return new Stmt.Store(x.slot(), expr(x.value()));
            if (s instanceof Stmt.PacketWrite x) return new Stmt.PacketWrite(x.type(), x.offset(), expr(x.value()));
            throw new IllegalStateException(s.toString());
        }

        List<Expr> exprs(List<Expr> es) {
            List<Expr> out = new ArrayList<>();
            for (Expr e : es) out.add(expr(e));
            return out;
        }

        Expr expr(Expr e) {
            CType t = e.type();
            if (!stmtsOnly) {
                boolean isZero = e instanceof Expr.Lit l && l.value() == 0;
                if (!isZero && here()) return new Expr.Lit(t, 0);
                if (!(e instanceof Expr.Lit) && here()) return new Expr.Lit(t, 1);
                for (Expr c : children(e)) if (here()) return c.type() == t ? c : new Expr.Cast(t, c);
            }
            if (e instanceof Expr.Cast x) return new Expr.Cast(t, expr(x.e()));
            if (e instanceof Expr.Arith x) return new Expr.Arith(x.op(), t, expr(x.a()), expr(x.b()));
            if (e instanceof Expr.SignedShr x) return new Expr.SignedShr(t, expr(x.a()), x.amount());
            if (e instanceof Expr.Cmp x) return new Expr.Cmp(x.op(), x.in(), expr(x.a()), expr(x.b()));
            if (e instanceof Expr.Logic x) return new Expr.Logic(x.op(), expr(x.a()), expr(x.b()));
            if (e instanceof Expr.Cond x) return new Expr.Cond(t, expr(x.c()), expr(x.a()), expr(x.b()));
            if (e instanceof Expr.Index x) return new Expr.Index(t, x.array(), x.length(), expr(x.index()));
            if (e instanceof Expr.Call x) {
                Func f = x.f();
                if (funcs != null) for (Func g : funcs) if (g.name().equals(f.name())) f = g;
                return new Expr.Call(f, exprs(x.args()));
            }
            return e;
        }

        static List<Expr> children(Expr e) {
            if (e instanceof Expr.Cast x) return List.of(x.e());
            if (e instanceof Expr.Arith x) return List.of(x.a(), x.b());
            if (e instanceof Expr.SignedShr x) return List.of(x.a());
            if (e instanceof Expr.Cmp x) return List.of(x.a(), x.b());
            if (e instanceof Expr.Logic x) return List.of(x.a(), x.b());
            if (e instanceof Expr.Cond x) return List.of(x.a(), x.b());
            if (e instanceof Expr.Index x) return List.of(x.index());
            if (e instanceof Expr.Call x) return x.args();
            return List.of();
        }
    }
}
