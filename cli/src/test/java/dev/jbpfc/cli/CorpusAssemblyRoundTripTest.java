package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.ProjectLayout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code -S} then {@code -c} of the {@code .s} gives the object {@code -c} of the C file gives, byte for
 * byte, over a sample of the selftests corpus (every {@value #EVERY}th file by name, about 20 files; the selftests
 * flags, {@code -O2 --target=bpf -mcpu=v3}, with -g so .BTF and .BTF.ext go through the text as well). A file jbpfc
 * does not compile is not judged here (the conformance guard judges those). Each difference is listed with the
 * first offset where the objects part.
 */
class CorpusAssemblyRoundTripTest {
    static final int EVERY = 40;
    static final Path OUT = Path.of("target/corpus-asm").toAbsolutePath();

    @Test
    void assemblyOfCorpusFilesGivesTheSameObject() throws Exception {
        OracleRequirement.corpus();
        List<Path> files = ProjectLayout.corpusFiles();
        List<String> flags = OracleRequirement.selftestsFlags(); // with -O2 --target=bpf -mcpu=v3
        Files.createDirectories(OUT);
        List<String> differ = new ArrayList<>();
        int compared = 0, notCompiled = 0;
        for (int i = 0; i < files.size(); i += EVERY) {
            Path src = files.get(i);
            String name = src.getFileName().toString().replaceFirst("\\.c$", "");
            Path s = OUT.resolve(name + ".s"), fromC = OUT.resolve(name + ".c.o"), fromS = OUT.resolve(name + ".s.o");
            String err = jbpfc(flags, "-c", src.toString(), "-o", fromC.toString());
            if (err != null) {
                notCompiled++;
                continue;
            }
            err = jbpfc(flags, "-S", src.toString(), "-o", s.toString());
            if (err != null) {
                differ.add(name + ": -S fails where -c succeeds: " + err);
                continue;
            }
            err = jbpfc(List.of("--target=bpf"), "-c", s.toString(), "-o", fromS.toString());
            if (err != null) {
                differ.add(name + ": the .s does not assemble: " + err);
                continue;
            }
            byte[] a = Files.readAllBytes(fromC), b = Files.readAllBytes(fromS);
            if (!Arrays.equals(a, b)) differ.add(name + ": objects differ from byte " + Arrays.mismatch(a, b)
                    + " (" + a.length + " and " + b.length + " bytes)");
            compared++;
        }
        System.out.printf("-S then -c: %d corpus files compared, %d differ, %d not compiled by jbpfc%n", compared,
                differ.size(), notCompiled);
        assertTrue(compared >= 10, "only " + compared + " files compared");
        assertTrue(differ.isEmpty(), String.join("\n", differ));
    }

    /** Runs jbpfc in this JVM; null when it succeeds, else the start of its diagnostics. */
    private static String jbpfc(List<String> flags, String... more) throws IOException {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of(more));
        InProcessJbpfc r = InProcessJbpfc.run(args);
        if (r.status() == 0) return null;
        String e = r.stderr();
        return e.length() > 400 ? e.substring(0, 400) : e;
    }
}
