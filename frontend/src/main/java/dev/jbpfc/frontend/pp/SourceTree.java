package dev.jbpfc.frontend.pp;

import dev.jbpfc.source.WorkingDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the preprocessor finds and reads files, by path as spelled ({@code dir/name}, the way {@link HeaderSearch}
 * joins them). The command line reads the disk ({@link #DISK}); a program built from in-memory sources (the Java
 * API's virtual include tree, a {@code vmlinux.h} from a class-path resource) answers for its own paths and may
 * fall through to the disk for the rest. jbpfc's built-in headers are not asked for here.
 */
public interface SourceTree {
    /** Whether {@code path} names a file this tree can {@link #read}. */
    boolean isFile(String path);

    /** The bytes of the file at {@code path}. */
    byte[] read(String path) throws IOException;

    /**
     * Text that differs between two trees that could answer a path differently: header expansions cached for one
     * tree are reused for another only when both fingerprints are equal ({@link HeaderCache}).
     */
    default String fingerprint() { return ""; }

    /**
     * The file system, as clang reads it; relative paths from the compile's {@link WorkingDirectory} (the
     * client's directory in the compile server).
     */
    SourceTree DISK = new SourceTree() {
        @Override
        public boolean isFile(String path) {
            try {
                return Files.isRegularFile(WorkingDirectory.resolve(path));
            } catch (RuntimeException e) {
                return false; // a name that is no valid path (a NUL byte): no such file
            }
        }

        @Override
        public byte[] read(String path) throws IOException { return Files.readAllBytes(WorkingDirectory.resolve(path)); }
    };
}
