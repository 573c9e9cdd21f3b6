package dev.jbpfc.testsuite.difftest;

import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiler under test: C file in, BPF object out. The cli tests pass one that calls jbpfc in-process; campaigns
 * can use {@link #command} with any clang-style command line.
 */
@FunctionalInterface
public interface Compiler {
    /** ok: the object was written; crashed: an internal error (exception, signal); diagnostics: what it printed. */
    record Result(boolean ok, boolean crashed, String diagnostics) {
    }

    Result compile(Path source, Path object);

    /** Runs {@code argv... -c SOURCE -o OBJECT}; "internal compiler error" or death by signal counts as a crash. */
    static Compiler command(List<String> argv) {
        return (source, object) -> {
            List<String> cmd = new ArrayList<>(argv);
            cmd.addAll(List.of("-c", source.toString(), "-o", object.toString()));
            CommandResult r = Command.run(cmd, null, Duration.ofMinutes(2));
            String diags = r.stderr();
            boolean crashed = r.timedOut() || r.exitCode() > 128 || diags.contains("internal compiler error")
                    || diags.contains("Exception");
            return new Result(r.exitCode() == 0 && Files.exists(object), crashed, diags);
        };
    }
}
