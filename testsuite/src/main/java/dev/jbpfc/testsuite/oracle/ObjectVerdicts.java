package dev.jbpfc.testsuite.oracle;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Verdicts for every program of one object, each loaded alone. {@code openError} is non-empty when libbpf could
 * not even open the object (then {@code programs} is empty).
 */
public record ObjectVerdicts(Path object, String openError, List<Verdict> programs, long millis) {
    public Optional<Verdict> program(String name) {
        return programs.stream().filter(v -> v.program().equals(name)).findFirst();
    }

    /** Programs the kernel accepted (see {@link Verdict#verified()}). */
    public long verifiedCount() {
        return programs.stream().filter(Verdict::verified).count();
    }

    public long loadedCount() {
        return programs.stream().filter(Verdict::loaded).count();
    }
}
