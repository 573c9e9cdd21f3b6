package dev.jbpfc.cli.checkloops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.cli.CheckLoopsCommandAccess;
import dev.jbpfc.cli.InProcessJbpfc;
import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.loophints.object.BpfObjectFunctions;
import dev.jbpfc.testsuite.json.Json;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jbpfc check-loops} with a stand-in checker ({@link FakeChecker}): the command line, the text and JSON
 * output, the exit status, and the objects of jbpfc's backend and of clang-22 going through the reader. What the
 * real checker decides is tested in {@link CheckLoopsRealCheckerTest}.
 */
class CheckLoopsCommandTest {
    /** Two loops with data-dependent trip counts (neither compiler can unroll them), one per function. */
    static final String TWO_LOOPS = String.join("\n",
            "#define SEC(n) __attribute__((section(n), used))",
            "struct xdp_md { unsigned int data, data_end; };",
            "static __attribute__((noinline)) int sum(unsigned char *p, int n)",
            "{",
            "\tint s = 0;",
            "\tfor (int i = 0; i < n; i++)",
            "\t\ts += p[i & 63] ^ i;",
            "\treturn s;",
            "}",
            "SEC(\"xdp\") int prog(struct xdp_md *ctx)",
            "{",
            "\tunsigned char buf[64];",
            "\tint n = (ctx->data_end - ctx->data) & 63;",
            "\tfor (int i = 0; i < n; i++)",
            "\t\tbuf[i] = i * 7 + n;",
            "\treturn sum(buf, n) & 1;",
            "}",
            "char LICENSE[] SEC(\"license\") = \"GPL\";",
            "");

    @TempDir Path tmp;

    record Run(int status, String out, String err) {}

    static Run run(java.util.function.Function<FunctionCode, dev.jbpfc.loophints.FunctionReport> checker, String... args) {
        if (checker == null) {
            InProcessJbpfc r = InProcessJbpfc.run(args);
            return new Run(r.status(), r.stdout(), r.stderr());
        }
        // a checker of the test's own goes in through check-loops' test entry, not Main
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = CheckLoopsCommandAccess.run(checker, args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Path write(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void acceptedHintTextAndJson() throws Exception {
        Path o = write("hinted.o", HintedObject.build(List.of(HintedObject.HINT)));
        Run r = run(new FakeChecker(), o.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of(o + ": xdp/prog: loop [2,4] counted-up: accepted, bound 10, examined 3, worst case 30 insns",
                o + ": 1 function, 1 loop accepted, 0 rejected, 0 unhinted back edges: proved to terminate"), r.out().lines().toList());
        assertEquals("", r.err());

        r = run(new FakeChecker(), "--json", o.toString());
        assertEquals(0, r.status());
        assertEquals(1, r.out().lines().count(), "exactly one JSON object on one line");
        Map<String, Object> json = Json.parseObject(r.out());
        List<?> programs = (List<?>) json.get("programs");
        assertEquals(1, programs.size());
        Map<?, ?> p = (Map<?, ?>) programs.get(0);
        assertEquals("xdp", p.get("section"));
        assertEquals("prog", p.get("name"));
        assertEquals(0L, ((Number) p.get("unhinted_back_edges")).longValue());
        assertEquals(List.of(), p.get("unhinted_at"));
        Map<?, ?> loop = (Map<?, ?>) ((List<?>) p.get("loops")).get(0);
        assertEquals(2L, ((Number) loop.get("start")).longValue());
        assertEquals(4L, ((Number) loop.get("end")).longValue());
        assertEquals("counted-up", loop.get("template"));
        assertEquals("accepted", loop.get("verdict"));
        assertEquals(10L, ((Number) loop.get("bound")).longValue());
        assertEquals(3L, ((Number) loop.get("examined")).longValue());
        assertEquals(30L, ((Number) loop.get("worst_case")).longValue());
        assertFalse(loop.containsKey("reason"));
    }

    @Test
    void boundIsAnUnsigned64BitDecimal() throws Exception {
        String hint = HintedObject.HINT.replace("trips=10", "trips=18446744073709551615");
        Path o = write("big.o", HintedObject.build(List.of(hint)));
        Run r = run(new FakeChecker(), "--json", o.toString());
        assertTrue(r.out().contains("\"bound\":18446744073709551615,"), r.out());
    }

    @Test
    void rejectedHintAndUnhintedBackEdge() throws Exception {
        Path o = write("lying.o", HintedObject.build(List.of(HintedObject.HINT.replace("end=4", "end=3"))));
        Run r = run(new FakeChecker(), o.toString());
        assertEquals(1, r.status());
        assertEquals(List.of(o + ": xdp/prog: loop [2,3] counted-up: rejected at insn 3: fake: no back edge from end to start (examined 1)",
                o + ": xdp/prog: unhinted back edge at insn 4",
                o + ": 1 function, 0 loops accepted, 1 rejected, 1 unhinted back edge: not proved to terminate"), r.out().lines().toList());

        r = run(new FakeChecker(), "--json", o.toString());
        assertEquals(1, r.status());
        Map<?, ?> p = (Map<?, ?>) ((List<?>) Json.parseObject(r.out()).get("programs")).get(0);
        Map<?, ?> loop = (Map<?, ?>) ((List<?>) p.get("loops")).get(0);
        assertEquals("rejected", loop.get("verdict"));
        assertEquals("fake: no back edge from end to start", loop.get("reason"));
        assertEquals(3L, ((Number) loop.get("at")).longValue());
        assertFalse(loop.containsKey("bound"));
        assertFalse(loop.containsKey("worst_case"));
        assertEquals(1L, ((Number) p.get("unhinted_back_edges")).longValue());
        assertEquals(List.of(4L), ((List<?>) p.get("unhinted_at")).stream().map(x -> ((Number) x).longValue()).toList());
    }

    @Test
    void noHintIsOneUnhintedBackEdge() throws Exception {
        Path o = write("plain.o", HintedObject.build(List.of("some other tag")));
        Run r = run(new FakeChecker(), o.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().contains(o + ": xdp/prog: unhinted back edge at insn 4\n"), r.out());
    }

    @Test
    void unreadableObjectsAreOneErrorLineAndStatus2() throws Exception {
        Path good = write("hinted.o", HintedObject.build(List.of(HintedObject.HINT)));
        Path c = write("prog.c", "int x;\n".getBytes());
        byte[] obj = Files.readAllBytes(good);
        Path cut = write("cut.o", Arrays.copyOf(obj, obj.length - 10));
        Path missing = tmp.resolve("missing.o");
        Run r = run(new FakeChecker(), "--json", good.toString(), c.toString(), cut.toString(), missing.toString(), tmp.toString());
        assertEquals(2, r.status());
        List<String> err = r.err().lines().toList();
        assertEquals(4, err.size(), r.err());
        assertEquals("jbpfc: error: " + c + ": not an ELF object: 7 bytes, shorter than an ELF64 header", err.get(0));
        assertTrue(err.get(1).startsWith("jbpfc: error: " + cut + ": "), err.get(1));
        assertEquals("jbpfc: error: " + missing + ": no such file or directory", err.get(2));
        assertTrue(err.get(3).startsWith("jbpfc: error: " + tmp + ": cannot read"), err.get(3));
        for (String l : err) assertFalse(l.contains("Exception") || l.contains("\tat "), l);
        // the readable object is still reported, in one JSON object
        assertEquals(1, ((List<?>) Json.parseObject(r.out()).get("programs")).size());
    }

    @Test
    void aCheckerThatThrowsIsAnErrorLineNotATrace() throws Exception {
        Path o = write("hinted.o", HintedObject.build(List.of(HintedObject.HINT)));
        Run r = run(f -> { throw new UnsupportedOperationException("not yet"); }, o.toString());
        assertEquals(2, r.status());
        assertEquals("jbpfc: error: " + o + ": internal error of the loop checker: UnsupportedOperationException: not yet\n", r.err());
    }

    @Test
    void commandLine() throws Exception {
        Run r = run(null, "check-loops");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("jbpfc: error: no input files\n"), r.err());
        r = run(null, "check-loops", "--bogus", "x.o");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("jbpfc: error: unknown argument to check-loops: '--bogus'\n"), r.err());
        r = run(null, "check-loops", tmp.resolve("nope.o").toString());
        assertEquals(2, r.status());
        assertEquals("jbpfc: error: " + tmp.resolve("nope.o") + ": no such file or directory\n", r.err());
        r = run(null, "check-loops", "--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("usage: jbpfc check-loops [--json] OBJ..."), r.out());
        r = run(null, "--help");
        assertTrue(r.out().contains("jbpfc check-loops [--json] OBJ..."), r.out());
    }

    /** jbpfc's own objects: one function per symbol, and one line per back edge the checker reports. */
    @Test
    void jbpfcObjects() throws Exception {
        Path src = tmp.resolve("loops.c");
        Files.writeString(src, TWO_LOOPS);
        Path obj = tmp.resolve("loops.o");
        // Plain loops (not lowered to open-coded iterators): the form built to the templates.
        Run c = run(null, "-O2", "-g", "--target=bpf", "-mcpu=v3", "-floop-hints", "-floop-lowering=plain", "-c", src.toString(), "-o", obj.toString());
        assertEquals(0, c.status(), c.err());
        List<FunctionCode> fs = BpfObjectFunctions.of(BpfObjectFile.read(obj));
        assertEquals(List.of(".text/sum/false", "xdp/prog/true"),
                fs.stream().map(f -> f.section() + "/" + f.name() + "/" + f.isProgram()).sorted().toList());
        // jbpfc builds both loops to templates: the real checker accepts every hint and no back edge is left.
        int backEdges = 0;
        for (FunctionCode f : fs) backEdges += FakeChecker.backEdges(f.code()).size();
        assertEquals(2, backEdges, "one back edge per loop in jbpfc's object");
        Run r = run(null, "check-loops", obj.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertEquals(2, r.out().lines().filter(l -> l.contains(": accepted, bound ")).count(), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.contains("unhinted back edge at")), r.out());
    }

    /**
     * A loop whose body calls a subprogram: the call's imm in the object is only part of the address (libbpf adds
     * the relocation's symbol), so the reader resolves it; read raw it seemed to call into the loop itself.
     */
    @Test
    void aLoopCallingASubprogramIsAccepted() throws Exception {
        Path src = tmp.resolve("calls.c");
        Files.writeString(src, String.join("\n",
                "#define SEC(n) __attribute__((section(n), used))",
                "static __attribute__((noinline)) int twice(int x) { return x * 2; }",
                "SEC(\"xdp\") int prog(void *ctx) {",
                "  int s = 0;",
                "  for (int i = 0; i < 10; i++) s += twice(i);",
                "  return s & 1;",
                "}",
                "char LICENSE[] SEC(\"license\") = \"GPL\";", ""));
        Path obj = tmp.resolve("calls.o");
        Run c = run(null, "-O2", "-g", "--target=bpf", "-mcpu=v3", "-floop-hints", "-floop-lowering=plain", "-c",
                src.toString(), "-o", obj.toString());
        assertEquals(0, c.status(), c.err());
        Run r = run(null, "check-loops", obj.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("xdp/prog: loop [") && r.out().contains(": accepted, bound 10,"), r.out());
    }

    /** A {@code btf_decl_tag} on a function compiled by jbpfc reaches that function (and only it) as a tag. */
    @Test
    void jbpfcObjectsDeclTagsReachTheirFunction() throws Exception {
        Path src = tmp.resolve("tag.c");
        Files.writeString(src, String.join("\n",
                "#define SEC(n) __attribute__((section(n), used))",
                "__attribute__((noinline, btf_decl_tag(\"" + HintedObject.HINT + "\"))) int glob(int x) { return x * 3; }",
                "SEC(\"xdp\") int prog(void *ctx) { return glob(1) & 1; }",
                "char LICENSE[] SEC(\"license\") = \"GPL\";", ""));
        Path obj = tmp.resolve("tag.o");
        Run c = run(null, "-O2", "-g", "--target=bpf", "-c", src.toString(), "-o", obj.toString());
        assertEquals(0, c.status(), c.err());
        List<FunctionCode> fs = BpfObjectFunctions.of(BpfObjectFile.read(obj));
        assertEquals(List.of(".text/glob/[" + HintedObject.HINT + "]", "xdp/prog/[]"),
                fs.stream().map(f -> f.section() + "/" + f.name() + "/" + f.tags()).sorted().toList());
    }

    /** Every prefix of a jbpfc object and seeded byte flips of it: read or refused in one line, never a crash. */
    @Test
    void jbpfcObjectPrefixesAndByteFlips() throws Exception {
        Path src = tmp.resolve("loops.c");
        Files.writeString(src, TWO_LOOPS);
        Path obj = tmp.resolve("loops.o");
        assertEquals(0, run(null, "-O2", "-g", "--target=bpf", "-c", src.toString(), "-o", obj.toString()).status());
        byte[] good = Files.readAllBytes(obj);
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < good.length + 5_000; i++) {
            byte[] bad;
            if (i < good.length) {
                bad = Arrays.copyOf(good, i);
            } else {
                bad = good.clone();
                for (int k = random.nextInt(4); k >= 0; k--) bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                BpfObjectFunctions.of(BpfObjectFile.parse(bad));
            } catch (dev.jbpfc.loophints.object.ObjectFormatException e) {
                assertTrue(!e.getMessage().isBlank() && !e.getMessage().contains("\n"), e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + ": " + e, e);
            }
        }
    }

    /** clang-22's objects carry no hints: each of the two loops is one unhinted back edge (exit status 1). */
    @Test
    void clangObjectsOneUnhintedBackEdgePerLoop() throws Exception {
        Path src = tmp.resolve("loops.c");
        Files.writeString(src, TWO_LOOPS);
        ClangResult c = OracleRequirement.clang().compile(src, List.of("-O2", "-g", "--target=bpf", "-mcpu=v3"));
        assertTrue(c.ok(), c.diagnostics());
        List<FunctionCode> fs = BpfObjectFunctions.of(BpfObjectFile.read(c.object()));
        int edges = assertUnhintedLinesMatchBackEdges(c.object(), fs);
        assertEquals(2, edges, "one back edge per loop in clang's object");
    }

    private static int assertUnhintedLinesMatchBackEdges(Path obj, List<FunctionCode> fs) {
        List<String> expected = new ArrayList<>();
        for (FunctionCode f : fs)
            for (int[] e : FakeChecker.backEdges(f.code())) expected.add(obj + ": " + f.section() + "/" + f.name() + ": unhinted back edge at insn " + e[0]);
        Run r = run(new FakeChecker(), obj.toString());
        assertEquals(expected.isEmpty() ? 0 : 1, r.status());
        assertEquals(expected, r.out().lines().filter(l -> l.contains("unhinted back edge at")).toList());
        return expected.size();
    }
}
