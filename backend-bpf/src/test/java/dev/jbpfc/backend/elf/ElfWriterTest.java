package dev.jbpfc.backend.elf;

import dev.jbpfc.backend.testing.ExternalTools;
import dev.jbpfc.loophints.object.BpfObjectFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer against clang-22's objects: a clang object is read back and rebuilt through {@link ObjectFile} and
 * {@link ElfObjectWriter}; llvm-readelf-22 must print the same sections, symbols and relocations for both (file
 * offsets aside), read ours without warnings, and bpftool must load ours into the kernel.
 */
class ElfWriterTest {
    @TempDir Path tmp;

    static final String PROGRAM = String.join("\n",
            "struct { int (*type)[2]; int (*max_entries)[1]; int *key; long *value; } m __attribute__((section(\".maps\")));",
            "int counter = 0;",
            "long big[4];",
            "const int ro = 5;",
            "static int sdata = 3;",
            "long *ptrs[] = { &big[1] };",
            "char LICENSE[] __attribute__((section(\"license\"))) = \"GPL\";",
            "static void *(*lookup)(void *, const void *) = (void *) 1;",
            "static __attribute__((noinline)) int helper(int x) { return x + sdata; }",
            "__attribute__((noinline)) int glob(int x) { return x + 1; }",
            "__attribute__((section(\"xdp\"))) int prog(void *ctx) {",
            "  int k = 0; long *v = lookup(&m, &k);",
            "  if (v) counter += *v;",
            "  return (helper(counter) + glob(ro) + big[2]) & 1;",
            "}",
            "__attribute__((section(\"tc\"))) int prog2(void *ctx) { return helper(1) & 1; }",
            "");

    @Test
    void writesAMinimalObjectByHand() throws Exception {
        ObjectFile object = new ObjectFile("t.c");
        ObjectSection xdp = object.section("xdp", ObjectSection.Kind.CODE);
        xdp.append(new byte[] {(byte) 0xb7, 0, 0, 0, 2, 0, 0, 0, (byte) 0x95, 0, 0, 0, 0, 0, 0, 0}, 8);
        object.define("prog", xdp, 0, 16, ObjectSymbol.Type.FUNC, ObjectSymbol.Binding.GLOBAL);
        ObjectSection license = object.section("license", ObjectSection.Kind.DATA);
        license.append("GPL\0".getBytes(), 1);
        object.define("LICENSE", license, 0, 4, ObjectSymbol.Type.OBJECT, ObjectSymbol.Binding.GLOBAL);
        BpfObjectFile elf = BpfObjectFile.parse(ElfObjectWriter.write(object)); // refuses an e_machine other than 247
        assertArrayEquals(xdp.data(), elf.contents(elf.section("xdp").orElseThrow()));
        List<String> names = new ArrayList<>();
        for (BpfObjectFile.Symbol s : elf.symbols()) names.add(s.name() + "/" + s.type() + "/" + s.binding());
        assertEquals(List.of("/0/0", "t.c/4/0", "prog/2/1", "LICENSE/1/1"), names);
    }

    @Test
    void rewrittenClangObjectReadsTheSameInReadelf() throws Exception {
        String clang = ExternalTools.require("clang-22");
        String readelf = ExternalTools.require("llvm-readelf-22");
        Path source = tmp.resolve("m.c");
        Files.writeString(source, PROGRAM);
        Path clangObject = tmp.resolve("clang.o");
        ExternalTools.runOk(clang, "--target=bpf", "-O2", "-mcpu=v3", "-fno-addrsig", "-c", source.toString(), "-o",
                clangObject.toString());
        Path ours = tmp.resolve("ours.o");
        Files.write(ours, ElfObjectWriter.write(rebuild(BpfObjectFile.read(clangObject), false)));

        ExternalTools.Result theirs = ExternalTools.runOk(readelf, "-S", "-r", "-s", clangObject.toString());
        ExternalTools.Result mine = ExternalTools.runOk(readelf, "-S", "-r", "-s", ours.toString());
        assertEquals("", mine.stderr, "llvm-readelf-22 warns about our object");
        assertEquals(normalize(theirs.stdout), normalize(mine.stdout));
    }

    @Test
    void rewrittenClangObjectWithBtfLoadsThroughBpftool() throws Exception {
        String clang = ExternalTools.require("clang-22");
        String bpftool = ExternalTools.require("bpftool");
        if (!ExternalTools.isRoot() || !Files.isDirectory(Path.of("/sys/fs/bpf"))) {
            ExternalTools.missing("loading BPF programs needs root and /sys/fs/bpf");
        }
        Path source = tmp.resolve("m.c");
        Files.writeString(source, PROGRAM.replace("int (*type)[2]", "int (*type)[2]"));
        Path clangObject = tmp.resolve("clang.o");
        ExternalTools.runOk(clang, "--target=bpf", "-O2", "-mcpu=v3", "-g", "-c", source.toString(), "-o",
                clangObject.toString());
        Path ours = tmp.resolve("ours.o");
        Files.write(ours, ElfObjectWriter.write(rebuild(BpfObjectFile.read(clangObject), true)));
        Path pin = Path.of("/sys/fs/bpf/jbpfc-backend-elf-" + ProcessHandle.current().pid());
        try {
            ExternalTools.Result r = ExternalTools.run(List.of(bpftool, "prog", "loadall", ours.toString(), pin.toString()), null);
            assertEquals(0, r.status, "bpftool could not load our object:\n" + r.stderr + r.stdout);
            assertTrue(Files.exists(pin.resolve("prog")), "program 'prog' is not pinned");
        } finally {
            ExternalTools.run(List.of("rm", "-rf", pin.toString()), null);
        }
    }

    /** Rebuilds an object from what a reader saw, dropping DWARF (.debug_*) and .llvm_addrsig. */
    static ObjectFile rebuild(BpfObjectFile elf, boolean keepBtf) {
        ObjectFile object = null;
        for (BpfObjectFile.Symbol s : elf.symbols()) if (s.type() == 4) object = new ObjectFile(s.name());
        Map<Integer, ObjectSection> byIndex = new HashMap<>();
        for (int i = 1; i < elf.sections().size(); i++) {
            BpfObjectFile.Section s = elf.sections().get(i);
            if (!keep(s, keepBtf)) continue;
            ObjectSection.Kind kind = (s.flags() & 4) != 0 ? ObjectSection.Kind.CODE
                    : s.type() == 8 ? ObjectSection.Kind.BSS
                    : (s.flags() & 1) != 0 ? ObjectSection.Kind.DATA
                    : (s.flags() & 2) != 0 ? ObjectSection.Kind.RODATA : ObjectSection.Kind.METADATA;
            ObjectSection section = object.section(s.name(), kind);
            if (kind == ObjectSection.Kind.BSS) section.reserve(s.size(), (int) s.align());
            else section.append(elf.contents(s), (int) s.align());
            section.alignment = s.align();
            byIndex.put(i, section);
        }
        List<BpfObjectFile.Symbol> symbols = elf.symbols();
        Map<Integer, ObjectSymbol> symbolMap = new HashMap<>();
        for (int i = 1; i < symbols.size(); i++) {
            BpfObjectFile.Symbol s = symbols.get(i);
            if (s.type() == 4) continue;
            ObjectSection section = byIndex.get(s.sectionIndex());
            if (s.sectionIndex() != 0 && section == null) continue;
            ObjectSymbol.Type type = ObjectSymbol.Type.values()[s.type()];
            ObjectSymbol.Binding bind = ObjectSymbol.Binding.values()[s.binding()];
            ObjectSymbol symbol = type == ObjectSymbol.Type.SECTION ? object.sectionSymbol(section)
                    : section == null ? object.external(s.name(), type, bind == ObjectSymbol.Binding.WEAK)
                    : object.define(s.name(), section, s.value(), s.size(), type, bind);
            symbolMap.put(i, symbol);
        }
        for (BpfObjectFile.Section s : elf.sections()) {
            ObjectSection target = byIndex.get(s.index());
            if (target == null) continue;
            for (BpfObjectFile.Relocation r : elf.relocations(s)) {
                RelocationType type = null;
                for (RelocationType t : RelocationType.values()) if (t.code == r.type()) type = t;
                target.addRelocation(r.offset(), symbolMap.get(r.symbol()), type);
            }
        }
        return object;
    }

    private static boolean keep(BpfObjectFile.Section s, boolean keepBtf) {
        if (s.type() == 2 || s.type() == 3 || s.type() == 9 || s.name().equals(".llvm_addrsig")) return false;
        if (s.name().startsWith(".debug")) return false;
        return keepBtf || !s.name().startsWith(".BTF");
    }

    /** readelf text without file offsets, the section count line and the sections we drop. */
    static String normalize(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.contains("llvm_addrsig") || line.startsWith("There are") || line.contains("at offset")) continue;
            if (line.matches("\\s+\\[\\s*\\d+\\].*")) line = line.replaceAll("^(\\s+\\[\\s*\\d+\\] \\S*\\s+\\S+\\s+\\S+) \\S+", "$1 OFF");
            // clang shares string tails in .strtab ("xdp" inside ".relxdp"); we store each name whole.
            if (line.contains(" .strtab ")) line = line.replaceAll("OFF \\S+", "OFF SIZE");
            out.add(line);
        }
        return String.join("\n", out);
    }
}
