package dev.jbpfc.cli.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compile server gives what a fresh {@code jbpfc} process gives, byte for byte: the same object and
 * dependency file written relative to the client's directory (not the server's), the same standard output and
 * error, the same exit status; and it declines what it must not run, stops when its jar changes or it idles, and
 * lets only one server run per build.
 */
class CompileServerTest {
    private Path tmp;
    private Path jar;
    private ServerDirectory dir;
    private Thread serverThread;
    private CompileServer server;
    private final String[] stopped = {null};

    @BeforeEach
    void setUp() throws Exception {
        tmp = Files.createTempDirectory("jbpfc-srv");
        jar = tmp.resolve("fake.jar");
        Files.writeString(jar, "stands in for the compiler's jar: the server watches its size and time");
        dir = ServerDirectory.forJar(tmp.resolve("run"), jar);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.stop("test over");
        if (serverThread != null) serverThread.join(10_000);
    }

    private void startServer(Duration idle) throws Exception {
        server = new CompileServer(dir, jar, idle);
        serverThread = new Thread(() -> {
            try {
                stopped[0] = server.serve();
            } catch (Exception e) {
                stopped[0] = "failed: " + e;
            }
        });
        serverThread.start();
        for (int i = 0; i < 200 && !Files.exists(dir.pidFile()); i++) Thread.sleep(25);
        assertTrue(Files.exists(dir.socket()), "the server did not come up");
    }

    record Result(int status, byte[] out, byte[] err) {}

    private Result viaServer(Path cwd, List<String> args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        CompileClient.Outcome o = CompileClient.ask(dir, cwd, args, out, err);
        CompileClient.Status s = assertInstanceOf(CompileClient.Status.class, o, "the server did not compile " + args);
        return new Result(s.code(), out.toByteArray(), err.toByteArray());
    }

    /** The reference: a fresh JVM running the compiler's main class in {@code cwd}, as the jbpfc command does. */
    private static Result freshProcess(Path cwd, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss16m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.jbpfc.cli.Main"));
        cmd.addAll(args);
        Path out = Files.createTempFile("fresh", ".out"), err = Files.createTempFile("fresh", ".err");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "fresh process timed out");
        return new Result(p.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
    }

    private static Path project(Path where) throws Exception {
        Files.createDirectories(where.resolve("inc"));
        Files.writeString(where.resolve("inc/defs.h"), "#define LIMIT 7\nstatic inline int twice(int x) { return 2 * x; }\n");
        Files.writeString(where.resolve("prog.c"), """
                #include "defs.h"
                int counter;
                __attribute__((section("xdp"), used)) int prog(void *ctx) {
                    counter += twice(LIMIT);
                    return 2;
                }
                char _license[] __attribute__((section("license"), used)) = "GPL";
                """);
        Files.writeString(where.resolve("bad.c"), "int f(void) { return missing; }\nint g(void) { int unused; return 0; }\n");
        return where;
    }

    @Test
    void compilesAsAFreshProcessInTheClientsDirectory() throws Exception {
        startServer(Duration.ofMinutes(5));
        Path a = project(tmp.resolve("a")), b = project(tmp.resolve("b"));
        List<List<String>> commands = List.of(
                List.of("-O2", "-g", "--target=bpf", "-Iinc", "-MD", "-c", "prog.c", "-o", "out/prog.o"),
                List.of("-O2", "--target=bpf", "-Wall", "-fsyntax-only", "bad.c"),
                List.of("--target=bpf", "-Iinc", "-E", "prog.c"),
                List.of("--target=bpf", "-Iinc", "-S", "-O2", "prog.c", "-o", "-"),
                List.of("--target=bpf", "-c", "no-such-file.c"));
        for (List<String> args : commands) {
            Files.createDirectories(a.resolve("out"));
            Files.createDirectories(b.resolve("out"));
            Result fresh = freshProcess(a, args);
            Result served = viaServer(b, args);
            assertEquals(fresh.status(), served.status(), "exit status of " + args);
            assertEquals(new String(fresh.err(), StandardCharsets.UTF_8), new String(served.err(), StandardCharsets.UTF_8),
                    "standard error of " + args);
            assertArrayEquals(fresh.out(), served.out(), "standard output of " + args);
            for (String written : List.of("out/prog.o", "out/prog.d")) {
                assertEquals(Files.exists(a.resolve(written)), Files.exists(b.resolve(written)), written + " of " + args);
                if (Files.exists(a.resolve(written))) {
                    assertArrayEquals(Files.readAllBytes(a.resolve(written)), Files.readAllBytes(b.resolve(written)),
                            written + " of " + args);
                }
            }
        }
        assertTrue(Files.size(b.resolve("out/prog.o")) > 0, "the object was written in the client's directory");
        assertFalse(Files.exists(Path.of("out/prog.o").toAbsolutePath()), "nothing is written in the server's directory");
    }

    /**
     * The header work a request keeps is taken over by the next compile with the same flags only while the files
     * say the same: an edited header, a header that now shadows the one found before, and a second program give
     * what a fresh process gives.
     */
    @Test
    void keptHeaderWorkFollowsTheFiles() throws Exception {
        startServer(Duration.ofMinutes(5));
        Path a = project(tmp.resolve("k"));
        Files.writeString(a.resolve("other.c"), "#include \"defs.h\"\nint use(int v) { return twice(v) + LIMIT; }\n");
        List<String> prog = List.of("--target=bpf", "-O2", "-Iinc", "-S", "prog.c", "-o", "-");
        List<String> other = List.of("--target=bpf", "-O2", "-Iinc", "-S", "other.c", "-o", "-");
        List<Runnable> steps = List.of(
                () -> { },
                () -> { },
                () -> write(a.resolve("inc/defs.h"), "#define LIMIT 9\nstatic inline int twice(int x) { return x + x + 1; }\n"),
                () -> write(a.resolve("defs.h"), "#define LIMIT 11\nstatic inline int twice(int x) { return 3 * x; }\n"),
                () -> write(a.resolve("defs.h"), "#define LIMIT 11\nstatic inline int twice(int x) { return nope; }\n"),
                () -> write(a.resolve("defs.h"), "#define LIMIT 12\nstatic inline int twice(int x) { return 4 * x; }\n"));
        String previous = null;
        for (int i = 0; i < steps.size(); i++) {
            steps.get(i).run();
            List<List<String>> order = List.of(prog, other, prog);
            for (int j = 0; j < order.size(); j++) {
                List<String> args = order.get(j);
                Result fresh = freshProcess(a, args), served = viaServer(a, args);
                String what = "step " + i + " " + args;
                assertEquals(fresh.status(), served.status(), what);
                assertEquals(new String(fresh.err(), StandardCharsets.UTF_8), new String(served.err(), StandardCharsets.UTF_8), what);
                assertEquals(new String(fresh.out(), StandardCharsets.UTF_8), new String(served.out(), StandardCharsets.UTF_8), what);
                if (j == 0 && i > 1) {
                    assertFalse(new String(served.out(), StandardCharsets.UTF_8).equals(previous), "step " + i + " changed nothing");
                }
                if (j == 0) previous = new String(served.out(), StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void aTimeReportSaysWhatTheServerKeptFromEarlierCompiles() throws Exception {
        startServer(Duration.ofMinutes(5));
        Path a = project(tmp.resolve("t"));
        List<String> args = List.of("--target=bpf", "-O2", "-Iinc", "-fsyntax-only", "-ftime-report", "prog.c");
        viaServer(a, args);
        String report = new String(viaServer(a, args).err(), StandardCharsets.UTF_8);
        assertTrue(report.contains("\n  compile server, kept from its earlier compiles: preprocess reused "), report);
        assertFalse(report.contains("\n  preprocess reused"), "no unlabelled reuse line:\n" + report);
        assertTrue(report.contains("\n  compile server's JVM (all its compiles): up "), report);
        String fresh = new String(freshProcess(a, args).err(), StandardCharsets.UTF_8);
        assertFalse(fresh.contains("reused") || fresh.contains("compile server"), fresh);
    }

    private static void write(Path p, String text) {
        try {
            Files.writeString(p, text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void parallelRequestsGetTheirOwnResults() throws Exception {
        startServer(Duration.ofMinutes(5));
        Path a = project(tmp.resolve("p"));
        Files.writeString(a.resolve("bad.c"), "int f(void) { return missing; }\n");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Result>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                List<String> args = i % 2 == 0 ? List.of("--target=bpf", "-Iinc", "-O2", "-c", "prog.c", "-o", "p" + i + ".o")
                        : List.of("--target=bpf", "-fsyntax-only", "bad.c");
                results.add(pool.submit(() -> viaServer(a, args)));
            }
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i).get(120, TimeUnit.SECONDS);
                if (i % 2 == 0) {
                    assertEquals(0, r.status());
                    assertArrayEquals(Files.readAllBytes(a.resolve("p0.o")), Files.readAllBytes(a.resolve("p" + i + ".o")));
                } else {
                    assertEquals(1, r.status());
                    assertTrue(new String(r.err(), StandardCharsets.UTF_8).startsWith("bad.c:1:22: error: use of undeclared identifier 'missing'"),
                            new String(r.err(), StandardCharsets.UTF_8));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void declinesWhatAFreshProcessMustRun() throws Exception {
        startServer(Duration.ofMinutes(5));
        for (List<String> args : List.of(List.of("-fsyntax-only", "-"), List.of("check-loops", "x.o"),
                List.of("--print-after=sccp", "-c", "x.c"))) {
            CompileClient.Outcome o = CompileClient.ask(dir, tmp, args, new ByteArrayOutputStream(), new ByteArrayOutputStream());
            assertEquals(new CompileClient.RunHere(false), o, args.toString());
        }
    }

    @Test
    void noServerMeansRunHereAndStartOne() throws Exception {
        CompileClient.Outcome o = CompileClient.ask(dir, tmp, List.of("--version"), new ByteArrayOutputStream(), new ByteArrayOutputStream());
        assertEquals(new CompileClient.RunHere(true), o);
    }

    @Test
    void stopsWhenTheJarChanges() throws Exception {
        Files.writeString(dir.log(), ""); // the client starts a server with its output going there
        startServer(Duration.ofMinutes(5));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        serverThread.join(15_000);
        assertEquals("the jar changed", stopped[0]);
        assertFalse(Files.exists(dir.socket()), "the socket is removed");
        assertFalse(Files.exists(dir.lock()), "an old build's lock is removed");
        assertFalse(Files.exists(dir.log()), "an old build's log is removed");
        server = null;
    }

    @Test
    void aStartingServerRemovesTheFilesOfOtherBuildsNoServerRuns() throws Exception {
        Path run = dir.lock().getParent();
        for (String ext : List.of(".lock", ".log", ".pid")) Files.writeString(run.resolve("server-0-stale" + ext), "");
        Path heldLock = run.resolve("server-0-running.lock"), heldLog = run.resolve("server-0-running.log");
        Files.writeString(heldLog, "");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(heldLock,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = ch.lock()) {
            startServer(Duration.ofMinutes(5));
            for (String ext : List.of(".lock", ".log", ".pid")) {
                assertFalse(Files.exists(run.resolve("server-0-stale" + ext)), "stale " + ext + " is removed");
            }
            assertTrue(Files.exists(heldLock) && Files.exists(heldLog), "a running server's files stay");
            assertTrue(Files.exists(dir.lock()), "the new server's own lock stays");
        }
    }

    @Test
    void stopsWhenIdle() throws Exception {
        startServer(Duration.ofSeconds(1));
        serverThread.join(15_000);
        assertEquals("idle for PT1S", stopped[0]);
        server = null;
    }

    @Test
    void oneServerPerBuild() throws Exception {
        startServer(Duration.ofMinutes(5));
        assertEquals("another server holds " + dir.lock(), new CompileServer(dir, jar, Duration.ofMinutes(5)).serve());
        assertInstanceOf(CompileClient.Status.class, CompileClient.ask(dir, tmp, List.of("--version"),
                new ByteArrayOutputStream(), new ByteArrayOutputStream()), "the first server still serves");
    }

    @Test
    void refusesADirectoryOthersCanEnter() throws Exception {
        Path open = Files.createDirectory(tmp.resolve("open"));
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        assertEquals(null, ServerDirectory.forJar(open, jar));
    }
}
