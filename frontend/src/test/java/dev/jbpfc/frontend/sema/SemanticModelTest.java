package dev.jbpfc.frontend.sema;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.Declaration;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.ExternalDecl;
import dev.jbpfc.frontend.ast.FunctionDef;
import dev.jbpfc.frontend.ast.Stmt;
import dev.jbpfc.frontend.types.IntegerType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What lowering reads from the semantic model: helper ids, member paths, flattened initializers, conversions. */
class SemanticModelTest {
    @TempDir
    Path dir;

    private Frontend.Result analyze(String source) throws IOException {
        Path f = dir.resolve("t.c");
        Files.writeString(f, source);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Diagnostics d = new Diagnostics(new PrintStream(out, true, StandardCharsets.UTF_8));
        Frontend.Result r = Frontend.analyze(f, List.of(dir), d);
        assertFalse(d.hasErrors(), out.toString(StandardCharsets.UTF_8));
        return r;
    }

    private static ObjectSymbol global(SemanticModel m, String name) {
        for (ObjectSymbol o : m.globals()) if (o.name().equals(name)) return o;
        throw new AssertionError("no global " + name);
    }

    @Test
    void helperPointersCarryTheirHelperNumber() throws IOException {
        SemanticModel m = analyze("""
                static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
                static long (*bpf_trace_printk)(const char *fmt, unsigned int fmt_size, ...) = (void *) 6;
                static long not_a_helper = 6;
                """).model();
        assertEquals(1, global(m, "bpf_map_lookup_elem").helperId());
        assertEquals(6, global(m, "bpf_trace_printk").helperId());
        assertEquals(-1, global(m, "not_a_helper").helperId());
    }

    @Test
    void memberAccessRecordsTheFieldPathThroughAnonymousMembers() throws IOException {
        Frontend.Result r = analyze("""
                #pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
                struct b { int pad; struct { long x; union { char c; int d; }; }; };
                #pragma clang attribute pop
                struct plain { int q; };
                int f(struct b *p, struct plain *q) { return p->d + q->q; }
                """);
        List<Expr.Member> members = new ArrayList<>();
        for (ExternalDecl d : r.unit().decls()) {
            if (d instanceof FunctionDef fd) {
                Stmt.Return ret = (Stmt.Return) fd.body().items().get(0);
                Expr.Binary add = (Expr.Binary) ret.value();
                members.add((Expr.Member) add.lhs);
                members.add((Expr.Member) add.rhs);
            }
        }
        MemberAccess d = r.model().memberOf(members.get(0));
        assertEquals(List.of(1, 1, 1), d.path());
        assertEquals(16, d.byteOffset());
        assertTrue(d.record().preserveAccessIndex());
        assertFalse(r.model().memberOf(members.get(1)).record().preserveAccessIndex());
        assertEquals(IntegerType.INT, members.get(0).type);
    }

    @Test
    void accessChainsListFieldAndIndexStepsFromTheBasePointer() throws IOException {
        Frontend.Result r = analyze("""
                struct C { int pad; int d; };
                struct B { long x; struct C c[4]; };
                struct A { char z; struct B b; };
                int f(struct A *a) { return a->b.c[3].d; }
                """);
        FunctionDef fd = (FunctionDef) r.unit().decls().get(3);
        Expr e = ((Stmt.Return) fd.body().items().get(0)).value();
        AccessChain chain = AccessChain.of(e, r.model());
        assertTrue(chain.baseIsPointer());
        assertEquals("a", ((Expr.Ident) chain.base()).name);
        List<String> steps = new ArrayList<>();
        for (AccessChain.Step s : chain.steps()) {
            if (s instanceof AccessChain.Deref) steps.add("0");
            else if (s instanceof AccessChain.FieldStep f) steps.add(f.record().tag() + "." + f.index());
            else if (s instanceof AccessChain.Index i) steps.add("[" + i.constant() + "]");
        }
        assertEquals(List.of("0", "A.1", "B.1", "[3]", "C.1"), steps);
    }

    @Test
    void initializersAreFlattenedWithBraceElision() throws IOException {
        Frontend.Result r = analyze("""
                struct point { int x, y; };
                struct line { struct point a, b; char name[4]; unsigned f : 3, g : 5; };
                struct line l = { 1, 2, { 3 }, "ab", 5, .g = 6 };
                int a[] = { [2] = 9, 10 };
                """);
        SemanticModel m = r.model();
        List<InitEntry> es = m.initializerOf(global(m, "l"));
        List<String> got = new ArrayList<>();
        for (InitEntry e : es) {
            got.add(e.byteOffset() + (e.bitfield() != null ? ":" + e.bitOffset() : "")
                    + (e.stringBytes() != null ? "=str" + e.stringBytes().length : ""));
        }
        assertEquals(List.of("0", "4", "8", "16=str4", "20:160", "20:163"), got);
        ObjectSymbol a = global(m, "a");
        assertEquals(16, a.type().size());
        assertEquals(List.of(8L, 12L), m.initializerOf(a).stream().map(InitEntry::byteOffset).toList());
    }

    @Test
    void conversionsAndCaseValuesAreRecorded() throws IOException {
        Frontend.Result r = analyze("""
                int f(char c, unsigned u) {
                  switch (c) { case 'a': return 1; case 300: return 2; }
                  return c + u;
                }
                """);
        FunctionDef fd = (FunctionDef) r.unit().decls().get(0);
        Stmt.Switch sw = (Stmt.Switch) fd.body().items().get(0);
        assertEquals(IntegerType.INT, r.model().conversionOf(sw.cond()));
        Stmt.Compound body = (Stmt.Compound) sw.body();
        Stmt.Case first = (Stmt.Case) body.items().get(0);
        assertEquals(97, r.model().caseValue(first).asLong());
        Stmt.Return ret = (Stmt.Return) fd.body().items().get(1);
        Expr.Binary add = (Expr.Binary) ret.value();
        assertEquals(IntegerType.UINT, add.type);
        assertEquals(IntegerType.UINT, r.model().conversionOf(add.lhs));
        assertEquals(IntegerType.INT, r.model().conversionOf(add)); // returned as int
        assertNotNull(r.model().functionOf(fd));
        assertTrue(r.unit().decls().stream().noneMatch(d -> d instanceof Declaration));
    }
}
