package dev.jbpfc.cli.server;

import dev.jbpfc.cli.KeptState;
import dev.jbpfc.cli.Main;
import dev.jbpfc.source.WorkingDirectory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The compile server: one per user and build of the compiler, started by {@code ./jbpfc} on first use (see
 * {@link CompileClient}) so that a compile of one file runs in a JVM whose code is already compiled and whose
 * classes are loaded, instead of paying start-up and cold code in each process (what makes a one-file compile
 * slower than clang while a batch of 100 files is 7 times faster).
 * <p>
 * Each request runs {@link Main#run} with the client's arguments, its working directory (through
 * {@link WorkingDirectory}) and its character set, on a thread of its own with the compiler's large stack, and
 * sends back the bytes written to standard output and error and the exit status: byte for byte what a fresh
 * process gives. From one request to the next it keeps the header work of a compile ({@link KeptState}: the batch
 * reuse of one invocation, taken only by the same command on another input while every file it read is unchanged
 * on disk). Requests run in parallel up to the number of processors ({@code make -j}).
 * <p>
 * It exits when it has been idle for {@code JBPFC_SERVER_IDLE_SECONDS} (default 1800), when its jar changes or
 * disappears (a rebuilt compiler gets a new server), or when another server for the same build holds the lock.
 */
public final class CompileServer {
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    private static final long WATCH_MILLIS = 2000;

    private final ServerDirectory dir;
    private final Path jar;
    private final Duration idle;
    private final Semaphore slots = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final AtomicInteger active = new AtomicInteger();
    private final KeptState kept = KeptState.pool();
    private volatile long lastActivity = System.nanoTime();
    private volatile ServerSocketChannel channel;
    private volatile String stopReason;

    CompileServer(ServerDirectory dir, Path jar, Duration idle) {
        this.dir = dir;
        this.jar = jar;
        this.idle = idle;
    }

    /** {@code CompileServer BASE_DIR}: serves the build of the jar this class was loaded from. */
    public static void main(String[] args) throws Exception {
        Path jar = CompileClient.ownJar();
        Path base = args.length > 0 ? Path.of(args[0]) : ServerDirectory.defaultBase();
        ServerDirectory dir = jar == null ? null : ServerDirectory.forJar(base, jar);
        if (dir == null) {
            System.err.println("jbpfc server: no private directory or no jar; not starting");
            System.exit(1);
        }
        String reason = new CompileServer(dir, jar, idleFromEnvironment()).serve();
        System.err.println("jbpfc server " + ProcessHandle.current().pid() + ": " + reason);
        System.exit(0);
    }

    static Duration idleFromEnvironment() {
        String s = System.getenv("JBPFC_SERVER_IDLE_SECONDS");
        try {
            return s == null ? DEFAULT_IDLE : Duration.ofSeconds(Math.max(1, Long.parseLong(s.trim())));
        } catch (NumberFormatException e) {
            return DEFAULT_IDLE;
        }
    }

    /** Serves until idle, jar change or {@link #stop}; returns why it stopped. */
    String serve() throws IOException {
        try (FileChannel lockFile = FileChannel.open(dir.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(lockFile)) {
            if (lock == null) return "another server holds " + dir.lock();
            // A sweep by another build's server deletes a lock file while holding it: one taken after that is on
            // a file nobody else will find.
            if (!Files.exists(dir.lock())) return "the lock file was removed";
            Files.deleteIfExists(dir.socket()); // left by a server that was killed
            dir.sweepOtherBuilds();
            try (ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.bind(UnixDomainSocketAddress.of(dir.socket()));
                channel = ch;
                Files.writeString(dir.pidFile(), ProcessHandle.current().pid() + "\n");
                Thread watcher = new Thread(this::watch, "jbpfc-server-watch");
                watcher.setDaemon(true);
                watcher.start();
                while (stopReason == null) {
                    SocketChannel conn;
                    try {
                        conn = ch.accept();
                    } catch (ClosedChannelException closed) {
                        break;
                    }
                    lastActivity = System.nanoTime();
                    active.incrementAndGet();
                    Thread t = new Thread(() -> handle(conn), "jbpfc-request");
                    t.setDaemon(true);
                    t.start();
                }
            } finally {
                Files.deleteIfExists(dir.socket());
                Files.deleteIfExists(dir.pidFile());
                // A changed or removed jar is a build no client will ask for again: its lock and log go too
                // (deleted while the lock is held; the log line of why it stopped then goes nowhere).
                if (JAR_CHANGED.equals(stopReason)) {
                    Files.deleteIfExists(dir.log());
                    Files.deleteIfExists(dir.lock());
                }
            }
        }
        return stopReason == null ? "stopped" : stopReason;
    }

    static final String JAR_CHANGED = "the jar changed";

    /** The lock, or null when another server (in another process or in this one) holds it. */
    private static FileLock tryLock(FileChannel f) throws IOException {
        try {
            return f.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldHere) {
            return null;
        }
    }

    /** Stops accepting; requests already running finish. */
    void stop(String reason) {
        if (stopReason == null) stopReason = reason;
        try {
            ServerSocketChannel ch = channel;
            if (ch != null) ch.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    private void watch() {
        while (stopReason == null) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            String now;
            try {
                now = ServerDirectory.stampOf(jar);
            } catch (IOException gone) {
                now = null;
            }
            if (!dir.stamp().equals(now)) stop(JAR_CHANGED);
            else if (active.get() == 0 && System.nanoTime() - lastActivity > idle.toNanos()) stop("idle for " + idle);
            else if (!Files.exists(dir.socket())) stop("the socket was removed");
        }
    }

    private void handle(SocketChannel conn) {
        try (conn) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(conn)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(conn), 1 << 16));
            ServerProtocol.Request r = ServerProtocol.readRequest(in);
            Path cwd = Path.of(r.workingDirectory());
            if (declines(r.args()) || !cwd.isAbsolute() || !Charset.isSupported(r.charset())) {
                ServerProtocol.writeFrame(out, ServerProtocol.DECLINED, new byte[0], 0, 0);
                return;
            }
            slots.acquireUninterruptibly();
            try {
                Charset cs = Charset.forName(r.charset());
                PrintStream stdout = new PrintStream(new BufferedOutputStream(ServerProtocol.frames(out, ServerProtocol.OUT), 1 << 16), false, cs);
                PrintStream stderr = new PrintStream(new BufferedOutputStream(ServerProtocol.frames(out, ServerProtocol.ERR), 1 << 16), false, cs);
                int[] status = {1};
                String[] args = r.args().toArray(new String[0]);
                KeptState kept = this.kept.forRequest(cwd.toString());
                WorkingDirectory.runIn(cwd, () -> status[0] = Main.runOnLargeStack(args, stdout, stderr, kept));
                stdout.flush();
                stderr.flush();
                ServerProtocol.writeExit(out, status[0]);
            } finally {
                slots.release();
            }
        } catch (IOException | RuntimeException e) {
            // The client went away (interrupted make) or sent garbage: nothing to answer.
        } finally {
            lastActivity = System.nanoTime();
            active.decrementAndGet();
        }
    }

    /**
     * Commands left to a fresh process: those that read standard input (an input named {@code -}; {@code -o -}
     * writes to standard output, which the server relays), the subcommands (they read objects by paths of their
     * own) and {@code --print-after} (the pass pipeline's printing).
     */
    static boolean declines(List<String> args) {
        if (!args.isEmpty() && (args.get(0).equals("check-loops") || args.get(0).equals("loop-report"))) return true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--print-after")) return true;
            if (a.equals("-") && (i == 0 || !OUTPUT_OPTIONS.contains(args.get(i - 1)))) return true;
        }
        return false;
    }

    /** Options whose separate value {@code -} names standard output, not an input. */
    private static final List<String> OUTPUT_OPTIONS = List.of("-o", "-MF", "-MT", "-MQ");
}
