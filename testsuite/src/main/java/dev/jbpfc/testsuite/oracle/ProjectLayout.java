package dev.jbpfc.testsuite.oracle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where things are: the project root (for scripts/), the cache (~/.cache/jbpfc), the corpus laid out by
 * scripts/setup-corpus.sh, and the libbpf scripts/build-libbpf.sh builds. The scripts run once per JVM; their
 * answers are remembered.
 */
public final class ProjectLayout {
    private static Path corpus;
    private static Path libbpf;
    private static List<String> selftestsFlags;

    private ProjectLayout() {
    }

    /** $JBPFC_ROOT (Maven's surefire sets it), -Djbpfc.root, or the nearest parent of the working dir with scripts/. */
    public static Path root() throws OracleUnavailableException {
        for (String s : new String[] {System.getenv("JBPFC_ROOT"), System.getProperty("jbpfc.root")}) {
            if (s != null && !s.isBlank() && Files.isRegularFile(Path.of(s, "scripts", "setup-corpus.sh"))) {
                return Path.of(s).toAbsolutePath();
            }
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/setup-corpus.sh"))) return p;
        }
        throw new OracleUnavailableException("cannot find the jbpfc checkout (scripts/setup-corpus.sh): set JBPFC_ROOT");
    }

    /** $JBPFC_CACHE_DIR or ~/.cache/jbpfc. */
    public static Path cacheDir() {
        String s = System.getenv("JBPFC_CACHE_DIR");
        if (s != null && !s.isBlank()) return Path.of(s);
        return Path.of(System.getProperty("user.home"), ".cache", "jbpfc");
    }

    /** The corpus directory (progs/, include/, src/), laid out on first use. */
    public static synchronized Path corpus() throws OracleUnavailableException {
        if (corpus == null) corpus = Path.of(script("setup-corpus.sh", Duration.ofMinutes(10)));
        return corpus;
    }

    /**
     * The libbpf to link bpfrun with: a directory holding libbpf.a and include/bpf (libbpf 1.5 built from the
     * corpus) or "/usr" when that build failed and Debian's libbpf-dev is used instead.
     */
    public static synchronized Path libbpf() throws OracleUnavailableException {
        if (libbpf == null) libbpf = Path.of(script("build-libbpf.sh", Duration.ofMinutes(15)));
        return libbpf;
    }

    /** The selftests' compile flags, without -O2 --target=bpf -mcpu=v3. */
    public static synchronized List<String> selftestsFlags() throws OracleUnavailableException {
        if (selftestsFlags == null) {
            corpus();
            selftestsFlags = List.copyOf(Arrays.asList(script("selftests-flags", Duration.ofMinutes(1)).split("\\s+")));
        }
        return selftestsFlags;
    }

    /** All corpus programs (progs/*.c), sorted by name. */
    public static List<Path> corpusFiles() throws OracleUnavailableException {
        Path progs = corpus().resolve("progs");
        try (var s = Files.list(progs)) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".c")).sorted().toList());
            return files;
        } catch (java.io.IOException e) {
            throw new OracleUnavailableException("cannot list " + progs + ": " + e.getMessage());
        }
    }

    private static String script(String name, Duration timeout) throws OracleUnavailableException {
        Path script = root().resolve("scripts").resolve(name);
        CommandResult r = Command.run(List.of("bash", script.toString()), root(), timeout);
        String out = r.stdout().trim();
        if (!r.ok() || out.isEmpty()) {
            throw new OracleUnavailableException("scripts/" + name + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().trim());
        }
        return out;
    }
}
