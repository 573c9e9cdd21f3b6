package dev.jbpfc.frontend.pp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The text of clang's {@code <built-in>} buffer for {@code --target=bpf}: the macros clang-22 predefines, as
 * {@code #define} lines. The fixed part is the measured table {@code bpf-predefines.txt}; the parts that depend on
 * options are added here, as clang-22 does them:
 * <pre>
 * -mcpu=v1|generic  __BPF_CPU_VERSION__ 1, features ADDR_SPACE_CAST ATOMIC_MEM_ORDERING MAY_GOTO
 * -mcpu=v2          ... 2, + JMP_EXT
 * -mcpu=v3          ... 3, + ALU32 JMP32
 * -mcpu=v4          ... 4, + BSWAP GOTOL GOTOX LDSX LOAD_ACQ_STORE_REL MOVSX SDIV_SMOD ST
 * -mcpu=probe       ... 0, no features
 * -O0               __NO_INLINE__ 1;  -O1 and up: __OPTIMIZE__ 1;  -Os/-Oz: also __OPTIMIZE_SIZE__ 1
 * -g                __GCC_HAVE_DWARF2_CFI_ASM 1
 * -std=c..          __STRICT_ANSI__ 1; __STDC_VERSION__ by year; c89/gnu89: __GNUC_GNU_INLINE__
 * </pre>
 * ADDR_SPACE_CAST promises that the compiler inserts {@code addr_space_cast} before every access through an
 * {@code address_space(1)} pointer and on conversions between spaces (lower's ArenaAccess and the arena-casts
 * pass), so arena headers such as the selftests' {@code bpf_arena_common.h} make {@code __arena} an address space.
 */
final class PredefinedMacros {
    private static final String TABLE = load();

    private PredefinedMacros() {}

    private static String load() {
        try (InputStream in = PredefinedMacros.class.getResourceAsStream("bpf-predefines.txt")) {
            if (in == null) throw new IllegalStateException("bpf-predefines.txt missing from the class path");
            StringBuilder sb = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#define")) sb.append(line).append('\n');
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(PreprocessorOptions o) {
        StringBuilder sb = new StringBuilder(TABLE.length() + 1024);
        if (o.noPredefines) {
            sb.append("#define __STDC__ 1\n");
        } else {
            sb.append(TABLE);
            int v = o.cpuVersion();
            sb.append("#define __BPF_CPU_VERSION__ ").append(v).append('\n');
            if (v >= 1) {
                feature(sb, "ADDR_SPACE_CAST");
                feature(sb, "ATOMIC_MEM_ORDERING");
                feature(sb, "MAY_GOTO");
            }
            if (v >= 2) feature(sb, "JMP_EXT");
            if (v >= 3) {
                feature(sb, "ALU32");
                feature(sb, "JMP32");
            }
            if (v >= 4) {
                for (String f : new String[] {"BSWAP", "GOTOL", "GOTOX", "LDSX", "LOAD_ACQ_STORE_REL", "MOVSX",
                        "SDIV_SMOD", "ST"}) {
                    feature(sb, f);
                }
            }
            sb.append(o.optimize ? "#define __OPTIMIZE__ 1\n" : "#define __NO_INLINE__ 1\n");
            if (o.optimize && o.optimizeSize) sb.append("#define __OPTIMIZE_SIZE__ 1\n");
            if (o.debugInfo) sb.append("#define __GCC_HAVE_DWARF2_CFI_ASM 1\n");
            sb.append("#define __STDC_HOSTED__ ").append(o.freestanding ? 0 : 1).append('\n');
            if (o.bigEndian) {
                sb.append("#define __BIG_ENDIAN__ 1\n#define __BYTE_ORDER__ __ORDER_BIG_ENDIAN__\n");
            } else {
                sb.append("#define __LITTLE_ENDIAN__ 1\n#define __BYTE_ORDER__ __ORDER_LITTLE_ENDIAN__\n");
            }
            String std = o.std == null ? "gnu17" : o.std;
            boolean strict = std.startsWith("c") || std.startsWith("iso");
            boolean c89 = std.endsWith("89") || std.endsWith("90") || std.equals("iso9899:1990");
            sb.append(c89 ? "#define __GNUC_GNU_INLINE__ 1\n" : "#define __GNUC_STDC_INLINE__ 1\n");
            String version = stdcVersion(std);
            if (version != null) sb.append("#define __STDC_VERSION__ ").append(version).append('\n');
            if (strict) sb.append("#define __STRICT_ANSI__ 1\n");
        }
        return sb.toString();
    }

    private static void feature(StringBuilder sb, String name) {
        sb.append("#define __BPF_FEATURE_").append(name).append(" 1\n");
    }

    private static String stdcVersion(String std) {
        if (std.endsWith("89") || std.endsWith("90")) return null;
        if (std.endsWith("99") || std.endsWith("9x")) return "199901L";
        if (std.endsWith("11") || std.endsWith("1x")) return "201112L";
        if (std.endsWith("17") || std.endsWith("18")) return "201710L";
        if (std.endsWith("23") || std.endsWith("2x")) return "202311L";
        return "201710L";
    }
}
