package dev.jbpfc.btf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jbpfc.btf.BtfType.*;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link BtfBuilder#retainUsed}: the types an object keeps, as clang-22 keeps them. Each case is a C snippet,
 * built here as the frontend's lowering would build it, and what {@code bpftool btf dump} of clang-22's object of
 * that snippet lists (kinds and names; taken from clang-22 -g -O2 --target=bpf on this machine).
 */
class RetainUsedTest {
    /** BtfBuilder.retainUsed's own example, record by record, with its id map. */
    @Test
    void builderExample() {
        BtfBuilder b = new BtfBuilder();
        int s = b.declareStruct("s");
        int lkPtr = b.addPointer(b.addStruct("lk", 4, List.of()));
        b.defineComposite(s, 8, List.of(Member.field("next", lkPtr, 0)));
        int sPtr = b.addPointer(s);
        b.addInt("int", 4, true, false, false);
        b.addFunc("f", b.addFuncProto(0, List.of(new Param("x", sPtr)), false), FuncLinkage.GLOBAL);
        assertEquals(7, b.size());
        int[] newId = b.retainUsed();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0, 5, 6}, newId);
        assertEquals("""
                [1] STRUCT 's' size=8 vlen=1
                \t'next' type_id=3 bits_offset=0
                [2] FWD 'lk' fwd_kind=struct
                [3] PTR '(anon)' type_id=2
                [4] PTR '(anon)' type_id=1
                [5] FUNC_PROTO '(anon)' ret_type_id=0 vlen=1
                \t'x' type_id=4
                [6] FUNC 'f' type_id=5 linkage=global
                """, BtfDumper.dump(b.snapshot()));
        // The builder goes on working in the new numbering: int is new again, lk's FWD is shared.
        assertEquals(7, b.addInt("int", 4, true, false, false));
        assertEquals(2, b.addFwd("lk", false));
    }

    /**
     * <pre>
     *   struct lk { int e; }; struct fp { int q; }; struct both { int q; }; struct c { int r; };
     *   struct s { struct lk *next; int (*cb)(struct fp *); struct both *b; const struct c *c1, *c2; };
     *   int f(struct s *x, struct both *b) { return 0; }
     * </pre>
     * clang-22: STRUCT s, both, fp, c (the second {@code const struct c *} member walks into it); FWD lk.
     */
    @Test
    void memberPointersGiveForwardDeclarations() {
        BtfBuilder b = new BtfBuilder();
        int i = b.addInt("int", 4, true, false, false);
        int lk = b.addStruct("lk", 4, List.of(Member.field("e", i, 0)));
        int fp = b.addStruct("fp", 4, List.of(Member.field("q", i, 0)));
        int both = b.addStruct("both", 4, List.of(Member.field("q", i, 0)));
        int c = b.addStruct("c", 4, List.of(Member.field("r", i, 0)));
        int cb = b.addPointer(b.addFuncProto(i, List.of(new Param("", b.addPointer(fp))), false));
        int constC = b.addPointer(b.addConst(c));
        int s = b.addStruct("s", 40, List.of(Member.field("next", b.addPointer(lk), 0), Member.field("cb", cb, 64),
                Member.field("b", b.addPointer(both), 128), Member.field("c1", constC, 192), Member.field("c2", constC, 256)));
        b.addFunc("f", b.addFuncProto(i, List.of(new Param("x", b.addPointer(s)), new Param("b", b.addPointer(both))), false),
                FuncLinkage.GLOBAL);
        b.retainUsed();
        assertEquals(Set.of("FUNC 'f'", "FWD 'lk'", "INT 'int'", "STRUCT 'both'", "STRUCT 'c'", "STRUCT 'fp'", "STRUCT 's'"),
                named(b));
    }

    /**
     * <pre>
     *   struct c { int r; }; typedef struct c c_t;
     *   struct s { const struct c *once; c_t *t; };  int f(struct s *x) { return 0; }
     * </pre>
     * clang-22: each chain is met once, so FWD c (one FWD for both), TYPEDEF c_t.
     */
    @Test
    void oneForwardDeclarationPerName() {
        BtfBuilder b = new BtfBuilder();
        int i = b.addInt("int", 4, true, false, false);
        int c = b.addStruct("c", 4, List.of(Member.field("r", i, 0)));
        int s = b.addStruct("s", 16, List.of(Member.field("once", b.addPointer(b.addConst(c)), 0),
                Member.field("t", b.addPointer(b.addTypedef("c_t", c)), 64)));
        b.addFunc("f", b.addFuncProto(i, List.of(new Param("x", b.addPointer(s))), false), FuncLinkage.GLOBAL);
        b.retainUsed();
        assertEquals(Set.of("FUNC 'f'", "FWD 'c'", "INT 'int'", "STRUCT 's'", "TYPEDEF 'c_t'"), named(b));
        assertEquals(1, b.types().stream().filter(t -> t instanceof Fwd).count());
    }

    /**
     * <pre>
     *   struct w { int a; }; struct v { struct w *inner; int b; }; struct k { int z; };
     *   struct { __uint(type, 1); __type(key, struct k); __type(value, struct v); } m SEC(".maps");
     * </pre>
     * (no function). clang-22: STRUCT k and v in full (a map's key and value), FWD w (a pointer member of the
     * value), the map's anonymous struct, VAR m, DATASEC .maps, INT int, INT __ARRAY_SIZE_TYPE__.
     */
    @Test
    void mapKeysAndValuesAreFull() {
        BtfBuilder b = new BtfBuilder();
        int i = b.addInt("int", 4, true, false, false);
        int w = b.addStruct("w", 4, List.of(Member.field("a", i, 0)));
        int v = b.addStruct("v", 16, List.of(Member.field("inner", b.addPointer(w), 0), Member.field("b", i, 64)));
        int k = b.addStruct("k", 4, List.of(Member.field("z", i, 0)));
        int type = b.addPointer(b.addArray(i, 1));
        int def = b.addStruct("", 24, List.of(Member.field("type", type, 0), Member.field("key", b.addPointer(k), 64),
                Member.field("value", b.addPointer(v), 128)));
        int m = b.addVar("m", def, VarLinkage.GLOBAL_ALLOCATED);
        b.addDatasec(".maps", 0, List.of(new SecInfo(m, 0, 24)));
        b.addStruct("unused", 4, List.of(Member.field("a", i, 0)));
        b.retainUsed();
        assertEquals(Set.of("DATASEC '.maps'", "FWD 'w'", "INT '__ARRAY_SIZE_TYPE__'", "INT 'int'", "STRUCT 'k'",
                "STRUCT 'v'", "VAR 'm'"), named(b));
    }

    /**
     * <pre>
     *   struct t { int q; }; struct a { int q; }; struct e { int q; };
     *   struct s { struct t __attribute__((btf_type_tag("x"))) *pt; struct a *arr[2]; struct e *seen; };
     *   int f(struct s *x) { return 0; }      // and a CO-RE relocation on struct e
     * </pre>
     * clang-22: STRUCT t (a tagged pointer does not count), a (an array's element starts afresh), e (the
     * relocation's type). DECL_TAGs follow what they tag.
     */
    @Test
    void tagsArraysAndRelocationRoots() {
        BtfBuilder b = new BtfBuilder();
        int i = b.addInt("int", 4, true, false, false);
        int t = b.addStruct("t", 4, List.of(Member.field("q", i, 0)));
        int a = b.addStruct("a", 4, List.of(Member.field("q", i, 0)));
        int e = b.addStruct("e", 4, List.of(Member.field("q", i, 0)));
        int dropped = b.addStruct("d", 4, List.of(Member.field("q", i, 0)));
        b.addDeclTag("on-d", dropped, -1);
        int s = b.addStruct("s", 32, List.of(Member.field("pt", b.addPointer(b.addTypeTag("x", t)), 0),
                Member.field("arr", b.addArray(b.addPointer(a), 2), 64), Member.field("seen", b.addPointer(e), 192)));
        int f = b.addFunc("f", b.addFuncProto(i, List.of(new Param("x", b.addPointer(s))), false), FuncLinkage.GLOBAL);
        b.addDeclTag("on-f", f, -1);
        int[] newId = b.retainUsed(e);
        assertEquals(Set.of("DECL_TAG 'on-f'", "FUNC 'f'", "INT '__ARRAY_SIZE_TYPE__'", "INT 'int'", "STRUCT 'a'",
                "STRUCT 'e'", "STRUCT 's'", "STRUCT 't'", "TYPE_TAG 'x'"), named(b));
        assertEquals("e", b.type(newId[e]).name());
        assertEquals(0, newId[dropped]);
    }

    private static Set<String> named(BtfBuilder b) {
        Set<String> out = new TreeSet<>();
        for (BtfType t : b.types()) if (!t.name().isEmpty()) out.add(t.kind() + " '" + t.name() + "'");
        return out;
    }
}
