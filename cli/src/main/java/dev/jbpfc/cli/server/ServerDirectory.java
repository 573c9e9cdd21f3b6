package dev.jbpfc.cli.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

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

    /**
     * Removes the files of other builds' servers that are no longer running (their lock is free): a server
     * killed, or stopped idle, leaves its lock and log, one pair per build of the compiler, which a developer
     * who rebuilds often would otherwise collect by the hundred. Each lock is taken before its files go and
     * deleted last, so a server of that build starting meanwhile either holds it (and is left alone) or finds
     * its lock file gone and steps aside.
     */
    void sweepOtherBuilds() {
        List<Path> locks;
        try (Stream<Path> files = Files.list(dir)) {
            locks = files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("server-") && n.endsWith(".lock") && !n.equals(lock().getFileName().toString());
            }).toList();
        } catch (IOException e) {
            return;
        }
        for (Path lockPath : locks) {
            String name = lockPath.getFileName().toString();
            String other = name.substring("server-".length(), name.length() - ".lock".length());
            try (FileChannel ch = FileChannel.open(lockPath, StandardOpenOption.WRITE);
                 FileLock held = tryLock(ch)) {
                if (held == null) continue;
                for (String ext : List.of(".log", ".pid", ".sock")) Files.deleteIfExists(dir.resolve("server-" + other + ext));
                Files.deleteIfExists(lockPath);
            } catch (IOException e) {
                // gone already, or not ours to take: left alone
            }
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldHere) {
            return null;
        }
    }
}
