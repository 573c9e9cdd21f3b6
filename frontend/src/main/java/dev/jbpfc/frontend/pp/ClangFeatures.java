package dev.jbpfc.frontend.pp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The answers clang-22 gives for the BPF target to {@code __has_builtin}, {@code __has_attribute},
 * {@code __has_c_attribute}, {@code __has_feature} and {@code __has_extension}, read from the measured table
 * {@code clang-features.txt}. libbpf and the selftests pick code paths with these (for example
 * {@code __has_builtin(__builtin_preserve_type_info)} selects CO-RE type checks), so the answers must match clang's.
 */
final class ClangFeatures {
    private static final Map<String, Long> TABLE = load();

    private ClangFeatures() {}

    private static Map<String, Long> load() {
        Map<String, Long> table = new HashMap<>();
        try (InputStream in = ClangFeatures.class.getResourceAsStream("clang-features.txt")) {
            if (in == null) throw new IllegalStateException("clang-features.txt missing from the class path");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split(" ");
                String v = f[2];
                while (v.endsWith("L") || v.endsWith("l")) v = v.substring(0, v.length() - 1);
                table.put(f[0] + " " + f[1], Long.parseLong(v));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }

    private static long get(String kind, String name) {
        Long v = TABLE.get(kind + " " + name);
        return v == null ? 0 : v;
    }

    /** {@code __x__} spells the same attribute as {@code x}. */
    private static String bareAttribute(String name) {
        if (name.length() > 4 && name.startsWith("__") && name.endsWith("__")) return name.substring(2, name.length() - 2);
        return name;
    }

    static long hasBuiltin(String name) { return get("builtin", name); }

    static long hasAttribute(String name) { return get("attribute", bareAttribute(name)); }

    /** {@code scope} is null for an unscoped C2x attribute ({@code nodiscard}), else "gnu" or "clang". */
    static long hasCAttribute(String scope, String name) {
        String bare = bareAttribute(name);
        if (scope == null) return get("c_attribute", bare);
        String s = bareAttribute(scope);
        if (s.equals("gnu") || s.equals("clang")) {
            long v = get("c_attribute", s + "::" + bare);
            if (v != 0) return v;
            // clang knows every GNU attribute it supports under gnu:: and its own under clang::.
            return get("attribute", bare) != 0 ? 1 : 0;
        }
        return 0;
    }

    static long hasFeature(String name) { return get("feature", bareAttribute(name)); }

    static long hasExtension(String name) { return get("extension", bareAttribute(name)); }
}
