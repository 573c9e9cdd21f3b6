package dev.jbpfc.cli;

import dev.jbpfc.testsuite.oracle.ClangResult;
import dev.jbpfc.testsuite.oracle.OracleRequirement;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** clang-22's object of a source, the reference a VsClang test compares jbpfc's with (from the shared clang cache). */
final class ClangObject {
    private ClangObject() { }

    /** {@code clang-22 flags -c source}'s object; the test fails with clang's diagnostics when it cannot compile. */
    static Path of(Path source, List<String> flags) {
        ClangResult r = OracleRequirement.clang().compile(source, flags);
        assertTrue(r.ok(), "clang-22 cannot compile " + source + ":\n" + r.diagnostics());
        return r.object();
    }
}
