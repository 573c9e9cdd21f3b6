package dev.jbpfc.cli;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfKind;
import dev.jbpfc.btf.BtfReader;
import dev.jbpfc.btf.BtfType;
import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The object side of {@code -floop-lowering=bpf-loop} without a kernel: the callback is a static function with a
 * BTF FUNC of the prototype clang-22 gives a hand-written bpf_loop callback, its address is loaded by an
 * {@code ld_imm64} relocated (R_BPF_64_64) against the {@code .text} section symbol as clang-22 does it (libbpf
 * turns that into the pseudo-func load, src_reg 4), the object has BTF even without {@code -g} (the kernel refuses
 * a pseudo-func load without func_info), and {@code -Rpass-missed=loop-lowering} says why a loop stayed plain.
 * The loops run in the kernel in LoopLoweringKernelTest.
 */
class BpfLoopLoweringTest {
    static final Path SUM = Path.of("src/test/resources/loops/sum.c");

    /** A bpf_loop callback as a user writes it, for clang-22's BTF of one. */
    static final String HAND_WRITTEN = """
            #define SEC(n) __attribute__((section(n), used))
            static long (*bpf_loop)(unsigned int nr, void *cb, void *ctx, unsigned long long flags) = (void *) 181;
            static long body(unsigned long long index, void *ctx) { *(unsigned long long *)ctx += index; return 0; }
            SEC("xdp") int prog(void *c) { unsigned long long s = 0; bpf_loop(100, body, &s, 0); return s; }
            char LICENSE[] SEC("license") = "GPL";
            """;

    private static String compile(Path src, Path obj, String... extra) {
        List<String> args = new ArrayList<>(List.of("-O2", "--target=bpf", "-mcpu=v3", "-DN=1000000"));
        args.addAll(List.of(extra));
        args.addAll(List.of("-c", src.toString(), "-o", obj.toString()));
        return InProcessJbpfc.succeed("", args);
    }

    /** FUNC {@code name} as C: {@code static long name(unsigned long long, void *)}. */
    static String signature(Btf btf, String name) {
        List<Integer> ids = btf.find(BtfKind.FUNC, name);
        assertEquals(1, ids.size(), "FUNC " + name);
        BtfType.Func f = (BtfType.Func) btf.type(ids.get(0));
        BtfType.FuncProto p = (BtfType.FuncProto) btf.type(f.protoType());
        List<String> params = new ArrayList<>();
        for (BtfType.Param a : p.params()) params.add(typeName(btf, a.type()));
        return f.linkage().dumpName() + " " + typeName(btf, p.returnType()) + " " + name + "(" + String.join(", ", params) + ")";
    }

    private static String typeName(Btf btf, int id) {
        if (id == 0) return "void";
        BtfType t = btf.type(id);
        if (t instanceof BtfType.Int i) return i.name();
        if (t instanceof BtfType.Ptr p) return typeName(btf, p.type()) + " *";
        return t.kind().toString();
    }

    private static Btf btfOf(Path obj) throws Exception {
        BpfObjectFile elf = BpfObjectFile.read(obj);
        return BtfReader.read(elf.contents(elf.section(".BTF").orElseThrow()));
    }

    @Test
    void callbackIsAStaticFunctionWithClangsPrototype(@TempDir Path dir) throws Exception {
        Path obj = dir.resolve("sum.o");
        compile(SUM, obj, "-g", "-floop-lowering=bpf-loop");
        assertEquals("static long prog__bpf_loop(unsigned long long, void *)", signature(btfOf(obj), "prog__bpf_loop"));

        ClangResult clang = OracleRequirement.clang().compile(writeHandWritten(dir), List.of("-O2", "-g", "--target=bpf", "-mcpu=v3"));
        assertTrue(clang.ok(), clang.diagnostics());
        assertEquals("static long body(unsigned long long, void *)", signature(btfOf(clang.object()), "body"));
    }

    private static Path writeHandWritten(Path dir) throws Exception {
        Path src = dir.resolve("hand_written.c");
        Files.writeString(src, HAND_WRITTEN);
        return src;
    }

    @Test
    void callbackAddressIsRelocatedAgainstTextAsClangDoes(@TempDir Path dir) throws Exception {
        Path obj = dir.resolve("sum.o");
        compile(SUM, obj, "-floop-lowering=bpf-loop");
        assertEquals(List.of("R_BPF_64_64 .text src_reg=0"), callbackLoads(obj));
        assertTrue(BpfObjectFile.read(obj).section(".BTF.ext").isPresent(), "no func_info without -g");

        ClangResult clang = OracleRequirement.clang().compile(writeHandWritten(dir), List.of("-O2", "-g", "--target=bpf", "-mcpu=v3"));
        assertTrue(clang.ok(), clang.diagnostics());
        assertEquals(List.of("R_BPF_64_64 .text src_reg=0"), callbackLoads(clang.object()));
    }

    /** Each relocation of the xdp section against a section symbol of .text: its type, target and the insn's src_reg. */
    private static List<String> callbackLoads(Path obj) throws Exception {
        BpfObjectFile elf = BpfObjectFile.read(obj);
        BpfObjectFile.Section xdp = elf.section("xdp").orElseThrow();
        byte[] code = elf.contents(xdp);
        List<String> out = new ArrayList<>();
        for (BpfObjectFile.Relocation r : elf.relocations(xdp)) {
            BpfObjectFile.Symbol s = elf.symbols().get(r.symbol());
            String target = elf.sections().get(s.sectionIndex()).name();
            if (!target.equals(".text")) continue;
            assertEquals(0x18, code[(int) r.offset()] & 0xff, "not an ld_imm64");
            out.add((r.type() == 1 ? "R_BPF_64_64" : "type " + r.type()) + " " + target + " src_reg=" + ((code[(int) r.offset() + 1] >> 4) & 0xf));
        }
        return out;
    }

    @Test
    void loopsLeftPlainAreRemarked(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("refused.c");
        Files.writeString(src, """
                #define SEC(n) __attribute__((section(n), used))
                struct xdp_md { unsigned int data, data_end; };
                SEC("xdp") int prog(struct xdp_md *ctx) {
                    int s = 0, n = ctx->data_end - ctx->data;
                    for (int i = 0; i < n; i++) s += i;
                    for (int i = 0; i < 1000; i++) asm volatile("r0 = r0" ::: "r0");
                    for (int i = 0; i < 1000; i++) s = s * 3 + i;
                    return s;
                }
                char LICENSE[] SEC("license") = "GPL";
                """);
        String err = compile(src, dir.resolve("refused.o"), "-floop-lowering=bpf-loop", "-Rpass-missed=loop-lowering");
        assertTrue(err.contains("refused.c:5:25: remark") && err.contains(": remark: loop not lowered to bpf_loop: the trip count may "
                + "exceed bpf_loop's limit of 8388608 [-Rpass-missed=loop-lowering]"), err);
        assertTrue(err.contains("refused.c:6:") && err.contains(": remark: loop not lowered to bpf_loop: the loop holds inline "
                + "assembly, which may use the caller's frame [-Rpass-missed=loop-lowering]"), err);
        assertFalse(err.contains("refused.c:7:"), err);
        assertEquals("", compile(src, dir.resolve("quiet.o"), "-floop-lowering=bpf-loop"));
    }
}
