package dev.jbpfc.frontend.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random structs and unions (integer widths, bit-fields incl. zero-width and unnamed ones, nested records, arrays,
 * packed and aligned on records, members and typedefs), laid out by {@link RecordLayout} and by clang-22: clang
 * checks our sizes and alignments through {@code _Static_assert}, and its BTF ({@code bpftool btf dump}) gives the
 * bit offset of every named member. Seeded: a failure names the seed and the record.
 */
class RecordLayoutOracleTest {
    private static final IntegerType[] INTS = {
            IntegerType.BOOL, IntegerType.CHAR, IntegerType.SCHAR, IntegerType.UCHAR, IntegerType.SHORT,
            IntegerType.USHORT, IntegerType.INT, IntegerType.UINT, IntegerType.LONG, IntegerType.ULONG,
            IntegerType.LONGLONG, IntegerType.ULONGLONG, IntegerType.INT128};

    private final Random rnd = new Random(Long.getLong("jbpfc.layoutSeed", 20261126L));
    private final List<RecordType> records = new ArrayList<>();
    private final List<TypedefType> typedefs = new ArrayList<>();
    private final StringBuilder c = new StringBuilder();
    private int memberCounter;

    @Test
    void randomRecordsMatchClang(@TempDir Path dir) throws IOException {
        ClangOracle.require("clang-22", "--version");
        ClangOracle.require("bpftool", "version");
        for (int a : new int[]{1, 2, 8, 16}) {
            TypedefType td = new TypedefType("ai" + a, IntegerType.INT, a, List.of());
            typedefs.add(td);
            c.append("typedef int ai").append(a).append(" __attribute__((aligned(").append(a).append(")));\n");
        }
        int count = Integer.getInteger("jbpfc.layoutCount", 400);
        for (int i = 0; i < count; i++) generateRecord("s" + i);
        for (RecordType r : records) {
            String t = r.keyword() + " " + r.tag();
            c.append("_Static_assert(sizeof(").append(t).append(") == ").append(r.size())
                    .append(" && _Alignof(").append(t).append(") == ").append(r.align())
                    .append(", \"").append(r.tag()).append("\");\n");
            c.append(t).append(" g_").append(r.tag()).append(";\n");
        }
        Path src = dir.resolve("layouts.c");
        Files.writeString(src, c);
        Path obj = dir.resolve("layouts.o");
        ClangOracle.Result cc = ClangOracle.run(List.of("clang-22", "--target=bpf", "-g", "-c", "-Wno-everything",
                src.toString(), "-o", obj.toString()), null);
        if (cc.exitCode() != 0) fail("clang disagrees:\n" + firstLines(cc.output(), 40) + "\nsource:\n" + c);
        ClangOracle.Result btf = ClangOracle.run(List.of("bpftool", "btf", "dump", "file", obj.toString()), null);
        assertEquals(0, btf.exitCode(), btf.output());
        Map<String, Long> clangOffsets = parseMemberOffsets(btf.output());
        int checked = 0;
        for (RecordType r : records) {
            for (Field f : r.fields()) {
                if (f.name == null) continue;
                Long theirs = clangOffsets.get(r.tag() + "." + f.name);
                if (theirs == null) fail("no BTF member " + r.tag() + "." + f.name);
                if (theirs != f.bitOffset()) {
                    fail("bit offset of " + r.tag() + "." + f.name + ": clang " + theirs + ", jbpfc " + f.bitOffset()
                            + "\n" + declarationOf(r.tag()));
                }
                checked++;
            }
        }
        if (checked < count) fail("too few members checked: " + checked);
    }

    private String declarationOf(String tag) {
        for (String line : c.toString().split("\n")) if (line.matches("(struct|union) " + tag + " .*")) return line;
        return "?";
    }

    private static String firstLines(String s, int n) {
        String[] lines = s.split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(n, lines.length)));
    }

    private static Map<String, Long> parseMemberOffsets(String dump) {
        Map<String, Long> out = new HashMap<>();
        Pattern rec = Pattern.compile("^\\[\\d+] (STRUCT|UNION) '([^']*)'.*");
        Pattern mem = Pattern.compile("^\\s+'([^']*)' type_id=\\d+ bits_offset=(\\d+).*");
        String current = null;
        for (String line : dump.split("\n")) {
            Matcher m = rec.matcher(line);
            if (m.matches()) {
                current = m.group(2);
                continue;
            }
            if (line.startsWith("[")) {
                current = null;
                continue;
            }
            Matcher mm = mem.matcher(line);
            if (current != null && mm.matches()) out.put(current + "." + mm.group(1), Long.parseLong(mm.group(2)));
        }
        return out;
    }

    private void generateRecord(String tag) {
        boolean union = rnd.nextInt(5) == 0;
        RecordType r = new RecordType(union, tag, null);
        boolean packed = rnd.nextInt(6) == 0;
        int aligned = rnd.nextInt(8) == 0 ? 1 << rnd.nextInt(5) : 0;
        r.setPacked(packed);
        r.setAlignedAttr(aligned);
        int n = 1 + rnd.nextInt(7);
        List<Field> fields = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String name = "m" + memberCounter++;
            int kind = rnd.nextInt(10);
            boolean fieldPacked = rnd.nextInt(10) == 0;
            int fieldAligned = rnd.nextInt(12) == 0 ? 1 << rnd.nextInt(5) : 0;
            String attrs = (fieldPacked ? " __attribute__((packed))" : "")
                    + (fieldAligned != 0 ? " __attribute__((aligned(" + fieldAligned + ")))" : "");
            if (kind < 4) {
                IntegerType t = INTS[rnd.nextInt(INTS.length - 1)];
                int width = rnd.nextInt(t == IntegerType.BOOL ? 2 : t.bits() + 1);
                boolean unnamed = width == 0 || rnd.nextInt(6) == 0;
                fields.add(new Field(unnamed ? null : name, t, width, fieldPacked, fieldAligned, List.of()));
                body.append(t.spelling).append(unnamed ? "" : " " + name).append(" : ").append(width).append(attrs)
                        .append("; ");
            } else {
                CType t;
                String spelled;
                int pick = rnd.nextInt(10);
                if (pick < 5 || records.isEmpty()) {
                    IntegerType it = INTS[rnd.nextInt(INTS.length)];
                    t = it;
                    spelled = it.spelling;
                } else if (pick < 7) {
                    TypedefType td = typedefs.get(rnd.nextInt(typedefs.size()));
                    t = td;
                    spelled = td.name();
                } else {
                    RecordType inner = records.get(rnd.nextInt(records.size()));
                    t = inner;
                    spelled = inner.keyword() + " " + inner.tag();
                }
                String decl = name;
                if (rnd.nextInt(4) == 0 && t.size() % t.align() == 0) {
                    int len = rnd.nextInt(4);
                    boolean flexible = !union && i == n - 1 && rnd.nextInt(3) == 0 && !fields.isEmpty();
                    t = flexible ? ArrayType.incomplete(t) : new ArrayType(t, len);
                    decl = name + (flexible ? "[]" : "[" + len + "]");
                }
                fields.add(new Field(name, t, Field.NOT_BITFIELD, fieldPacked, fieldAligned, List.of()));
                body.append(spelled).append(' ').append(decl).append(attrs).append("; ");
            }
        }
        // A record whose only members are unnamed bit-fields is valid GNU C but clang warns; keep one named member.
        if (fields.stream().allMatch(f -> f.name == null)) {
            String name = "m" + memberCounter++;
            fields.add(new Field(name, IntegerType.CHAR));
            body.append("char ").append(name).append("; ");
        }
        r.complete(fields);
        records.add(r);
        c.append(r.keyword()).append(' ').append(tag).append(" { ").append(body).append('}')
                .append(packed ? " __attribute__((packed))" : "")
                .append(aligned != 0 ? " __attribute__((aligned(" + aligned + ")))" : "").append(";\n");
    }
}
