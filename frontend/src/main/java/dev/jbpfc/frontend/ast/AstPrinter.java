package dev.jbpfc.frontend.ast;

import java.util.List;
import java.util.Set;

/**
 * Prints the AST as an indented tree, one node per line, two spaces per level: what {@code -Xast-dump} shows and
 * what the parser's CHECK tests match. Example, for {@code int f(int x) { return x + 1; }}:
 * <pre>
 * FunctionDef 'f'
 *   Specifiers int
 *   Declarator 'f' [function]
 *     Param
 *       Specifiers int
 *       Declarator 'x' []
 *   Compound
 *     Return
 *       Binary '+'
 *         Ident 'x'
 *         IntLiteral '1'
 * </pre>
 * Expressions print their sema type after a colon once sema has set it ({@code Ident 'x' : int}).
 */
public final class AstPrinter {
    private final StringBuilder out = new StringBuilder();
    private int depth;

    private AstPrinter() {}

    public static String print(TranslationUnit tu) {
        AstPrinter p = new AstPrinter();
        p.line("TranslationUnit");
        p.depth++;
        for (ExternalDecl d : tu.decls()) p.external(d);
        return p.out.toString();
    }

    public static String print(Stmt s) {
        AstPrinter p = new AstPrinter();
        p.stmt(s);
        return p.out.toString();
    }

    public static String print(Expr e) {
        AstPrinter p = new AstPrinter();
        p.expr(e);
        return p.out.toString();
    }

    private void line(String text) {
        for (int i = 0; i < depth; i++) out.append("  ");
        out.append(text).append('\n');
    }

    private void nested(Runnable r) {
        depth++;
        r.run();
        depth--;
    }

    // ---- declarations ----

    private void external(ExternalDecl d) {
        if (d instanceof FunctionDef f) {
            line("FunctionDef '" + f.name() + "'" + (f.asmLabel() != null ? " asm(\"" + f.asmLabel() + "\")" : ""));
            nested(() -> {
                specifiers(f.specifiers());
                declarator(f.declarator());
                attributes(f.attributes());
                stmt(f.body());
            });
        } else if (d instanceof Declaration decl) {
            declaration(decl);
        } else if (d instanceof StaticAssert s) {
            staticAssert(s);
        } else if (d instanceof AsmDecl a) {
            line("AsmDecl");
            nested(() -> expr(a.text()));
        } else if (d instanceof Pragma p) {
            line("Pragma '" + p.text() + "'");
        }
    }

    private void declaration(Declaration d) {
        line("Declaration");
        nested(() -> {
            specifiers(d.specifiers());
            for (Declaration.InitDeclarator i : d.declarators()) {
                declarator(i.declarator());
                depth++;
                if (i.asmLabel() != null) line("AsmLabel \"" + i.asmLabel() + "\"");
                attributes(i.attributes());
                if (i.initializer() != null) {
                    line("Init");
                    nested(() -> initializer(i.initializer()));
                }
                depth--;
            }
        });
    }

    private void staticAssert(StaticAssert s) {
        line("StaticAssert");
        nested(() -> {
            expr(s.condition());
            if (s.message() != null) expr(s.message());
        });
    }

    private void specifiers(DeclSpecifiers s) {
        StringBuilder sb = new StringBuilder("Specifiers");
        for (DeclSpecifiers.StorageClass c : s.storage()) sb.append(' ').append(c.name().toLowerCase());
        if (s.isInline()) sb.append(" inline");
        if (s.isNoreturn()) sb.append(" _Noreturn");
        qualifiers(sb, s.qualifiers());
        for (String w : s.typeWords()) sb.append(' ').append(w);
        TypeSpec t = s.typeSpec();
        if (t instanceof TypeSpec.Record r) {
            sb.append(r.isUnion() ? " union" : " struct").append(r.tag() != null ? " " + r.tag() : "");
            if (r.hasBody()) sb.append(" {}");
        } else if (t instanceof TypeSpec.Enum e) {
            sb.append(" enum").append(e.tag() != null ? " " + e.tag() : "");
            if (e.hasBody()) sb.append(" {}");
        } else if (t instanceof TypeSpec.TypedefName n) {
            sb.append(" typedef-name ").append(n.name());
        } else if (t instanceof TypeSpec.Typeof o) {
            sb.append(o.unqual() ? " typeof_unqual" : " typeof");
        } else if (t instanceof TypeSpec.Atomic) {
            sb.append(" _Atomic()");
        } else if (t instanceof TypeSpec.AutoType) {
            sb.append(" __auto_type");
        }
        line(sb.toString());
        nested(() -> {
            attributes(s.attributes());
            for (Node a : s.alignas()) {
                line("Alignas");
                nested(() -> alignOperand(a));
            }
            if (t instanceof TypeSpec.Record r) {
                attributes(r.attributes());
                if (r.hasBody()) for (RecordMember m : r.members()) member(m);
            } else if (t instanceof TypeSpec.Enum e) {
                attributes(e.attributes());
                if (e.fixedType() != null) typeName(e.fixedType());
                if (e.hasBody()) {
                    for (TypeSpec.Enumerator en : e.enumerators()) {
                        line("Enumerator '" + en.name() + "'");
                        nested(() -> {
                            attributes(en.attributes());
                            if (en.value() != null) expr(en.value());
                        });
                    }
                }
            } else if (t instanceof TypeSpec.Typeof o) {
                if (o.expr() != null) expr(o.expr());
                else typeName(o.type());
            } else if (t instanceof TypeSpec.Atomic a) {
                typeName(a.type());
            }
        });
    }

    private void alignOperand(Node n) {
        if (n instanceof Expr e) expr(e);
        else if (n instanceof TypeName t) typeName(t);
    }

    private void member(RecordMember m) {
        if (m instanceof StaticAssert s) {
            staticAssert(s);
            return;
        }
        RecordMember.Fields f = (RecordMember.Fields) m;
        line("Fields");
        nested(() -> {
            specifiers(f.specifiers());
            for (RecordMember.Field field : f.fields()) {
                line("Field" + (field.declarator() != null && field.declarator().name() != null
                        ? " '" + field.declarator().name() + "'" : ""));
                nested(() -> {
                    if (field.declarator() != null) declarator(field.declarator());
                    if (field.bitWidth() != null) {
                        line("BitWidth");
                        nested(() -> expr(field.bitWidth()));
                    }
                    attributes(field.attributes());
                });
            }
        });
    }

    private static void qualifiers(StringBuilder sb, Set<DeclSpecifiers.Qualifier> qs) {
        for (DeclSpecifiers.Qualifier q : qs) sb.append(' ').append(q.name().toLowerCase());
    }

    private void declarator(Declarator d) {
        StringBuilder sb = new StringBuilder("Declarator");
        if (d.name() != null) sb.append(" '").append(d.name()).append('\'');
        sb.append(" [");
        for (int i = 0; i < d.parts().size(); i++) {
            if (i > 0) sb.append(", ");
            Declarator.Part p = d.parts().get(i);
            if (p instanceof Declarator.Pointer ptr) {
                sb.append("pointer");
                if (!ptr.qualifiers().isEmpty()) {
                    StringBuilder q = new StringBuilder();
                    qualifiers(q, ptr.qualifiers());
                    sb.append('(').append(q.toString().trim()).append(')');
                }
            } else if (p instanceof Declarator.Array a) {
                sb.append("array");
                if (a.isStatic()) sb.append(" static");
                if (a.isStar()) sb.append(" *");
            } else if (p instanceof Declarator.Function f) {
                sb.append("function");
                if (!f.hasPrototype()) sb.append(" ()");
                if (f.isVariadic()) sb.append(" ...");
            }
        }
        sb.append(']');
        line(sb.toString());
        nested(() -> {
            attributes(d.attributes());
            for (Declarator.Part p : d.parts()) {
                if (p instanceof Declarator.Pointer ptr) {
                    attributes(ptr.attributes());
                } else if (p instanceof Declarator.Array a && a.size() != null) {
                    expr(a.size());
                } else if (p instanceof Declarator.Function f) {
                    for (Declarator.Param param : f.params()) {
                        line("Param");
                        nested(() -> {
                            specifiers(param.specifiers());
                            if (param.declarator() != null) declarator(param.declarator());
                            attributes(param.attributes());
                        });
                    }
                }
            }
        });
    }

    private void typeName(TypeName t) {
        line("TypeName");
        nested(() -> {
            specifiers(t.specifiers());
            if (t.declarator() != null) declarator(t.declarator());
        });
    }

    private void attributes(List<Attribute> attrs) {
        for (Attribute a : attrs) {
            line("Attribute '" + a.name() + "'");
            nested(() -> {
                for (Expr e : a.args()) expr(e);
                for (TypeName t : a.typeArgs()) typeName(t);
            });
        }
    }

    private void initializer(Initializer i) {
        if (i instanceof Expr e) {
            expr(e);
            return;
        }
        InitList list = (InitList) i;
        line("InitList");
        nested(() -> {
            for (InitList.Item item : list.items()) {
                if (item.designators().isEmpty()) {
                    initializer(item.value());
                    continue;
                }
                StringBuilder sb = new StringBuilder("Designated");
                for (InitList.Designator d : item.designators()) {
                    if (d instanceof InitList.Field f) sb.append(" .").append(f.name());
                    else sb.append(" []");
                }
                line(sb.toString());
                nested(() -> {
                    for (InitList.Designator d : item.designators()) {
                        if (d instanceof InitList.Index ix) {
                            expr(ix.index());
                            if (ix.rangeEnd() != null) expr(ix.rangeEnd());
                        }
                    }
                    initializer(item.value());
                });
            }
        });
    }

    // ---- statements ----

    private void stmt(Stmt s) {
        if (s instanceof Stmt.Compound c) {
            line("Compound");
            nested(() -> c.items().forEach(this::stmt));
        } else if (s instanceof Stmt.ExprStmt e) {
            line("ExprStmt");
            nested(() -> expr(e.expr()));
        } else if (s instanceof Stmt.Null) {
            line("Null");
        } else if (s instanceof Stmt.DeclStmt d) {
            if (d.decl() instanceof Declaration decl) declaration(decl);
            else staticAssert((StaticAssert) d.decl());
        } else if (s instanceof Stmt.If i) {
            line("If");
            nested(() -> {
                expr(i.cond());
                stmt(i.then());
                if (i.otherwise() != null) stmt(i.otherwise());
            });
        } else if (s instanceof Stmt.Switch w) {
            line("Switch");
            nested(() -> {
                expr(w.cond());
                stmt(w.body());
            });
        } else if (s instanceof Stmt.While w) {
            line("While" + hints(w.hints()));
            nested(() -> {
                expr(w.cond());
                stmt(w.body());
            });
        } else if (s instanceof Stmt.DoWhile w) {
            line("DoWhile" + hints(w.hints()));
            nested(() -> {
                stmt(w.body());
                expr(w.cond());
            });
        } else if (s instanceof Stmt.For f) {
            line("For" + hints(f.hints()));
            nested(() -> {
                if (f.init() != null) stmt(f.init()); else line("<no init>");
                if (f.cond() != null) expr(f.cond()); else line("<no cond>");
                if (f.step() != null) expr(f.step()); else line("<no step>");
                stmt(f.body());
            });
        } else if (s instanceof Stmt.Goto g) {
            line("Goto '" + g.label() + "'");
        } else if (s instanceof Stmt.IndirectGoto g) {
            line("IndirectGoto");
            nested(() -> expr(g.target()));
        } else if (s instanceof Stmt.Continue) {
            line("Continue");
        } else if (s instanceof Stmt.Break) {
            line("Break");
        } else if (s instanceof Stmt.Return r) {
            line("Return");
            if (r.value() != null) nested(() -> expr(r.value()));
        } else if (s instanceof Stmt.Label l) {
            line("Label '" + l.name() + "'");
            nested(() -> {
                attributes(l.attributes());
                stmt(l.body());
            });
        } else if (s instanceof Stmt.Case c) {
            line(c.rangeEnd() != null ? "CaseRange" : "Case");
            nested(() -> {
                expr(c.value());
                if (c.rangeEnd() != null) expr(c.rangeEnd());
                stmt(c.body());
            });
        } else if (s instanceof Stmt.Default d) {
            line("Default");
            nested(() -> stmt(d.body()));
        } else if (s instanceof Stmt.Asm a) {
            line("Asm" + (a.isVolatile() ? " volatile" : "") + (a.isInline() ? " inline" : "")
                    + (a.isGoto() ? " goto" : ""));
            nested(() -> {
                expr(a.template());
                for (Stmt.AsmOperand o : a.outputs()) asmOperand("Output", o);
                for (Stmt.AsmOperand o : a.inputs()) asmOperand("Input", o);
                for (Expr.StringLiteral c : a.clobbers()) line("Clobber " + String.join(" ", c.pieces));
                for (String l : a.labels()) line("GotoLabel '" + l + "'");
            });
        } else if (s instanceof Stmt.Attributed a) {
            line("Attributed");
            nested(() -> {
                attributes(a.attributes());
                stmt(a.stmt());
            });
        } else if (s instanceof Stmt.LocalLabels l) {
            line("LocalLabels " + String.join(" ", l.names()));
        }
    }

    private void asmOperand(String kind, Stmt.AsmOperand o) {
        line(kind + (o.name() != null ? " [" + o.name() + "]" : "") + " " + String.join(" ", o.constraint().pieces));
        nested(() -> expr(o.expr()));
    }

    private static String hints(List<Pragma> hints) {
        StringBuilder sb = new StringBuilder();
        for (Pragma p : hints) sb.append(" #pragma ").append(p.text());
        return sb.toString();
    }

    // ---- expressions ----

    private String typed(String text, Expr e) {
        return e.type == null ? text : text + " : " + e.type;
    }

    private void expr(Expr e) {
        if (e instanceof Expr.Ident i) {
            line(typed("Ident '" + i.name + "'", e));
        } else if (e instanceof Expr.IntLiteral l) {
            line(typed("IntLiteral '" + l.spelling + "'", e));
        } else if (e instanceof Expr.FloatLiteral l) {
            line(typed("FloatLiteral '" + l.spelling + "'", e));
        } else if (e instanceof Expr.CharLiteral l) {
            line(typed("CharLiteral " + l.spelling, e));
        } else if (e instanceof Expr.StringLiteral l) {
            line(typed("StringLiteral " + String.join(" ", l.pieces), e));
        } else if (e instanceof Expr.Unary u) {
            line(typed("Unary " + (u.op.isPostfix() ? "postfix" : "prefix") + " '" + u.op.spelling + "'", e));
            nested(() -> expr(u.operand));
        } else if (e instanceof Expr.Binary b) {
            line(typed("Binary '" + b.op.spelling + "'", e));
            nested(() -> {
                expr(b.lhs);
                expr(b.rhs);
            });
        } else if (e instanceof Expr.Assign a) {
            line(typed("Assign '" + (a.op == null ? "" : a.op.spelling) + "='", e));
            nested(() -> {
                expr(a.target);
                expr(a.value);
            });
        } else if (e instanceof Expr.Conditional c) {
            line(typed("Conditional", e));
            nested(() -> {
                expr(c.cond);
                if (c.then != null) expr(c.then); else line("<omitted>");
                expr(c.otherwise);
            });
        } else if (e instanceof Expr.Cast c) {
            line(typed("Cast", e));
            nested(() -> {
                typeName(c.typeName);
                expr(c.operand);
            });
        } else if (e instanceof Expr.CompoundLiteral c) {
            line(typed("CompoundLiteral", e));
            nested(() -> {
                typeName(c.typeName);
                initializer(c.init);
            });
        } else if (e instanceof Expr.SizeofExpr s) {
            line(typed("SizeofExpr", e));
            nested(() -> expr(s.operand));
        } else if (e instanceof Expr.SizeofType s) {
            line(typed("SizeofType", e));
            nested(() -> typeName(s.typeName));
        } else if (e instanceof Expr.AlignofExpr s) {
            line(typed("AlignofExpr", e));
            nested(() -> expr(s.operand));
        } else if (e instanceof Expr.AlignofType s) {
            line(typed("AlignofType", e));
            nested(() -> typeName(s.typeName));
        } else if (e instanceof Expr.Call c) {
            line(typed("Call", e));
            nested(() -> {
                expr(c.callee);
                c.args.forEach(this::expr);
            });
        } else if (e instanceof Expr.Index i) {
            line(typed("Index", e));
            nested(() -> {
                expr(i.base);
                expr(i.index);
            });
        } else if (e instanceof Expr.Member m) {
            line(typed("Member " + (m.arrow ? "->" : ".") + m.member, e));
            nested(() -> expr(m.base));
        } else if (e instanceof Expr.StmtExpr s) {
            line(typed("StmtExpr", e));
            nested(() -> stmt(s.body));
        } else if (e instanceof Expr.Generic g) {
            line(typed("Generic", e));
            nested(() -> {
                expr(g.control);
                for (Expr.Generic.Association a : g.associations) {
                    line(a.type() == null ? "Default" : "Association");
                    nested(() -> {
                        if (a.type() != null) typeName(a.type());
                        expr(a.value());
                    });
                }
            });
        } else if (e instanceof Expr.VaArg v) {
            line(typed("VaArg", e));
            nested(() -> {
                expr(v.list);
                typeName(v.typeName);
            });
        } else if (e instanceof Expr.OffsetOf o) {
            StringBuilder sb = new StringBuilder("OffsetOf ");
            for (InitList.Designator d : o.path) {
                if (d instanceof InitList.Field f) sb.append('.').append(f.name());
                else sb.append("[]");
            }
            line(typed(sb.toString(), e));
            nested(() -> {
                typeName(o.typeName);
                for (InitList.Designator d : o.path) if (d instanceof InitList.Index ix) expr(ix.index());
            });
        } else if (e instanceof Expr.ChooseExpr c) {
            line(typed("ChooseExpr", e));
            nested(() -> {
                expr(c.cond);
                expr(c.then);
                expr(c.otherwise);
            });
        } else if (e instanceof Expr.TypesCompatible t) {
            line(typed("TypesCompatible", e));
            nested(() -> {
                typeName(t.first);
                typeName(t.second);
            });
        } else if (e instanceof Expr.LabelAddress l) {
            line(typed("LabelAddress '" + l.label + "'", e));
        }
    }
}
