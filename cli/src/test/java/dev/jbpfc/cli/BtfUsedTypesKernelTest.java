package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;
import dev.jbpfc.testsuite.oracle.Hex;
import dev.jbpfc.testsuite.oracle.KernelOracle;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.RunInput;
import dev.jbpfc.testsuite.oracle.RunResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, BTF and tooling, on {@code btf/used_types.c}: each of its structs is reached in one of the ways
 * clang-22 tells apart (a member pointer, a {@code const} pointee met once or twice, an array element, a function
 * pointer's parameter, a map's key and value, a CO-RE relocation), and jbpfc's .BTF must list the same types as
 * clang-22's (kind, name, member names). jbpfc keeps only those types and renumbers them, so the program, which
 * stores {@code bpf_core_type_id_local} of five types in {@code ids[]}, must load (libbpf checks each constant is
 * the local id) and, run once, store the ids that name those types in the object's own .BTF. The same run on
 * clang-22's object checks the test's reading of ids. {@code bpftool gen skeleton} must accept jbpfc's object.
 */
class BtfUsedTypesKernelTest {
    static final Path SOURCE = Path.of("src/test/resources/btf/used_types.c");
    static final Path OUT = Path.of("target/btf-used-types").toAbsolutePath();
    static final List<String> FLAGS = List.of("-O2", "-g", "--target=bpf", "-mcpu=v3",
            "-idirafter", "/usr/include/x86_64-linux-gnu");
    /** What ids[0..4] name, in order; ids[5] is bpf_core_type_exists(struct task_struct) on this kernel: 1. */
    static final List<String> ID_NAMES = List.of("STRUCT 'holder'", "STRUCT 'only_id'", "STRUCT 'map_value'",
            "TYPEDEF 'behind_member_t'", "UNION 'only_union'");
    private static final Pattern TYPE = Pattern.compile("^\\[(\\d+)] (\\w+) '([^']*)'");

    @Test
    void jbpfcKeepsClangsTypesAndItsTypeIdsStillName() throws IOException {
        ClangReference clang = OracleRequirement.clang();
        KernelOracle kernel = OracleRequirement.kernel();
        OracleRequirement.bpftool();
        Files.createDirectories(OUT);
        Path ours = OUT.resolve("used_types.o");
        List<String> args = new ArrayList<>(FLAGS);
        args.addAll(List.of("-c", SOURCE.toString(), "-o", ours.toString()));
        InProcessJbpfc.succeed("jbpfc failed on used_types.c:\n", args);
        ClangResult ref = clang.compile(SOURCE, FLAGS);
        assertTrue(ref.ok(), "clang-22 cannot compile used_types.c:\n" + ref.diagnostics());

        Set<String> theirs = BtfTypesVsClangTest.types(ref.object()), mine = BtfTypesVsClangTest.types(ours);
        assertEquals(theirs, mine, "the types of jbpfc's .BTF against clang-22's");
        for (String t : List.of("FWD 'only_pointed' {}", "FWD 'behind_const_once' {}", "STRUCT 'behind_const' {b}",
                "STRUCT 'element' {d}", "STRUCT 'callback_arg' {e}", "STRUCT 'map_key' {f}")) {
            assertTrue(mine.contains(t), "jbpfc's .BTF lacks " + t + ": " + mine);
        }

        checkIds(kernel, ours, "jbpfc's");
        checkIds(kernel, ref.object(), "clang-22's");

        CommandResult skel = Command.run(List.of("bpftool", "gen", "skeleton", ours.toString(), "name", "used_types"),
                null, Duration.ofSeconds(60));
        assertEquals(0, skel.exitCode(), "bpftool gen skeleton: " + skel.stderr());
    }

    /** Runs {@code obj}'s program once and checks each stored type id names its type in obj's own .BTF. */
    private static void checkIds(KernelOracle kernel, Path obj, String whose) {
        RunResult run = kernel.run(obj, "used_types", RunInput.packet(new byte[64]));
        assertTrue(run.ran(), whose + " object did not run: " + run.runError() + " " + run.verdict().reason());
        byte[] bss = run.map(".bss").get(Hex.le(0, 4));
        Map<Long, String> byId = typesById(obj);
        for (int i = 0; i < ID_NAMES.size(); i++) {
            long id = Hex.leValue(bss, 4 * i, 4);
            assertEquals(ID_NAMES.get(i), byId.get(id), whose + " ids[" + i + "] = " + id);
        }
        assertEquals(1, Hex.leValue(bss, 20, 4), whose + " bpf_core_type_exists(struct task_struct)");
    }

    private static Map<Long, String> typesById(Path obj) {
        CommandResult r = Command.run(List.of("bpftool", "btf", "dump", "file", obj.toString()), null,
                Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), "bpftool btf dump " + obj + ": " + r.stderr());
        Map<Long, String> out = new HashMap<>();
        for (String line : r.stdout().split("\n")) {
            Matcher m = TYPE.matcher(line);
            if (m.find()) out.put(Long.parseLong(m.group(1)), m.group(2) + " '" + m.group(3) + "'");
        }
        return out;
    }
}
