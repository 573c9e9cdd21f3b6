package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

import java.util.List;

/** A whole preprocessed source file: its external declarations (and pragmas that matter) in source order. */
public record TranslationUnit(List<ExternalDecl> decls, SourceLocation loc) implements Node {}
