package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.ClangOracle;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Selftests corpus files that clang-22 compiles must pass jbpfc's sema without errors. By default a small fixed
 * sample (the corpus is ~800 files and most include the 2.8 MB vmlinux.h); {@code -Djbpfc.corpus=all} runs every
 * file. Needs the corpus laid out by {@code scripts/setup-corpus.sh}.
 */
class SemaCorpusTest {
    private static final List<String> SAMPLE = List.of(
            "atomics.c", "bind_perm.c", "bloom_filter_map.c", "bpf_cubic.c", "bpf_iter_ipv6_route.c",
            "test_core_reloc_kernel.c", "xdp_synproxy_kern.c");

    /** Files clang-22 itself rejects (so jbpfc may too). */
    private static final List<String> CLANG_REJECTS = List.of();

    @TestFactory
    Stream<DynamicTest> corpusFilesPassSema() throws IOException {
        Path corpus = CorpusSweep.corpus();
        ClangOracle.requireFile(corpus.resolve("include/vmlinux.h"));
        List<Path> files = new ArrayList<>();
        if ("all".equals(System.getProperty("jbpfc.corpus"))) {
            try (Stream<Path> s = Files.list(corpus.resolve("progs"))) {
                s.filter(p -> p.toString().endsWith(".c")).sorted().forEach(files::add);
            }
        } else {
            for (String n : SAMPLE) files.add(corpus.resolve("progs").resolve(n));
        }
        files.removeIf(f -> CLANG_REJECTS.contains(f.getFileName().toString()));
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> assertEquals("", CorpusSweep.check(f, corpus), "jbpfc's sema rejects " + f.getFileName())));
    }
}
