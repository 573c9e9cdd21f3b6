package dev.jbpfc.cli;

import dev.jbpfc.isa.BpfDisassembler;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.testsuite.conformance.AssemblyRoundTrip;
import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arena code (address_space(1) pointers, {@code __BPF_FEATURE_ADDR_SPACE_CAST} defined as clang-22 defines it)
 * gets the {@code addr_space_cast} instructions clang-22 gives it. The kernel cannot judge on a machine that refuses
 * arena maps, so clang's object in the same run is the reference: per function, the casts (their count and their
 * spaces, {@code cast(TO, FROM)}) must be the same. {@code arena/arena_casts.c} holds one function per form and must
 * match in every function; of the selftests' arena files, those whose code jbpfc shapes as clang does (inlining and
 * loop forms decide how many pointers there are to cast) must match per function, and every one must compile, have
 * casts exactly when clang's has, and give the same object through -S then -c.
 */
class ArenaCastsVsClangTest {
    private static final Path OUT = Path.of("target/arena-casts").toAbsolutePath();
    /** Selftests arena files whose every function has clang-22's casts (measured 2026-12-07). */
    private static final List<String> SAME_PER_FUNCTION = List.of("arena_atomics.c", "arena_htab_asm.c", "verifier_arena.c");
    /** The other arena files: inlining and loop shapes differ from clang's, and with them the pointers cast. */
    private static final List<String> COMPILED = List.of("arena_htab.c", "arena_list.c", "verifier_arena_large.c");

    @Test
    void everyFormHasClangsCasts() throws Exception {
        Path src = Path.of("src/test/resources/arena/arena_casts.c").toAbsolutePath();
        List<String> flags = List.of("-O2", "-g", "--target=bpf", "-mcpu=v3");
        Map<String, List<String>> clang = castsPerFunction(clangObject(src, flags));
        Map<String, List<String>> jbpfc = castsPerFunction(jbpfcObject(src, flags));
        assertTrue(clang.get("load_member").equals(List.of("cast(0,1)")), "clang's casts read: " + clang);
        assertTrue(clang.get("to_arena").equals(List.of("cast(1,0)")), "clang's casts read: " + clang);
        assertEquals(clang, jbpfc);
        roundTrip(src, flags);
    }

    @Test
    void selftestsArenaFiles() throws Exception {
        Path progs = OracleRequirement.corpus().resolve("src/tools/testing/selftests/bpf/progs");
        List<String> flags = new ArrayList<>(OracleRequirement.selftestsFlags());
        flags.addAll(List.of("-O2", "--target=bpf", "-mcpu=v3"));
        List<String> all = new ArrayList<>(SAME_PER_FUNCTION);
        all.addAll(COMPILED);
        for (String file : all) {
            Path src = progs.resolve(file);
            Map<String, List<String>> clang = castsPerFunction(clangObject(src, flags));
            Map<String, List<String>> jbpfc = castsPerFunction(jbpfcObject(src, flags));
            int clangCasts = total(clang), jbpfcCasts = total(jbpfc);
            System.out.printf("%s: addr_space_cast clang-22 %d, jbpfc %d; functions with clang's casts %d of %d%n",
                    file, clangCasts, jbpfcCasts, sameFunctions(clang, jbpfc), clang.size());
            assertTrue(clangCasts > 0, file + ": clang's casts read: " + clang);
            assertTrue(jbpfcCasts > 0, file + ": " + jbpfc);
            if (SAME_PER_FUNCTION.contains(file)) assertEquals(clang, jbpfc, file);
            roundTrip(src, flags);
        }
    }

    @Test
    void arenaPointersHaveClangsBtf() throws Exception {
        OracleRequirement.bpftool();
        Path src = Path.of("src/test/resources/arena/arena_casts.c").toAbsolutePath();
        List<String> flags = List.of("-O2", "-g", "--target=bpf", "-mcpu=v3");
        Path clangObject = ClangObject.of(src, flags);
        jbpfcObject(src, flags);
        List<String> clang = btfShapes(clangObject);
        List<String> jbpfc = btfShapes(OUT.resolve("arena_casts.jbpfc.o"));
        // clang-22 gives an arena pointer no mark in BTF (no TYPE_TAG): a plain PTR, as a generic pointer.
        assertTrue(clang.contains("STRUCT 'node' size=40 vlen=4 {'v' type_id=INT 'int' bits_offset=0; 'w' type_id=INT "
                + "'long' bits_offset=64; 'next' type_id=PTR(STRUCT 'node') bits_offset=128; 'a' type_id=ARRAY(type_id="
                + "INT 'int' index_type_id=INT '__ARRAY_SIZE_TYPE__' nr_elems=4) bits_offset=192}"), "clang's BTF: " + clang);
        assertTrue(clang.contains("FUNC 'load_member' type_id=FUNC_PROTO(ret_type_id=INT 'int' vlen=1 {'n' type_id="
                + "PTR(STRUCT 'node')}) linkage=global"), "clang's BTF: " + clang);
        assertEquals(String.join("\n", clang), String.join("\n", jbpfc));
    }

    /**
     * The named types of {@code bpftool btf dump file obj}, each line with its type ids replaced by what they refer
     * to (a named type by its kind and name, an unnamed one written out), so two objects compare whatever their type
     * ids and order; sorted.
     */
    private static List<String> btfShapes(Path obj) throws Exception {
        CommandResult r = Command.run(List.of("bpftool", "btf", "dump", "file", obj.toString()), null,
                Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), "bpftool btf dump " + obj + ": " + r.stderr());
        Map<Integer, String> head = new TreeMap<>();
        Map<Integer, List<String>> members = new TreeMap<>();
        int current = -1;
        for (String line : r.stdout().split("\n")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\[(\\d+)] (.*)$").matcher(line);
            if (m.matches()) {
                current = Integer.parseInt(m.group(1));
                head.put(current, m.group(2));
                members.put(current, new ArrayList<>());
            } else if (line.startsWith("\t") && current >= 0) {
                members.get(current).add(line.trim());
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<Integer, String> e : head.entrySet()) {
            if (e.getValue().contains("'(anon)'")) continue;
            String shape = spelled(e.getKey(), head, members, 0);
            // A DATASEC's variable offsets: clang-22 leaves them 0 in a .o and libbpf sets them from the symbols;
            // jbpfc writes them (for every section, not only arena ones), so they are not compared.
            out.add(e.getValue().startsWith("DATASEC") ? shape.replaceAll(" offset=\\d+", "") : shape);
        }
        out.sort(null);
        return out;
    }

    /** Type {@code id} written out: its line and members with every referenced id spelled. */
    private static String spelled(int id, Map<Integer, String> head, Map<Integer, List<String>> members, int depth) {
        String line = head.get(id);
        StringBuilder sb = new StringBuilder(references(line, head, members, depth));
        if (!members.get(id).isEmpty()) {
            List<String> ms = new ArrayList<>();
            for (String m : members.get(id)) ms.add(references(m, head, members, depth));
            sb.append(" {").append(String.join("; ", ms)).append('}');
        }
        return sb.toString();
    }

    /** {@code text} with each {@code type_id=N} ({@code index_type_id}, {@code ret_type_id}) replaced by the type it names. */
    private static String references(String text, Map<Integer, String> head, Map<Integer, List<String>> members,
                                     int depth) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(type_id|index_type_id|ret_type_id)=(\\d+),?")
                .matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int ref = Integer.parseInt(m.group(2));
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(m.group(1) + "="
                    + referenced(ref, head, members, depth + 1)));
        }
        m.appendTail(sb);
        return sb.toString().replaceAll(" +", " ").trim();
    }

    /** A referenced type: a named one by kind and name, an unnamed one (PTR, ARRAY, FUNC_PROTO ...) in full. */
    private static String referenced(int id, Map<Integer, String> head, Map<Integer, List<String>> members, int depth) {
        if (id == 0) return "void";
        String line = head.get(id);
        String kind = line.substring(0, line.indexOf(' '));
        if (!line.contains("'(anon)'") || depth > 16) return kind + " " + line.substring(line.indexOf('\''), line.indexOf('\'', line.indexOf('\'') + 1) + 1);
        return switch (kind) {
            case "PTR", "CONST", "VOLATILE", "RESTRICT" -> kind + "(" + referenced(typeId(line), head, members, depth + 1) + ")";
            default -> kind + "(" + spelled(id, head, members, depth).replace(kind + " '(anon)' ", "") + ")";
        };
    }

    private static int typeId(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("type_id=(\\d+)").matcher(line);
        assertTrue(m.find(), line);
        return Integer.parseInt(m.group(1));
    }

    /** Each function's casts in order, as {@code cast(TO,FROM)}. */
    private static Map<String, List<String>> castsPerFunction(BpfObjectFile o) {
        Map<String, List<String>> out = new TreeMap<>();
        for (BpfObjectFile.FunctionSymbol f : o.functions()) {
            List<String> casts = new ArrayList<>();
            for (BpfInsn i : BpfDisassembler.disassemble(o.code(f))) {
                if (i.op == BpfOp.ADDR_SPACE_CAST) casts.add("cast(" + (i.imm >>> 16) + "," + (i.imm & 0xffff) + ")");
            }
            out.put(f.name(), casts);
        }
        return out;
    }

    private static int total(Map<String, List<String>> casts) {
        return casts.values().stream().mapToInt(List::size).sum();
    }

    private static long sameFunctions(Map<String, List<String>> clang, Map<String, List<String>> jbpfc) {
        return clang.entrySet().stream().filter(e -> e.getValue().equals(jbpfc.get(e.getKey()))).count();
    }

    private static void roundTrip(Path src, List<String> flags) throws Exception {
        String name = src.getFileName().toString().replaceFirst("\\.c$", "");
        Path s = OUT.resolve(name + ".s"), fromC = OUT.resolve(name + ".jbpfc.o"), fromS = OUT.resolve(name + ".s.o");
        String rt = AssemblyRoundTrip.compare(() -> jbpfc(flags, "-S", src.toString(), "-o", s.toString()),
                () -> jbpfc(List.of("--target=bpf"), "-c", s.toString(), "-o", fromS.toString()), fromC, fromS);
        assertEquals("", rt, name + ": -S then -c");
    }

    private static BpfObjectFile clangObject(Path src, List<String> flags) throws Exception {
        return BpfObjectFile.read(ClangObject.of(src, flags));
    }

    private static BpfObjectFile jbpfcObject(Path src, List<String> flags) throws Exception {
        Files.createDirectories(OUT);
        Path out = OUT.resolve(src.getFileName().toString().replaceFirst("\\.c$", "") + ".jbpfc.o");
        String err = jbpfc(flags, "-c", src.toString(), "-o", out.toString());
        assertFalse(err != null, src.getFileName() + ": " + err);
        return BpfObjectFile.read(out);
    }

    /** Runs jbpfc in this JVM; null when it succeeds, else the start of its diagnostics. */
    private static String jbpfc(List<String> flags, String... more) {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of(more));
        return InProcessJbpfc.failure(args);
    }
}
