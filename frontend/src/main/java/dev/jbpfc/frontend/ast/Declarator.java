package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

import java.util.List;
import java.util.Set;

/**
 * A declarator, named or abstract. {@code parts} are the type derivations in the order they apply to the type the
 * specifiers give: {@code int *a[3]} is [Pointer, Array 3] (array of 3 pointers to int), {@code int (*fp)(int)}
 * is [Function(int), Pointer] (pointer to function). {@code name} is null in an abstract declarator.
 * {@code attributes} are those written inside parentheses before a nested declarator ({@code (__attribute__((x)) *p)});
 * attributes written after a declarator belong to what holds it ({@link Declaration.InitDeclarator},
 * {@link RecordMember.Field}, {@link Param}), and those of a pointer to its {@link Pointer} part.
 */
public record Declarator(String name, SourceLocation nameLoc, List<Part> parts, List<Attribute> attributes,
                         SourceLocation loc) implements Node {

    public sealed interface Part extends Node {}

    /** {@code * const __attribute__((btf_type_tag("user")))}: the qualifiers and attributes of this pointer. */
    public record Pointer(Set<DeclSpecifiers.Qualifier> qualifiers, List<Attribute> attributes, SourceLocation loc)
            implements Part {}

    /** {@code [size]}: size null for {@code []}; {@code [static 3]}, {@code [const 3]} and {@code [*]} as flags. */
    public record Array(Expr size, boolean isStatic, Set<DeclSpecifiers.Qualifier> qualifiers, boolean isStar,
                        SourceLocation loc) implements Part {}

    /**
     * {@code (params)}. {@code hasPrototype} is false only for {@code ()}; {@code (void)} is a prototype with no
     * parameters (the parser drops the lone unnamed plain {@code void}).
     */
    public record Function(List<Param> params, boolean isVariadic, boolean hasPrototype, SourceLocation loc)
            implements Part {}

    /** A parameter: specifiers and a declarator (null when only a type is written). */
    public record Param(DeclSpecifiers specifiers, Declarator declarator, List<Attribute> attributes,
                        SourceLocation loc) implements Node {
        public String name() { return declarator == null ? null : declarator.name(); }
    }

    /** The function part a function definition's declarator ends with, or null if it does not end with one. */
    public Function function() {
        return !parts.isEmpty() && parts.get(parts.size() - 1) instanceof Function f ? f : null;
    }
}
