package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.ClangReference;
import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import dev.jbpfc.testsuite.oracle.ProjectLayout;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: {@code bpftool btf dump file} of jbpfc's object lists the same types as that of clang-22's object, order
 * and ids aside, over a sample of the selftests corpus (every {@value #EVERY}th file both compile; the selftests
 * flags). A type is its kind and name, and for structs, unions, enums and FWDs also its member names, so a struct
 * clang gives as a FWD (a struct reached only through pointers inside other structs' members) must be a FWD in
 * jbpfc's object too, and every type a struct pulls in counts. Types without a name other than those (pointers,
 * qualifiers, prototypes, arrays) are not compared. A {@code DATASEC} without variables (clang-22's
 * {@code .rodata} of unnamed constants, which jbpfc may fold into the code) is no type the program uses and is
 * left out on both sides. jbpfc compiles with {@code -floop-lowering=plain}, so that no loop becomes calls of the
 * iterator kfuncs, whose BTF the program's source does not have. The differences are printed per object, and the
 * totals by kind.
 */
class BtfTypesVsClangTest {
    static final int EVERY = 40;
    static final Path OUT = Path.of("target/btf-vs-clang").toAbsolutePath();
    private static final Pattern TYPE = Pattern.compile("^\\[\\d+] (\\w+) '([^']*)'");
    private static final Pattern MEMBER = Pattern.compile("^\\t'([^']*)'");
    private static final Set<String> WITH_MEMBERS = Set.of("STRUCT", "UNION", "ENUM", "ENUM64", "FWD");

    @Test
    void jbpfcListsTheTypesClangLists() throws Exception {
        ClangReference clang = OracleRequirement.clang();
        OracleRequirement.bpftool();
        List<Path> files = ProjectLayout.corpusFiles();
        List<String> flags = OracleRequirement.selftestsFlags();
        Files.createDirectories(OUT);
        List<String> differences = new ArrayList<>();
        Map<String, Integer> theirsByKind = new TreeMap<>(), oursByKind = new TreeMap<>();
        int compared = 0;
        for (int i = 0; i < files.size(); i += EVERY) {
            Path src = files.get(i);
            ClangResult ref = clang.compile(src, flags);
            if (!ref.ok()) continue;
            String name = src.getFileName().toString().replaceFirst("\\.c$", "");
            Path obj = OUT.resolve(name + ".o");
            List<String> args = new ArrayList<>(flags);
            // Plain loops: the loop lowering's iterator kfuncs (bpf_iter_num_*, struct bpf_iter_num) are code
            // jbpfc chose, not types the program names; the types of the program's own code are what is compared.
            args.addAll(List.of("-floop-lowering=plain", "-c", src.toString(), "-o", obj.toString()));
            if (InProcessJbpfc.run(args).status() != 0) continue; // compile errors are the conformance guard's to judge
            Set<String> theirs = types(ref.object()), ours = types(obj);
            for (String t : theirs) if (!ours.contains(t)) differences.add(name + ": only clang-22's: " + t);
            for (String t : ours) if (!theirs.contains(t)) differences.add(name + ": only jbpfc's:   " + t);
            theirs.forEach(t -> theirsByKind.merge(t.substring(0, t.indexOf(' ')), 1, Integer::sum));
            ours.forEach(t -> oursByKind.merge(t.substring(0, t.indexOf(' ')), 1, Integer::sum));
            compared++;
        }
        System.out.printf("BTF types: %d objects compared, %d differences; by kind, clang-22 %s, jbpfc %s%n",
                compared, differences.size(), theirsByKind, oursByKind);
        assertTrue(compared >= 10, "only " + compared + " objects compared");
        assertTrue(differences.isEmpty(), "types listed by one compiler only:\n" + String.join("\n", differences));
    }

    /**
     * "KIND 'name'" for every named type bpftool lists in obj's .BTF, plus " {member, ...}" for the kinds with
     * members (anonymous ones included, known by their members).
     */
    static Set<String> types(Path obj) {
        CommandResult r = Command.run(List.of("bpftool", "btf", "dump", "file", obj.toString()), null,
                Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), "bpftool btf dump " + obj + ": " + r.stderr());
        Set<String> out = new TreeSet<>();
        StringBuilder current = null;
        for (String line : r.stdout().split("\n")) {
            Matcher member = MEMBER.matcher(line);
            if (member.find()) {
                if (current != null) current.append(current.charAt(current.length() - 1) == '{' ? "" : ", ").append(member.group(1));
                continue;
            }
            if (current != null) out.add(current.append('}').toString());
            current = null;
            Matcher m = TYPE.matcher(line);
            if (!m.find()) continue;
            String kind = m.group(1), name = m.group(2);
            if (kind.equals("DATASEC") && line.endsWith(" vlen=0")) continue;
            if (WITH_MEMBERS.contains(kind)) current = new StringBuilder(kind + " '" + name + "' {");
            else if (!name.equals("(anon)")) out.add(kind + " '" + name + "'");
        }
        if (current != null) out.add(current.append('}').toString());
        return out;
    }
}
