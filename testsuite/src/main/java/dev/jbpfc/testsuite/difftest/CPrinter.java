package dev.jbpfc.testsuite.difftest;

import java.util.List;

/**
 * Prints a {@link Program} as a self-contained C file (no includes: it declares struct xdp_md, the array map
 * {@code out} and bpf_map_lookup_elem itself). Two flavours: {@link #direct} keeps calls with more than five
 * arguments as they are (for jbpfc); {@link #clangCompatible} turns each such function into one taking a pointer
 * to a struct of its arguments, because clang refuses more than five. Example of the second form:
 * <pre>
 *   struct f1_args { unsigned int p0; ...; short p5; };
 *   static __attribute__((noinline)) int f1(struct f1_args *a_) { unsigned int p0 = a_-&gt;p0; ... }
 *   ... ({ struct f1_args t_ = { x, ..., y }; f1(&amp;t_); }) ...
 * </pre>
 */
public final class CPrinter {
    private final boolean packArgs;
    private final StringBuilder out = new StringBuilder();

    private CPrinter(boolean packArgs) {
        this.packArgs = packArgs;
    }

    public static String direct(Program p) {
        return new CPrinter(false).program(p);
    }

    public static String clangCompatible(Program p) {
        return new CPrinter(true).program(p);
    }

    private String program(Program p) {
        out.append("/* jbpfc difftest, seed ").append(p.seed()).append(" */\n");
        out.append("struct xdp_md { unsigned int data, data_end, data_meta, ingress_ifindex, rx_queue_index, "
                + "egress_ifindex; };\n");
        out.append("struct { int (*type)[2]; int (*max_entries)[").append(Program.MAP_SLOTS)
                .append("]; unsigned int *key; unsigned long long *value; } out __attribute__((section(\".maps\"), used));\n");
        out.append("static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;\n");
        for (StructDef s : p.structs()) {
            out.append("struct ").append(s.tag()).append(" {");
            for (StructDef.Field f : s.fields()) out.append(' ').append(f.type().c).append(' ').append(f.name()).append(';');
            out.append(" };\n");
        }
        for (Func f : p.funcs()) function(f);
        out.append("__attribute__((section(\"xdp\"), used)) int prog(struct xdp_md *ctx) {\n");
        out.append("  unsigned char *data = (void *)(long)ctx->data;\n");
        out.append("  if (data + ").append(Program.PACKET_BYTES).append(" > (unsigned char *)(long)ctx->data_end) return 0;\n");
        for (Program.Input in : p.inputs()) {
            out.append("  ").append(in.type().c).append(' ').append(in.name()).append(" = *(").append(in.type().c)
                    .append(" *)(data + ").append(in.offset()).append(");\n");
        }
        block(p.body(), 1);
        out.append("  return (int)(").append(expr(p.result())).append(");\n}\n");
        out.append("char _license[] __attribute__((section(\"license\"), used)) = \"GPL\";\n");
        return out.toString();
    }

    private void function(Func f) {
        boolean packed = packArgs && f.manyArgs();
        if (packed) {
            out.append("struct ").append(f.name()).append("_args {");
            for (Func.Param q : f.params()) out.append(' ').append(q.type().c).append(' ').append(q.name()).append(';');
            out.append(" };\n");
        }
        out.append(f.global() ? "" : "static ").append("__attribute__((noinline)) ").append(f.ret().c).append(' ')
                .append(f.name()).append('(');
        if (packed) {
            out.append("struct ").append(f.name()).append("_args *a_");
        } else {
            for (int i = 0; i < f.params().size(); i++) {
                Func.Param q = f.params().get(i);
                out.append(i == 0 ? "" : ", ").append(q.type().c).append(' ').append(q.name());
            }
            if (f.params().isEmpty()) out.append("void");
        }
        out.append(") {\n");
        if (packed) {
            for (Func.Param q : f.params()) {
                out.append("  ").append(q.type().c).append(' ').append(q.name()).append(" = a_->").append(q.name()).append(";\n");
            }
        }
        block(f.body(), 1);
        out.append("  return (").append(f.ret().c).append(")(").append(expr(f.result())).append(");\n}\n");
    }

    private void block(List<Stmt> stmts, int depth) {
        for (Stmt s : stmts) stmt(s, depth);
    }

    private void indent(int depth) {
        out.append("  ".repeat(depth));
    }

    private void stmt(Stmt s, int d) {
        indent(d);
        if (s instanceof Stmt.Decl x) {
            out.append(x.type().c).append(' ').append(x.name()).append(" = (").append(x.type().c).append(")(")
                    .append(expr(x.init())).append(");\n");
        } else if (s instanceof Stmt.ArrayDecl x) {
            out.append(x.type().c).append(' ').append(x.name()).append('[').append(x.init().size()).append("] = {");
            list(x.init());
            out.append("};\n");
        } else if (s instanceof Stmt.StructDecl x) {
            out.append("struct ").append(x.struct().tag()).append(' ').append(x.name()).append(" = {");
            list(x.init());
            out.append("};\n");
        } else if (s instanceof Stmt.Assign x) {
            out.append(expr(x.lhs())).append(" = (").append(x.lhs().type().c).append(")(").append(expr(x.value())).append(");\n");
        } else if (s instanceof Stmt.If x) {
            out.append("if (").append(expr(x.cond())).append(") {\n");
            block(x.then(), d + 1);
            indent(d);
            if (!x.otherwise().isEmpty()) {
                out.append("} else {\n");
                block(x.otherwise(), d + 1);
                indent(d);
            }
            out.append("}\n");
        } else if (s instanceof Stmt.For x) {
            out.append("for (unsigned int ").append(x.var()).append(" = 0");
            if (x.dataDependent()) {
                out.append(", ").append(x.countVar()).append(" = (unsigned int)(").append(expr(x.count())).append("); ")
                        .append(x.var()).append(" < ").append(x.countVar());
            } else {
                out.append("; ").append(x.var()).append(" < ").append(x.bound());
            }
            out.append("; ").append(x.var()).append("++) {\n");
            block(x.body(), d + 1);
            indent(d);
            out.append("}\n");
        } else if (s instanceof Stmt.Switch x) {
            out.append("switch (").append(expr(x.selector())).append(") {\n");
            for (Stmt.Switch.Case c : x.cases()) {
                indent(d);
                out.append("case ").append(c.value()).append(": {\n");
                block(c.body(), d + 1);
                indent(d + 1);
                out.append("break;\n");
                indent(d);
                out.append("}\n");
            }
            indent(d);
            out.append("default: {\n");
            block(x.otherwise(), d + 1);
            indent(d + 1);
            out.append("break;\n");
            indent(d);
            out.append("}\n");
            indent(d);
            out.append("}\n");
        } else if (s instanceof Stmt.Store x) {
            out.append("{ unsigned int k_ = ").append(x.slot()).append("; unsigned long long *v_ = bpf_map_lookup_elem(&out, &k_); "
                    + "if (v_) *v_ = (unsigned long long)(").append(expr(x.value())).append("); }\n");
        } else if (s instanceof Stmt.PacketWrite x) {
            out.append("*(").append(x.type().c).append(" *)(data + ").append(x.offset()).append(") = (").append(x.type().c)
                    .append(")(").append(expr(x.value())).append(");\n");
        } else {
            throw new IllegalStateException(s.toString());
        }
    }

    private void list(List<Expr> es) {
        for (int i = 0; i < es.size(); i++) out.append(i == 0 ? "" : ", ").append(expr(es.get(i)));
    }

    String expr(Expr e) {
        if (e instanceof Expr.Lit x) {
            long v = x.type().wrap(x.value());
            String lit = v >= 0 && v < 1000 ? Long.toString(v) : "0x" + Long.toHexString(v) + "ULL";
            return "((" + x.type().c + ")" + lit + ")";
        }
        if (e instanceof Expr.Var x) return x.name();
        if (e instanceof Expr.Cast x) return "((" + x.type().c + ")(" + expr(x.e()) + "))";
        if (e instanceof Expr.Arith x) {
            String t = "(" + x.type().c + ")";
            String a = t + "(" + expr(x.a()) + ")", b = t + "(" + expr(x.b()) + ")";
            switch (x.op()) {
                case "/": case "%":
                    return "(" + b + " ? " + a + " " + x.op() + " " + b + " : " + t + "0)";
                case "<<": case ">>":
                    return "(" + a + " " + x.op() + " (" + b + " & " + (x.type().bits - 1) + "))";
                default:
                    return "(" + a + " " + x.op() + " " + b + ")";
            }
        }
        if (e instanceof Expr.SignedShr x) return "((" + x.type().c + ")(" + expr(x.a()) + ") >> " + x.amount() + ")";
        if (e instanceof Expr.Cmp x) {
            String t = "(" + x.in().c + ")";
            return "(" + t + "(" + expr(x.a()) + ") " + x.op() + " " + t + "(" + expr(x.b()) + "))";
        }
        if (e instanceof Expr.Logic x) return "(" + expr(x.a()) + " " + x.op() + " " + expr(x.b()) + ")";
        if (e instanceof Expr.Cond x) {
            String t = "(" + x.type().c + ")";
            return "(" + expr(x.c()) + " ? " + t + "(" + expr(x.a()) + ") : " + t + "(" + expr(x.b()) + "))";
        }
        if (e instanceof Expr.Call x) {
            StringBuilder b = new StringBuilder();
            if (packArgs && x.f().manyArgs()) {
                b.append("({ struct ").append(x.f().name()).append("_args t_ = {");
                for (int i = 0; i < x.args().size(); i++) b.append(i == 0 ? "" : ", ").append(expr(x.args().get(i)));
                b.append("}; ").append(x.f().name()).append("(&t_); })");
                return b.toString();
            }
            b.append(x.f().name()).append('(');
            for (int i = 0; i < x.args().size(); i++) {
                b.append(i == 0 ? "" : ", ").append("(").append(x.f().params().get(i).type().c).append(")(")
                        .append(expr(x.args().get(i))).append(")");
            }
            return b.append(')').toString();
        }
        if (e instanceof Expr.Index x) {
            return x.array() + "[(unsigned int)(" + expr(x.index()) + ") & " + (x.length() - 1) + "]";
        }
        if (e instanceof Expr.Field x) return x.var() + "." + x.field();
        throw new IllegalStateException(e.toString());
    }
}
