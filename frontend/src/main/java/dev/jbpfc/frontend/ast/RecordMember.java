package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

import java.util.List;

/** What a struct or union body holds: field declarations and static assertions. */
public sealed interface RecordMember extends Node permits RecordMember.Fields, StaticAssert {

    /**
     * One member declaration: {@code int a, b : 3;}. No declarators means an anonymous struct/union member
     * ({@code union { ... };}).
     */
    record Fields(DeclSpecifiers specifiers, List<Field> fields, SourceLocation loc) implements RecordMember {}

    /** A field: its declarator (null for an unnamed bit-field {@code int : 3}), bit width (null if none). */
    record Field(Declarator declarator, Expr bitWidth, List<Attribute> attributes, SourceLocation loc)
            implements Node {}
}
