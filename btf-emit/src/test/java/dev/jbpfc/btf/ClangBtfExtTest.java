package dev.jbpfc.btf;

import static org.junit.jupiter.api.Assertions.*;

import dev.jbpfc.btf.BtfExt.*;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * clang-22's .BTF.ext as the reference: read by BtfExtReader, re-encoded by BtfExtBuilder byte for byte, with the
 * same .rel.BTF.ext relocations; libbpf parses our encoding; llvm-objdump names the CO-RE kinds as we do.
 */
class ClangBtfExtTest {

    static Stream<String> fixtures() throws Exception {
        return ClangFixtures.names().stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void builderReproducesClangBytesAndRelocations(String name) throws Exception {
        ClangFixtures.Compiled c = ClangFixtures.compile(name);
        assertNotNull(c.btfExt(), name + " has no .BTF.ext");
        Btf btf = BtfReader.read(c.btf());
        BtfExt records = BtfExtReader.read(c.btfExt(), btf);
        assertFalse(records.funcInfos().isEmpty());
        BtfStrings strings = BtfStrings.wrap(btf.strings());
        BtfExtBuilder ext = new BtfExtBuilder(strings);
        ext.addAll(records);
        BtfExtBuilder.Encoded ours = ext.encode();
        assertEquals(btf.strings().length, strings.size(), "every string was already in clang's table");
        assertArrayEquals(c.btfExt(), ours.bytes());

        Path readelf = Oracle.requireTool("llvm-readelf-22");
        Oracle.Result r = Oracle.run(List.of(readelf.toString(), "-r", c.object().toString()));
        assertEquals(0, r.exit(), r.err());
        List<BtfExtBuilder.Relocation> clangRelocs = new ArrayList<>();
        boolean in = false;
        Pattern row = Pattern.compile("^([0-9a-f]{16})\\s+[0-9a-f]{16}\\s+(\\S+)\\s+[0-9a-f]{16}\\s+(\\S+)\\s*$");
        for (String line : r.out().split("\n")) {
            if (line.startsWith("Relocation section")) in = line.contains("'.rel.BTF.ext'");
            Matcher m = row.matcher(line);
            if (in && m.matches()) {
                assertEquals("R_BPF_64_NODYLD32", m.group(2));
                clangRelocs.add(new BtfExtBuilder.Relocation(Integer.parseInt(m.group(1), 16), m.group(3)));
            }
        }
        assertFalse(clangRelocs.isEmpty());
        assertEquals(clangRelocs, ours.relocations());

        Oracle.Result lib = Oracle.libbpfParseExt(ours.bytes());
        assertEquals(0, lib.exit(), lib.out());
    }

    /**
     * llvm-objdump prints each CO-RE relocation as "OFF:  CO-RE <kind> [type] struct foo::b (0:1)": our kind
     * names and our reading of the access strings against the types (CoreAccessString.describe) say the same.
     */
    @ParameterizedTest
    @MethodSource("fixtures")
    void coreRelocationsReadAsLlvmObjdumpReadsThem(String name) throws Exception {
        ClangFixtures.Compiled c = ClangFixtures.compile(name);
        Btf btf = BtfReader.read(c.btf());
        List<CoreRelo> ours = BtfExtReader.read(c.btfExt(), btf).coreRelos();
        assertEquals(LlvmObjdumpCore.llvm(c.object()), LlvmObjdumpCore.ours(btf, ours));
        if (name.equals("core.c")) {
            for (CoreReloKind k : CoreReloKind.values()) assertTrue(ours.stream().anyMatch(cr -> cr.kind() == k), "core.c has no " + k);
        }
    }

    /** Our own encodings (not copies of clang's) pass libbpf's parser too, and a broken one does not. */
    @Test
    void libbpfParsesOurEncoding() throws Exception {
        BtfBuilder b = new BtfBuilder();
        BtfExtBuilder ext = new BtfExtBuilder(b);
        ext.addFuncInfo("tc", 0, 5);
        ext.addFuncInfo("tc", 80, 6);
        ext.addLineInfo("tc", 0, "t.c", "int prog(void)", 10, 0);
        ext.addLineInfo("tc", 8, "t.c", "    return f->b;", 11, 12);
        ext.addCoreRelo("tc", 8, 2, "0:1", CoreReloKind.FIELD_BYTE_OFFSET);
        ext.addCoreRelo("xdp", 16, 2, "0", CoreReloKind.TYPE_SIZE);
        byte[] bytes = ext.encode().bytes();
        Oracle.Result ok = Oracle.libbpfParseExt(bytes);
        assertEquals(0, ok.exit(), ok.out());
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 4);
        assertEquals(1, Oracle.libbpfParseExt(cut).exit());
    }
}
