package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

/** A file-scope {@code asm("...");}. */
public record AsmDecl(Expr.StringLiteral text, SourceLocation loc) implements ExternalDecl {}
