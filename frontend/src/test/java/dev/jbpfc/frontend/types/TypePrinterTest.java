package dev.jbpfc.frontend.types;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TypePrinterTest {
    @Test
    void spellsLikeClang() {
        RecordType foo = new RecordType(false, "foo", null);
        assertEquals("struct foo *", PointerType.to(foo).spelling());
        assertEquals("unsigned int", IntegerType.UINT.spelling());
        CType constChar = QualifiedType.of(IntegerType.CHAR, QualifiedType.CONST);
        assertEquals("const char *", PointerType.to(constChar).spelling());
        assertEquals("const char *const *",
                PointerType.to(QualifiedType.of(PointerType.to(constChar), QualifiedType.CONST)).spelling());
        assertEquals("int[4]", new ArrayType(IntegerType.INT, 4).spelling());
        assertEquals("int (*)[4]", PointerType.to(new ArrayType(IntegerType.INT, 4)).spelling());
        FunctionType f = new FunctionType(IntegerType.INT,
                List.of(new FunctionType.Param("x", IntegerType.INT), new FunctionType.Param(null, PointerType.to(IntegerType.CHAR))),
                false, true);
        assertEquals("int (*)(int, char *)", PointerType.to(f).spelling());
        assertEquals("int (int, char *)", f.spelling());
        assertEquals("void (void)", new FunctionType(VoidType.VOID, List.of(), false, true).spelling());
        assertEquals("long (*)(void *, const void *)", PointerType.to(new FunctionType(IntegerType.LONG,
                List.of(new FunctionType.Param("map", PointerType.to(VoidType.VOID)),
                        new FunctionType.Param("key", PointerType.to(QualifiedType.of(VoidType.VOID, QualifiedType.CONST)))),
                false, true)).spelling());
        TypedefType u32 = new TypedefType("__u32", IntegerType.UINT);
        assertEquals("'__u32' (aka 'unsigned int')", TypePrinter.quoted(u32));
        assertEquals("'const __u32 *' (aka 'const unsigned int *')",
                TypePrinter.quoted(PointerType.to(QualifiedType.of(u32, QualifiedType.CONST))));
        assertEquals("'struct foo *'", TypePrinter.quoted(PointerType.to(foo)));
        assertEquals("char *const", QualifiedType.of(PointerType.to(IntegerType.CHAR), QualifiedType.CONST).spelling());
    }

    @Test
    void layoutOfAWorkedExample() {
        RecordType s = new RecordType(false, "s", null);
        s.setAlignedAttr(8);
        s.complete(List.of(new Field("c", IntegerType.CHAR), Field.bitfield("a", IntegerType.INT, 3),
                Field.bitfield("b", IntegerType.INT, 30), new Field("d", IntegerType.SHORT)));
        assertEquals(List.of(0L, 8L, 32L, 64L), s.fields().stream().map(Field::bitOffset).toList());
        assertEquals(16, s.size());
        assertEquals(8, s.align());
    }

    @Test
    void anonymousMemberLookupGivesAPath() {
        RecordType inner = new RecordType(true, null, "t.c:2:5");
        inner.complete(List.of(new Field("x", IntegerType.INT), new Field("y", IntegerType.LONG)));
        RecordType outer = new RecordType(false, "o", null);
        outer.complete(List.of(new Field("a", IntegerType.CHAR), new Field(null, inner)));
        assertEquals(List.of(1, 1), outer.lookupPath("y"));
        assertEquals(8, outer.fields().get(1).byteOffset());
        assertEquals(16, outer.size());
    }
}
