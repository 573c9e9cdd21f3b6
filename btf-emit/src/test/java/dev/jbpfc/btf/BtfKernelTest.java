package dev.jbpfc.btf;

import static org.junit.jupiter.api.Assertions.*;

import dev.jbpfc.btf.BtfType.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The kernel's BPF_BTF_LOAD as the oracle: what BtfBuilder encodes must load; broken BTF must not. */
class BtfKernelTest {

    @Test
    void everyKindLoads() throws Exception {
        BtfBuilder b = BtfBuilderTest.allKinds();
        Oracle.Result r = Oracle.loadBtf(LibbpfFixups.encodeForKernel(b.types(), b.strings()));
        assertEquals(0, r.exit(), r.out());
    }

    /** The oracle can say no: each of these is invalid BTF the kernel must refuse (and the reason is in its log). */
    @Test
    void brokenBtfIsRefused() throws Exception {
        BtfStrings s = new BtfStrings();
        List<BtfType> base = List.of(new Int("int", 4, BtfType.INT_SIGNED, 0, 32));
        assertRefused(List.of(base.get(0), new Ptr(7)), s, "Invalid type_id");
        assertRefused(List.of(base.get(0), new Int("int2", 4, 3, 0, 32)), s, "Unsupported encoding");
        assertRefused(List.of(base.get(0), new Composite("s", false, 4, false, List.of(Member.field("a", 1, 16)))), s, "Member exceeds struct_size");
        assertRefused(List.of(base.get(0), new Var("v", 1, VarLinkage.STATIC), new Datasec(".data", 0, List.of(new SecInfo(2, 0, 4)))), s, "size == 0");
        assertRefused(List.of(base.get(0), new DeclTag("t", 1, -1)), s, "Invalid type");
    }

    private static void assertRefused(List<BtfType> types, BtfStrings s, String why) throws Exception {
        Oracle.Result r = Oracle.loadBtf(BtfWriter.write(types, s));
        assertEquals(1, r.exit(), "kernel accepted " + types + "\n" + r.out());
        assertTrue(r.out().contains(why), "expected '" + why + "' in the kernel's log:\n" + r.out());
    }

    /**
     * Seeded random C-like type graphs (structs with bitfields and self pointers, arrays, typedef chains, protos,
     * functions, variables in a section) built through the API: every one must load.
     */
    @Test
    void randomGraphsLoad() throws Exception {
        for (int seed = 1; seed <= 40; seed++) {
            BtfBuilder b = RandomBtf.generate(new Random(seed));
            byte[] bytes = b.encode();
            assertEquals(b.types(), BtfReader.read(bytes).types(), "seed " + seed);
            Oracle.Result r = Oracle.loadBtf(bytes);
            assertEquals(0, r.exit(), "seed " + seed + ":\n" + BtfDumper.dump(b.snapshot()) + "\n" + r.out());
        }
    }

    /**
     * What the loop-hint encoding will need: DECL_TAGs whose value is any text, on a function, on one of its
     * parameters, on a struct member and on a variable. The kernel takes them; a component index past the end is
     * refused (the builder refuses it earlier).
     */
    @Test
    void declTagsCarryArbitraryText() throws Exception {
        BtfBuilder b = new BtfBuilder();
        int i = b.addInt("int", 4, true, false, false);
        int fn = b.addFunc("walk", b.addFuncProto(i, List.of(new Param("n", i), new Param("limit", i)), false), FuncLinkage.GLOBAL);
        int s = b.addStruct("cursor", 8, List.of(Member.field("pos", i, 0), Member.field("end", i, 32)));
        int v = b.addVar("budget", i, VarLinkage.GLOBAL_ALLOCATED);
        b.addDatasec(".data", 4, List.of(new SecInfo(v, 0, 4)));
        String[] texts = {"jbpfc:loop id=3 line=42 col=5 bound=16", "bound = limit * 2 + 1; /* (x) */", "\u00e9t\u00e9 \t tab", "x"};
        for (String t : texts) {
            b.addDeclTag(t, fn, -1);
            b.addDeclTag(t, fn, 1);
            b.addDeclTag(t, s, 1);
            b.addDeclTag(t, v, -1);
        }
        byte[] bytes = b.encode();
        Btf back = BtfReader.read(bytes);
        assertEquals(4 * texts.length, back.types().stream().filter(t -> t instanceof DeclTag).count());
        assertTrue(back.types().contains(new DeclTag(texts[1], fn, 1)));
        Oracle.Result r = Oracle.loadBtf(bytes);
        assertEquals(0, r.exit(), r.out());

        List<BtfType> bad = new ArrayList<>(back.types());
        bad.add(new DeclTag("past the end", fn, 2));
        Oracle.Result refused = Oracle.loadBtf(BtfWriter.write(bad, BtfStrings.wrap(back.strings())));
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.out().contains("Invalid component_idx"), refused.out());
        assertThrows(IllegalArgumentException.class, () -> b.addDeclTag("past the end", fn, 2));
    }
}
