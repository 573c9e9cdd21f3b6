package dev.jbpfc.frontend.pp;

import dev.jbpfc.source.SourceFile;

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
 */
public final class SharedSourceFiles {
    private final Map<String, SourceFile> files = new HashMap<>();
    private final Map<String, SourceFile> buffers = new HashMap<>();

    /** The file at {@code path}, read by {@code read} the first time (null results are not kept). */
    SourceFile file(String path, Supplier<SourceFile> read) {
        SourceFile f = files.get(path);
        if (f == null) {
            f = read.get();
            if (f != null) files.put(path, f);
        }
        return f;
    }

    /** A made-up buffer: the same object for the same name and text. */
    SourceFile buffer(String name, String text) {
        return buffers.computeIfAbsent(name + '\0' + text, k -> new SourceFile(name, text));
    }
}
