package dev.jbpfc.cli.server;

import dev.jbpfc.cli.Main;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@code ./jbpfc} runs: hands the command to this user's {@link CompileServer} for this build of the compiler
 * and relays what it writes and its exit status; when there is no server yet, starts one in the background for
 * the next command and compiles this one in-process, as a plain {@code java -jar jbpfc.jar} would. It also
 * compiles in-process when the server declines a command, when {@link #serverWanted} says no, or when the
 * server's directory is not private to this user.
 */
public final class CompileClient {
    /**
     * How the server's JVM runs. C1 alone: measured over 25 compiles of a vmlinux.h program, C2 reaches 0.12 s CPU a
     * compile against C1's 0.16 s only after about 20 compiles and costs 60% more CPU in total until then. A young
     * generation that holds a compile's garbage, so that a collection finds little alive (between compiles), and that
     * grows with the heap as the launcher's does (./jbpfc explains why), and the launcher's earlier on-stack
     * replacement of long loops (a new server's first compiles run cold too).
     */
    static final List<String> SERVER_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:Tier3BackEdgeThreshold=5000", "-XX:+UseSerialGC", "-Xms600m", "-XX:NewSize=256m", "-XX:NewRatio=1", "-Xss16m",
            "-Xlog:disable", "-Xlog:all=warning:stderr");

    private CompileClient() {}

    /** The outcome of asking a server: an exit status, or that the command must run in this process. */
    sealed interface Outcome permits Status, RunHere {}

    record Status(int code) implements Outcome {}

    record RunHere(boolean serverMissing) implements Outcome {}

    public static void main(String[] args) {
        int status;
        try {
            status = viaServer(args);
        } catch (IOException | RuntimeException e) {
            status = -1;
        }
        if (status < 0) status = Main.runOnLargeStack(args, System.out, System.err);
        System.exit(status);
    }

    /** The exit status the server gave, or -1 when this process must compile. */
    private static int viaServer(String[] args) throws IOException {
        if (!serverWanted()) return -1;
        Path jar = ownJar();
        if (jar == null) return -1;
        ServerDirectory dir = ServerDirectory.forJar(ServerDirectory.defaultBase(), jar);
        if (dir == null) return -1;
        Outcome o = ask(dir, Path.of("").toAbsolutePath(), Arrays.asList(args),
                new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
        if (o instanceof Status s) return s.code();
        if (((RunHere) o).serverMissing()) startServer(dir, jar);
        return -1;
    }

    /**
     * Whether to use a server at all: not when {@code JBPFC_SERVER=0}, not in CI ({@code CI=true}: a build machine
     * that runs each command once gains nothing and should leave no process behind), not with {@code JBPFC_DEBUG=1}
     * (stack traces belong to a process of their own).
     */
    static boolean serverWanted() {
        return !"0".equals(System.getenv("JBPFC_SERVER")) && !"true".equals(System.getenv("CI"))
                && !"1".equals(System.getenv("JBPFC_DEBUG"));
    }

    /**
     * Sends one command to the server in {@code dir} and copies its output to {@code out} and {@code err}. When the
     * connection breaks after output was copied, the command cannot be run again here: that is exit status 1 with
     * a message.
     */
    static Outcome ask(ServerDirectory dir, Path cwd, List<String> args, OutputStream out, OutputStream err)
            throws IOException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (UnsupportedOperationException | IOException e) {
            return new RunHere(false);
        }
        try (ch) {
            try {
                ch.connect(UnixDomainSocketAddress.of(dir.socket()));
            } catch (IOException e) {
                return new RunHere(true);
            }
            DataOutputStream req = new DataOutputStream(Channels.newOutputStream(ch));
            ServerProtocol.writeRequest(req, new ServerProtocol.Request(cwd.toString(), Charset.defaultCharset().name(), args));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch), 1 << 16));
            boolean wrote = false;
            try {
                while (true) {
                    byte kind = in.readByte();
                    int len = in.readInt();
                    byte[] b = in.readNBytes(len);
                    if (b.length < len) throw new EOFException();
                    switch (kind) {
                        case ServerProtocol.OUT -> { out.write(b); out.flush(); wrote = true; }
                        case ServerProtocol.ERR -> { err.write(b); err.flush(); wrote = true; }
                        case ServerProtocol.EXIT -> {
                            return new Status(((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
                        }
                        case ServerProtocol.DECLINED -> { return new RunHere(false); }
                        default -> throw new IOException("unknown frame " + kind);
                    }
                }
            } catch (IOException e) {
                if (!wrote) return new RunHere(false);
                err.write(("jbpfc: error: the compile server went away during the compile (" + e.getMessage()
                        + "); run again, or set JBPFC_SERVER=0\n").getBytes(Charset.defaultCharset()));
                err.flush();
                return new Status(1);
            }
        }
    }

    /**
     * Starts a server for {@code jar} in the background, in a session of its own (so that ^C in a terminal or a
     * make that is interrupted does not stop it), its output to its log. Does not wait for it.
     */
    static void startServer(ServerDirectory dir, Path jar) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SERVER_JVM_OPTIONS);
        cmd.addAll(List.of("-cp", jar.toString(), CompileServer.class.getName(),
                dir.socket().getParent().toString()));
        try {
            new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.log().toFile()))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            // no server then: every compile stays in-process
        }
    }

    /** The jar this class was loaded from, or null when it was not loaded from a jar (a test's classes). */
    static Path ownJar() {
        try {
            var src = CompileClient.class.getProtectionDomain().getCodeSource();
            if (src == null) return null;
            Path p = Path.of(src.getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
