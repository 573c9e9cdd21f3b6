package dev.jbpfc.frontend.lower;

import dev.jbpfc.frontend.sema.ConstValue;
import dev.jbpfc.frontend.types.*;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.IrVerifier;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.text.FileCheck;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GlobalData with initializers evaluated by hand (what sema hands over). The expected bytes and sections are
 * clang-22's for the same C (llvm-objdump-22 -s, llvm-readelf-22 -S of the corresponding object).
 */
class GlobalDataTest {
    private final Module module = new Module();
    private final Map<Object, String> symbols = new java.util.IdentityHashMap<>();
    private final GlobalData data = new GlobalData(module, new StringPool(module, this::numbered),
            base -> symbols.get(base));
    private int strings;

    /** The unit's naming as these tests need it: each new string a new name. */
    private String numbered(String base) { return strings++ == 0 ? base : base + "." + (strings - 1); }

    private static ConstValue i(long v, CType t) { return ConstValue.ofInteger(v, t); }

    @Test
    void bitfieldsPackLikeClang() {
        // struct bf { unsigned a:3, b:5; int c:20; char d; } g_bf = { .a = 5, .b = 17, .c = -3, .d = 'x' };
        RecordType bf = new RecordType(false, "bf", "t.c:1:1");
        bf.complete(List.of(Field.bitfield("a", IntegerType.UINT, 3), Field.bitfield("b", IntegerType.UINT, 5),
                Field.bitfield("c", IntegerType.INT, 20), new Field("d", IntegerType.CHAR)));
        List<Field> f = bf.fields();
        Global g = data.define("g_bf", bf, Linkage.GLOBAL, null, 0, List.of(
                InitPiece.bitfield(f.get(0).bitOffset(), 3, IntegerType.UINT, i(5, IntegerType.UINT)),
                InitPiece.bitfield(f.get(1).bitOffset(), 5, IntegerType.UINT, i(17, IntegerType.UINT)),
                InitPiece.bitfield(f.get(2).bitOffset(), 20, IntegerType.INT, i(-3, IntegerType.INT)),
                InitPiece.scalar(f.get(3).byteOffset(), IntegerType.CHAR, i('x', IntegerType.CHAR))), null);
        assertEquals(".data", g.section());
        assertEquals(8, g.size());
        assertEquals("8dfdff0f78", hex(g.data()));
    }

    @Test
    void designatedArrayOfStructsWithStringAndPointerRelocs() {
        // struct pt { int x, y; const char *name; } g_pts[3] = { [1] = { .y = 2, .name = "one" }, [0].x = 7 };
        // int *g_ptr = &g_pts[1].y;
        RecordType pt = new RecordType(false, "pt", "t.c:1:1");
        CType cstr = PointerType.to(QualifiedType.of(IntegerType.CHAR, QualifiedType.CONST));
        pt.complete(List.of(new Field("x", IntegerType.INT), new Field("y", IntegerType.INT), new Field("name", cstr)));
        Object ptsSymbol = new Object();
        symbols.put(ptsSymbol, "g_pts");
        Global pts = data.define("g_pts", new ArrayType(pt, 3), Linkage.GLOBAL, null, 0, List.of(
                InitPiece.scalar(20, IntegerType.INT, i(2, IntegerType.INT)),
                InitPiece.scalar(24, cstr, ConstValue.ofAddress("one\0".getBytes(StandardCharsets.ISO_8859_1), 0, cstr)),
                InitPiece.scalar(0, IntegerType.INT, i(7, IntegerType.INT))), null);
        Global ptr = data.define("g_ptr", PointerType.to(IntegerType.INT), Linkage.GLOBAL, null, 0,
                List.of(InitPiece.scalar(0, PointerType.to(IntegerType.INT), ConstValue.ofAddress(ptsSymbol, 20, null))), null);
        assertEquals(48, pts.size());
        assertEquals(8, pts.align());
        assertEquals(List.of(new Global.Reloc(24, ".str", 0)), pts.relocs());
        assertEquals(List.of(new Global.Reloc(0, "g_pts", 20)), ptr.relocs());
        assertEquals(".data", ptr.section());
        assertTrue(IrVerifier.verify(module).isEmpty(), IrVerifier.verify(module).toString());
        String ir = module.toString();
        String checks = """
                CHECK: global static @.str size 4 align 1 section ".rodata.str1.1" data "one\\00"
                CHECK: global global @g_pts size 48 align 8 section ".data" data "\\07\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\00\\02" reloc 24 @.str
                CHECK: global global @g_ptr size 8 align 8 section ".data" reloc 0 @g_pts+20
                """;
        assertNull(FileCheck.check(checks, ir), ir);
    }

    @Test
    void sectionsFollowClang() {
        CType constInt = QualifiedType.of(IntegerType.INT, QualifiedType.CONST | QualifiedType.VOLATILE);
        assertEquals(".rodata", data.define("cv", constInt, Linkage.GLOBAL, null, 0, List.of(), null).section());
        assertEquals(".bss", data.define("z", IntegerType.INT, Linkage.GLOBAL, null, 0,
                List.of(InitPiece.scalar(0, IntegerType.INT, i(0, IntegerType.INT))), null).section());
        Global msg = data.define("g_msg", new ArrayType(QualifiedType.of(IntegerType.CHAR, QualifiedType.CONST), 6),
                Linkage.GLOBAL, null, 0, List.of(InitPiece.string(0, null, "hello\0".getBytes(StandardCharsets.ISO_8859_1))), null);
        assertEquals(".rodata", msg.section());
        assertEquals("68656c6c6f", hex(msg.data()));
        Global lic = data.define("LICENSE", new ArrayType(IntegerType.CHAR, 4), Linkage.GLOBAL, "license", 0,
                List.of(InitPiece.string(0, null, "GPL\0".getBytes(StandardCharsets.ISO_8859_1))), null);
        assertEquals("license", lic.section());
        assertEquals(1, lic.align());
    }

    @Test
    void progArrayValuesExtendTheMapObject() {
        // struct { int (*type)[3]; int (*max_entries)[2]; __u32 *key; int (*values[])(void *); } jmp SEC(".maps")
        //     = { .values = { [1] = &tail } };
        CType fnPtr = PointerType.to(new FunctionType(IntegerType.INT,
                List.of(new FunctionType.Param(null, PointerType.to(VoidType.VOID))), false, true));
        RecordType def = new RecordType(false, null, "t.c:1:1");
        def.complete(List.of(new Field("type", PointerType.to(new ArrayType(IntegerType.INT, 3))),
                new Field("max_entries", PointerType.to(new ArrayType(IntegerType.INT, 2))),
                new Field("key", PointerType.to(IntegerType.UINT)),
                new Field("values", ArrayType.incomplete(fnPtr))));
        Object tail = new Object();
        symbols.put(tail, "tail");
        Global jmp = data.define("jmp", def, Linkage.GLOBAL, ".maps", 0,
                List.of(InitPiece.scalar(24 + 8, fnPtr, ConstValue.ofAddress(tail, 0, fnPtr))), null);
        assertEquals(".maps", jmp.section());
        assertEquals(40, jmp.size());
        assertEquals(List.of(new Global.Reloc(32, "tail", 0)), jmp.relocs());
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(String.format("%02x", x));
        return sb.toString();
    }
}
