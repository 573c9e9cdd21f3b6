package dev.jbpfc.cli.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a user's compile server lives: a directory only that user can enter ({@code $XDG_RUNTIME_DIR/jbpfc}, else
 * {@code /tmp/jbpfc-<uid>}, mode 0700, refused if someone else owns it or others may enter it), and in it, per build
 * of the compiler, a socket, a lock the one running server holds, its process id and its log. A build is named by
 * its jar's size and modification time: a rebuilt jar gets a server of its own, and the old one, which watches its
 * jar, exits.
 */
final class ServerDirectory {
    private final Path dir;
    private final String stamp;

    private ServerDirectory(Path dir, String stamp) {
        this.dir = dir;
        this.stamp = stamp;
    }

    /** The directory for the jar {@code jar}, created if needed; null when it is not private to this user. */
    static ServerDirectory forJar(Path base, Path jar) throws IOException {
        Path dir = base;
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another client made it first: checked below like any existing directory
            }
        }
        if (!isPrivate(dir)) return null;
        return new ServerDirectory(dir, stampOf(jar));
    }

    /** {@code $XDG_RUNTIME_DIR/jbpfc} when that is set, else {@code /tmp/jbpfc-<uid>}. */
    static Path defaultBase() throws IOException {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isEmpty() && Files.isDirectory(Path.of(runtime))) return Path.of(runtime, "jbpfc");
        return Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "jbpfc-" + uid());
    }

    static String stampOf(Path jar) throws IOException {
        return Long.toHexString(Files.size(jar)) + "-" + Long.toHexString(Files.getLastModifiedTime(jar).toMillis());
    }

    static int uid() throws IOException {
        return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    }

    private static boolean isPrivate(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return false;
        int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        return owner == uid() && perms.equals(EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    }

    String stamp() { return stamp; }

    Path socket() { return dir.resolve("server-" + stamp + ".sock"); }

    Path lock() { return dir.resolve("server-" + stamp + ".lock"); }

    Path pidFile() { return dir.resolve("server-" + stamp + ".pid"); }

    Path log() { return dir.resolve("server-" + stamp + ".log"); }
}
