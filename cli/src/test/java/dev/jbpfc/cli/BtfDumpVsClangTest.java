package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For each {@code src/test/resources/btf-vs-clang/*.c}, {@code bpftool btf dump file} of jbpfc's object lists the
 * same types as clang-22's, every field compared (kinds, sizes, encodings, members, offsets, enumerator values),
 * with type ids replaced by what they refer to ("{@code type=INT 'signed char'}"), since the two objects number
 * their types differently. DATASEC entries are compared without their offsets: clang-22 leaves them 0 for libbpf to
 * fill in, jbpfc writes them. Where {@link BtfTypesVsClangTest} compares which types a corpus sample has, this one
 * compares everything about small files written for one feature.
 */
class BtfDumpVsClangTest {
    static final Path SOURCES = Path.of("src/test/resources/btf-vs-clang");
    static final Path OBJECTS = Path.of("target/btf-dump-vs-clang").toAbsolutePath();
    static final List<String> FLAGS = List.of("-O2", "-g", "--target=bpf", "-mcpu=v3");
    private static final Pattern TYPE = Pattern.compile("^\\[(\\d+)] (\\w+ '[^']*')");
    private static final Pattern REF = Pattern.compile("\\b(type_id|ret_type_id|index_type_id)=(\\d+)");

    @TestFactory
    Stream<DynamicTest> everyTypeAsClang() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".c")).sorted().toList();
        }
        assertTrue(!files.isEmpty(), "no sources in " + SOURCES.toAbsolutePath());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path source) throws Exception {
        OracleRequirement.bpftool();
        Path clang = ClangObject.of(source, FLAGS);
        Path obj = InProcessJbpfc.compile(FLAGS, source, OBJECTS.resolve(source.getFileName().toString().replaceFirst("\\.c$", ".o")));
        assertEquals(String.join("\n", types(clang)), String.join("\n", types(obj)),
                "BTF types of " + source + ", clang-22 (expected) vs jbpfc");
    }

    /** Each type of obj's .BTF with its member lines, ids replaced by the referred type's kind and name. */
    static Set<String> types(Path obj) {
        CommandResult r = Command.run(List.of("bpftool", "btf", "dump", "file", obj.toString()), null,
                Duration.ofSeconds(60));
        assertEquals(0, r.exitCode(), "bpftool btf dump " + obj + ": " + r.stderr());
        String[] lines = r.stdout().split("\n");
        Map<String, String> names = new HashMap<>();
        names.put("0", "void");
        for (String line : lines) {
            Matcher m = TYPE.matcher(line);
            if (m.find()) names.put(m.group(1), m.group(2));
        }
        Set<String> out = new TreeSet<>();
        StringBuilder current = null;
        boolean datasec = false;
        for (String line : lines) {
            Matcher ref = REF.matcher(line);
            StringBuilder resolved = new StringBuilder();
            while (ref.find()) ref.appendReplacement(resolved, Matcher.quoteReplacement(ref.group(1) + "=<"
                    + names.getOrDefault(ref.group(2), "?" + ref.group(2)) + ">"));
            ref.appendTail(resolved);
            String text = resolved.toString();
            if (TYPE.matcher(line).find()) {
                if (current != null) out.add(current.toString());
                datasec = line.contains("] DATASEC ");
                current = new StringBuilder(text.replaceFirst("^\\[\\d+] ", ""));
            } else if (current != null) {
                current.append(" | ").append(datasec ? text.replaceFirst("offset=\\d+ ", "") : text.strip());
            }
        }
        if (current != null) out.add(current.toString());
        return out;
    }
}
