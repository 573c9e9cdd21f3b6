package dev.jbpfc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code -Rpass=loop-unroll} and {@code -Rpass-missed=loop-unroll} (ir's LoopUnroll), clang-style: one remark per loop
 * marked for unrolling, by {@code #pragma unroll} or by the loop lowering's cost model (a 3-trip loop), at the loop's
 * condition, in source order, each naming the option that shows it; nothing without the options.
 */
class LoopUnrollRemarksTest {
    static final String SOURCE = """
            #define SEC(n) __attribute__((section(n), used))
            struct xdp_md { unsigned int data, data_end; };
            SEC("xdp") int prog(struct xdp_md *ctx) {
                unsigned int s = ctx->data;
                #pragma unroll
                for (int i = 0; i < 8; i++) s = s * 3 + i;
                #pragma unroll
                for (int i = 0; i < (int)ctx->data_end; i++) s ^= i;
                for (int i = 0; i < 3; i++) s += i;
                #pragma unroll 2
                for (int i = 0; i < 6; i++) s = s * 5 + i;
                #pragma unroll 6
                for (int i = 0; i < 6; i++) s = s * 7 + i;
                return s;
            }
            char LICENSE[] SEC("license") = "GPL";
            """;

    private static List<String> remarks(Path dir, String... flags) throws Exception {
        Path src = dir.resolve("unroll.c");
        Files.writeString(src, SOURCE);
        List<String> args = new ArrayList<>(List.of("-O2", "--target=bpf", "-mcpu=v3"));
        args.addAll(List.of(flags));
        args.addAll(List.of("-c", src.toString(), "-o", dir.resolve("unroll.o").toString()));
        String text = InProcessJbpfc.succeed("", args);
        return text.lines().filter(l -> l.contains(": remark: ")).map(l -> l.substring(l.indexOf("unroll.c:"))).toList();
    }

    @Test
    void eachMarkedLoopIsReportedUnrolledOrWhyNot(@TempDir Path dir) throws Exception {
        assertEquals(List.of(
                "unroll.c:6:25: remark: completely unrolled loop with 8 iterations [-Rpass=loop-unroll]",
                "unroll.c:8:30: remark: loop not unrolled: the trip count is not a compile-time constant [-Rpass-missed=loop-unroll]",
                "unroll.c:9:25: remark: completely unrolled loop with 3 iterations [-Rpass=loop-unroll]",
                "unroll.c:11:25: remark: loop not unrolled: partial unrolling (a count of 2 for 6 iterations) is not supported yet [-Rpass-missed=loop-unroll]",
                "unroll.c:13:25: remark: completely unrolled loop with 6 iterations [-Rpass=loop-unroll]"),
                remarks(dir, "-Rpass=loop-unroll", "-Rpass-missed=loop-unroll"));
    }

    @Test
    void eachOptionShowsItsOwnKind(@TempDir Path dir) throws Exception {
        assertEquals(List.of("unroll.c:6:25", "unroll.c:9:25", "unroll.c:13:25"),
                remarks(dir, "-Rpass=loop-unroll").stream().map(l -> l.substring(0, l.indexOf(": remark"))).toList());
        assertEquals(List.of("unroll.c:8:30", "unroll.c:11:25"),
                remarks(dir, "-Rpass-missed=loop-unroll").stream().map(l -> l.substring(0, l.indexOf(": remark"))).toList());
        assertEquals(List.of(), remarks(dir));
    }
}
