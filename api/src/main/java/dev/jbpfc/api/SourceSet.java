package dev.jbpfc.api;

import dev.jbpfc.frontend.pp.SourceTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * A virtual include tree: source files and headers held in memory under the paths the compiler sees, so that a
 * program and its headers (a {@code vmlinux.h} among them) can come from strings or class-path resources. Paths are
 * spelled as on the command line and looked up as {@code #include} spells them (the includer's directory, then the
 * include directories, joined with "/"):
 * <pre>
 *   SourceSet sources = SourceSet.builder()
 *           .add("src/prog.bpf.c", "#include \"common.h\"\n...")
 *           .add("src/common.h", "...")
 *           .addResource("include/vmlinux.h", MyLoader.class, "/bpf/vmlinux.h")
 *           .build();
 *   compiler.compile(CompileOptions.builder().includeDir(Path.of("include")).build(), sources, "src/prog.bpf.c");
 * </pre>
 * Paths it does not hold are read from the disk, unless {@link Builder#isolated} is set (then only jbpfc's built-in
 * headers, stddef.h and the like, are there besides). Immutable and safe to share between threads.
 */
public final class SourceSet {
    private final Map<String, byte[]> files;
    private final boolean isolated;
    private final String fingerprint;

    private SourceSet(Map<String, byte[]> files, boolean isolated) {
        this.files = files;
        this.isolated = isolated;
        this.fingerprint = digest(files, isolated);
    }

    /** No virtual files: everything is read from the disk, as the command line does. */
    public static SourceSet disk() { return new SourceSet(Map.of(), false); }

    public static Builder builder() { return new Builder(); }

    /** Whether the set holds {@code path} itself (not counting the disk). */
    public boolean contains(String path) { return files.containsKey(normalize(path)); }

    /** The tree the preprocessor reads. */
    SourceTree tree() {
        return new SourceTree() {
            @Override
            public boolean isFile(String path) {
                return files.containsKey(normalize(path)) || !isolated && DISK.isFile(path);
            }

            @Override
            public byte[] read(String path) throws IOException {
                byte[] b = files.get(normalize(path));
                if (b != null) return b.clone();
                if (isolated) throw new NoSuchFileException(path);
                return DISK.read(path);
            }

            @Override
            public String fingerprint() { return fingerprint; }
        };
    }

    /**
     * {@code a/./b//c.h} and {@code a/x/../b/c.h} are {@code a/b/c.h}: {@code #include "../common.h"} from
     * {@code src/prog.c} finds {@code common.h}. A leading "./" goes too.
     */
    static String normalize(String path) {
        boolean absolute = path.startsWith("/");
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) continue;
            if (p.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) parts.removeLast();
            else if (p.equals("..") && absolute) continue;
            else parts.addLast(p);
        }
        return (absolute ? "/" : "") + String.join("/", parts);
    }

    /** Equal for two sets with the same paths and contents: header expansions are shared only between such. */
    private static String digest(Map<String, byte[]> files, boolean isolated) {
        if (files.isEmpty() && !isolated) return "";
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((byte) (isolated ? 1 : 0));
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
                md.update((byte) 0);
            }
            return "sources:" + java.util.HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Collects the files of a {@link SourceSet}; a path added twice keeps the last text. */
    public static final class Builder {
        private final Map<String, byte[]> files = new TreeMap<>();
        private boolean isolated;

        private Builder() {}

        /** A file of text, stored as UTF-8 bytes: what the compiler would read from a UTF-8 file on disk. */
        public Builder add(String path, String text) {
            return add(path, text.getBytes(StandardCharsets.UTF_8));
        }

        public Builder add(String path, byte[] bytes) {
            files.put(normalize(path), bytes.clone());
            return this;
        }

        /** A file whose text is the class-path resource {@code resource} (as {@code anchor.getResourceAsStream}). */
        public Builder addResource(String path, Class<?> anchor, String resource) {
            try (InputStream in = anchor.getResourceAsStream(resource)) {
                if (in == null) throw new IllegalArgumentException("no class-path resource '" + resource + "'");
                return add(path, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Only these files (and jbpfc's built-in headers): nothing is read from the disk. */
        public Builder isolated(boolean on) {
            isolated = on;
            return this;
        }

        public SourceSet build() { return new SourceSet(java.util.Collections.unmodifiableMap(new TreeMap<>(files)), isolated); }
    }
}
