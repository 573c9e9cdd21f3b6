package dev.jbpfc.frontend.ast;

/** What may stand at file scope. */
public sealed interface ExternalDecl extends Node permits FunctionDef, Declaration, StaticAssert, AsmDecl, Pragma {}
