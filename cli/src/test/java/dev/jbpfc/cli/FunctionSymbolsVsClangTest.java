package dev.jbpfc.cli;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfType;
import dev.jbpfc.loophints.object.BpfObjectFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which functions an object defines, which it calls without defining, and which have a BTF FUNC: for each
 * {@code src/test/resources/symbols/*.c} at {@code -O0} and at {@code -O2}, jbpfc's object lists the same as
 * clang-22's. A function symbol is "FUNC GLOBAL name" (defined) or "UNDEFINED name" (a call's relocation against a
 * function of another object); a BTF FUNC is "BTF FUNC name linkage". Offsets, sizes and code are not compared.
 */
class FunctionSymbolsVsClangTest {
    static final Path SOURCES = Path.of("src/test/resources/symbols");
    static final Path OBJECTS = Path.of("target/symbols-vs-clang").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> functionsAndBtfFuncsAsClang() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no sources in " + SOURCES.toAbsolutePath());
        return files.stream().flatMap(f -> Stream.of("-O0", "-O2").map(level -> DynamicTest.dynamicTest(
                f.getFileName() + " " + level, () -> check(f, level))));
    }

    private static void check(Path source, String level) throws Exception {
        List<String> flags = List.of(level, "-g", "--target=bpf", "-mcpu=v3");
        Path clang = ClangObject.of(source, flags);
        Path obj = InProcessJbpfc.compile(flags, source, OBJECTS.resolve(source.getFileName().toString().replaceFirst("\\.c$", level + ".o")));
        Set<String> theirs = functions(clang);
        assertTrue(theirs.stream().anyMatch(s -> s.startsWith("UNDEFINED ")) || level.equals("-O2"),
                "clang-22's object at " + level + " calls no undefined function: nothing to compare: " + theirs);
        assertEquals(String.join("\n", theirs), String.join("\n", functions(obj)),
                "function symbols and BTF FUNCs, clang-22 (expected) vs jbpfc, at " + level);
    }

    static Set<String> functions(Path object) throws Exception {
        BpfObjectFile elf = BpfObjectFile.read(object);
        Set<String> out = new TreeSet<>();
        for (BpfObjectFile.Symbol s : elf.symbols()) {
            if (s.name().isEmpty()) continue;
            String binding = s.binding() == 0 ? "LOCAL" : s.binding() == 1 ? "GLOBAL" : "WEAK";
            if (s.isFunction()) out.add("FUNC " + binding + " " + s.name());
            else if (s.sectionIndex() == 0) out.add("UNDEFINED " + binding + " " + s.name());
        }
        Btf btf = elf.btf().orElseThrow(() -> new AssertionError(object + " has no .BTF"));
        for (int id = 1; id < btf.typeCount(); id++) {
            if (btf.type(id) instanceof BtfType.Func f) out.add("BTF FUNC " + f.name() + " " + f.linkage());
        }
        return out;
    }
}
