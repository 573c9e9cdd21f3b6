package dev.jbpfc.cli.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code ./jbpfc} client and the compile server say to each other over the server's Unix socket.
 * <pre>
 *   client: "jbpfc-request-1" cwd charset argc arg...      (strings: int length + UTF-8 bytes)
 *   server: frame*  where a frame is  kind:byte length:int bytes
 *           OUT / ERR  bytes the compile wrote to standard output / error, in the order it wrote them
 *           EXIT       4 bytes: the exit status; the last frame
 *           DECLINED   the server will not run this command (it reads standard input, ...): run it in-process
 * </pre>
 * The client's standard streams get exactly the bytes a compile in a fresh process would have written.
 */
final class ServerProtocol {
    static final String MAGIC = "jbpfc-request-1";
    static final byte OUT = 1, ERR = 2, EXIT = 3, DECLINED = 4;

    private ServerProtocol() {}

    record Request(String workingDirectory, String charset, List<String> args) {}

    static void writeRequest(DataOutputStream out, Request r) throws IOException {
        writeString(out, MAGIC);
        writeString(out, r.workingDirectory());
        writeString(out, r.charset());
        out.writeInt(r.args().size());
        for (String a : r.args()) writeString(out, a);
        out.flush();
    }

    static Request readRequest(DataInputStream in) throws IOException {
        if (!MAGIC.equals(readString(in))) throw new IOException("not a jbpfc request");
        String cwd = readString(in);
        String charset = readString(in);
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) throw new IOException("bad argument count " + n);
        List<String> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) args.add(readString(in));
        return new Request(cwd, charset, args);
    }

    /** One frame; frames from the compile's two streams and the end are written under the stream's lock. */
    static void writeFrame(DataOutputStream out, byte kind, byte[] b, int off, int len) throws IOException {
        synchronized (out) {
            out.writeByte(kind);
            out.writeInt(len);
            out.write(b, off, len);
            out.flush();
        }
    }

    static void writeExit(DataOutputStream out, int status) throws IOException {
        byte[] b = {(byte) (status >>> 24), (byte) (status >>> 16), (byte) (status >>> 8), (byte) status};
        writeFrame(out, EXIT, b, 0, 4);
    }

    /** An output stream whose bytes go to the client as frames of one kind (OUT or ERR). */
    static OutputStream frames(DataOutputStream out, byte kind) {
        return new OutputStream() {
            @Override public void write(int b) throws IOException { write(new byte[] {(byte) b}, 0, 1); }
            @Override public void write(byte[] b, int off, int len) throws IOException {
                if (len > 0) writeFrame(out, kind, b, off, len);
            }
        };
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (64 << 20)) throw new IOException("bad string length " + n);
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
