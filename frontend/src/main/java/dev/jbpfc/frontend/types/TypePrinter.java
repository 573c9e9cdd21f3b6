package dev.jbpfc.frontend.types;

import java.util.StringJoiner;

/**
 * Spells a type the way clang's diagnostics do: {@code struct foo *}, {@code const char *const *},
 * {@code int (*)(int, char *)}, {@code int[4]}, {@code unsigned long}. Declarator parts wrap inside out: a pointer
 * to an array or function gets parentheses. {@link #quoted} adds clang's {@code (aka '...')} when typedef names
 * hide the underlying type: {@code '__u32' (aka 'unsigned int')}.
 */
public final class TypePrinter {
    private TypePrinter() {}

    public static String print(CType t) {
        return print(t, "", false);
    }

    /** {@code 'T'}, or {@code 'T' (aka 'U')} when T spells typedef names. */
    public static String quoted(CType t) {
        String sugared = print(t, "", false);
        String desugared = print(t, "", true);
        return sugared.equals(desugared) ? "'" + sugared + "'" : "'" + sugared + "' (aka '" + desugared + "')";
    }

    /** The type with every typedef name replaced by what it names. */
    public static String printDesugared(CType t) {
        return print(t, "", true);
    }

    private static String print(CType t, String decl, boolean desugar) {
        if (t instanceof QualifiedType q) {
            if (q.base() instanceof PointerType p) {
                return pointer(p, QualifiedType.spell(q.quals()), decl, desugar);
            }
            if (desugar && q.base() instanceof TypedefType td) {
                return print(QualifiedType.of(td.aliased(), q.quals()), decl, true);
            }
            String quals = QualifiedType.spell(q.quals());
            if (q.addressSpace() != 0) quals = (quals + " __attribute__((address_space(" + q.addressSpace() + ")))").trim();
            if (q.base() instanceof ArrayType a) {
                return print(new ArrayType(QualifiedType.of(a.element(), q.quals()), a.length()), decl, desugar);
            }
            if (q.base() instanceof FunctionType) return print(q.base(), decl, desugar);
            return quals + " " + print(q.base(), decl, desugar);
        }
        if (t instanceof PointerType p) return pointer(p, "", decl, desugar);
        if (t instanceof ArrayType a) {
            return print(a.element(), decl + "[" + (a.length() >= 0 ? Long.toString(a.length()) : "") + "]", desugar);
        }
        if (t instanceof FunctionType f) {
            StringJoiner params = new StringJoiner(", ", "(", ")");
            for (FunctionType.Param p : f.params()) params.add(print(p.type(), "", desugar));
            if (f.variadic()) params.add("...");
            if (f.params().isEmpty() && !f.variadic() && f.prototyped()) params.add("void");
            return print(f.returnType(), decl + params, desugar);
        }
        if (desugar && t instanceof TypedefType td) return print(td.aliased(), decl, true);
        String name = leafName(t);
        if (decl.isEmpty()) return name;
        return decl.startsWith("[") ? name + decl : name + " " + decl;
    }

    private static String pointer(PointerType p, String quals, String decl, boolean desugar) {
        String d = "*" + quals + (quals.isEmpty() || decl.isEmpty() ? "" : " ") + decl;
        CType pointee = p.pointee();
        CType shape = pointee instanceof QualifiedType q ? q.base() : pointee;
        if (shape instanceof ArrayType || shape instanceof FunctionType) d = "(" + d + ")";
        return print(pointee, d, desugar);
    }

    private static String leafName(CType t) {
        if (t instanceof TypedefType td) return td.name();
        if (t instanceof RecordType r) {
            if (r.tag() != null) return r.keyword() + " " + r.tag();
            return r.keyword() + " (unnamed " + r.keyword() + (r.origin() != null ? " at " + r.origin() : "") + ")";
        }
        if (t instanceof EnumType e) {
            if (e.tag() != null) return "enum " + e.tag();
            return "enum (unnamed enum" + (e.origin() != null ? " at " + e.origin() : "") + ")";
        }
        return t.toString();
    }
}
