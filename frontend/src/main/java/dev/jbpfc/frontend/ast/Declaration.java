package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

import java.util.List;

/**
 * A declaration: specifiers and zero or more declarators ({@code struct s {...};} declares none, {@code typedef}s
 * are declarations whose specifiers have the TYPEDEF storage class).
 */
public record Declaration(DeclSpecifiers specifiers, List<InitDeclarator> declarators, SourceLocation loc)
        implements ExternalDecl, Decl {

    /**
     * One declarator with what may follow it: an asm label ({@code int x asm("y")}), attributes, an initializer
     * (null if none).
     */
    public record InitDeclarator(Declarator declarator, String asmLabel, List<Attribute> attributes,
                                 Initializer initializer, SourceLocation loc) implements Node {}
}
