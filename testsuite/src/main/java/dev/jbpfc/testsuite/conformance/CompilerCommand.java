package dev.jbpfc.testsuite.conformance;

import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiler under comparison, given as a command template. {@code {flags}} expands to the corpus flags,
 * {@code {src}} to the C file and {@code {out}} to the object to write; a template with none of them gets
 * {@code {flags} -c {src} -o {out}} appended. So {@code "clang-22"} and {@code "./jbpfc"} both work as they are,
 * and {@code "gcc-bpf -O2 -c {src} -o {out}"} brings its own flags.
 */
public final class CompilerCommand {
    /** What one compile did: the first error line (or the whole of stderr's start) when it failed. */
    public record Outcome(boolean ok, long millis, String firstError, String stderr) {
    }

    private final String name;
    private final List<String> template;
    private final Path cwd;

    public CompilerCommand(String name, String template, Path cwd) {
        this.name = name;
        List<String> t = new ArrayList<>(List.of(template.trim().split("\\s+")));
        if (!t.contains("{src}") && !t.contains("{out}") && !t.contains("{flags}")) {
            t.addAll(List.of("{flags}", "-c", "{src}", "-o", "{out}"));
        }
        this.template = List.copyOf(t);
        this.cwd = cwd;
    }

    public String name() {
        return name;
    }

    /** The template as given (after the default suffix), for the report. */
    public String template() {
        return String.join(" ", template);
    }

    public List<String> argv(Path src, Path out, List<String> flags) {
        List<String> argv = new ArrayList<>();
        for (String t : template) {
            switch (t) {
                case "{flags}" -> argv.addAll(flags);
                case "{src}" -> argv.add(src.toString());
                case "{out}" -> argv.add(out.toString());
                default -> argv.add(t);
            }
        }
        return argv;
    }

    public Outcome compile(Path src, Path out, List<String> flags, Duration timeout) {
        return run(argv(src, out, flags), out, timeout);
    }

    /** Runs {@code argv} (this compiler's, perhaps changed) and judges it by its status and {@code out} written. */
    Outcome run(List<String> argv, Path out, Duration timeout) {
        CommandResult r = Command.run(argv, cwd, timeout);
        boolean ok = r.ok() && out.toFile().isFile();
        String first = "";
        if (!ok) {
            first = r.timedOut() ? "timed out after " + timeout.toSeconds() + " s" : firstError(r.stderr());
            if (first.isEmpty()) first = r.exitCode() == 0 ? "exit 0 but no object written" : "exit " + r.exitCode();
        }
        String err = r.stderr().length() > 4000 ? r.stderr().substring(0, 4000) + "..." : r.stderr();
        return new Outcome(ok, r.millis(), first, err);
    }

    /** The first line that says "error" (clang style "file:1:2: error: ..."), else the first non-blank line. */
    static String firstError(String stderr) {
        String fallback = "";
        for (String line : stderr.split("\n")) {
            String s = line.strip();
            if (s.isEmpty()) continue;
            if (s.contains("error:") || s.contains("Error") || s.contains("error ")) return s;
            if (fallback.isEmpty()) fallback = s;
        }
        return fallback;
    }
}
