package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

/** A type written in a cast, sizeof, compound literal, typeof...: specifiers and an abstract declarator (may be null). */
public record TypeName(DeclSpecifiers specifiers, Declarator declarator, SourceLocation loc) implements Node {}
