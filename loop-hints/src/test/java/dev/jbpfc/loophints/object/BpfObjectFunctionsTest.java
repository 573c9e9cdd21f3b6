package dev.jbpfc.loophints.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfExtBuilder;
import dev.jbpfc.btf.BtfType.FuncLinkage;
import dev.jbpfc.btf.BtfType.Param;
import dev.jbpfc.loophints.FunctionCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which function gets which DECL_TAGs, on hand-built objects. */
class BpfObjectFunctionsTest {
    static final byte[] RET2 = BpfObjectFileTest.RET2;

    @Test
    void programAndSubprogramsWithTheirTags() throws Exception {
        List<FunctionCode> fs = BpfObjectFunctions.of(BpfObjectFile.parse(BpfObjectFileTest.sample()));
        assertEquals(List.of(".text/sub/false/0", ".text/sub0/false/0", "xdp/prog/true/1"),
                fs.stream().map(f -> f.section() + "/" + f.name() + "/" + f.isProgram() + "/" + f.tags().size()).toList());
        assertEquals("jbpfc.loop/1:counted-up:start=2,end=4,iv=r1,width=64,signed=u,cmp=lt,step=1,limit=10,init=0,trips=10",
                fs.get(2).tags().get(0));
        assertArrayEquals(BpfObjectFileTest.LOOP, fs.get(2).code());
    }

    /** Only component -1 tags on the FUNC itself; tags on parameters, on other types and EXTERN FUNCs are not taken. */
    @Test
    void onlyDeclarationTagsOfTheFunction() throws Exception {
        TestElf elf = new TestElf();
        int xdp = elf.code("xdp", RET2);
        BtfBuilder btf = new BtfBuilder();
        int i = btf.addInt("int", 4, true, false, false);
        int proto = btf.addFuncProto(i, List.of(new Param("ctx", i)), false);
        int prog = btf.addFunc("prog", proto, FuncLinkage.GLOBAL);
        int ext = btf.addFunc("prog", btf.addFuncProto(0, List.of(), false), FuncLinkage.EXTERN);
        btf.addDeclTag("a", prog, -1);
        btf.addDeclTag("on the parameter", prog, 0);
        btf.addDeclTag("on the extern", ext, -1);
        btf.addDeclTag("on the typedef", btf.addTypedef("t", i), -1);
        btf.addDeclTag("b", prog, -1);
        elf.section(".BTF", TestElf.SHT_PROGBITS, 0, btf.encode());
        elf.func("prog", xdp, 0, 16, true);
        List<FunctionCode> fs = BpfObjectFunctions.of(BpfObjectFile.parse(elf.build()));
        assertEquals(List.of("a", "b"), fs.get(0).tags());
    }

    /** Two static functions named alike in two sections: func_info pairs each with its FUNC; without it, neither gets tags. */
    @Test
    void sameNameInTwoSections() throws Exception {
        for (boolean withFuncInfo : new boolean[] {true, false}) {
            TestElf elf = new TestElf();
            int a = elf.code("xdp/a", RET2);
            int b = elf.code("xdp/b", BpfObjectFileTest.concat(RET2, RET2));
            BtfBuilder btf = new BtfBuilder();
            int i = btf.addInt("int", 4, true, false, false);
            int fa = btf.addFunc("f", btf.addFuncProto(i, List.of(new Param("x", i)), false), FuncLinkage.STATIC);
            int fb = btf.addFunc("f", btf.addFuncProto(i, List.of(), false), FuncLinkage.STATIC);
            btf.addDeclTag("tag of a", fa, -1);
            btf.addDeclTag("tag of b", fb, -1);
            if (withFuncInfo) {
                BtfExtBuilder ext = new BtfExtBuilder(btf);
                ext.addFuncInfo("xdp/a", 0, fa);
                ext.addFuncInfo("xdp/b", 16, fb);
                byte[] extBytes = ext.encode().bytes();
                elf.section(".BTF", TestElf.SHT_PROGBITS, 0, btf.encode());
                elf.section(".BTF.ext", TestElf.SHT_PROGBITS, 0, extBytes);
            } else {
                elf.section(".BTF", TestElf.SHT_PROGBITS, 0, btf.encode());
            }
            elf.func("f", a, 0, 16, false);
            elf.func("f", b, 16, 16, false);
            List<FunctionCode> fs = BpfObjectFunctions.of(BpfObjectFile.parse(elf.build()));
            assertEquals(withFuncInfo ? List.of(List.of("tag of a"), List.of("tag of b")) : List.of(List.of(), List.of()),
                    fs.stream().map(FunctionCode::tags).toList());
        }
    }

    @Test
    void codeWithoutAnyFunctionSymbolIsOneFunctionNamedAfterItsSection() throws Exception {
        TestElf elf = new TestElf();
        elf.code("socket", RET2);
        elf.code(".text", new byte[0]);
        List<FunctionCode> fs = BpfObjectFunctions.of(BpfObjectFile.parse(elf.build()));
        assertEquals(1, fs.size());
        assertEquals("socket", fs.get(0).name());
        assertEquals(true, fs.get(0).isProgram());
        assertArrayEquals(RET2, fs.get(0).code());
    }
}
