package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfReader;
import dev.jbpfc.btf.BtfType.FuncLinkage;
import dev.jbpfc.btf.BtfType.VarLinkage;
import dev.jbpfc.frontend.types.*;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BtfTypes against clang-22: the same declarations written in C (compiled by clang) and built by hand as CTypes
 * (what sema will hand to the lowering) must give the same BTF graph for every VAR, FUNC, DECL_TAG and DATASEC.
 */
class BtfTypesTest {
    static final String SOURCE = """
            typedef unsigned int __u32;
            typedef unsigned long long __u64;
            #define SEC(x) __attribute__((section(x), used))
            struct { int (*type)[2]; __u32 *key; __u64 *value; int (*max_entries)[1]; } counts SEC(".maps");
            struct node { struct node *next; unsigned flag:1; signed char c:3; int :4; _Bool b; short s;
                          enum e { A, B = -1 } en; volatile long l; const char *str; int arr[3][4];
                          union { int x; char y; }; };
            struct fwd;
            struct fwd *pf;
            const volatile int cv;
            int *const restrict rp;
            enum big { X = 0x100000000ULL } bigv;
            enum __attribute__((packed)) pk { P1, P2 } pkv;
            int __attribute__((btf_type_tag("user"))) __attribute__((btf_type_tag("rcu"))) *tp;
            int tagged __attribute__((btf_decl_tag("dt"))) SEC(".data.foo") = 1;
            struct tg { int a __attribute__((btf_decl_tag("mtag"))); } __attribute__((btf_decl_tag("stag"))) tgv;
            typedef int (fnt)(int a, char, ...);
            fnt *fp;
            struct flex { int n; int data[]; } *fx;
            float fl; double d; unsigned char uc; unsigned short us; long long ll; unsigned long ul; __int128 i128;
            char LICENSE[] SEC("license") = "GPL";
            extern int bpf_kfunc_x(int a, struct node *n) __attribute__((section(".ksyms")));
            SEC("xdp") int count(struct node *n) { return bpf_kfunc_x(1, n); }
            """;

    @Test
    void sameGraphAsClang() throws Exception {
        BtfBuilder b = new BtfBuilder();
        BtfTypes types = new BtfTypes(b);
        BtfSections secs = new BtfSections();
        CType u32 = new TypedefType("__u32", IntegerType.UINT);
        CType u64 = new TypedefType("__u64", IntegerType.ULONGLONG);
        CType I = IntegerType.INT;

        RecordType mapDef = new RecordType(false, null, "t.c:4:1");
        mapDef.complete(List.of(
                new Field("type", PointerType.to(new ArrayType(I, 2))),
                new Field("key", PointerType.to(u32)),
                new Field("value", PointerType.to(u64)),
                new Field("max_entries", PointerType.to(new ArrayType(I, 1)))));
        global(types, secs, ".maps", "counts", mapDef);

        RecordType node = new RecordType(false, "node", "t.c:5:1");
        EnumType e = new EnumType("e", "t.c:6:27");
        e.complete(List.of(new EnumType.Enumerator("A", BigInteger.ZERO), new EnumType.Enumerator("B", BigInteger.valueOf(-1))));
        RecordType anonUnion = new RecordType(true, null, "t.c:8:27");
        anonUnion.complete(List.of(new Field("x", I), new Field("y", IntegerType.CHAR)));
        node.complete(List.of(
                new Field("next", PointerType.to(node)),
                Field.bitfield("flag", IntegerType.UINT, 1),
                Field.bitfield("c", IntegerType.SCHAR, 3),
                Field.bitfield(null, I, 4),
                new Field("b", IntegerType.BOOL),
                new Field("s", IntegerType.SHORT),
                new Field("en", e),
                new Field("l", QualifiedType.of(IntegerType.LONG, QualifiedType.VOLATILE)),
                new Field("str", PointerType.to(QualifiedType.of(IntegerType.CHAR, QualifiedType.CONST))),
                new Field("arr", new ArrayType(new ArrayType(I, 4), 3)),
                new Field(null, anonUnion)));

        global(types, secs, ".bss", "pf", PointerType.to(new RecordType(false, "fwd", "t.c:9:1")));
        global(types, secs, ".rodata", "cv", QualifiedType.of(I, QualifiedType.CONST | QualifiedType.VOLATILE));
        global(types, secs, ".rodata", "rp", QualifiedType.of(PointerType.to(I), QualifiedType.CONST | QualifiedType.RESTRICT));
        EnumType big = new EnumType("big", "t.c:13:1");
        big.complete(List.of(new EnumType.Enumerator("X", BigInteger.ONE.shiftLeft(32))));
        global(types, secs, ".bss", "bigv", big);
        EnumType pk = new EnumType("pk", "t.c:14:1");
        pk.setPacked(true);
        pk.complete(List.of(new EnumType.Enumerator("P1", BigInteger.ZERO), new EnumType.Enumerator("P2", BigInteger.ONE)));
        global(types, secs, ".bss", "pkv", pk);
        global(types, secs, ".bss", "tp", new PointerType(I, List.of("user", "rcu")));
        int tagged = types.var("tagged", I, VarLinkage.GLOBAL_ALLOCATED, List.of("dt"));
        secs.add(".data.foo", tagged, 0, 4);
        RecordType tg = new RecordType(false, "tg", "t.c:17:1");
        tg.setDeclTags(List.of("stag"));
        tg.complete(List.of(new Field("a", I, Field.NOT_BITFIELD, false, 0, List.of("mtag"))));
        global(types, secs, ".bss", "tgv", tg);
        CType fnt = new TypedefType("fnt", new FunctionType(I,
                List.of(new FunctionType.Param("a", I), new FunctionType.Param(null, IntegerType.CHAR)), true, true));
        global(types, secs, ".bss", "fp", PointerType.to(fnt));
        RecordType flex = new RecordType(false, "flex", "t.c:21:1");
        flex.complete(List.of(new Field("n", I), new Field("data", ArrayType.incomplete(I))));
        global(types, secs, ".bss", "fx", PointerType.to(flex));
        global(types, secs, ".bss", "fl", FloatType.FLOAT);
        global(types, secs, ".bss", "d", FloatType.DOUBLE);
        global(types, secs, ".bss", "uc", IntegerType.UCHAR);
        global(types, secs, ".bss", "us", IntegerType.USHORT);
        global(types, secs, ".bss", "ll", IntegerType.LONGLONG);
        global(types, secs, ".bss", "ul", IntegerType.ULONG);
        global(types, secs, ".bss", "i128", IntegerType.INT128);
        global(types, secs, "license", "LICENSE", new ArrayType(IntegerType.CHAR, 4));

        FunctionType kfuncType = new FunctionType(I, List.of(new FunctionType.Param("a", I),
                new FunctionType.Param("n", PointerType.to(node))), false, true);
        int kf = types.func("bpf_kfunc_x", kfuncType, null, FuncLinkage.EXTERN, List.of());
        secs.add(".ksyms", kf, 0, 0);
        FunctionType countType = new FunctionType(I, List.of(new FunctionType.Param("n", PointerType.to(node))), false, true);
        types.func("count", countType, List.of("n"), FuncLinkage.GLOBAL, List.of());
        secs.emit(b);

        Btf clang = BtfReader.read(Oracle.clangBtf(SOURCE));
        TreeMap<String, String> expected = BtfShape.roots(clang);
        TreeMap<String, String> actual = BtfShape.roots(b.snapshot());
        assertTrue(expected.size() > 25, "clang's BTF has the roots of the test: " + expected.keySet());
        assertEquals(join(expected), join(actual));
    }

    private static void global(BtfTypes types, BtfSections secs, String section, String name, CType t) {
        int id = types.var(name, t, VarLinkage.GLOBAL_ALLOCATED, List.of());
        secs.add(section, id, 0, t.size());
    }

    private static String join(TreeMap<String, String> m) {
        List<String> lines = new ArrayList<>();
        m.forEach((k, v) -> lines.add(k + " = " + v));
        return String.join("\n", lines);
    }
}
