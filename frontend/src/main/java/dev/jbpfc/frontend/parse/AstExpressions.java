package dev.jbpfc.frontend.parse;

import dev.jbpfc.frontend.ast.Attribute;
import dev.jbpfc.frontend.ast.DeclSpecifiers;
import dev.jbpfc.frontend.ast.Declaration;
import dev.jbpfc.frontend.ast.Declarator;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.Pragma;
import dev.jbpfc.frontend.ast.RecordMember;
import dev.jbpfc.frontend.ast.TypeName;
import dev.jbpfc.frontend.ast.TypeSpec;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Every {@link Expr} node of a piece of AST, so that {@link ParsedPrefix} can clear the types a previous sema
 * wrote into reused declarations. The declaration shapes that make up vmlinux.h (specifiers, records, enums,
 * declarators, attributes) are walked directly, which is fast; anything else (function bodies, initializers,
 * expressions themselves) is walked generically through its fields, which reaches every node whatever its kind.
 */
final class AstExpressions {
    private AstExpressions() {}

    static List<Expr> of(List<?> roots) {
        AstExpressions.Walk w = new Walk();
        for (Object r : roots) w.node(r);
        return w.out;
    }

    private static final class Walk {
        final List<Expr> out = new ArrayList<>();

        void node(Object o) {
            if (o == null) return;
            if (o instanceof Declaration d) {
                specifiers(d.specifiers());
                for (Declaration.InitDeclarator i : d.declarators()) {
                    declarator(i.declarator());
                    attributes(i.attributes());
                    generic(i.initializer());
                }
            } else if (o instanceof Pragma) {
                // text only
            } else {
                generic(o);
            }
        }

        void specifiers(DeclSpecifiers s) {
            if (s == null) return;
            attributes(s.attributes());
            if (!s.alignas().isEmpty()) generic(s.alignas());
            TypeSpec t = s.typeSpec();
            if (t == null || t instanceof TypeSpec.TypedefName) return;
            if (t instanceof TypeSpec.Record r) {
                attributes(r.attributes());
                if (r.members() == null) return;
                for (RecordMember m : r.members()) {
                    if (m instanceof RecordMember.Fields f) {
                        specifiers(f.specifiers());
                        for (RecordMember.Field field : f.fields()) {
                            declarator(field.declarator());
                            generic(field.bitWidth());
                            attributes(field.attributes());
                        }
                    } else {
                        generic(m);
                    }
                }
            } else if (t instanceof TypeSpec.Enum e) {
                attributes(e.attributes());
                typeName(e.fixedType());
                if (e.enumerators() == null) return;
                for (TypeSpec.Enumerator en : e.enumerators()) {
                    generic(en.value());
                    attributes(en.attributes());
                }
            } else {
                generic(t);
            }
        }

        void typeName(TypeName t) {
            if (t == null) return;
            specifiers(t.specifiers());
            declarator(t.declarator());
        }

        void declarator(Declarator d) {
            if (d == null) return;
            attributes(d.attributes());
            for (Declarator.Part p : d.parts()) {
                if (p instanceof Declarator.Pointer ptr) {
                    attributes(ptr.attributes());
                } else if (p instanceof Declarator.Array a) {
                    generic(a.size());
                } else if (p instanceof Declarator.Function f) {
                    for (Declarator.Param param : f.params()) {
                        specifiers(param.specifiers());
                        declarator(param.declarator());
                        attributes(param.attributes());
                    }
                } else {
                    generic(p);
                }
            }
        }

        void attributes(List<Attribute> attrs) {
            for (Attribute a : attrs) {
                for (Expr e : a.args()) generic(e);
                for (TypeName t : a.typeArgs()) typeName(t);
            }
        }

        // ---- anything else: through its fields ----

        private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();

        void generic(Object root) {
            if (root == null) return;
            ArrayList<Object> work = new ArrayList<>();
            work.add(root);
            while (!work.isEmpty()) {
                Object o = work.remove(work.size() - 1);
                if (o == null || o instanceof Enum<?> || seen.put(o, Boolean.TRUE) != null) continue;
                if (o instanceof Collection<?> c) {
                    work.addAll(c);
                    continue;
                }
                if (!o.getClass().getName().startsWith("dev.jbpfc.frontend.ast.")) continue;
                if (o instanceof Expr e) out.add(e);
                for (Field f : FIELDS.get(o.getClass())) {
                    try {
                        work.add(f.get(o));
                    } catch (IllegalAccessException ex) {
                        throw new IllegalStateException("cannot read " + f, ex);
                    }
                }
            }
        }
    }

    /** The instance fields of an AST class that may hold nodes (not primitives, not Expr's own type). */
    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> out = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) continue;
                    if (c == Expr.class && f.getName().equals("type")) continue;
                    if (f.getType() == String.class || f.getType() == dev.jbpfc.source.SourceLocation.class) continue;
                    f.setAccessible(true);
                    out.add(f);
                }
            }
            return out.toArray(new Field[0]);
        }
    };
}
