package dev.jbpfc.cli;

import dev.jbpfc.api.BpfCompiler;
import dev.jbpfc.api.CompilerSession;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the compile server keeps from one request to the next: the batch's reuse ({@link CompilerSession}:
 * header expansions, parsed and analyzed declarations of the previous input) carried across requests, so that the
 * second compile of a program that includes {@code vmlinux.h} takes the header's work over as the second input of
 * one invocation does.
 * <p>
 * The reuse inside one invocation is exact (see {@code pp.HeaderCache}, {@code parse.ParsedPrefix},
 * {@code sema.AnalyzedPrefix}) for inputs compiled with the same options from the same files. So a kept state is
 * taken only by a request with the same working directory and the same arguments apart from its input and output
 * names, and only while every file it read has the same text and every header search probe the same answer
 * ({@code SharedSourceFiles.unchangedOnDisk}); it is kept only after a request that succeeded (exit 0), and
 * dropped once it has read {@value #MAX_FILES} files. At most {@value #MAX_STATES} states are kept (each holds a
 * header's AST: ~200 MB for vmlinux.h), the most recently used ones.
 */
public final class KeptState {
    static final int MAX_STATES = 2;
    static final int MAX_FILES = 400;
    /** The server's states by key, least recently kept first; shared by the views of all requests. */
    private final Map<String, CompilerSession> poolRef;
    /** The request's working directory (part of the key); null in the pool itself. */
    private final String workingDirectory;

    private KeptState(Map<String, CompilerSession> pool, String workingDirectory) {
        this.poolRef = pool;
        this.workingDirectory = workingDirectory;
    }

    /** A server's pool of states, to make a view of for each request with {@link #forRequest}. */
    public static KeptState pool() {
        return new KeptState(new LinkedHashMap<>(), null);
    }

    /** This pool as seen by a request made in {@code workingDirectory}. */
    public KeptState forRequest(String workingDirectory) {
        return new KeptState(poolRef, workingDirectory);
    }

    /** The state for this command if one is kept and still holds, else a new one; null for a batch. */
    CompilerSession take(String[] args, Options o) {
        if (o.inputs.size() != 1) return null;
        String key = key(args, o);
        CompilerSession s;
        synchronized (poolRef) {
            s = poolRef.remove(key);
        }
        if (s != null && (s.fileCount() > MAX_FILES || !s.unchangedOnDisk())) s = null;
        return s != null ? s : new BpfCompiler().newSession();
    }

    /** Keeps {@code s} for the next request with the same key when this one succeeded. */
    void give(String[] args, Options o, CompilerSession s, int status) {
        if (s == null || status != 0 || o.inputs.size() != 1) return;
        synchronized (poolRef) {
            String key = key(args, o);
            poolRef.remove(key);
            poolRef.put(key, s);
            Iterator<String> oldest = poolRef.keySet().iterator();
            while (poolRef.size() > MAX_STATES) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    /** The working directory and the arguments less the input and the names of outputs. */
    private String key(String[] args, Options o) {
        List<String> kept = new ArrayList<>();
        kept.add(workingDirectory);
        String input = o.inputs.get(0).toString();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals(input)) continue;
            if (a.equals("-o") || a.equals("-MF") || a.equals("-MT") || a.equals("-MQ")) {
                i++;
                continue;
            }
            if (a.startsWith("-o") || a.startsWith("-MF") || a.startsWith("-MT") || a.startsWith("-MQ")) continue;
            kept.add(a);
        }
        return String.join("\0", kept);
    }
}
