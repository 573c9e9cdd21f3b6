package dev.jbpfc.testsuite.conformance;

import dev.jbpfc.testsuite.oracle.Command;
import dev.jbpfc.testsuite.oracle.CommandResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bpftool gen skeleton} on an object as its Makefile builds the skeleton. Most objects are skeletoned alone;
 * a few are first statically linked with others ({@link SecondCorpus#linkedWith}), because they use a map that only
 * another file defines. samples/bpf's xdp_router_ipv4.bpf.c declares {@code extern array_map rx_cnt;}
 * (xdp_sample.bpf.h) and xdp_sample.bpf.c defines it; the Makefile runs
 * <pre>
 *   bpftool gen object xdp_router_ipv4.lbpf.o xdp_router_ipv4.bpf.o xdp_sample.bpf.o
 *   bpftool gen skeleton xdp_router_ipv4.lbpf.o name xdp_router_ipv4
 * </pre>
 * Skeletoned alone, the object fails in libbpf's open, for clang-22's object as for any other ("failed to find
 * BTF for extern 'rx_cnt' [N] section: -2": libbpf resolves only .kconfig and .ksyms externs itself, an extern map is
 * the linker's to resolve).
 */
final class SkeletonCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private SkeletonCheck() {}

    /** "" when {@code bpftool gen skeleton OBJ} succeeds, else its first error line. */
    static String alone(Path obj) {
        return firstError(Command.run(List.of("bpftool", "gen", "skeleton", obj.toString()), null, TIMEOUT));
    }

    /**
     * "" when {@code obj} linked with {@code others} into {@code linked} ({@code bpftool gen object}) skeletons, else
     * the first error line of the step that failed, saying which.
     */
    static String linked(Path obj, List<Path> others, Path linked) {
        List<String> link = new ArrayList<>(List.of("bpftool", "gen", "object", linked.toString(), obj.toString()));
        for (Path o : others) link.add(o.toString());
        String err = firstError(Command.run(link, null, TIMEOUT));
        if (!err.isEmpty()) return "bpftool gen object: " + err;
        return alone(linked);
    }

    private static String firstError(CommandResult r) {
        return r.ok() ? "" : error(r.stderr(), r.exitCode());
    }

    /**
     * bpftool's first error line and, in parentheses, the last line libbpf printed before it: bpftool's own line
     * says only "failed to open BPF object file: Invalid argument", libbpf's says which map, program, relocation or
     * extern it refused ("skipping" notes left out).
     */
    static String error(String stderr, int exitCode) {
        String first = CompilerCommand.firstError(stderr);
        if (first.isEmpty()) return "exit " + exitCode;
        String why = "";
        for (String line : stderr.split("\n")) {
            String l = line.strip();
            if (l.equals(first)) break;
            if (l.startsWith("libbpf: ") && !l.contains("skipping")) why = l;
        }
        return why.isEmpty() ? first : first + " (" + why + ")";
    }
}
