package dev.jbpfc.testsuite.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SHA-256 keys for the caches (the bpfrun binary, clang's objects). File hashes are remembered per JVM by
 * (path, size, mtime), so checking that vmlinux.h (2.8 MB) did not change costs a stat, not a read, after the
 * first time.
 */
public final class ContentHash {
    private record Stamp(long size, long mtimeNanos, String sha) {
    }

    private static final Map<Path, Stamp> FILES = new ConcurrentHashMap<>();

    private final MessageDigest digest;

    public ContentHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a string, delimited so that ("ab","c") and ("a","bc") differ. */
    public ContentHash add(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(b);
        return this;
    }

    public ContentHash add(byte[] b) {
        digest.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(b);
        return this;
    }

    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of a file's content, or null when it cannot be read. */
    public static String ofFile(Path file) {
        Path key = file.toAbsolutePath().normalize();
        try {
            BasicFileAttributes a = Files.readAttributes(key, BasicFileAttributes.class);
            long mtime = a.lastModifiedTime().toInstant().getEpochSecond() * 1_000_000_000L
                    + a.lastModifiedTime().toInstant().getNano();
            Stamp s = FILES.get(key);
            if (s != null && s.size == a.size() && s.mtimeNanos == mtime) return s.sha;
            String sha = new ContentHash().add(Files.readAllBytes(key)).hex();
            FILES.put(key, new Stamp(a.size(), mtime, sha));
            return sha;
        } catch (IOException e) {
            return null;
        }
    }

    public static String of(String s) {
        return new ContentHash().add(s).hex();
    }

    static void writeAtomically(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
