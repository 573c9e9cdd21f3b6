package dev.jbpfc.cli;

import dev.jbpfc.testsuite.conformance.AssemblyRoundTrip;
import dev.jbpfc.testsuite.conformance.SecondCorpus;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.ProjectLayout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code -S} then {@code -c} of the {@code .s} gives the object {@code -c} of the C file gives, byte for
 * byte, over a sample of each corpus: every {@value #EVERY}th selftests file by name (about 20 files; the selftests
 * flags, {@code -O2 --target=bpf -mcpu=v3}, with -g so .BTF and .BTF.ext go through the text as well) and every
 * {@value #EVERY_SECOND}th file of the second corpus (the kernel tree's other BPF programs, each with its own
 * Makefile's flags). A file jbpfc does not compile is not judged here (the conformance guard judges those). Each
 * difference is listed with the first offset where the objects part. The conformance runner does the same over
 * every file of both corpora (testsuite README, "Conformance").
 */
class CorpusAssemblyRoundTripTest {
    static final int EVERY = 40;
    static final int EVERY_SECOND = 8;
    static final Path OUT = Path.of("target/corpus-asm").toAbsolutePath();

    @Test
    void assemblyOfCorpusFilesGivesTheSameObject() throws Exception {
        OracleRequirement.corpus();
        List<String> flags = OracleRequirement.selftestsFlags(); // with -O2 --target=bpf -mcpu=v3
        roundTrips(ProjectLayout.corpusFiles(), EVERY, src -> flags, 10);
    }

    @Test
    void assemblyOfSecondCorpusFilesGivesTheSameObject() throws Exception {
        SecondCorpus second = new SecondCorpus(OracleRequirement.corpus());
        roundTrips(second.files(), EVERY_SECOND, second::flags, 3);
    }

    /** Round-trips every {@code every}th of {@code files}; at least {@code atLeast} must compile. */
    private static void roundTrips(List<Path> files, int every, Function<Path, List<String>> flagsOf, int atLeast)
            throws IOException {
        Files.createDirectories(OUT);
        List<String> differ = new ArrayList<>();
        int compared = 0, notCompiled = 0;
        for (int i = 0; i < files.size(); i += every) {
            Path src = files.get(i);
            List<String> flags = flagsOf.apply(src);
            String name = src.getFileName().toString().replaceFirst("\\.c$", "");
            Path s = OUT.resolve(name + ".s"), fromC = OUT.resolve(name + ".c.o"), fromS = OUT.resolve(name + ".s.o");
            String err = jbpfc(flags, "-c", src.toString(), "-o", fromC.toString());
            if (err != null) {
                notCompiled++;
                continue;
            }
            String rt = AssemblyRoundTrip.compare(() -> jbpfc(flags, "-S", src.toString(), "-o", s.toString()),
                    () -> jbpfc(List.of("--target=bpf"), "-c", s.toString(), "-o", fromS.toString()), fromC, fromS);
            if (!rt.isEmpty()) differ.add(name + ": " + rt);
            compared++;
        }
        System.out.printf("-S then -c: %d corpus files compared, %d differ, %d not compiled by jbpfc%n", compared,
                differ.size(), notCompiled);
        assertTrue(compared >= atLeast, "only " + compared + " files compared");
        assertTrue(differ.isEmpty(), String.join("\n", differ));
    }

    /** Runs jbpfc in this JVM; null when it succeeds, else the start of its diagnostics. */
    private static String jbpfc(List<String> flags, String... more) {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of(more));
        return InProcessJbpfc.failure(args);
    }
}
