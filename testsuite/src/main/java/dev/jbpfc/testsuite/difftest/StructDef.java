package dev.jbpfc.testsuite.difftest;

import java.util.List;

/** A struct type of a generated program: its tag and its integer fields. */
public record StructDef(String tag, List<Field> fields) {
    public record Field(CType type, String name) {
    }
}
