package dev.jbpfc.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Independent compilations on eight threads at once give the same bytes as the same compilations one at a time:
 * no stage keeps state between compilations or shares it across threads. The eight inputs are the examples that
 * need no vmlinux.h, read from the disk, and one program from memory; all eight start together (a latch), and the
 * whole round runs twice.
 */
class ParallelCompilationTest {
    static final Path EXAMPLES = Path.of("../examples");
    static final CompileOptions OPTIONS = CompileOptions.builder().optLevel("2").debugInfo(true).cpu("v3")
            .afterDir(Path.of("/usr/include/x86_64-linux-gnu")).build();

    /** A program of its own, in memory: a map, a loop and a subprogram, to exercise the stages the others do not. */
    static final SourceSet MEMORY = SourceSet.builder()
            .add("mem/prog.bpf.c", """
                    #include "counts.h"
                    char LICENSE[] SEC("license") = "GPL";
                    struct { __uint(type, BPF_MAP_TYPE_ARRAY); __uint(max_entries, 4); __type(key, __u32); __type(value, __u64); } hits SEC(".maps");
                    static __attribute__((noinline)) int bump(__u32 k) {
                        __u64 *v = bpf_map_lookup_elem(&hits, &k);
                        if (v) __sync_fetch_and_add(v, 1);
                        return 0;
                    }
                    SEC("xdp") int count(struct xdp_md *ctx) {
                        unsigned char *p = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
                        if (p + 16 > end) return XDP_PASS;
                        __u32 s = 0;
                        for (int i = 0; i < 16; i++) s += p[i];
                        bump(s % COUNTERS);
                        return XDP_PASS;
                    }
                    """)
            .add("mem/counts.h", """
                    #include <linux/bpf.h>
                    #include <bpf/bpf_helpers.h>
                    #define COUNTERS 4
                    """)
            .build();

    record Input(SourceSet sources, String path) {}

    static List<Input> inputs() throws IOException {
        List<Input> in = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.list(EXAMPLES), Files.list(EXAMPLES.resolve("loops")))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".bpf.c")).sorted().toList()) {
                if (!Files.readString(p).contains("vmlinux.h")) in.add(new Input(SourceSet.disk(), p.toString()));
            }
        }
        in.add(new Input(MEMORY, "mem/prog.bpf.c"));
        return in;
    }

    @Test
    void eightThreadsGiveTheBytesOfOneAtATime() throws Exception {
        List<Input> inputs = inputs();
        assertEquals(8, inputs.size(), "seven examples without vmlinux.h and one program in memory: " + inputs);
        BpfCompiler compiler = new BpfCompiler();
        List<byte[]> alone = new ArrayList<>();
        for (Input i : inputs) {
            CompileResult r = compiler.compile(OPTIONS, i.sources(), i.path());
            assertTrue(r.success(), i.path() + ":\n" + r.renderedDiagnostics());
            alone.add(r.object());
        }
        ExecutorService pool = Executors.newFixedThreadPool(inputs.size());
        try {
            for (int round = 0; round < 2; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<CompileResult>> running = new ArrayList<>();
                for (Input i : inputs) {
                    running.add(pool.submit(() -> {
                        start.await();
                        return compiler.compile(OPTIONS, i.sources(), i.path());
                    }));
                }
                start.countDown();
                for (int k = 0; k < inputs.size(); k++) {
                    CompileResult r = running.get(k).get();
                    assertTrue(r.success(), inputs.get(k).path() + " (parallel):\n" + r.renderedDiagnostics());
                    assertArrayEquals(alone.get(k), r.object(), inputs.get(k).path() + ": round " + round
                            + " on eight threads differs from the compile alone");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // Not all the same object: the comparison above would also pass for a compiler that returned one constant.
        assertEquals(inputs.size(), alone.stream().map(Arrays::hashCode).distinct().count());
    }

    @Test
    void aSessionGivesTheBytesOfSeparateCompilations() throws Exception {
        BpfCompiler compiler = new BpfCompiler();
        CompilerSession session = compiler.newSession();
        for (Input i : inputs()) {
            CompileResult shared = session.compile(OPTIONS, i.sources(), i.path());
            CompileResult alone = compiler.compile(OPTIONS, i.sources(), i.path());
            assertTrue(shared.success(), i.path() + ":\n" + shared.renderedDiagnostics());
            assertArrayEquals(alone.object(), shared.object(), i.path() + " in a session");
        }
    }
}
