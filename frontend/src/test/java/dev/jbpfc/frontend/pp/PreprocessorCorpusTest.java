package dev.jbpfc.frontend.pp;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our -E tokens must equal clang-22's for the selftests corpus (line markers, white space and the compilers' own
 * headers aside). The default run checks a fixed sample of varied files: vmlinux.h users, libbpf's tracing and
 * CO-RE macros, the selftests' headers, heavy macro users (bpf_misc.h, verifier_*.c asm, strobemeta, pyperf).
 * {@code -Dpp.corpus=all} checks every file clang accepts. Needs clang-22 and the corpus (scripts/setup-corpus.sh).
 */
class PreprocessorCorpusTest {
    static final List<String> SAMPLE = List.of(
            "arena_atomics.c", "bpf_cubic.c", "bpf_dctcp.c", "bpf_iter_task_vmas.c", "bpf_iter_tcp4.c",
            "bpf_loop.c", "cgroup_iter.c", "core_kern.c", "cpumask_success.c", "dynptr_success.c", "iters.c",
            "kprobe_multi.c", "linked_list.c", "local_storage.c", "loop1.c", "lsm.c", "map_kptr.c",
            "netif_receive_skb.c", "profiler1.c", "pyperf180.c", "pyperf600_bpf_loop.c", "rbtree.c",
            "strobemeta.c", "strobemeta_nounroll1.c", "task_kfunc_success.c", "test_core_read_macros.c",
            "test_core_reloc_bitfields_probed.c", "test_core_reloc_kernel.c", "test_core_reloc_type_based.c",
            "test_global_func1.c", "test_spin_lock.c", "test_tc_tunnel.c", "test_usdt.c", "test_xdp.c",
            "timer.c", "verifier_and.c", "verifier_bounds.c", "verifier_ldsx.c", "verifier_sock.c",
            "verifier_subprog_precision.c", "xdp_synproxy_kern.c");

    @Test
    void sampleMatchesClang() throws Exception {
        Path corpus = ClangComparison.corpus();
        ClangComparison.require(corpus != null, "the corpus (scripts/setup-corpus.sh)");
        String clang = ClangComparison.clang();
        ClangComparison.require(clang != null, "clang-22");
        List<Path> files = new ArrayList<>();
        for (String name : SAMPLE) {
            Path p = corpus.resolve("progs").resolve(name);
            if (Files.exists(p)) files.add(p);
        }
        assertTrue(files.size() >= 35, "most of the sample exists in the corpus: " + files.size());
        check(clang, corpus, files);
    }

    @Test
    void wholeCorpusMatchesClang() throws Exception {
        Assumptions.assumeTrue("all".equals(System.getProperty("pp.corpus")), "opt-in: -Dpp.corpus=all");
        Path corpus = ClangComparison.corpus();
        ClangComparison.require(corpus != null, "the corpus (scripts/setup-corpus.sh)");
        String clang = ClangComparison.clang();
        ClangComparison.require(clang != null, "clang-22");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus.resolve("progs"))) {
            files = s.filter(p -> p.toString().endsWith(".c")).sorted().collect(Collectors.toList());
        }
        check(clang, corpus, files);
    }

    private static void check(String clang, Path corpus, List<Path> files) throws Exception {
        List<String> flags = ClangComparison.selftestFlags(corpus);
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (Path f : files) {
            String theirs = ClangComparison.clangOutput(clang, flags, f);
            if (theirs == null) continue; // clang rejects the file: nothing to compare
            compared++;
            ByteArrayOutputStream diag = new ByteArrayOutputStream();
            String ours = ClangComparison.ourOutput(flags, f, diag);
            String d = ClangComparison.compare(theirs, ours);
            if (d != null) failures.add(f.getFileName() + ": " + d + "\n" + diag);
        }
        System.out.println("pp corpus: " + compared + " files compared, " + failures.size() + " differ");
        assertTrue(failures.isEmpty(), failures.size() + " of " + compared + " files differ from clang -E:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
    }
}
