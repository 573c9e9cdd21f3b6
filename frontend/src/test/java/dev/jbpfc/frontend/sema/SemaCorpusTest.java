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
            "atomics.c", "bind_perm.c", "bpf_cubic.c", "bpf_iter_ipv6_route.c", "test_core_reloc_size.c",
            "test_global_data.c", "syscall.c");

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
        ClangOracle.require("clang-22", "--version");
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String jbpfc = CorpusSweep.check(f, corpus);
            if (jbpfc.isEmpty()) return;
            // Some programs do not build against the running kernel's vmlinux.h: then clang rejects them too.
            List<String> cmd = new ArrayList<>(List.of("clang-22", "--target=bpf", "-O2", "-mcpu=v3", "-fsyntax-only"));
            for (Path d : CorpusSweep.options(corpus).angledDirs) cmd.addAll(List.of("-I", d.toString()));
            cmd.addAll(List.of("-D__TARGET_ARCH_x86", "-DENABLE_ATOMICS_TESTS", "-Wno-compare-distinct-pointer-types",
                    f.toString()));
            ClangOracle.Result clang = ClangOracle.run(cmd, null);
            assertEquals(clang.exitCode() == 0 ? "" : jbpfc, jbpfc, "jbpfc's sema rejects " + f.getFileName()
                    + " which clang-22 compiles");
        }));
    }
}
