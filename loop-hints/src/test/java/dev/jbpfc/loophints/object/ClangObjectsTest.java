package dev.jbpfc.loophints.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.loophints.FunctionCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader on a clang-22 object: programs, subprograms, sizes, and tags written with {@code btf_decl_tag}. */
class ClangObjectsTest {
    static final String HINT = "jbpfc.loop/1:counted-up:start=1,end=5,iv=r1,width=32,signed=u,cmp=lt,step=1,limit=64,init=0,trips=64";
    /**
     * A clang-22 object checked in beside its source (objects/clang22-tags.bpf.c says how to regenerate it), so this
     * module's tests need neither clang nor the test suite.
     */
    static Path clangObject() throws Exception {
        return Path.of(ClangObjectsTest.class.getResource("/objects/clang22-tags.bpf.o").toURI());
    }

    @Test
    void readsClangsProgramsSubprogramsAndTags() throws Exception {
        BpfObjectFile f = BpfObjectFile.read(clangObject());
        assertTrue(f.btf().isPresent() && f.btfExt().isPresent(), "clang -g writes .BTF and .BTF.ext");
        List<FunctionCode> fs = BpfObjectFunctions.of(f);
        List<String> seen = fs.stream().map(x -> x.section() + "/" + x.name() + "/" + x.isProgram()).sorted().toList();
        assertEquals(List.of(".text/glob/false", ".text/sum/false", "tc/other/true", "xdp/prog/true"), seen);
        for (FunctionCode x : fs) {
            assertTrue(x.code().length > 0 && x.code().length % 8 == 0, x.name() + ": " + x.code().length + " bytes");
            assertEquals(x.name().equals("glob") ? List.of(HINT, "other tag") : List.of(), x.tags(), x.name());
        }
        // symbol sizes cover each code section exactly
        for (BpfObjectFile.Section s : f.codeSections()) {
            long sum = f.functions().stream().filter(x -> x.section().index() == s.index()).mapToLong(BpfObjectFile.FunctionSymbol::size).sum();
            assertEquals(s.size(), sum, s.name());
        }
    }

    @Test
    void prefixesAndByteFlipsOfAClangObjectNeverCrash() throws Exception {
        byte[] good = Files.readAllBytes(clangObject());
        for (int n = 0; n < good.length; n++) {
            try {
                BpfObjectFile.parse(java.util.Arrays.copyOf(good, n));
            } catch (ObjectFormatException e) {
                BpfObjectFileTest.assertOneLine(e.getMessage());
            }
        }
        int parsed = BpfObjectFileTest.fuzz(good, 5_000, 22);
        assertTrue(parsed > 0, "some mutants should still parse");
    }
}
