package dev.jbpfc.btf;

import static org.junit.jupiter.api.Assertions.*;

import dev.jbpfc.btf.BtfExt.*;
import dev.jbpfc.btf.BtfType.*;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class BtfExtBuilderTest {

    /** The class comment's worked example, word by word. */
    @Test
    void workedExample() {
        BtfBuilder b = new BtfBuilder();
        BtfExtBuilder ext = new BtfExtBuilder(b);
        ext.addFuncInfo("tc", 0, 5);
        ext.addLineInfo("tc", 0, "t.c", "    return f->b;", 11, 12);
        ext.addCoreRelo("tc", 0, 2, "0:1", CoreReloKind.FIELD_BYTE_OFFSET);
        BtfExtBuilder.Encoded e = ext.encode();
        ByteBuffer w = ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        BtfStrings s = b.strings();
        int tc = s.find("tc");
        int[] want = {
            32, 0, 20, 20, 28, 48, 28,            // hdr_len, func_info off/len, line_info off/len, core_relo off/len
            8, tc, 1, 0, 5,                        // func_info
            16, tc, 1, 0, s.find("t.c"), s.find("    return f->b;"), 11 << 10 | 12, // line_info
            16, tc, 1, 0, 2, s.find("0:1"), 0,    // core_relo
        };
        assertEquals(0xeb9f, w.getShort(0) & 0xffff);
        assertEquals(1, w.get(2));
        assertEquals(0, w.get(3));
        assertEquals(4 + 4 * want.length, e.bytes().length);
        for (int i = 0; i < want.length; i++) assertEquals(want[i], w.getInt(4 + 4 * i), "word " + (i + 1));
        // One relocation per insn_off word: func_info's at 32+12, line_info's at 32+20+12, core_relo's at 32+48+12.
        assertEquals(List.of(new BtfExtBuilder.Relocation(44, "tc"), new BtfExtBuilder.Relocation(64, "tc"),
                new BtfExtBuilder.Relocation(92, "tc")), e.relocations());
        assertEquals(4, e.relocations().get(0).type());
        BtfExt back = BtfExtReader.read(e.bytes(), BtfReader.read(b.encode()));
        assertEquals(ext.records(), back);
    }

    @Test
    void recordsAreSortedGroupedAndDeduplicated() {
        BtfBuilder b = new BtfBuilder();
        BtfExtBuilder ext = new BtfExtBuilder(b);
        ext.addFuncInfo(".text", 64, 7);
        ext.addFuncInfo("xdp", 0, 3);
        ext.addFuncInfo(".text", 0, 6);
        ext.addLineInfo(".text", 8, "a.c", "x = 1;", 4, 2);
        ext.addLineInfo(".text", 0, "a.c", "int f(void)", 3, 0);
        ext.addLineInfo(".text", 8, "a.c", "y = 2;", 5, 2); // replaces the line 4 record
        ext.addLineInfo("xdp", 0, "a.c", "z", 9, 5000);    // column clamped to 10 bits
        BtfExt r = ext.records();
        assertEquals(List.of(new FuncInfo(".text", 0, 6), new FuncInfo(".text", 64, 7), new FuncInfo("xdp", 0, 3)), r.funcInfos());
        assertEquals(List.of(new LineInfo(".text", 0, "a.c", "int f(void)", 3, 0), new LineInfo(".text", 8, "a.c", "y = 2;", 5, 2),
                new LineInfo("xdp", 0, "a.c", "z", 9, 1023)), r.lineInfos());
        assertTrue(r.coreRelos().isEmpty());
        BtfExtBuilder.Encoded e = ext.encode();
        assertEquals(r, BtfExtReader.read(e.bytes(), BtfReader.read(b.encode())));
        assertEquals(6, e.relocations().size());
        ByteBuffer w = ByteBuffer.wrap(e.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, w.getInt(28), "no core_relo subsection");
        for (BtfExtBuilder.Relocation rel : e.relocations()) {
            int val = w.getInt(rel.offset());
            assertTrue(val % 8 == 0 && val <= 64, "relocated word holds an insn byte offset: " + val);
        }
        ext.addFuncInfo("xdp", 0, 9);
        assertThrows(IllegalStateException.class, ext::encode);
    }

    /** Strings added after the .BTF was encoded would be missing from it: encode() says so instead. */
    @Test
    void recordsAfterTheBtfWasEncodedAreCaught() {
        BtfBuilder b = new BtfBuilder();
        BtfExtBuilder ext = new BtfExtBuilder(b);
        ext.addFuncInfo("tc", 0, 1);
        b.encode();
        ext.encode();
        ext.addLineInfo("tc", 0, "late.c", "a line never seen", 1, 1);
        assertThrows(IllegalStateException.class, ext::encode);
        b.encode();
        assertEquals(2, ext.encode().relocations().size());
    }

    @Test
    void misuseIsRejected() {
        BtfExtBuilder ext = new BtfExtBuilder(new BtfBuilder());
        assertTrue(ext.isEmpty());
        assertThrows(IllegalArgumentException.class, () -> ext.addFuncInfo("tc", 4, 1));
        assertThrows(IllegalArgumentException.class, () -> ext.addFuncInfo("", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ext.addCoreRelo("tc", 0, 1, "0:x", CoreReloKind.FIELD_EXISTS));
        assertThrows(IllegalArgumentException.class, () -> ext.addLineInfo("tc", 0, "a.c", "", 1 << 22, 0));
        assertTrue(ext.isEmpty());
    }

    @Test
    void accessStrings() {
        assertEquals("1:2:0:5", CoreAccessString.field(1).member(2).member(0).element(5).toString());
        assertEquals("0:1", CoreAccessString.of(0, 1));
        assertEquals("0", CoreAccessString.forType());
        assertEquals("3", CoreAccessString.forEnumerator(3));
        assertArrayEquals(new int[] {1, 2, 0, 5}, CoreAccessString.parse("1:2:0:5"));
        for (String bad : List.of("", ":", "0:", "a", "-1", "0::1", "1 2")) assertThrows(BtfFormatException.class, () -> CoreAccessString.parse(bad), bad);
        BtfBuilder b = new BtfBuilder();
        int i = b.addInt("int", 4, true, false, false);
        int s = b.addStruct("sample", 8, List.of(Member.field("a", i, 0), Member.field("b", i, 32)));
        int cs = b.addConst(b.addTypedef("sample_t", s));
        assertEquals(1, CoreAccessString.memberIndex(b::type, cs, "b"));
        assertEquals(-1, CoreAccessString.memberIndex(b::type, s, "c"));
        assertEquals(s, b.addStruct("sample", 8, List.of(Member.field("a", i, 0), Member.field("b", i, 32))));
    }

    /** The numbering is the spec's enum bpf_core_relo_kind. */
    @Test
    void reloKindValues() {
        String[] spec = {"FIELD_BYTE_OFFSET", "FIELD_BYTE_SIZE", "FIELD_EXISTS", "FIELD_SIGNED", "FIELD_LSHIFT_U64",
            "FIELD_RSHIFT_U64", "TYPE_ID_LOCAL", "TYPE_ID_TARGET", "TYPE_EXISTS", "TYPE_SIZE", "ENUMVAL_EXISTS",
            "ENUMVAL_VALUE", "TYPE_MATCHES"};
        for (int v = 0; v < spec.length; v++) assertEquals(spec[v], CoreReloKind.ofValue(v).name());
        assertThrows(BtfFormatException.class, () -> CoreReloKind.ofValue(13));
    }
}
