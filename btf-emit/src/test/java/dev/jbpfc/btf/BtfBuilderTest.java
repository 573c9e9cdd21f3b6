package dev.jbpfc.btf;

import static org.junit.jupiter.api.Assertions.*;

import dev.jbpfc.btf.BtfType.*;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class BtfBuilderTest {

    /** The class comment's worked example, checked record by record and against hand-computed words. */
    @Test
    void workedExample() {
        BtfBuilder b = new BtfBuilder();
        int node = b.declareStruct("node");
        int ptr = b.addPointer(node);
        int uint = b.addInt("unsigned int", 4, false, false, false);
        b.defineComposite(node, 16, List.of(Member.field("next", ptr, 0), Member.bitfield("flag", uint, 64, 1)));
        int i = b.addInt("int", 4, true, false, false);
        int fp = b.addFuncProto(i, List.of(new Param("n", ptr)), false);
        int fn = b.addFunc("count", fp, FuncLinkage.GLOBAL);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), List.of(node, ptr, uint, i, fp, fn));
        assertEquals("""
                [1] STRUCT 'node' size=16 vlen=2
                \t'next' type_id=2 bits_offset=0
                \t'flag' type_id=3 bits_offset=64 bitfield_size=1
                [2] PTR '(anon)' type_id=1
                [3] INT 'unsigned int' size=4 bits_offset=0 nr_bits=32 encoding=(none)
                [4] INT 'int' size=4 bits_offset=0 nr_bits=32 encoding=SIGNED
                [5] FUNC_PROTO '(anon)' ret_type_id=4 vlen=1
                \t'n' type_id=2
                [6] FUNC 'count' type_id=5 linkage=global
                """, BtfDumper.dump(b.snapshot()));

        byte[] bytes = b.encode();
        ByteBuffer w = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xeb9f, w.getShort(0) & 0xffff);
        assertEquals(1, w.get(2));
        assertEquals(24, w.getInt(4));
        int typeLen = w.getInt(12);
        // STRUCT: 12 + 2*12, PTR 12, INT 16, INT 16, FUNC_PROTO 12 + 8, FUNC 12.
        assertEquals(36 + 12 + 16 + 16 + 20 + 12, typeLen);
        assertEquals(typeLen, w.getInt(16));
        // The struct's info word: kind_flag | STRUCT << 24 | vlen 2; the bitfield member's offset word: 1 << 24 | 64.
        assertEquals(0x80000000 | (4 << 24) | 2, w.getInt(24 + 4));
        assertEquals((1 << 24) | 64, w.getInt(24 + 12 + 12 + 8));
        // INT 'int' data word: SIGNED << 24 | 32.
        assertEquals(0x01000020, w.getInt(24 + 36 + 12 + 16 + 12));
        Btf back = BtfReader.read(bytes);
        assertEquals(b.types(), back.types());
        assertEquals("node", back.string(w.getInt(24)));
        assertEquals(bytes.length, 24 + typeLen + w.getInt(20));
    }

    @Test
    void identicalTypesShareAnId() {
        BtfBuilder b = new BtfBuilder();
        int i = b.addInt("int", 4, true, false, false);
        assertEquals(i, b.addInt("int", 4, true, false, false));
        int p = b.addPointer(i);
        assertEquals(p, b.addPointer(i));
        assertNotEquals(p, b.addPointer(0));
        int c = b.addConst(p);
        assertEquals(c, b.addConst(p));
        assertNotEquals(c, b.addVolatile(p));
        int s = b.addStruct("pair", 8, List.of(Member.field("a", i, 0), Member.field("b", i, 32)));
        assertEquals(s, b.addStruct("pair", 8, List.of(Member.field("a", i, 0), Member.field("b", i, 32))));
        assertNotEquals(s, b.addUnion("pair", 8, List.of(Member.field("a", i, 0), Member.field("b", i, 32))));
        assertNotEquals(s, b.addStruct("pair", 8, List.of(Member.field("a", i, 0), Member.field("c", i, 32))));
        int fp = b.addFuncProto(i, List.of(new Param("x", i)), false);
        assertEquals(fp, b.addFuncProto(i, List.of(new Param("x", i)), false));
        assertNotEquals(fp, b.addFuncProto(i, List.of(new Param("x", i)), true));
        int arr = b.addArray(i, 4);
        assertEquals(arr, b.addArray(i, 4));
        assertEquals(b.arrayIndexType(), ((Array) b.type(arr)).indexType());
        assertEquals(new Int("__ARRAY_SIZE_TYPE__", 4, 0, 0, 32), b.type(b.arrayIndexType()));
        // Strings are stored once even when many records use them.
        BtfStrings st = b.strings();
        int size = st.size();
        b.addTypedef("int", i);
        assertEquals(size, st.size());
    }

    /** Two structs that each point at themselves stay two types; a defined struct dedups a later identical one. */
    @Test
    void recursiveStructsAreNotMerged() {
        BtfBuilder b = new BtfBuilder();
        int a = b.declareStruct("list");
        int pa = b.addPointer(a);
        b.defineComposite(a, 8, List.of(Member.field("next", pa, 0)));
        int c = b.declareStruct("list");
        int pc = b.addPointer(c);
        b.defineComposite(c, 8, List.of(Member.field("next", pc, 0)));
        assertNotEquals(a, c);
        assertNotEquals(pa, pc);
        assertEquals(a, b.addStruct("list", 8, List.of(Member.field("next", pa, 0))));
        assertFalse(b.isPending(a));
    }

    @Test
    void declaredButNeverDefinedBecomesFwd() {
        BtfBuilder b = new BtfBuilder();
        int s = b.declareStruct("opaque");
        int u = b.declareUnion("uopaque");
        b.addPointer(s);
        assertTrue(b.isPending(s));
        Btf back = BtfReader.read(b.encode());
        assertEquals(new Fwd("opaque", false), back.type(s));
        assertEquals(new Fwd("uopaque", true), back.type(u));
    }

    @Test
    void allKindsRoundTrip() {
        BtfBuilder b = allKinds();
        byte[] bytes = b.encode();
        Btf back = BtfReader.read(bytes);
        assertEquals(b.types(), back.types());
        assertArrayEquals(bytes, BtfWriter.write(back.types(), seeded(back)));
        for (BtfKind k : BtfKind.values())
            assertTrue(back.types().stream().anyMatch(t -> t.kind() == k), "no " + k + " in allKinds()");
    }

    static BtfStrings seeded(Btf btf) {
        return BtfStrings.wrap(btf.strings());
    }

    @Test
    void enumValueEncodings() {
        BtfBuilder b = new BtfBuilder();
        int e = b.addEnum("e", 4, true, List.of(new EnumValue("M", -1), new EnumValue("P", Integer.MAX_VALUE)));
        int u = b.addEnum("u", 4, false, List.of(new EnumValue("BIG", 0xffffffffL)));
        int e64 = b.addEnum64("e64", 8, false, List.of(new EnumValue("H", 0x1234567800000001L), new EnumValue("ALL", -1L)));
        Btf back = BtfReader.read(b.encode());
        assertEquals(b.type(e), back.type(e));
        assertEquals(b.type(u), back.type(u));
        assertEquals(b.type(e64), back.type(e64));
        assertEquals("""
                [1] ENUM 'e' encoding=SIGNED size=4 vlen=2
                \t'M' val=-1
                \t'P' val=2147483647
                [2] ENUM 'u' encoding=UNSIGNED size=4 vlen=1
                \t'BIG' val=4294967295
                [3] ENUM64 'e64' encoding=UNSIGNED size=8 vlen=2
                \t'H' val=1311768464867721217ULL
                \t'ALL' val=18446744073709551615ULL
                """, BtfDumper.dump(back));
        assertThrows(IllegalArgumentException.class, () -> b.addEnum("big", 8, false, List.of(new EnumValue("X", 1L << 32))));
    }

    @Test
    void misuseIsRejected() {
        BtfBuilder b = new BtfBuilder();
        int i = b.addInt("int", 4, true, false, false);
        assertThrows(IllegalArgumentException.class, () -> b.addPointer(99));
        assertThrows(IllegalArgumentException.class, () -> b.addArray(0, 3));
        assertThrows(IllegalArgumentException.class, () -> b.addInt("odd", 3, false, false, false));
        assertThrows(IllegalArgumentException.class, () -> b.addIntBits("i", 4, 3, 0, 32));
        assertThrows(IllegalArgumentException.class, () -> b.addFunc("f", i, FuncLinkage.GLOBAL));
        assertThrows(IllegalArgumentException.class, () -> b.addStruct("s", 4, List.of(Member.bitfield("x", i, 0, 300))));
        assertThrows(IllegalArgumentException.class, () -> b.addStruct("s", 4, List.of(Member.bitfield("x", i, 1 << 24, 3))));
        assertThrows(IllegalArgumentException.class, () -> b.addDatasec(".data", 4, List.of(new SecInfo(i, 0, 4))));
        int s = b.addStruct("s", 4, List.of(Member.field("x", i, 0)));
        assertThrows(IllegalArgumentException.class, () -> b.addDeclTag("t", s, 1));
        int v = b.addVar("v", i, VarLinkage.STATIC);
        assertThrows(IllegalArgumentException.class, () -> b.addDeclTag("t", v, 0));
        assertThrows(IllegalArgumentException.class, () -> b.defineComposite(s, 4, List.of()));
        assertThrows(IllegalArgumentException.class, () -> b.addString("a\0b"));
    }

    /** One record of every kind, each used the way C code uses it (loaded into the kernel by BtfKernelTest). */
    static BtfBuilder allKinds() {
        BtfBuilder b = new BtfBuilder();
        int i32 = b.addInt("int", 4, true, false, false);
        int u32 = b.addInt("unsigned int", 4, false, false, false);
        int chr = b.addInt("char", 1, true, false, false);
        int uchr = b.addInt("unsigned char", 1, false, true, false);
        int bool = b.addInt("_Bool", 1, false, false, true);
        int u64 = b.addInt("unsigned long long", 8, false, false, false);
        int flt = b.addFloat("float", 4);
        int dbl = b.addFloat("double", 8);
        int node = b.declareStruct("node");
        int pnode = b.addPointer(node);
        int name = b.addArray(chr, 16);
        b.defineComposite(node, 40, List.of(
                Member.field("next", pnode, 0),
                Member.bitfield("kind", u32, 64, 3),
                Member.bitfield("flags", u32, 67, 5),
                Member.field("name", name, 72),
                Member.field("ok", bool, 200),
                Member.field("weight", dbl, 256)));
        int un = b.addUnion("num", 8, List.of(Member.field("i", i32, 0), Member.field("f", flt, 0), Member.field("u", u64, 0)));
        int color = b.addEnum("color", 4, false, List.of(new EnumValue("RED", 0), new EnumValue("GREEN", 1)));
        int sign = b.addEnum("sign", 4, true, List.of(new EnumValue("NEG", -1), new EnumValue("POS", 1)));
        int wide = b.addEnum64("wide", 8, false, List.of(new EnumValue("HUGE", 1L << 40)));
        int fwd = b.addFwd("task_struct", false);
        int ufwd = b.addFwd("opaque_union", true);
        int td = b.addTypedef("node_t", node);
        int cst = b.addConst(chr);
        int vol = b.addVolatile(i32);
        int pc = b.addPointer(cst);
        int rst = b.addRestrict(pc);
        int tag = b.addTypeTag("user", i32);
        int ptag = b.addPointer(tag);
        int ptask = b.addPointer(fwd);
        int punion = b.addPointer(ufwd);
        int holder = b.addStruct("holder", 80, List.of(
                Member.field("u", un, 0), Member.field("c", color, 64), Member.field("s", sign, 96),
                Member.field("w", wide, 128), Member.field("t", ptask, 192), Member.field("p", punion, 256),
                Member.field("uptr", ptag, 320), Member.field("v", vol, 384), Member.field("fmt", rst, 448),
                Member.field("td", b.addPointer(td), 512), Member.field("c2", uchr, 576)));
        int proto = b.addFuncProto(i32, List.of(new Param("ctx", b.addPointer(0)), new Param("h", b.addPointer(holder))), false);
        int vproto = b.addFuncProto(i32, List.of(new Param("fmt", pc)), true);
        int prog = b.addFunc("prog", proto, FuncLinkage.GLOBAL);
        int sub = b.addFunc("sub", proto, FuncLinkage.STATIC);
        int ext = b.addFunc("ext", vproto, FuncLinkage.EXTERN);
        b.addDeclTag("hot", prog, -1);
        b.addDeclTag("arg:ctx", prog, 0);
        b.addDeclTag("member", node, 1);
        b.addDeclTag("whole", holder, -1);
        int gv = b.addVar("g_node", node, VarLinkage.GLOBAL_ALLOCATED);
        int sv = b.addVar("s_count", i32, VarLinkage.STATIC);
        int ev = b.addVar("ext_val", i32, VarLinkage.GLOBAL_EXTERN);
        b.addDeclTag("var_tag", gv, -1);
        b.addDatasec(".bss", 48, List.of(new SecInfo(gv, 0, 40), new SecInfo(sv, 40, 4)));
        b.addDatasec(".ksyms", 4, List.of(new SecInfo(ev, 0, 4)));
        b.addTypedef("u64", u64);
        assertNotEquals(0, sub + ext + uchr);
        return b;
    }
}
