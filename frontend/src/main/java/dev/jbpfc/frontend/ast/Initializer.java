package dev.jbpfc.frontend.ast;

/** An initializer: an expression or a braced list. */
public sealed interface Initializer extends Node permits Expr, InitList {}
