package dev.jbpfc.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an object was built from, kept beside the build so the next build can tell whether it is still current:
 * the options, and every file the compiler read (the source and each header, as {@code -MD} lists them) with its
 * size and modification time. The object is rebuilt when the options differ, when any of those files changed or
 * is gone, or when the object itself is missing. Like make with {@code -MD}, a header newly created where an
 * {@code #include} would now find it first is not noticed.
 * <pre>
 * options -O2 -g -mcpu=v3 ...
 * 1234 1733520000000 /p/src/main/bpf/xdp.bpf.c
 * 567 1733520000000 /p/src/main/bpf/common.h
 * </pre>
 */
record BuildStamp(String options, List<FileStamp> files) {
    /** One file read: its path as the compiler read it, its size and modification time in milliseconds. */
    record FileStamp(String path, long size, long modified) {
        static FileStamp of(Path p) throws IOException {
            return new FileStamp(p.toString(), Files.size(p), Files.getLastModifiedTime(p).toMillis());
        }

        boolean current() {
            Path p = Path.of(path);
            try {
                return Files.isRegularFile(p) && Files.size(p) == size && Files.getLastModifiedTime(p).toMillis() == modified;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** The stamp of a build that read {@code paths}. */
    static BuildStamp of(String options, List<String> paths) throws IOException {
        List<FileStamp> files = new ArrayList<>();
        for (String p : paths) files.add(FileStamp.of(Path.of(p)));
        return new BuildStamp(options, files);
    }

    /** Whether an object built as this stamp says is still what a build with {@code options} would give. */
    boolean current(String options) {
        if (!this.options.equals(options)) return false;
        for (FileStamp f : files) if (!f.current()) return false;
        return true;
    }

    void write(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("options ").append(options).append('\n');
        for (FileStamp f : files) sb.append(f.size()).append(' ').append(f.modified()).append(' ').append(f.path()).append('\n');
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /** The stamp in {@code file}, or null when there is none or it cannot be read (then the object is rebuilt). */
    static BuildStamp read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).startsWith("options ")) return null;
            List<FileStamp> files = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] parts = line.split(" ", 3);
                if (parts.length != 3) return null;
                files.add(new FileStamp(parts[2], Long.parseLong(parts[0]), Long.parseLong(parts[1])));
            }
            return new BuildStamp(lines.get(0).substring("options ".length()), files);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
