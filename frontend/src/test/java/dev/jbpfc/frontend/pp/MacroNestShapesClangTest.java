package dev.jbpfc.frontend.pp;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Issue 14: every {@link MacroNestShapes} shape, whose cost {@link NestedMacroCostTest} bounds, expands to exactly
 * clang-22's {@code -E} output, at depths from one level (where nothing is shared yet) to a few hundred (where
 * expansions share trees of trees). Skips without clang-22 (fails under JBPFC_REQUIRE_ORACLE=1).
 */
class MacroNestShapesClangTest {
    private static final List<Integer> DEPTHS = List.of(1, 2, 3, 7, 300);
    private static final List<String> FLAGS = List.of("--target=bpf");

    @TestFactory
    Stream<DynamicTest> shapesExpandAsClangDoes() {
        return MacroNestShapes.ALL.stream().flatMap(s -> DEPTHS.stream().map(depth ->
                DynamicTest.dynamicTest(s.name() + " at " + depth, () -> compare(s, depth))));
    }

    private static void compare(MacroNestShapes.Shape s, int depth) throws Exception {
        String clang = ClangComparison.clang();
        ClangComparison.require(clang != null, "clang-22");
        Path dir = Files.createTempDirectory("jbpfc-macronest");
        Path file = dir.resolve(s.name() + ".c");
        try {
            Files.writeString(file, s.source(depth));
            String theirs = ClangComparison.clangOutput(clang, FLAGS, file);
            assertNotNull(theirs, s.name() + " at " + depth + ": clang-22 rejected it");
            ByteArrayOutputStream diag = new ByteArrayOutputStream();
            String ours = ClangComparison.ourOutput(FLAGS, file, diag);
            assertEquals("", diag.toString(StandardCharsets.UTF_8), "no diagnostics");
            assertNull(ClangComparison.compare(theirs, ours), s.name() + " at " + depth);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
