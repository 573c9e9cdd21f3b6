package dev.jbpfc.frontend.pp;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.lex.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Inputs preprocessed one after the other with a {@link HeaderCache} must come out exactly as when each is
 * preprocessed with a fresh preprocessor: the same tokens (kind, spelling, flags, locations with their expansion
 * chains), the same -E text, the same diagnostics. Each test also says which includes were taken from the cache,
 * so that the cases where reuse would be wrong (a macro the header tests or uses defined differently,
 * {@code __COUNTER__}, a guard macro undefined, a different system-header status, an include inside macro
 * arguments ...) are seen to expand the header again, and the ordinary case is seen to reuse it.
 */
class HeaderCacheTest {
    @TempDir Path dir;

    /** What one input gave: its tokens, its -E text, its diagnostics and how many includes it took from the cache. */
    private record Result(List<Token> tokens, String text, String diagnostics, int reused) {}

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.ISO_8859_1);
    }

    private PreprocessorOptions options(SharedSourceFiles files, HeaderCache cache) {
        PreprocessorOptions o = new PreprocessorOptions();
        o.builtinIncludes = false;
        o.angledDirs.add(dir.resolve("inc"));
        o.systemDirs.add(dir.resolve("sys"));
        o.angledDirs.add(dir.resolve("next"));
        o.sharedFiles = files;
        o.headerCache = cache;
        return o;
    }

    private static Result run(PreprocessorOptions o, Path main) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Diagnostics diags = new Diagnostics(new PrintStream(err, true, StandardCharsets.UTF_8));
        diags.setErrorLimit(0);
        Preprocessor pp = new Preprocessor(o, diags);
        List<Token> tokens = pp.run(main);
        StringBuilder text = new StringBuilder();
        PreprocessedPrinter.print(tokens, text, pp::includerOf);
        return new Result(tokens, text.toString(), err.toString(StandardCharsets.UTF_8), pp.reusedHeaderExpansions());
    }

    /**
     * Preprocesses the mains alone and then in one batch, checks that every input came out the same, and returns
     * how many includes of each input the batch took from the cache.
     */
    private List<Integer> batchEqualsAlone(String... mains) throws IOException {
        // The same SourceFile objects in both runs, so that locations compare equal when they are the same place.
        SharedSourceFiles files = new SharedSourceFiles();
        HeaderCache cache = new HeaderCache();
        List<Integer> reused = new ArrayList<>();
        for (String m : mains) {
            Path main = dir.resolve(m);
            Result alone = run(options(files, null), main);
            Result batch = run(options(files, cache), main);
            assertEquals(alone.text, batch.text, m + ": -E output");
            assertEquals(alone.diagnostics, batch.diagnostics, m + ": diagnostics");
            assertSameTokens(alone.tokens, batch.tokens, m);
            assertEquals(0, alone.reused);
            reused.add(batch.reused);
        }
        return reused;
    }

    private static void assertSameTokens(List<Token> a, List<Token> b, String what) {
        assertEquals(a.size(), b.size(), what + ": token count");
        for (int i = 0; i < a.size(); i++) {
            Token x = a.get(i);
            Token y = b.get(i);
            if (x.kind != y.kind || !x.text.equals(y.text) || x.spaceBefore != y.spaceBefore
                    || x.startOfLine != y.startOfLine || x.noExpand != y.noExpand || !x.location.equals(y.location)) {
                fail(what + ": token " + i + " differs: " + x + " / " + y);
            }
        }
    }

    @Test
    void aHeaderIncludedInTheSameStateIsReused() throws IOException {
        write("inc/h.h", "#ifndef H_H\n#define H_H\n#define TWICE(x) ((x) + (x))\nint h = TWICE(__LINE__);\n"
                + "const char *f = __FILE__;\n#endif\n");
        write("a.c", "#include <h.h>\nint a = TWICE(1);\n");
        write("b.c", "#include <h.h>\n#include <h.h>\nint b = TWICE(2) + H_H;\n");
        assertEquals(List.of(0, 1), batchEqualsAlone("a.c", "b.c"));
    }

    @Test
    void aMacroTheHeaderTestsDefinedDifferentlyMeansExpandingItAgain() throws IOException {
        write("inc/h.h", "#ifdef FAST\nint fast;\n#else\nint slow;\n#endif\n#if defined(LEVEL) && LEVEL > 2\n"
                + "int high;\n#endif\n");
        write("a.c", "#include <h.h>\n");
        write("b.c", "#define FAST\n#include <h.h>\n");
        write("c.c", "#define LEVEL 3\n#include <h.h>\n");
        write("d.c", "#define LEVEL 1\n#include <h.h>\n");
        write("e.c", "#include <h.h>\n");
        assertEquals(List.of(0, 0, 0, 0, 1), batchEqualsAlone("a.c", "b.c", "c.c", "d.c", "e.c"));
    }

    @Test
    void aMacroTheHeaderUsesDefinedDifferentlyMeansExpandingItAgain() throws IOException {
        write("inc/h.h", "int size = SIZE;\nint other = OTHER(1);\n");
        write("a.c", "#include <h.h>\n");
        write("b.c", "#define SIZE 4\n#include <h.h>\n");
        write("c.c", "#define OTHER(x) x\n#include <h.h>\n");
        // The same definition, written somewhere else: its tokens have other locations, so no reuse either.
        write("d.c", "\n#define SIZE 4\n#include <h.h>\n");
        assertEquals(List.of(0, 0, 0, 0), batchEqualsAlone("a.c", "b.c", "c.c", "d.c"));
    }

    @Test
    void macrosTheHeaderDefinesAreThereAfterAReuse() throws IOException {
        write("inc/h.h", "#define ONE 1\n#undef GONE\n#define F(a, ...) a __VA_OPT__(+) __VA_ARGS__\n");
        write("a.c", "#define GONE 0\n#include <h.h>\nint a = ONE + F(2, 3) + GONE;\n");
        write("b.c", "#include <h.h>\nint b = ONE + F(2) + GONE;\n");
        write("c.c", "#include <h.h>\n#ifdef GONE\n#error GONE\n#endif\nint c = F(ONE, ONE);\n");
        assertEquals(List.of(0, 0, 1), batchEqualsAlone("a.c", "b.c", "c.c"));
    }

    @Test
    void counterAndIncludeLevelAndBaseFileAreNeverReused() throws IOException {
        write("inc/counter.h", "int c = __COUNTER__;\n");
        write("inc/level.h", "int l = __INCLUDE_LEVEL__;\n");
        write("inc/base.h", "const char *b = __BASE_FILE__;\n");
        write("inc/outer.h", "#include <counter.h>\nint o;\n");
        write("a.c", "#include <counter.h>\n#include <level.h>\n#include <base.h>\n#include <outer.h>\n");
        write("b.c", "int x = __COUNTER__;\n#include <counter.h>\n#include <base.h>\n#include <outer.h>\n"
                + "#include <level.h>\n");
        assertEquals(List.of(0, 0), batchEqualsAlone("a.c", "b.c"));
    }

    @Test
    void aGuardMacroUndefinedBetweenIncludesMeansExpandingAgain() throws IOException {
        write("inc/g.h", "#ifndef G_H\n#define G_H\nint g;\n#endif\n");
        write("inc/once.h", "#pragma once\nint once;\n");
        write("a.c", "#include <g.h>\n#include <once.h>\n");
        write("b.c", "#include <g.h>\n#include <g.h>\n#undef G_H\n#include <g.h>\n#include <once.h>\n"
                + "#include <once.h>\n");
        write("c.c", "#define G_H\n#include <g.h>\n#include <once.h>\n");
        // b: g.h and once.h reused, the second g.h and once.h skipped (guard, once replayed), the third g.h reused;
        // c: g.h skipped by its guard tested at the #ifndef: a different state, so no reuse.
        assertEquals(List.of(0, 3, 1), batchEqualsAlone("a.c", "b.c", "c.c"));
    }

    @Test
    void nestedIncludesAreReplayedWithTheirGuards() throws IOException {
        write("inc/outer.h", "#ifndef OUTER_H\n#define OUTER_H\n#include <inner.h>\nint outer = INNER;\n#endif\n");
        write("inc/inner.h", "#ifndef INNER_H\n#define INNER_H\n#define INNER 7\nint inner;\n#endif\n");
        write("a.c", "#include <outer.h>\n#include <inner.h>\nint a = INNER;\n");
        write("b.c", "#include <outer.h>\n#include <inner.h>\n#include <outer.h>\n");
        // c includes inner.h first: outer.h then skips it, which its recording did not do: outer.h is expanded again
        // (inner.h inside it is skipped by the guard).
        write("c.c", "#include <inner.h>\n#include <outer.h>\n");
        write("d.c", "#include <inner.h>\n#include <outer.h>\n");
        assertEquals(List.of(0, 1, 1, 2), batchEqualsAlone("a.c", "b.c", "c.c", "d.c"));
    }

    @Test
    void diagnosticsOfAHeaderAreReportedEachTime() throws IOException {
        write("inc/bad.h", "#warning careful\n#define X 1\n#define X 2\nint bad;\n");
        write("a.c", "#include <bad.h>\n");
        write("b.c", "#include <bad.h>\n");
        assertEquals(List.of(0, 0), batchEqualsAlone("a.c", "b.c"));
    }

    @Test
    void theSameHeaderAsSystemHeaderOrNotIsNotTheSameExpansion() throws IOException {
        // leaf.h next to a system header is a system header: its #warning is silent. Included by its absolute path
        // from a main file it is not, and the warning must appear.
        write("sys/wrap.h", "#include \"leaf.h\"\n");
        write("sys/leaf.h", "#warning from leaf\nint leaf;\n");
        write("a.c", "#include <wrap.h>\n");
        write("b.c", "#include \"" + dir.resolve("sys/leaf.h") + "\"\n");
        write("c.c", "#include <wrap.h>\n");
        assertEquals(List.of(0, 0, 1), batchEqualsAlone("a.c", "b.c", "c.c"));
    }

    @Test
    void includeNextDependsOnWhereTheHeaderWasFound() throws IOException {
        write("inc/n.h", "int first;\n#include_next <n.h>\n");
        write("next/n.h", "int second;\n");
        write("a.c", "#include <n.h>\n");
        write("b.c", "#include <n.h>\n#include \"next/n.h\"\n#include <n.h>\n");
        assertEquals(List.of(0, 2), batchEqualsAlone("a.c", "b.c"));
    }

    @Test
    void anIncludeInsideMacroArgumentsIsNeitherRecordedNorReplayed() throws IOException {
        write("inc/args.h", "1, 2\n");
        write("a.c", "#define F(...) f(__VA_ARGS__)\nF(\n#include <args.h>\n)\n#include <args.h>\n");
        write("b.c", "#define F(...) f(__VA_ARGS__)\n#include <args.h>\nF(\n#include <args.h>\n)\n");
        assertEquals(List.of(0, 1), batchEqualsAlone("a.c", "b.c"));
    }

    @Test
    void lineDirectivesAndPragmaOperatorsAndPushMacro() throws IOException {
        write("inc/line.h", "#line 100 \"renamed.h\"\nint l = __LINE__; const char *f = __FILE__;\n");
        write("inc/pragma.h", "#define DO(x) _Pragma(#x)\nDO(GCC diagnostic push)\n#pragma unroll 4\nint p;\n");
        write("inc/push.h", "#pragma push_macro(\"P\")\n#undef P\nint P;\n#pragma pop_macro(\"P\")\n");
        write("a.c", "#define P p\n#include <line.h>\n#include <pragma.h>\n#include <push.h>\nint a = __LINE__ + P;\n");
        write("b.c", "#define P p\n#include <line.h>\n#include <pragma.h>\n#include <push.h>\nint b = __LINE__ + P;\n");
        assertEquals(List.of(0, 1), batchEqualsAlone("a.c", "b.c"));
    }

    /**
     * Seeded random headers (guards, #pragma once, tests of and uses of a few macro names, definitions,
     * #undef, nested includes, __COUNTER__) and random mains that define and undefine those names between
     * includes: every input must come out of the batch as it does alone, and the cache must be used.
     */
    @Test
    void randomHeadersAndMains() throws IOException {
        Random random = new Random(0xcace);
        String[] names = {"A", "B", "C", "F"};
        int headers = 6;
        int totalReused = 0;
        for (int round = 0; round < 12; round++) {
            for (int h = 0; h < headers; h++) {
                StringBuilder sb = new StringBuilder();
                int kind = random.nextInt(4);
                if (kind == 0) sb.append("#ifndef H").append(h).append("_H\n#define H").append(h).append("_H\n");
                if (kind == 1) sb.append("#pragma once\n");
                int lines = 1 + random.nextInt(6);
                for (int l = 0; l < lines; l++) sb.append(randomLine(random, names, h, headers));
                if (kind == 0) sb.append("#endif\n");
                write("inc/r" + round + "_" + h + ".h", sb.toString().replace("@", "r" + round + "_"));
            }
            List<String> mains = new ArrayList<>();
            for (int m = 0; m < 5; m++) {
                StringBuilder sb = new StringBuilder();
                int lines = 2 + random.nextInt(8);
                for (int l = 0; l < lines; l++) {
                    switch (random.nextInt(4)) {
                        case 0 -> sb.append("#define ").append(names[random.nextInt(names.length)]).append(" 1\n");
                        case 1 -> sb.append("#undef ").append(names[random.nextInt(names.length)]).append('\n');
                        default -> sb.append("#include <r").append(round).append('_').append(random.nextInt(headers))
                                .append(".h>\n");
                    }
                }
                sb.append("int end = A + B + C;\n");
                String name = "m" + round + "_" + m + ".c";
                write(name, sb.toString());
                mains.add(name);
            }
            for (int r : batchEqualsAlone(mains.toArray(String[]::new))) totalReused += r;
        }
        assertTrue(totalReused > 20, "the cache was used: " + totalReused + " includes reused");
    }

    private static String randomLine(Random random, String[] names, int h, int headers) {
        String n = names[random.nextInt(names.length)];
        switch (random.nextInt(9)) {
            case 0: return "#ifdef " + n + "\nint d" + h + "_" + n + ";\n#endif\n";
            case 1: return "#if defined " + n + " && " + n + " > 0\nint p" + h + ";\n#endif\n";
            case 2: return "#define " + n + " " + (random.nextInt(3) + 1) + "\n";
            case 3: return "#undef " + n + "\n";
            case 4: return "int u" + h + " = " + n + " + __LINE__;\n";
            case 5: return h + 1 < headers ? "#include <@" + (h + 1 + random.nextInt(headers - h - 1)) + ".h>\n" : "\n";
            case 6: return random.nextInt(4) == 0 ? "int c" + h + " = __COUNTER__;\n" : "int x" + h + ";\n";
            case 7: return "#define F(x) (x + " + n + ")\n";
            default: return "int f" + h + " = F(" + n + ");\n";
        }
    }
}
