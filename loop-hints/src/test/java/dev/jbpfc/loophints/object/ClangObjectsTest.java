package dev.jbpfc.loophints.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on clang-22's objects: programs, subprograms, sizes, and tags written with {@code btf_decl_tag}. */
class ClangObjectsTest {
    static final String HINT = "jbpfc.loop/1:counted-up:start=1,end=5,iv=r1,width=32,signed=u,cmp=lt,step=1,limit=64,init=0,trips=64";
    static final String SOURCE = String.join("\n",
            "#define SEC(n) __attribute__((section(n), used))",
            "static __attribute__((noinline)) int sum(unsigned char *p, int n) {",
            "  int s = 0;",
            "  for (int i = 0; i < n && i < 64; i++) s += p[i];",
            "  return s;",
            "}",
            "__attribute__((noinline, btf_decl_tag(\"" + HINT + "\"), btf_decl_tag(\"other tag\")))",
            "int glob(int x) { return x * 3; }",
            "SEC(\"xdp\") int prog(void *ctx) {",
            "  unsigned char buf[64];",
            "  for (int i = 0; i < 64; i++) buf[i] = i * 7;",
            "  return (sum(buf, 40) + glob(1)) & 1;",
            "}",
            "SEC(\"tc\") int other(void *ctx) { return glob(2) & 1; }",
            "char LICENSE[] SEC(\"license\") = \"GPL\";",
            "");

    @TempDir Path tmp;

    static Path compile(Path dir, String source) throws Exception {
        ClangReference clang = OracleRequirement.clang();
        Path c = dir.resolve("prog.c");
        Files.writeString(c, source);
        ClangResult r = clang.compile(c, List.of("-O2", "-g", "--target=bpf", "-mcpu=v3"));
        assertTrue(r.ok(), r.diagnostics());
        return r.object();
    }

    @Test
    void readsClangsProgramsSubprogramsAndTags() throws Exception {
        BpfObjectFile f = BpfObjectFile.read(compile(tmp, SOURCE));
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
        byte[] good = Files.readAllBytes(compile(tmp, SOURCE));
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
