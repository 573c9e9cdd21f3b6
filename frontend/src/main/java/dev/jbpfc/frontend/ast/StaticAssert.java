package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

/** {@code _Static_assert(cond, "message")}; {@code message} is null when omitted. */
public record StaticAssert(Expr condition, Expr.StringLiteral message, SourceLocation loc)
        implements ExternalDecl, Decl, RecordMember {}
