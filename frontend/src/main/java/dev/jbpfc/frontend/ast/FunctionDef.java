package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

import java.util.List;

/**
 * A function definition. {@code declarator}'s last part is the function's {@link Declarator.Function} (its
 * parameters, named); {@code attributes} are those written after the declarator, before the body.
 */
public record FunctionDef(DeclSpecifiers specifiers, Declarator declarator, String asmLabel,
                          List<Attribute> attributes, Stmt.Compound body, SourceLocation loc)
        implements ExternalDecl {
    public String name() { return declarator.name(); }
}
