package dev.jbpfc.cli;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfType;
import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Globals in address space 1 ({@code __arena}) are laid out as clang-22 lays them out: in section
 * {@code .addr_space.1} (PROGBITS even when all zero, which libbpf maps into the object's arena map), with the same
 * symbols, the same relocation kinds against them and a BTF DATASEC of that name listing the same variables. The
 * kernel cannot judge this on a machine that refuses arena maps, so the ELF layout against clang's object in the
 * same run is the check. {@code arena/arena_globals.c} is compared in full (values included); the selftests' arena
 * files by membership (which object lands in which section), since jbpfc orders statics that only inline functions
 * use differently from clang.
 */
class ArenaGlobalsVsClangTest {
    private static final Path OUT = Path.of("target/arena").toAbsolutePath();
    private static final String ARENA = ".addr_space.1";

    @Test
    void sameArenaLayoutAsClang() throws Exception {
        Path src = Path.of("src/test/resources/arena/arena_globals.c").toAbsolutePath();
        List<String> flags = List.of("-O2", "-g", "--target=bpf", "-mcpu=v3");
        BpfObjectFile clang = clangObject(src, flags);
        BpfObjectFile jbpfc = jbpfcObject(src, flags);

        Map<String, String> want = objectSymbols(clang, true);
        assertTrue(want.get("matrix").startsWith(ARENA + " "), "clang's placement read: " + want);
        assertTrue(want.get("plain").startsWith(".bss "), "clang's placement read: " + want);
        assertEquals(want, objectSymbols(jbpfc, true));

        BpfObjectFile.Section clangArena = clang.section(ARENA).orElseThrow();
        BpfObjectFile.Section ours = jbpfc.section(ARENA).orElseThrow();
        assertEquals(BpfObjectFile.SHT_PROGBITS, clangArena.type());
        assertEquals(List.of(clangArena.type(), clangArena.flags(), clangArena.size()),
                List.of(ours.type(), ours.flags(), ours.size()));
        assertTrue(ours.size() > 0 && allZeroAfterInitialized(jbpfc, ours));

        assertEquals(relocationsAgainst(clang, ARENA), relocationsAgainst(jbpfc, ARENA));
        assertFalse(relocationsAgainst(clang, ARENA).isEmpty());
        assertEquals(datasecVars(clang, ARENA), datasecVars(jbpfc, ARENA));
        assertEquals(datasecVars(clang, ".bss"), datasecVars(jbpfc, ".bss"));
    }

    @Test
    void selftestsArenaFilesPlaceTheirGlobalsAsClangDoes() throws Exception {
        Path progs = OracleRequirement.corpus().resolve("src/tools/testing/selftests/bpf/progs");
        List<String> flags = new ArrayList<>(OracleRequirement.selftestsFlags());
        flags.addAll(List.of("-O2", "--target=bpf", "-mcpu=v3"));
        for (String file : List.of("arena_htab.c", "arena_list.c", "arena_atomics.c", "verifier_arena_large.c")) {
            Path src = progs.resolve(file);
            BpfObjectFile clang = clangObject(src, flags);
            BpfObjectFile jbpfc = jbpfcObject(src, flags);
            Map<String, String> want = objectSymbols(clang, false);
            assertTrue(want.values().stream().anyMatch(v -> v.startsWith(ARENA)), file + ": " + want);
            assertEquals(want, objectSymbols(jbpfc, false), file);
            assertEquals(relocationsAgainst(clang, ARENA), relocationsAgainst(jbpfc, ARENA), file);
            assertEquals(datasecVars(clang, ARENA), datasecVars(jbpfc, ARENA), file);
        }
    }

    /** Every OBJECT symbol: its section's name, binding, size and, with {@code values}, its offset. */
    private static Map<String, String> objectSymbols(BpfObjectFile o, boolean values) {
        Map<String, String> out = new TreeMap<>();
        for (BpfObjectFile.Symbol s : o.symbols()) {
            if (s.type() != 1 || s.sectionIndex() == 0 || s.sectionIndex() >= BpfObjectFile.SHN_LORESERVE) continue;
            String section = o.sections().get(s.sectionIndex()).name();
            out.put(s.name(), section + " bind=" + s.binding() + " size=" + s.size() + (values ? " value=" + s.value() : ""));
        }
        return out;
    }

    /** The (symbol, relocation type) pairs of code relocations whose symbol lies in {@code section}. */
    private static TreeSet<String> relocationsAgainst(BpfObjectFile o, String section) {
        TreeSet<String> out = new TreeSet<>();
        for (BpfObjectFile.Section code : o.codeSections()) {
            for (BpfObjectFile.Relocation r : o.relocations(code)) {
                BpfObjectFile.Symbol s = o.symbols().get(r.symbol());
                if (s.sectionIndex() == 0 || s.sectionIndex() >= BpfObjectFile.SHN_LORESERVE) continue;
                if (!o.sections().get(s.sectionIndex()).name().equals(section)) continue;
                out.add((s.name().isEmpty() ? "<section>" : s.name()) + " type=" + r.type());
            }
        }
        return out;
    }

    /** The DATASEC named {@code section}: its variables' names and sizes (offsets are filled in by libbpf). */
    private static TreeSet<String> datasecVars(BpfObjectFile o, String section) {
        Btf btf = o.btf().orElseThrow();
        TreeSet<String> out = new TreeSet<>();
        for (BtfType t : btf.types()) {
            if (!(t instanceof BtfType.Datasec d) || !d.name().equals(section)) continue;
            for (BtfType.SecInfo v : d.vars()) out.add(btf.type(v.type()).name() + " size=" + v.size());
        }
        return out;
    }

    /** The zero-initialized part of the arena section is written as zero bytes, not left out. */
    private static boolean allZeroAfterInitialized(BpfObjectFile o, BpfObjectFile.Section s) {
        byte[] bytes = o.contents(s);
        if (bytes.length != s.size()) return false;
        for (int i = 8; i < bytes.length; i++) if (bytes[i] != 0) return false;
        return bytes[0] == 5 && bytes[4] == 7;
    }

    private static BpfObjectFile clangObject(Path src, List<String> flags) throws Exception {
        return BpfObjectFile.read(ClangObject.of(src, flags));
    }

    private static BpfObjectFile jbpfcObject(Path src, List<String> flags) throws Exception {
        return BpfObjectFile.read(InProcessJbpfc.compile(flags, src, OUT.resolve(src.getFileName() + ".jbpfc.o")));
    }
}
