package dev.jbpfc.testsuite.conformance;

import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A program whose map another file defines ({@code extern} in a shared header, as samples/bpf's xdp_router_ipv4 and
 * xdp_sample) skeletons only after the static link its Makefile does: alone, libbpf refuses the extern map; linked,
 * the skeleton is made. And the second corpus names that pair.
 */
class SkeletonCheckTest {
    @TempDir Path tmp;

    static final String HEADER = "#include <linux/bpf.h>\n#include <bpf/bpf_helpers.h>\n"
            + "typedef struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32);"
            + " __type(value, __u64); } array_map;\n";

    @Test
    void anExternMapSkeletonsOnlyLinkedWithItsDefinition() throws Exception {
        ClangReference clang = OracleRequirement.clang();
        OracleRequirement.bpftool();
        Path user = tmp.resolve("user.bpf.c"), owner = tmp.resolve("owner.bpf.c");
        Files.writeString(user, HEADER + "extern array_map counts;\n"
                + "SEC(\"xdp\") int prog(struct xdp_md *ctx) { __u32 k = 0; __u64 *v = bpf_map_lookup_elem(&counts, &k);"
                + " if (v) *v += 1; return XDP_PASS; }\nchar LICENSE[] SEC(\"license\") = \"GPL\";\n");
        Files.writeString(owner, HEADER + "array_map counts SEC(\".maps\");\n");
        List<String> flags = List.of("-O2", "-g", "--target=bpf", "-idirafter", "/usr/include/x86_64-linux-gnu");
        ClangResult u = clang.compile(user, flags), o = clang.compile(owner, flags);
        assertTrue(u.ok() && o.ok(), u.diagnostics() + o.diagnostics());

        String alone = SkeletonCheck.alone(u.object());
        assertTrue(alone.contains("extern 'counts'"), "skeleton of the unlinked object: " + alone);
        assertEquals("", SkeletonCheck.linked(u.object(), List.of(o.object()), tmp.resolve("user.lbpf.o")));
    }

    @Test
    void theSecondCorpusLinksXdpRouterWithXdpSample() throws Exception {
        Path corpus = OracleRequirement.corpus();
        SecondCorpus second = new SecondCorpus(corpus);
        Path router = corpus.resolve("src/samples/bpf/xdp_router_ipv4.bpf.c");
        assertTrue(second.files().contains(router), "not in the second corpus: " + router);
        List<Path> with = second.linkedWith(router);
        assertEquals(List.of(corpus.resolve("src/samples/bpf/xdp_sample.bpf.c")), with);
        assertTrue(second.files().containsAll(with));
        assertEquals(List.of(), second.linkedWith(corpus.resolve("src/samples/bpf/xdp_sample.bpf.c")));
    }
}
