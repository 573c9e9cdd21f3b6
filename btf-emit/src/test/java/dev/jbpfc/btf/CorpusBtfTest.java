package dev.jbpfc.btf;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kernel selftests' BPF programs, compiled by clang-22 with the selftests' flags, as a corpus of real BTF
 * (vmlinux.h types, CO-RE records, maps, kfuncs, decl/type tags): everything ClangBtfTest and ClangBtfExtTest
 * check on the small fixtures, on a fixed sample by default. {@code -Djbpfc.btf.corpus=all} runs every program
 * (slow: clang takes up to ~15 s on some files on a busy machine), {@code =stride:N} every N-th, {@code =files:a.c,b.c}
 * the ones named. In a sweep a file
 * clang-22 itself refuses is skipped, not failed.
 */
class CorpusBtfTest {
    static final List<String> SAMPLE = List.of("test_core_reloc_kernel.c", "test_core_reloc_bitfields_probed.c",
            "test_core_reloc_enum64val.c", "test_map_in_map.c", "test_ksyms_weak.c", "loop1.c", "test_global_func1.c",
            "test_btf_decl_tag.c", "bpf_iter_task_vmas.c");

    static Path corpus() {
        return Paths.get(System.getenv().getOrDefault("JBPFC_CORPUS", System.getProperty("user.home") + "/.cache/jbpfc/linux-6.12"));
    }

    /** The sample, or with -Djbpfc.btf.corpus=all every program, =stride:N every N-th, =files:a.c,b.c those. */
    static Stream<String> programs() throws IOException {
        String mode = System.getProperty("jbpfc.btf.corpus", "");
        if (mode.startsWith("files:")) return Arrays.stream(mode.substring(6).split(","));
        if (!sweeping()) return SAMPLE.stream();
        Path progs = corpus().resolve("progs");
        if (!Files.isDirectory(progs)) return SAMPLE.stream();
        int stride = mode.startsWith("stride:") ? Integer.parseInt(mode.substring(7)) : 1;
        try (Stream<Path> s = Files.list(progs)) {
            List<String> all = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c")).sorted().toList();
            List<String> picked = new ArrayList<>();
            for (int i = 0; i < all.size(); i += stride) picked.add(all.get(i));
            return picked.stream();
        }
    }

    static boolean sweeping() {
        String mode = System.getProperty("jbpfc.btf.corpus", "");
        return mode.equals("all") || mode.startsWith("stride:") || mode.startsWith("files:");
    }

    private static List<String> flags() {
        String root = System.getenv().getOrDefault("JBPFC_ROOT", Paths.get("..").toAbsolutePath().normalize().toString());
        Path script = Paths.get(root, "scripts", "selftests-flags");
        Oracle.require(Files.isExecutable(script), "scripts/selftests-flags not found under " + root);
        Oracle.Result r = Oracle.run(List.of(script.toString()));
        assertEquals(0, r.exit(), r.err());
        return new ArrayList<>(Arrays.asList(r.out().trim().split("\\s+")));
    }

    @ParameterizedTest
    @MethodSource("programs")
    void clangBtfOfSelftest(String name) throws Exception {
        Path src = corpus().resolve("progs").resolve(name);
        Oracle.require(Files.isRegularFile(src), "the selftests corpus is not laid out (run scripts/setup-corpus.sh): " + src);
        ClangFixtures.Compiled c;
        try {
            c = ClangFixtures.compile(src, flags(), Oracle.WORK.resolve("corpus"));
        } catch (AssertionError e) {
            if (sweeping()) org.junit.jupiter.api.Assumptions.abort("clang-22 cannot compile " + name);
            throw e;
        }
        Btf btf = BtfReader.read(c.btf());
        Path raw = Oracle.WORK.resolve("corpus").resolve(name + ".btf");
        Oracle.Result dump = Oracle.run(List.of(Oracle.requireTool("bpftool").toString(), "btf", "dump", "file", raw.toString()));
        assertEquals(0, dump.exit(), dump.err());
        assertEquals(dump.out(), BtfDumper.dump(btf), name + ": our dump differs from bpftool's");
        assertArrayEquals(c.btf(), BtfWriter.write(btf.types(), BtfStrings.wrap(btf.strings())), name + ": .BTF re-encoding differs");

        if (c.btfExt() != null) {
            BtfExt ext = BtfExtReader.read(c.btfExt(), btf);
            BtfExtBuilder eb = new BtfExtBuilder(BtfStrings.wrap(btf.strings()));
            eb.addAll(ext);
            assertArrayEquals(c.btfExt(), eb.encode().bytes(), name + ": .BTF.ext re-encoding differs");
            assertEquals(LlvmObjdumpCore.llvm(c.object()), LlvmObjdumpCore.ours(btf, ext.coreRelos()), name + ": CO-RE relocations read differently");
        }

        BtfBuilder b = new BtfBuilder();
        BtfGraphs.copy(btf, b, new Random(name.hashCode()));
        Btf ours = BtfReader.read(b.encode());
        String diff = BtfGraphs.difference(btf, ours);
        assertNull(diff, name + ": " + diff);
        // The kernel's verdict on our rebuilt graph is its verdict on clang's (after the same libbpf-like fixups):
        // some selftests make BTF the kernel refuses on purpose (err_too_deep), or that libbpf repairs in ways not
        // redone here (unnamed parameters of __naked functions).
        Oracle.Result load = Oracle.loadBtf(LibbpfFixups.encodeForKernel(ours.types(), BtfStrings.wrap(ours.strings())));
        Oracle.Result clangLoad = load.exit() == 0 ? load : Oracle.loadBtf(LibbpfFixups.encodeForKernel(btf.types(), BtfStrings.wrap(btf.strings())));
        assertEquals(clangLoad.exit(), load.exit(), name + ": " + load.out().lines().limit(3).toList() + " ... " + tail(load.out()));
        if (SAMPLE.contains(name)) assertEquals(0, load.exit(), name + ": " + tail(load.out()));
    }

    private static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
