package dev.jbpfc.api;

import java.nio.file.Path;

/**
 * A batch of compilations that share what they read: each header is read once, and each input takes over the
 * previous input's header expansions, parse and analysis where nothing they depend on differs (what makes
 * {@code jbpfc a.c b.c ...} cost a fraction of one process per file). The results are the same as compiling each
 * input alone.
 *
 * <p>A session reads each path once: a file changed on the disk during the session is not seen again, so use one
 * session per build. Compilations of one session run one at a time (a second thread waits); independent sessions,
 * and {@link BpfCompiler#compile} calls, run in parallel.
 */
public final class CompilerSession {
    private final Compilation.Shared shared = new Compilation.Shared();

    CompilerSession(BpfCompiler compiler) {}

    public CompileResult compile(CompileOptions options, Path input) {
        return compile(options, SourceSet.disk(), input.toString(), null);
    }

    public CompileResult compile(CompileOptions options, SourceSet sources, String input) {
        return compile(options, sources, input, null);
    }

    public CompileResult compile(CompileOptions options, SourceSet sources, String input, DiagnosticListener listener) {
        return CompilerThread.call(() -> {
            synchronized (shared) {
                return BpfCompiler.run(options, sources, input, listener, shared);
            }
        });
    }

    /** How many files this session has read (the compile server drops a session that read too many). */
    public int fileCount() {
        synchronized (shared) {
            return shared.files.fileCount();
        }
    }

    /**
     * Whether every file this session read still has the same text on the disk and every header-search probe the
     * same answer: only then may a later compile reuse it (the compile server keeps a session between requests).
     */
    public boolean unchangedOnDisk() {
        synchronized (shared) {
            return shared.files.unchangedOnDisk();
        }
    }
}
