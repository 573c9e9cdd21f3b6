package dev.jbpfc.frontend.parse;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.source.SourceFile;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Set;

/**
 * Structural equality of two ASTs, locations included, for tests that build the same tree two ways. AST records
 * compare their components; expressions (classes) compare their fields except {@link Expr#type}, which sema
 * writes. Source files compare by identity, as the parser's tokens point to the same ones.
 */
final class AstEquality {
    private AstEquality() {}

    /** Null if equal, else the path to the first difference and what differs there. */
    static String difference(Object a, Object b) {
        return diff(a, b, "tu");
    }

    private static String diff(Object a, Object b, String path) {
        if (a == b) return null;
        if (a == null || b == null) return path + ": " + a + " vs " + b;
        if (a.getClass() != b.getClass()) {
            return path + ": " + a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName();
        }
        if (a instanceof SourceFile) return path + ": different source files";
        if (a instanceof String || a instanceof Number || a instanceof Boolean || a instanceof Enum
                || a instanceof Set) {
            return a.equals(b) ? null : path + ": " + a + " vs " + b;
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) return path + ": " + la.size() + " vs " + lb.size() + " elements";
            for (int i = 0; i < la.size(); i++) {
                String d = diff(la.get(i), lb.get(i), path + "[" + i + "]");
                if (d != null) return d;
            }
            return null;
        }
        for (Class<?> c = a.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                if (c == Expr.class && f.getName().equals("type")) continue;
                f.setAccessible(true);
                try {
                    String d = diff(f.get(a), f.get(b), path + "." + f.getName());
                    if (d != null) return d;
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

}
