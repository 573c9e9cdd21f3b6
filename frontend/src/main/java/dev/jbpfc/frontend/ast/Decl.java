package dev.jbpfc.frontend.ast;

/** A declaration inside a block ({@link Stmt.DeclStmt}) or a for statement's first clause. */
public sealed interface Decl extends Node permits Declaration, StaticAssert {}
