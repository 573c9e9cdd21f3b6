package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

import java.util.List;

/**
 * One attribute of an {@code __attribute__((...))}: its name as written ({@code __aligned__}, {@code section}) and its
 * arguments as expressions ({@code printf} in {@code format(printf, 1, 2)} is an {@link Expr.Ident}); an argument
 * written as a type is a {@link TypeName} in {@code typeArgs} instead.
 */
public record Attribute(String name, List<Expr> args, List<TypeName> typeArgs, SourceLocation loc) implements Node {

    /** The name without the {@code __x__} decoration: {@code __aligned__} and {@code aligned} are the same. */
    public String baseName() {
        if (name.length() > 4 && name.startsWith("__") && name.endsWith("__")) {
            return name.substring(2, name.length() - 2);
        }
        return name;
    }

    public boolean is(String baseName) { return baseName().equals(baseName); }
}
