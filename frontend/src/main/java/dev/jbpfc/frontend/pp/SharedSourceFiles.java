package dev.jbpfc.frontend.pp;

import dev.jbpfc.source.SourceFile;
import dev.jbpfc.source.WorkingDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The source files of one compiler invocation, shared by the preprocessors of all its inputs: a header that 100
 * inputs include is read once, and all their tokens from it point at the same {@link SourceFile} object. The
 * second half is what lets the parser reuse a previous input's declarations ({@code parse.ParsedPrefix}): tokens
 * are compared with {@code equals}, which for locations means the same SourceFile object, and the AST of a reused
 * declaration must carry locations that this input's own tables (system headers, diagnostic pragmas) recognise.
 *
 * <p>Only files read from disk (by path as spelled) and the predefined buffers ({@code <built-in>},
 * {@code <command line>}, equal text for equal options) are shared; buffers made while expanding ({@code ##},
 * {@code _Pragma}) stay private to their preprocessor. Not thread-safe: one per invocation, one input at a time.
 *
 * <p>The compile server keeps one from a request to the next; it also remembers what the header search asked the
 * file system (which candidate paths were files), so that {@link #unchangedOnDisk} can tell that every file read
 * still has the same text and every probe the same answer: then nothing the reused state depends on has changed.
 */
public final class SharedSourceFiles {
    private final Map<String, SourceFile> files = new HashMap<>();
    private final Map<String, SourceFile> buffers = new HashMap<>();
    private final Map<String, Boolean> probes = new HashMap<>();

    /** The file at {@code path}, read by {@code read} the first time (null results are not kept). */
    SourceFile file(String path, Supplier<SourceFile> read) {
        SourceFile f = files.get(path);
        if (f == null) {
            f = read.get();
            if (f != null) files.put(path, f);
        }
        return f;
    }

    /** The header search found that {@code path} is ({@code isFile}) or is not a regular file. */
    void probed(String path, boolean isFile) {
        probes.putIfAbsent(path, isFile);
    }

    /** How many files were read (a server drops a state that has grown past its bound). */
    public int fileCount() { return files.size(); }

    /**
     * Whether the file system still gives what it gave: each file read has the same text and each header search
     * probe the same answer (paths resolved by {@link WorkingDirectory}; jbpfc's own headers never change).
     */
    public boolean unchangedOnDisk() {
        for (Map.Entry<String, SourceFile> e : files.entrySet()) {
            if (e.getKey().startsWith(HeaderSearch.BUILTIN_DIR + "/")) continue;
            try {
                byte[] now = Files.readAllBytes(WorkingDirectory.resolve(e.getKey()));
                if (!new String(now, StandardCharsets.ISO_8859_1).equals(e.getValue().text())) return false;
            } catch (IOException | RuntimeException gone) {
                return false;
            }
        }
        for (Map.Entry<String, Boolean> p : probes.entrySet()) {
            if (p.getKey().startsWith(HeaderSearch.BUILTIN_DIR + "/")) continue;
            if (Files.isRegularFile(WorkingDirectory.resolve(p.getKey())) != p.getValue()) return false;
        }
        return true;
    }

    /** A made-up buffer: the same object for the same name and text. */
    SourceFile buffer(String name, String text) {
        return buffers.computeIfAbsent(name + '\0' + text, k -> new SourceFile(name, text));
    }
}
