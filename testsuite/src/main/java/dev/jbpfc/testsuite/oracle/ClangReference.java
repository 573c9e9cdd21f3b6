package dev.jbpfc.testsuite.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * clang-22 as the reference compiler, with a cache so a test run compiles each corpus file once per content.
 *
 * <p>The cache works like ccache's direct mode. The lookup key hashes clang's version, the source's path and
 * content and the flags; under that key sit the object and a manifest listing every file the compile read (from
 * clang's {@code -MD} dependency output) with its SHA-256. A hit needs every listed file unchanged, so editing a
 * header (or regenerating vmlinux.h for another kernel) recompiles, while an unchanged corpus file costs a few
 * stats and no clang run. Example: {@code progs/xdp_dummy.c} with the selftests flags lists ~40 headers; the
 * second compile returns {@code ~/.cache/jbpfc/clang/ab/ab12....o} with {@code cached = true}.
 */
public final class ClangReference {
    private static final String MANIFEST_MAGIC = "jbpfc-clang-cache 1";

    private final String clang;
    private final String version;
    private final Path cache;

    private ClangReference(String clang, String version, Path cache) {
        this.clang = clang;
        this.version = version;
        this.cache = cache;
    }

    /** Finds $JBPFC_CLANG or clang-22 on the PATH. */
    public static ClangReference create() throws OracleUnavailableException {
        String clang = System.getenv().getOrDefault("JBPFC_CLANG", "clang-22");
        CommandResult r = Command.run(List.of(clang, "--version"), null, Duration.ofSeconds(30));
        if (!r.ok()) {
            throw new OracleUnavailableException(clang + " is missing (apt-get install clang-22 llvm-22): it is the "
                    + "reference compiler. " + r.stderr().trim());
        }
        return new ClangReference(clang, r.stdout().lines().findFirst().orElse(""),
                ProjectLayout.cacheDir().resolve("clang"));
    }

    public String executable() {
        return clang;
    }

    public String version() {
        return version;
    }

    /** The corpus flags: scripts/selftests-flags plus -O2 --target=bpf -mcpu=v3. */
    public static List<String> selftestsFlags() throws OracleUnavailableException {
        List<String> f = new ArrayList<>(ProjectLayout.selftestsFlags());
        f.addAll(List.of("-O2", "--target=bpf", "-mcpu=v3"));
        return List.copyOf(f);
    }

    /** Compiles source with {@code clang flags -c source}, or returns the cached object. */
    public ClangResult compile(Path source, List<String> flags) {
        Path src = source.toAbsolutePath().normalize();
        String srcHash = ContentHash.ofFile(src);
        if (srcHash == null) return new ClangResult(src, false, null, "cannot read " + src, 0, false);
        ContentHash k = new ContentHash().add(version).add(src.toString()).add(srcHash);
        for (String f : flags) k.add(f);
        String key = k.hex();
        Path dir = cache.resolve(key.substring(0, 2));
        Path object = dir.resolve(key + ".o");
        Path manifest = dir.resolve(key + ".deps");
        long cachedMillis = validEntry(object, manifest);
        if (cachedMillis >= 0) return new ClangResult(src, true, object, "", cachedMillis, true);

        try {
            Files.createDirectories(dir);
            Path tmpObj = Files.createTempFile(dir, key, ".o.tmp");
            Path tmpDeps = Files.createTempFile(dir, key, ".d.tmp");
            try {
                List<String> cmd = new ArrayList<>();
                cmd.add(clang);
                cmd.addAll(flags);
                cmd.addAll(List.of("-c", src.toString(), "-o", tmpObj.toString(), "-MD", "-MF", tmpDeps.toString()));
                CommandResult r = Command.run(cmd, src.getParent(), Duration.ofMinutes(5));
                if (!r.ok()) {
                    String why = r.timedOut() ? "clang timed out\n" : "";
                    return new ClangResult(src, false, null, why + r.stderr(), r.millis(), false);
                }
                StringBuilder m = new StringBuilder(MANIFEST_MAGIC).append('\n');
                m.append("millis ").append(r.millis()).append('\n');
                for (String dep : parseDeps(Files.readString(tmpDeps))) {
                    Path p = src.getParent().resolve(dep).normalize();
                    String h = ContentHash.ofFile(p);
                    if (h == null) return new ClangResult(src, true, moveInto(tmpObj, object), r.stderr(), r.millis(), false);
                    m.append(h).append(' ').append(p).append('\n');
                }
                Files.move(tmpObj, object, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                ContentHash.writeAtomically(manifest, m.toString().getBytes(StandardCharsets.UTF_8));
                return new ClangResult(src, true, object, r.stderr(), r.millis(), false);
            } finally {
                Files.deleteIfExists(tmpObj);
                Files.deleteIfExists(tmpDeps);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path moveInto(Path tmp, Path object) throws IOException {
        Files.move(tmp, object, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return object;
    }

    /** The original compile time if the object and every file it was built from are unchanged, else -1. */
    private static long validEntry(Path object, Path manifest) {
        if (!Files.isRegularFile(object) || !Files.isRegularFile(manifest)) return -1;
        try {
            List<String> lines = Files.readAllLines(manifest);
            if (lines.size() < 2 || !lines.get(0).equals(MANIFEST_MAGIC) || !lines.get(1).startsWith("millis ")) return -1;
            long millis = Long.parseLong(lines.get(1).substring("millis ".length()));
            for (String line : lines.subList(2, lines.size())) {
                int sp = line.indexOf(' ');
                if (sp < 0 || !line.substring(0, sp).equals(ContentHash.ofFile(Path.of(line.substring(sp + 1))))) {
                    return -1;
                }
            }
            return millis;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** The prerequisites of a make rule "obj.o: a.c \\\n b.h c\\ d.h" (backslash escapes spaces). */
    static List<String> parseDeps(String rule) {
        int colon = rule.indexOf(": ");
        String body = colon < 0 ? "" : rule.substring(colon + 2);
        List<String> deps = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(i + 1);
                if (n == '\n') { i++; flush(cur, deps); continue; }
                if (n == ' ' || n == '#' || n == '\\') { cur.append(n); i++; continue; }
            }
            if (c == '$' && i + 1 < body.length() && body.charAt(i + 1) == '$') { cur.append('$'); i++; continue; }
            if (Character.isWhitespace(c)) { flush(cur, deps); continue; }
            cur.append(c);
        }
        flush(cur, deps);
        return deps;
    }

    private static void flush(StringBuilder cur, List<String> deps) {
        if (cur.length() > 0) deps.add(cur.toString());
        cur.setLength(0);
    }
}
