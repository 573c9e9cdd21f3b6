package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfReader;
import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.lex.Token;
import dev.jbpfc.frontend.parse.Parser;
import dev.jbpfc.frontend.pp.Preprocessor;
import dev.jbpfc.frontend.pp.PreprocessorOptions;
import dev.jbpfc.frontend.sema.Sema;
import dev.jbpfc.frontend.sema.SemanticModel;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole frontend against clang-22 on BTF: the same C file through preprocessor, parser, sema and lowering, and
 * through clang; every VAR, FUNC, DECL_TAG (a parameter's too, as __arg_ctx makes) and DATASEC (entry names and sizes)
 * must have the same type graph.
 * The source has only things clang keeps at -O2 (global functions, globals, used statics it cannot fold).
 */
class LoweringBtfTest {
    static final String SOURCE = """
            typedef unsigned int __u32;
            typedef unsigned long long __u64;
            #define SEC(x) __attribute__((section(x), used))
            #define __uint(name, val) int (*name)[val]
            #define __type(name, val) typeof(val) *name
            #define __ksym __attribute__((section(".ksyms")))
            struct event { __u32 pid; char comm[16]; unsigned flags:4, kind:4; struct event *next; };
            struct { __uint(type, 1); __type(key, __u32); __type(value, struct event); __uint(max_entries, 64); } events SEC(".maps");
            static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
            extern int bpf_kfunc_probe(struct event *e, int n) __ksym;
            const volatile __u64 target_pid = 0;
            __u64 hits;
            static int writes;
            int limits[4] = {1, 2, 3, 4};
            enum mode { M_OFF, M_ON = 7 } current_mode = M_ON;
            int helper_fn(struct event *e __attribute__((btf_decl_tag("arg:nonnull"))), int n) { writes += n; return e->pid + bpf_kfunc_probe(e, n); }
            int ctx_fn(int k, void *ctx __attribute__((btf_decl_tag("arg:ctx")))) { return ctx != 0 && k; }
            SEC("tp/sched/sched_switch") int handle(void *ctx) {
                __u32 key = 0;
                struct event *e = bpf_map_lookup_elem(&events, &key);
                if (!e) return 0;
                hits++;
                return helper_fn(e, limits[1]) + writes + (int) target_pid + current_mode + ctx_fn(1, ctx);
            }
            char LICENSE[] SEC("license") = "Dual BSD/GPL";
            """;

    @Test
    void sameBtfGraphAsClang() throws Exception {
        Btf clang = BtfReader.read(Oracle.clangBtf(SOURCE));
        Path dir = Files.createTempDirectory("jbpfc-lower-btf");
        Path file = dir.resolve("t.c");
        Files.writeString(file, SOURCE);
        ByteArrayOutputStream diagOut = new ByteArrayOutputStream();
        Diagnostics d = new Diagnostics(new PrintStream(diagOut, true, StandardCharsets.UTF_8));
        List<Token> tokens = new Preprocessor(PreprocessorOptions.fromArgs(new ArrayList<>()), d).run(file);
        TranslationUnit tu = Parser.parse(tokens, d);
        SemanticModel model = Sema.analyze(tu, d);
        LoweredUnit lowered = Lowering.lower(tu, model, LowerOptions.defaults(), d);
        Files.delete(file);
        Files.delete(dir);
        assertFalse(d.hasErrors(), diagOut.toString(StandardCharsets.UTF_8));
        Btf ours = BtfReader.read(lowered.btf().encode());
        TreeMap<String, String> expected = BtfShape.roots(clang);
        TreeMap<String, String> actual = BtfShape.roots(ours);
        assertTrue(expected.size() >= 12, "clang's roots: " + expected.keySet());
        assertEquals(String.join("\n", lines(expected)), String.join("\n", lines(actual)));
    }

    private static List<String> lines(TreeMap<String, String> m) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(k + " = " + v));
        return out;
    }
}
