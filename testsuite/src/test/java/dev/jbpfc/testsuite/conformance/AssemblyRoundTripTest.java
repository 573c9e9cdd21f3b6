package dev.jbpfc.testsuite.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The round trip's judgement, with a made-up compiler (a shell script): its {@code -S} writes the source's text,
 * its {@code -c} writes "object of " and the first line of its input, so the object from the {@code .s} equals the
 * one from the C file exactly when the script's -S/-c are consistent; a {@code BROKEN} source makes {@code -S}
 * append a line the object from {@code -c} does not have, {@code NOASM} makes assembling fail.
 */
class AssemblyRoundTripTest {
    private static final String SCRIPT = """
            #!/bin/sh
            mode= src= out=
            while [ $# -gt 0 ]; do
              case $1 in -c|-S) mode=$1;; -o) out=$2; shift;; -*) ;; *) src=$1;; esac; shift
            done
            case $mode in
              -S) cp "$src" "$out"; grep -q BROKEN "$src" && echo extra >> "$out"; exit 0;;
              -c) grep -q NOASM "$src" && case $src in *.s) echo "$src:1:1: error: unknown directive" >&2; exit 1;; esac
                  { echo "object of"; cat "$src"; } > "$out";;
            esac
            """;

    private static CompilerCommand compiler(Path dir) throws Exception {
        Path script = dir.resolve("fakecc");
        Files.writeString(script, SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new CompilerCommand("candidate", script.toString(), dir);
    }

    private static String roundTrip(Path dir, String name, String text) throws Exception {
        CompilerCommand cc = compiler(dir);
        Path src = dir.resolve(name + ".c"), obj = dir.resolve(name + ".o");
        Files.writeString(src, text);
        assertTrue(cc.compile(src, obj, List.of("-O2"), Duration.ofSeconds(30)).ok());
        return AssemblyRoundTrip.check(cc, src, obj, List.of("-O2"), dir, name, Duration.ofSeconds(30));
    }

    @Test
    void identicalObjectsPassAndLeaveNoFiles(@TempDir Path dir) throws Exception {
        assertEquals("", roundTrip(dir, "same", "int x;\n"));
        assertFalse(Files.exists(dir.resolve("same.s")));
        assertFalse(Files.exists(dir.resolve("same.s.o")));
    }

    @Test
    void differentObjectsAreReportedWithTheFirstDifferingByteAndKept(@TempDir Path dir) throws Exception {
        String why = roundTrip(dir, "differ", "BROKEN\n");
        assertEquals("the objects differ from byte 17 (17 and 23 bytes)", why);
        assertTrue(Files.exists(dir.resolve("differ.s")) && Files.exists(dir.resolve("differ.s.o")));
    }

    @Test
    void aTextThatDoesNotAssembleIsReportedWithTheAssemblersError(@TempDir Path dir) throws Exception {
        String why = roundTrip(dir, "noasm", "NOASM\n");
        assertTrue(why.startsWith("the .s does not assemble: ") && why.endsWith("error: unknown directive"), why);
    }

    @Test
    void theModeReplacesTheCompileFlagOnly() {
        assertEquals(List.of("cc", "-O2", "-S", "x.c", "-o", "x.s"),
                AssemblyRoundTrip.withMode(List.of("cc", "-O2", "-c", "x.c", "-o", "x.s"), "-S"));
    }
}
