package dev.jbpfc.cli.checkloops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.loophints.CheckLoops;
import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.FunctionReport;
import dev.jbpfc.loophints.LoopVerdict;
import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.loophints.object.BpfObjectFunctions;
import dev.jbpfc.testsuite.json.Json;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the REAL template loop checker ({@code LoopChecker.check}, through {@code jbpfc check-loops} and
 * {@link CheckLoops}): these need the checker merged and fail (exit status 2, "internal error of the loop checker:
 * UnsupportedOperationException") while it is still the placeholder. They assert only what docs/loop-hints.md
 * promises, so any correct checker passes them.
 */
class CheckLoopsRealCheckerTest {
    @TempDir Path tmp;

    Path object(String name, List<String> tags) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, HintedObject.build(tags));
        return p;
    }

    static CheckLoopsCommandTest.Run jbpfc(String... args) {
        return CheckLoopsCommandTest.run(null, args);
    }

    static Map<?, ?> onlyProgram(String json) {
        List<?> programs = (List<?>) Json.parseObject(json).get("programs");
        assertEquals(1, programs.size(), json);
        return (Map<?, ?>) programs.get(0);
    }

    static long number(Map<?, ?> m, String key) {
        return ((Number) m.get(key)).longValue();
    }

    @Test
    void anHonestHintIsAcceptedWithItsBound() throws Exception {
        Path o = object("hinted.o", List.of(HintedObject.HINT));
        CheckLoopsCommandTest.Run r = jbpfc("check-loops", o.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().startsWith(o + ": xdp/prog: loop [2,4] counted-up: accepted, bound 10, examined "), r.out());

        r = jbpfc("check-loops", "--json", o.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        Map<?, ?> p = onlyProgram(r.out());
        assertEquals(0L, number(p, "unhinted_back_edges"));
        Map<?, ?> loop = (Map<?, ?>) ((List<?>) p.get("loops")).get(0);
        assertEquals("accepted", loop.get("verdict"));
        assertEquals(10L, number(loop, "bound"));
        assertTrue(number(loop, "examined") > 0);
        long worst = number(loop, "worst_case");
        assertTrue(worst >= 10 && worst <= 10 * 7, "bound x longest body path (the body is 3 instructions): " + worst);
        assertFalse(loop.containsKey("reason"));
    }

    /** The checker's cost does not depend on the trip count: the same loop to 10 and to 1,000,000. */
    @Test
    void examinedDoesNotDependOnTheTripCount() throws Exception {
        long[] examined = new long[2];
        int k = 0;
        for (int n : new int[] {10, 1_000_000}) {
            byte[] bytes = HintedObject.build(List.of(HintedObject.HINT.replace("limit=10", "limit=" + n).replace("trips=10", "trips=" + n)));
            Path o = tmp.resolve("n" + n + ".o");
            Files.write(o, withLimit(bytes, n));
            CheckLoopsCommandTest.Run r = jbpfc("check-loops", "--json", o.toString());
            assertEquals(0, r.status(), r.out() + r.err());
            Map<?, ?> loop = (Map<?, ?>) ((List<?>) onlyProgram(r.out()).get("loops")).get(0);
            assertEquals((long) n, number(loop, "bound"));
            examined[k++] = number(loop, "examined");
        }
        assertEquals(examined[0], examined[1]);
    }

    /** The hinted object's code with the back edge's immediate limit changed to {@code n}. */
    static byte[] withLimit(byte[] object, int n) throws Exception {
        BpfObjectFile f = BpfObjectFile.parse(object);
        BpfObjectFile.Section xdp = f.section("xdp").orElseThrow();
        byte[] out = object.clone();
        int at = (int) xdp.offset() + 4 * 8 + 4;
        java.nio.ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(at, n);
        return out;
    }

    @Test
    void lyingHintsAreRejectedAndTheirBackEdgeIsUnhinted() throws Exception {
        for (String lie : List.of(HintedObject.HINT.replace("trips=10", "trips=9"), HintedObject.HINT.replace("trips=10", "trips=11"),
                HintedObject.HINT.replace("iv=r1", "iv=r0"), HintedObject.HINT.replace("step=1", "step=2"),
                HintedObject.HINT.replace("start=2", "start=3"), HintedObject.HINT.replace("counted-up", "counted-down"),
                "jbpfc.loop/1:counted-up:garbage")) {
            Path o = object("lie.o", List.of(lie));
            CheckLoopsCommandTest.Run r = jbpfc("check-loops", "--json", o.toString());
            assertEquals(1, r.status(), lie + ": " + r.out() + r.err());
            Map<?, ?> p = onlyProgram(r.out());
            Map<?, ?> loop = (Map<?, ?>) ((List<?>) p.get("loops")).get(0);
            assertEquals("rejected", loop.get("verdict"), lie);
            assertFalse(((String) loop.get("reason")).isBlank(), lie);
            assertFalse(loop.containsKey("bound"), lie);
            assertEquals(List.of(4L), ((List<?>) p.get("unhinted_at")).stream().map(x -> ((Number) x).longValue()).toList(), lie);
        }
    }

    @Test
    void noHintIsOneUnhintedBackEdge() throws Exception {
        Path o = object("plain.o", List.of());
        CheckLoopsCommandTest.Run r = jbpfc("check-loops", o.toString());
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.out().contains(o + ": xdp/prog: unhinted back edge at insn 4\n"), r.out());
    }

    /** clang-22's objects carry no hints: one unhinted back edge per loop, at the slots of its backward jumps. */
    @Test
    void clangObjectsOneUnhintedBackEdgePerLoop() throws Exception {
        Path src = tmp.resolve("loops.c");
        Files.writeString(src, CheckLoopsCommandTest.TWO_LOOPS);
        ClangResult c = OracleRequirement.clang().compile(src, List.of("-O2", "-g", "--target=bpf", "-mcpu=v3"));
        assertTrue(c.ok(), c.diagnostics());
        List<FunctionReport> reports = CheckLoops.run(List.of(c.object()));
        List<FunctionCode> fs = BpfObjectFunctions.of(BpfObjectFile.read(c.object()));
        assertEquals(fs.size(), reports.size());
        int total = 0;
        for (int i = 0; i < fs.size(); i++) {
            List<Integer> expected = new ArrayList<>();
            for (int[] e : FakeChecker.backEdges(fs.get(i).code())) expected.add(e[0]);
            assertEquals(expected, reports.get(i).unhintedBackEdges(), fs.get(i).name());
            assertTrue(reports.get(i).loops().isEmpty());
            total += expected.size();
        }
        assertEquals(2, total);
        CheckLoopsCommandTest.Run r = jbpfc("check-loops", c.object().toString());
        assertEquals(1, r.status(), r.out() + r.err());
        assertEquals(2, r.out().lines().filter(l -> l.contains(": unhinted back edge at insn ")).count(), r.out());
    }

    @Test
    void aProgramWithoutLoopsIsProved() throws Exception {
        Path src = tmp.resolve("straight.c");
        Files.writeString(src, "__attribute__((section(\"xdp\"), used)) int prog(void *ctx) { return 2; }\n");
        ClangResult c = OracleRequirement.clang().compile(src, List.of("-O2", "-g", "--target=bpf", "-mcpu=v3"));
        assertTrue(c.ok(), c.diagnostics());
        CheckLoopsCommandTest.Run r = jbpfc("check-loops", c.object().toString());
        assertEquals(0, r.status(), r.out() + r.err());
        List<LoopVerdict> none = CheckLoops.run(List.of(c.object())).get(0).loops();
        assertTrue(none.isEmpty());
    }
}
