package dev.jbpfc.testsuite.oracle;

import java.nio.file.Path;

/**
 * One clang-22 compile: the object (in the cache; copy it before changing it) or the diagnostics.
 *
 * @param compileMillis wall time of the compile that produced the object (a cache hit reports the original's)
 * @param cached        the object came from ~/.cache/jbpfc/clang without running clang
 */
public record ClangResult(Path source, boolean ok, Path object, String diagnostics, long compileMillis,
                          boolean cached) {
}
