package dev.jbpfc.cli;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfExt;
import dev.jbpfc.btf.CoreAccessString;
import dev.jbpfc.loophints.object.BpfObjectFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: the CO-RE relocations of each function of {@code src/test/resources/core/*.c} are the ones clang-22
 * records for it: same kind, same root type (its BTF kind and name: a typedef where clang names the typedef) and the
 * same access string, read from both objects' .BTF.ext with the project's own readers. Type ids differ between the
 * objects, so a relocation is compared as "{@code <byte_off> typedef key_t::key[1] (0:0:1)}", an anonymous root as
 * {@code <anon>}. libbpf finds a relocation's kernel candidates by that root's name: naming the anonymous struct
 * under {@code siphash_key_t} instead of the typedef made test_tcp_custom_syncookie.c unloadable.
 */
class CoreRelocationsVsClangTest {
    static final Path SOURCES = Path.of("src/test/resources/core");
    static final Path OBJECTS = Path.of("target/core-vs-clang").toAbsolutePath();
    static final List<String> FLAGS = List.of("-O2", "-g", "--target=bpf", "-mcpu=v3");

    @TestFactory
    Stream<DynamicTest> everyFunctionRelocatesLikeClang() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no sources in " + SOURCES.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path source) throws Exception {
        Path clang = ClangObject.of(source, FLAGS);
        Path obj = InProcessJbpfc.compile(FLAGS, source, OBJECTS.resolve(source.getFileName().toString().replaceFirst("\\.c$", ".o")));

        Map<String, List<String>> theirs = relocationsByFunction(clang);
        Map<String, List<String>> ours = relocationsByFunction(obj);
        assertTrue(theirs.values().stream().mapToInt(List::size).sum() >= 10,
                "clang-22's object of " + source + " has too few CO-RE relocations to compare: " + theirs);
        assertEquals(render(theirs), render(ours), "CO-RE relocations per function, clang-22 (expected) vs jbpfc");
    }

    /** Each function's relocations as "kind root::path (access)", sorted (the order of records is the compiler's). */
    static Map<String, List<String>> relocationsByFunction(Path object) throws Exception {
        BpfObjectFile elf = BpfObjectFile.read(object);
        Btf btf = elf.btf().orElseThrow(() -> new AssertionError(object + " has no .BTF"));
        BtfExt ext = elf.btfExt().orElseThrow(() -> new AssertionError(object + " has no .BTF.ext"));
        Map<String, List<String>> out = new TreeMap<>();
        for (BtfExt.CoreRelo r : ext.coreRelos()) {
            String function = null;
            for (BpfObjectFile.FunctionSymbol f : elf.functions()) {
                if (f.section().name().equals(r.section()) && r.insnOff() >= f.offset()
                        && r.insnOff() < f.offset() + f.size()) {
                    function = f.name();
                }
            }
            String where = function != null ? function : r.section() + "+" + r.insnOff();
            String described = CoreAccessString.describe(btf::type, r.typeId(), r.accessString(), r.kind());
            String normalized = described.replaceFirst("^\\[\\d+] ", "").replaceFirst("^(\\w+ )?<anon \\d+>", "$1<anon>");
            out.computeIfAbsent(where, k -> new ArrayList<>()).add("<" + r.kind().shortName + "> " + normalized);
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    private static String render(Map<String, List<String>> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((f, l) -> l.forEach(s -> sb.append(f).append(": ").append(s).append('\n')));
        return sb.toString();
    }
}
