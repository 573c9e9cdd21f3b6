package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

import java.util.List;

/** {@code { .a = 1, [2 ... 4] = x, 5 }}: each item with its designators (empty when positional). */
public record InitList(List<Item> items, SourceLocation loc) implements Initializer {

    public record Item(List<Designator> designators, Initializer value, SourceLocation loc) implements Node {}

    public sealed interface Designator extends Node {}

    /** {@code .name} */
    public record Field(String name, SourceLocation loc) implements Designator {}

    /** {@code [index]}, or the GNU range {@code [first ... last]} (rangeEnd non-null). */
    public record Index(Expr index, Expr rangeEnd, SourceLocation loc) implements Designator {}
}
