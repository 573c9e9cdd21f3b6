package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.ClangOracle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the vmlinux layout criterion: from the running kernel's BTF ({@code bpftool btf dump file
 * /sys/kernel/btf/vmlinux}), a C file that includes bpftool's {@code vmlinux.h} and asserts the size of every named
 * struct/union and the byte offset of each named non-bit-field member:
 * <pre>
 * #include "vmlinux.h"
 * _Static_assert(sizeof(struct task_struct) == 9792, "");
 * _Static_assert(__builtin_offsetof(struct task_struct, pid) == 2464, "");
 * </pre>
 * bpftool's header does not reproduce every layout (renamed duplicates like {@code foo___2}, lost attributes), so
 * the asserts clang-22 rejects are dropped: clang reports them by line, they are removed, and clang runs again
 * until it accepts the file. The result is cached in {@code target/vmlinux-layout/} keyed by the BTF's size and
 * checksum, as generating it takes a few seconds of clang.
 */
final class VmlinuxLayoutAsserts {
    static final Path BTF = Path.of("/sys/kernel/btf/vmlinux");

    private VmlinuxLayoutAsserts() {}

    /** The directory holding {@code vmlinux.h} and {@code layout-asserts.c}, generated if not cached. */
    static Path generate(Path cacheRoot) throws IOException {
        byte[] btf = Files.readAllBytes(BTF);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(btf);
        Path dir = cacheRoot.resolve("vmlinux-layout-" + Long.toHexString(crc.getValue()));
        Path asserts = dir.resolve("layout-asserts.c");
        if (Files.exists(asserts)) return dir;
        Files.createDirectories(dir);
        Path header = dir.resolve("vmlinux.h");
        ClangOracle.Result h = ClangOracle.run(List.of("bpftool", "btf", "dump", "file", BTF.toString(), "format", "c"),
                header);
        if (h.exitCode() != 0) throw new IOException("bpftool format c failed: " + h.output());
        Path raw = dir.resolve("btf.txt");
        ClangOracle.Result r = ClangOracle.run(List.of("bpftool", "btf", "dump", "file", BTF.toString()), raw);
        if (r.exitCode() != 0) throw new IOException("bpftool dump failed: " + r.output());
        List<String> lines = assertionsFrom(Files.readAllLines(raw));
        Files.delete(raw);
        Path work = dir.resolve("candidate.c");
        for (int round = 0; round < 10; round++) {
            List<String> file = new ArrayList<>();
            file.add("#include \"vmlinux.h\"");
            file.addAll(lines);
            Files.write(work, file);
            ClangOracle.Result cc = ClangOracle.run(List.of("clang-22", "--target=bpf", "-fsyntax-only",
                    "-ferror-limit=0", "-Wno-everything", work.toString()), null);
            if (cc.exitCode() == 0) {
                Files.move(work, asserts);
                return dir;
            }
            Set<Integer> bad = new HashSet<>();
            Matcher m = Pattern.compile("candidate\\.c:(\\d+):\\d+: error:").matcher(cc.output());
            while (m.find()) bad.add(Integer.parseInt(m.group(1)));
            if (bad.isEmpty()) throw new IOException("clang failed without line errors:\n" + cc.output());
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) if (!bad.contains(i + 2)) kept.add(lines.get(i));
            lines = kept;
        }
        throw new IOException("clang still rejects the layout asserts after 10 rounds");
    }

    /** One assertion line per named record size and per named non-bit-field member offset. */
    static List<String> assertionsFrom(List<String> btfDump) {
        Pattern rec = Pattern.compile("^\\[\\d+] (STRUCT|UNION) '([^']*)' size=(\\d+) vlen=\\d+");
        Pattern mem = Pattern.compile("^\\s+'([^']*)' type_id=\\d+ bits_offset=(\\d+)( bitfield_size=\\d+)?");
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = null;
        for (String line : btfDump) {
            Matcher rm = rec.matcher(line);
            if (rm.find()) {
                String name = rm.group(2);
                String type = rm.group(1).toLowerCase() + " " + name;
                // A name BTF holds twice is renamed by bpftool (foo___2): only the first keeps its name.
                current = name.equals("(anon)") || !seen.add(type) ? null : type;
                if (current != null) out.add("_Static_assert(sizeof(" + type + ") == " + rm.group(3) + ", \"\");");
                continue;
            }
            if (line.startsWith("[")) {
                current = null;
                continue;
            }
            Matcher mm = mem.matcher(line);
            if (current != null && mm.find() && mm.group(3) == null && !mm.group(1).equals("(anon)")) {
                long bits = Long.parseLong(mm.group(2));
                if (bits % 8 == 0) {
                    out.add("_Static_assert(__builtin_offsetof(" + current + ", " + mm.group(1) + ") == " + bits / 8
                            + ", \"\");");
                }
            }
        }
        return out;
    }
}
