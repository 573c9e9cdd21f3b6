package dev.jbpfc.btf;

import static org.junit.jupiter.api.Assertions.*;

import dev.jbpfc.btf.BtfType.*;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * clang-22 as the reference: the .BTF it emits for the fixtures in resources/clang, read by BtfReader, printed by
 * BtfDumper (compared with bpftool), re-encoded by BtfWriter (compared byte for byte) and rebuilt through
 * BtfBuilder's API in a scrambled order (compared as a graph, then loaded into the kernel).
 */
class ClangBtfTest {

    static Stream<String> fixtures() throws Exception {
        return ClangFixtures.names().stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readerAgreesWithBpftool(String name) throws Exception {
        ClangFixtures.Compiled c = ClangFixtures.compile(name);
        Path bpftool = Oracle.requireTool("bpftool");
        Path raw = Oracle.WORK.resolve("clang").resolve(name + ".btf");
        Oracle.Result r = Oracle.run(List.of(bpftool.toString(), "btf", "dump", "file", raw.toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals(r.out(), BtfDumper.dump(BtfReader.read(c.btf())));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void writerReproducesClangBytes(String name) throws Exception {
        byte[] clang = ClangFixtures.compile(name).btf();
        Btf btf = BtfReader.read(clang);
        assertArrayEquals(clang, BtfWriter.write(btf.types(), BtfBuilderTest.seeded(btf)));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void builderRebuildsTheSameGraphAndTheKernelLoadsIt(String name) throws Exception {
        Btf clang = BtfReader.read(ClangFixtures.compile(name).btf());
        for (int seed = 1; seed <= 5; seed++) {
            BtfBuilder b = new BtfBuilder();
            BtfGraphs.copy(clang, b, new Random(seed));
            Btf ours = BtfReader.read(b.encode());
            String diff = BtfGraphs.difference(clang, ours);
            assertNull(diff, name + " seed " + seed + ": " + diff + "\nours:\n" + BtfDumper.dump(ours));
            Oracle.Result r = Oracle.loadBtf(LibbpfFixups.encodeForKernel(ours.types(), BtfBuilderTest.seeded(ours)));
            // An incomplete enum is an ENUM of size 0, which the kernel refuses in clang's BTF as in ours.
            boolean enumFwd = clang.types().stream().anyMatch(t -> t instanceof Enum32 e && e.size() == 0);
            assertEquals(enumFwd ? 1 : 0, r.exit(), name + " seed " + seed + ":\n" + r.out());
            if (enumFwd) {
                Oracle.Result rc = Oracle.loadBtf(LibbpfFixups.encodeForKernel(clang.types(), BtfBuilderTest.seeded(clang)));
                assertEquals(1, rc.exit());
                assertTrue(r.out().contains("Unexpected size") && rc.out().contains("Unexpected size"), r.out());
            }
        }
    }

    /** What the lowering will do for example.c, written out by hand, is clang's graph. */
    @Test
    void handBuiltExampleMatchesClang() throws Exception {
        Btf clang = BtfReader.read(ClangFixtures.compile("example.c").btf());
        BtfBuilder b = new BtfBuilder();
        int node = b.declareStruct("node");
        int ptr = b.addPointer(node);
        int uint = b.addInt("unsigned int", 4, false, false, false);
        b.defineComposite(node, 16, List.of(Member.field("next", ptr, 0), Member.bitfield("flag", uint, 64, 1)));
        int i = b.addInt("int", 4, true, false, false);
        int fp = b.addFuncProto(i, List.of(new Param("n", ptr)), false);
        b.addFunc("count", fp, FuncLinkage.GLOBAL);
        Btf ours = BtfReader.read(b.encode());
        assertNull(BtfGraphs.difference(clang, ours), () -> "clang:\n" + BtfDumper.dump(clang) + "ours:\n" + BtfDumper.dump(ours));
        // And the comparison can fail: a different bitfield width is noticed.
        BtfBuilder wrong = new BtfBuilder();
        int n2 = wrong.declareStruct("node");
        int p2 = wrong.addPointer(n2);
        int u2 = wrong.addInt("unsigned int", 4, false, false, false);
        wrong.defineComposite(n2, 16, List.of(Member.field("next", p2, 0), Member.bitfield("flag", u2, 64, 2)));
        wrong.addFunc("count", wrong.addFuncProto(wrong.addInt("int", 4, true, false, false), List.of(new Param("n", p2)), false), FuncLinkage.GLOBAL);
        assertNotNull(BtfGraphs.difference(clang, BtfReader.read(wrong.encode())));
    }

    /** The running kernel's BTF (about 150k types) reads, and prints exactly as bpftool prints it. */
    @Test
    void vmlinuxReadsLikeBpftool() throws Exception {
        Path vmlinux = Path.of("/sys/kernel/btf/vmlinux");
        Oracle.require(Files.isReadable(vmlinux), "no kernel BTF at /sys/kernel/btf/vmlinux");
        Path bpftool = Oracle.requireTool("bpftool");
        long t0 = System.nanoTime();
        Btf btf = BtfReader.read(vmlinux);
        String ours = BtfDumper.dump(btf);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Oracle.Result r = Oracle.run(List.of(bpftool.toString(), "btf", "dump", "file", vmlinux.toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals(r.out().length(), ours.length());
        assertTrue(r.out().equals(ours), "dump differs from bpftool's");
        assertTrue(btf.typeCount() > 10_000);
        System.out.println("vmlinux: " + btf.typeCount() + " types read and dumped in " + ms + " ms");
        // Re-encoding what was read gives the same bytes back.
        assertArrayEquals(Files.readAllBytes(vmlinux), BtfWriter.write(btf.types(), BtfBuilderTest.seeded(btf)));
    }
}
