package dev.jbpfc.backend.btf;

import dev.jbpfc.backend.BackendOptions;
import dev.jbpfc.backend.BpfBackend;
import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.backend.mir.CoreRelocation;
import dev.jbpfc.backend.testing.ExternalTools;
import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfType;
import dev.jbpfc.ir.CoreKind;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.text.IrParser;
import dev.jbpfc.loophints.object.BpfObjectFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Objects with BTF: a BTF-defined array map in .maps, a global (verified on its own) subprogram with func_info,
 * line info. Loaded and run by bpftool; llvm-objdump must read the .BTF.ext relocations.
 */
class BtfObjectTest {
    @TempDir Path tmp;

    static final String IR = String.join("\n",
            "file 0 \"t.c\"",
            "global global @LICENSE size 4 align 1 section \"license\" data \"GPL\\00\"",
            "global global @counts size 32 align 8 section \".maps\" btf MAPVAR",
            "declare helper ptr @bpf_map_lookup_elem(ptr, ptr) id 1",
            "define global i32 @add_one(i32 %x) section \".text\" noinline btf ADDFUNC {",
            "entry:",
            "  %r = add i32 %x, 1 !loc 0:2:3",
            "  ret i32 %r",
            "}",
            "define global i32 @prog(ptr %ctx) section \"xdp\" btf PROGFUNC {",
            "entry:",
            "  %key = alloca 4, align 4",
            "  store i32 0, %key, align 4 !loc 0:5:3",
            "  %m = addr @counts",
            "  %v = callhelper ptr 1(ptr %m, ptr %key) !loc 0:6:3",
            "  %isnull = cmp eq ptr %v, null",
            "  condbr i1 %isnull, out, hit",
            "hit:",
            "  atomicrmw add i64 %v, 5, align 8 !loc 0:7:3",
            "  %n = load i64 %v, align 8",
            "  %t = trunc i64 %n to i32",
            "  %r = call i32 @add_one(i32 %t) !loc 0:8:3",
            "  ret i32 %r",
            "out:",
            "  ret i32 0",
            "}",
            "");

    /** The types clang would make for the program above. */
    static String withBtf(BtfBuilder b) {
        int intT = b.addInt("int", 4, true, false, false);
        int longT = b.addInt("long", 8, true, false, false);
        int typeArr = b.addArray(intT, 2);       // BPF_MAP_TYPE_ARRAY
        int oneArr = b.addArray(intT, 1);
        int mapStruct = b.addStruct("", 32, List.of(
                BtfType.Member.field("type", b.addPointer(typeArr), 0),
                BtfType.Member.field("max_entries", b.addPointer(oneArr), 64),
                BtfType.Member.field("key", b.addPointer(intT), 128),
                BtfType.Member.field("value", b.addPointer(longT), 192)));
        int var = b.addVar("counts", mapStruct, BtfType.VarLinkage.GLOBAL_ALLOCATED);
        b.addDatasec(".maps", 0, List.of(new BtfType.SecInfo(var, 0, 32)));
        int addProto = b.addFuncProto(intT, List.of(new BtfType.Param("x", intT)), false);
        int addFunc = b.addFunc("add_one", addProto, BtfType.FuncLinkage.GLOBAL);
        int voidPtr = b.addPointer(0);
        int progProto = b.addFuncProto(intT, List.of(new BtfType.Param("ctx", voidPtr)), false);
        int progFunc = b.addFunc("prog", progProto, BtfType.FuncLinkage.GLOBAL);
        return IR.replace("MAPVAR", Integer.toString(var)).replace("ADDFUNC", Integer.toString(addFunc))
                .replace("PROGFUNC", Integer.toString(progFunc));
    }

    @Test
    void mapAndGlobalSubprogramLoadAndRun() throws Exception {
        String bpftool = ExternalTools.require("bpftool");
        if (!ExternalTools.isRoot()) ExternalTools.missing("loading BPF programs needs root");
        for (CpuVersion cpu : new CpuVersion[] {CpuVersion.V1, CpuVersion.V3}) {
            BtfBuilder b = new BtfBuilder();
            String text = withBtf(b);
            Module m = IrParser.parse("t.ir", text);
            byte[] elf = BpfBackend.compile(m, new BackendOptions(cpu, true, "t.c"), new BuilderBtfSections(b, m));
            BpfObjectFile reader = BpfObjectFile.parse(elf);
            assertTrue(reader.btf().isPresent(), "no .BTF");
            assertTrue(reader.btfExt().isPresent(), "no .BTF.ext");
            assertTrue(reader.relocations(reader.section(".BTF.ext").orElseThrow()).size() >= 2,
                    "func_info/line_info need NODYLD32 relocations");
            Path object = tmp.resolve("btf-" + cpu.spelling() + ".o");
            Files.write(object, elf);
            assertEquals(6, ExternalTools.loadAndRunProg(bpftool, object, "btf-" + cpu.spelling(), () -> "at " + cpu));
        }
    }

    @Test
    void globalFunctionWithSevenArgumentsPassesTheVerifier() throws Exception {
        String bpftool = ExternalTools.require("bpftool");
        if (!ExternalTools.isRoot()) ExternalTools.missing("loading BPF programs needs root");
        BtfBuilder b = new BtfBuilder();
        int intT = b.addInt("int", 4, true, false, false);
        List<BtfType.Param> params = new java.util.ArrayList<>();
        for (String n : new String[] {"a", "b", "c", "d", "e", "f", "g"}) params.add(new BtfType.Param(n, intT));
        int proto = StackArgumentsBtf.funcProto(b, "sum7", intT, params);
        int sum7 = b.addFunc("sum7", proto, BtfType.FuncLinkage.GLOBAL);
        StackArgumentsBtf.tagNonNull(b, sum7);
        int voidPtr = b.addPointer(0);
        int prog = b.addFunc("prog", b.addFuncProto(intT, List.of(new BtfType.Param("ctx", voidPtr)), false),
                BtfType.FuncLinkage.GLOBAL);
        String text = String.join("\n",
                "file 0 \"t.c\"",
                "global global @LICENSE size 4 align 1 section \"license\" data \"GPL\\00\"",
                "define global i32 @sum7(i32 %a, i32 %b, i32 %c, i32 %d, i32 %e, i32 %f, i32 %g) section \".text\" noinline btf " + sum7 + " {",
                "entry:",
                "  %s1 = add i32 %a, %b !loc 0:1:1",
                "  %s2 = add i32 %s1, %c",
                "  %s3 = add i32 %s2, %d",
                "  %s4 = add i32 %s3, %e",
                "  %s5 = add i32 %s4, %f",
                "  %s6 = mul i32 %g, 10",
                "  %s7 = add i32 %s5, %s6",
                "  ret i32 %s7",
                "}",
                "define global i32 @prog(ptr %ctx) section \"xdp\" btf " + prog + " {",
                "entry:",
                "  %r = call i32 @sum7(i32 1, i32 2, i32 3, i32 4, i32 5, i32 6, i32 7) !loc 0:2:1",
                "  ret i32 %r",
                "}", "");
        Module m = IrParser.parse("t.ir", text);
        for (CpuVersion cpu : new CpuVersion[] {CpuVersion.V1, CpuVersion.V3}) {
            m = IrParser.parse("t.ir", text);
            byte[] elf = BpfBackend.compile(m, new BackendOptions(cpu, true, "t.c"), new BuilderBtfSections(b, m));
            assertEquals(91, loadAndRun(bpftool, elf, "args-" + cpu.spelling()), "1+2+3+4+5+6+70 at " + cpu);
        }
    }

    private long loadAndRun(String bpftool, byte[] elf, String name) throws Exception {
        Path object = tmp.resolve(name + ".o");
        Files.write(object, elf);
        return ExternalTools.loadAndRunProg(bpftool, object, name, () -> name);
    }

    @Test
    void coreLocalValuesFollowTheAccessString() {
        BtfBuilder b = new BtfBuilder();
        int intT = b.addInt("int", 4, true, false, false);
        int charT = b.addInt("char", 1, true, true, false);
        int arr = b.addArray(charT, 16);
        int inner = b.addStruct("inner", 8, List.of(BtfType.Member.field("x", intT, 0), BtfType.Member.field("y", intT, 32)));
        int outer = b.addStruct("outer", 32, List.of(
                BtfType.Member.field("a", intT, 0),
                BtfType.Member.field("in", inner, 32),
                BtfType.Member.field("name", arr, 96)));
        assertEquals(8, CoreLocalValue.of(b, new CoreRelocation(CoreKind.FIELD_BYTE_OFFSET, outer, "0:1:1")));
        assertEquals(12 + 5, CoreLocalValue.of(b, new CoreRelocation(CoreKind.FIELD_BYTE_OFFSET, outer, "0:2:5")));
        assertEquals(32 + 4, CoreLocalValue.of(b, new CoreRelocation(CoreKind.FIELD_BYTE_OFFSET, outer, "1:1")));
        assertEquals(16, CoreLocalValue.of(b, new CoreRelocation(CoreKind.FIELD_BYTE_SIZE, outer, "0:2")));
        assertEquals(1, CoreLocalValue.of(b, new CoreRelocation(CoreKind.FIELD_SIGNED, outer, "0:0")));
        assertEquals(32, CoreLocalValue.of(b, new CoreRelocation(CoreKind.TYPE_SIZE, outer, "0")));
        assertEquals(outer, CoreLocalValue.of(b, new CoreRelocation(CoreKind.TYPE_ID_LOCAL, outer, "0")));
        assertEquals(32, CoreLocalValue.of(b, new CoreRelocation(CoreKind.FIELD_LSHIFT_U64, outer, "0:0")));
    }
}
