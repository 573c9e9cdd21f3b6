package dev.jbpfc.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The goal in process, as Maven would configure it: diagnostics reach the build log at their level with file, line
 * and column; an error fails the goal after every source was tried; an object is rebuilt only when a file it was
 * built from (a header too) or the configuration changed. The sources need no system header.
 */
class CompileMojoTest {
    @TempDir
    Path dir;

    /** The log lines, each with its level. */
    static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override public void info(CharSequence s) { lines.add("info " + s); }
        @Override public void warn(CharSequence s) { lines.add("warn " + s); }
        @Override public void error(CharSequence s) { lines.add("error " + s); }

        String text() { return String.join("\n", lines); }
    }

    private CompileMojo mojo(RecordingLog log, boolean metadata) throws Exception {
        CompileMojo m = new CompileMojo();
        set(m, "sourceDirectory", dir.resolve("src/main/bpf").toFile());
        set(m, "outputDirectory", dir.resolve("target/classes/bpf").toFile());
        set(m, "stampDirectory", dir.resolve("target/jbpfc").toFile());
        set(m, "optLevel", "2");
        set(m, "cpu", "v3");
        set(m, "debugInfo", true);
        set(m, "metadata", metadata);
        m.setLog(log);
        return m;
    }

    private static void set(Object o, String field, Object value) throws Exception {
        Field f = CompileMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(o, value);
    }

    private Path write(String relative, String text) throws Exception {
        Path p = dir.resolve("src/main/bpf").resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static final String PROGRAM = """
            #include "../common.h"
            SEC("socket") int keep(void *ctx) { return KEEP; }
            char LICENSE[] SEC("license") = "GPL";
            """;

    @Test
    void compilesIncrementallyAndFollowsHeaders() throws Exception {
        Path header = write("common.h", "#define SEC(s) __attribute__((section(s), used))\n#define KEEP 64\n");
        write("net/keep.bpf.c", PROGRAM);
        write("net/notes.txt", "not a source");
        RecordingLog log = new RecordingLog();
        mojo(log, true).execute();
        assertTrue(log.text().contains("jbpfc: 1 compiled, 0 up to date"), log.text());
        Path object = dir.resolve("target/classes/bpf/net/keep.bpf.o");
        assertTrue(Files.size(object) > 0);
        assertEquals("{\"object\":\"keep.bpf.o\",\"programs\":[{\"name\":\"keep\",\"section\":\"socket\"}],\"maps\":[]}",
                Files.readString(dir.resolve("target/classes/bpf/net/keep.bpf.json")).trim());

        log = new RecordingLog();
        mojo(log, true).execute();
        assertTrue(log.text().contains("jbpfc: 0 compiled, 1 up to date"), log.text());

        // Another configuration (no metadata asked for before: the stamp's options differ) rebuilds.
        log = new RecordingLog();
        mojo(log, false).execute();
        assertTrue(log.text().contains("jbpfc: 1 compiled, 0 up to date"), log.text());

        Files.writeString(header, "#define SEC(s) __attribute__((section(s), used))\n#define KEEP 96\n");
        Files.setLastModifiedTime(header, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        log = new RecordingLog();
        mojo(log, false).execute();
        assertTrue(log.text().contains("jbpfc: 1 compiled, 0 up to date"), "the header changed:\n" + log.text());

        Files.delete(object);
        log = new RecordingLog();
        mojo(log, false).execute();
        assertTrue(log.text().contains("jbpfc: 1 compiled, 0 up to date"), "the object was deleted:\n" + log.text());
    }

    @Test
    void diagnosticsGoToTheLogAndAnErrorFailsTheBuild() throws Exception {
        write("common.h", "#define SEC(s) __attribute__((section(s), used))\n#define KEEP 64\n");
        Path bad = write("bad.bpf.c", "SEC(\"xdp\") int f(void *ctx) { return missing; }\n#include \"common.h\"\n");
        write("warn.bpf.c", "#include \"common.h\"\nSEC(\"xdp\") int g(void *ctx) { int x; return x + 0 ? 1 : KEEP; }\n"
                + "#warning this is a warning\n");
        RecordingLog log = new RecordingLog();
        CompileMojo m = mojo(log, false);
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertTrue(e.getMessage().contains("1 of 2 BPF sources did not compile"), e.getMessage());
        String text = log.text();
        assertTrue(text.contains("error " + bad + ":1:"), "an error with its file and line:\n" + text);
        assertTrue(text.contains("warn ") && text.contains(":3:2: warning: this is a warning"), "a warning:\n" + text);
        assertTrue(text.contains("jbpfc: 1 compiled, 0 up to date, 1 failed"), text);
        assertFalse(Files.exists(dir.resolve("target/classes/bpf/bad.bpf.o")));
        assertTrue(Files.exists(dir.resolve("target/classes/bpf/warn.bpf.o")));
    }

    @Test
    void noSourceDirectoryIsNothingToDo() throws Exception {
        RecordingLog log = new RecordingLog();
        CompileMojo m = mojo(log, false);
        set(m, "sourceDirectory", new File(dir.toFile(), "absent"));
        m.execute();
        assertFalse(Files.exists(dir.resolve("target/classes/bpf")));
    }
}
