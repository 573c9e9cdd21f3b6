package dev.jbpfc.testsuite.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The second corpus: the BPF programs of linux-source-6.12 outside the selftests (83 files), which real tools ship,
 * each with the flags its own Makefile gives clang (read from that Makefile; laid out by scripts/setup-corpus.sh).
 * Where a Makefile generates {@code vmlinux.h} from the running kernel, the corpus's {@code include/vmlinux.h} (this
 * machine's) is on the include path; libbpf's headers are the corpus's {@code include/bpf}. Departures from the
 * Makefiles, the same for both compilers:
 * <ul>
 *   <li>{@code -Werror} is dropped (drivers/hid, tools/perf): a warning one compiler gives and the other does not is
 *       not what is compared.</li>
 *   <li>{@code $(CLANG_SYS_INCLUDES)} (clang's own search list as {@code -idirafter}) is the system part of it,
 *       {@code -idirafter /usr/include/x86_64-linux-gnu -idirafter /usr/include}: each compiler keeps its own
 *       built-in headers.</li>
 *   <li>samples/bpf's {@code *_kern.c} are built by their Makefile with a host-target clang whose IR {@code llc
 *       -march=bpf} compiles, against a configured kernel tree. Here both compilers get {@code --target=bpf} and the
 *       Makefile's include paths over the tarball plus setup-corpus.sh's {@code generated/} stand-ins; most of them
 *       then stop at x86 inline asm of kernel-internal headers, for clang-22 as well.</li>
 * </ul>
 * {@code main} prints one line per file: the path, a tab, the flags.
 */
public final class SecondCorpus {
    /** The directories of the corpus (under {@code src/}) and the file-name endings taken from each. */
    private static final String[][] DIRS = {
            {"samples/bpf", "_kern.c"}, {"samples/bpf", ".bpf.c"}, {"samples/hid", ".bpf.c"},
            {"drivers/hid/bpf/progs", ".bpf.c"}, {"tools/sched_ext", ".bpf.c"}, {"tools/perf/util/bpf_skel", ".bpf.c"},
            {"tools/bpf/bpftool/skeleton", ".bpf.c"}, {"tools/bpf/runqslower", ".bpf.c"},
            {"kernel/bpf/preload/iterators", ".bpf.c"}};

    private final Path corpus;

    /** {@code corpus}: the directory scripts/setup-corpus.sh prints. */
    public SecondCorpus(Path corpus) {
        this.corpus = corpus;
    }

    /** Every file of the corpus, by directory then name. */
    public List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String[] d : DIRS) {
            Path dir = corpus.resolve("src").resolve(d[0]);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().endsWith(d[1])).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** The path of {@code file} under the corpus's {@code src/}, as the report names it. */
    public String name(Path file) {
        return corpus.resolve("src").relativize(file.toAbsolutePath()).toString();
    }

    /** The flags {@code file}'s Makefile compiles it with (less -c and -o). */
    public List<String> flags(Path file) {
        String src = corpus.resolve("src").toString(), inc = corpus.resolve("include").toString();
        String gen = corpus.resolve("generated").toString();
        String rel = name(file);
        List<String> sys = List.of("-idirafter", "/usr/include/x86_64-linux-gnu", "-idirafter", "/usr/include");
        List<String> f = new ArrayList<>();
        if (rel.startsWith("samples/bpf/") && rel.endsWith("_kern.c")) {
            // samples/bpf/Makefile, rule $(obj)/%.o: LINUXINCLUDE, BPF_EXTRA_CFLAGS, then its own flags.
            f.addAll(List.of("-I" + src + "/arch/x86/include", "-I" + gen + "/arch/x86/include/generated",
                    "-I" + src + "/include", "-I" + gen + "/include", "-I" + src + "/arch/x86/include/uapi",
                    "-I" + gen + "/arch/x86/include/generated/uapi", "-I" + src + "/include/uapi",
                    "-I" + gen + "/include/generated/uapi", "-include", src + "/include/linux/compiler-version.h",
                    "-include", src + "/include/linux/kconfig.h", "-fno-stack-protector", "-g",
                    "-I" + src + "/samples/bpf", "-I" + src + "/tools/testing/selftests/bpf/", "-I" + inc));
            f.addAll(sys);
            f.addAll(List.of("-D__KERNEL__", "-D__BPF_TRACING__", "-Wno-unused-value", "-Wno-pointer-sign",
                    "-D__TARGET_ARCH_x86", "-Wno-compare-distinct-pointer-types",
                    "-Wno-gnu-variable-sized-type-not-at-end", "-Wno-address-of-packed-member",
                    "-Wno-tautological-compare", "-Wno-unknown-warning-option", "-fno-asynchronous-unwind-tables",
                    "-I" + src + "/samples/bpf/", "-include", "asm_goto_workaround.h", "-O2", "--target=bpf"));
        } else if (rel.startsWith("samples/")) {
            // samples/bpf and samples/hid Makefiles, rule $(obj)/%.bpf.o (vmlinux.h is generated next to the source).
            f.addAll(List.of("-g", "-O2", "--target=bpf", "-D__TARGET_ARCH_x86", "-Wno-compare-distinct-pointer-types",
                    "-I" + src + "/include", "-I" + src + "/samples/bpf", "-I" + src + "/tools/include", "-I" + inc));
            f.addAll(sys);
        } else if (rel.startsWith("drivers/hid/bpf/progs/") || rel.startsWith("kernel/bpf/preload/iterators/")
                || rel.startsWith("tools/bpf/runqslower/")) {
            // INCLUDES := -I$(OUTPUT) (vmlinux.h) -I$(LIBBPF_INCLUDE) -I$(TOOLS_PATH)/include/uapi
            f.addAll(List.of("-g", "-O2", "--target=bpf"));
            if (rel.startsWith("drivers/")) f.add("-Wall");
            if (rel.startsWith("kernel/")) f.add("-mlittle-endian");
            f.addAll(List.of("-I" + inc, "-I" + src + "/tools/include/uapi"));
        } else if (rel.startsWith("tools/sched_ext/")) {
            // BPF_CFLAGS of tools/sched_ext/Makefile; INCLUDE_DIR holds vmlinux.h and libbpf's headers.
            f.addAll(List.of("-g", "-D__TARGET_ARCH_x86", "-mlittle-endian", "-I" + src + "/tools/sched_ext/include",
                    "-I" + src + "/tools/sched_ext/include/bpf-compat", "-I" + inc, "-I" + src + "/tools/include/uapi",
                    "-I" + src + "/tools/include"));
            f.addAll(sys);
            f.addAll(List.of("-Wall", "-Wno-compare-distinct-pointer-types", "-O2", "-mcpu=v3", "--target=bpf"));
        } else if (rel.startsWith("tools/perf/")) {
            // tools/perf/Makefile.perf: CLANG_OPTIONS, BPF_INCLUDE (vmlinux.h's directory, libbpf), TOOLS_UAPI_INCLUDE.
            f.addAll(List.of("-g", "-O2", "--target=bpf", "-Wall", "-I" + inc));
            f.addAll(sys);
            f.add("-I" + src + "/tools/include/uapi");
        } else if (rel.startsWith("tools/bpf/bpftool/")) {
            f.addAll(List.of("-I" + inc, "-I" + src + "/tools/include/uapi/", "-g", "-O2", "-Wall",
                    "-fno-stack-protector", "--target=bpf"));
        } else {
            throw new IllegalArgumentException(rel + " is not in the second corpus");
        }
        return f;
    }

    /**
     * The other files of the corpus whose objects {@code file}'s Makefile links with its object
     * ({@code bpftool gen object}) before {@code bpftool gen skeleton}: samples/bpf's {@code LINKED_SKELS}
     * ({@code xdp_router_ipv4.skel.h-deps := xdp_router_ipv4.bpf.o xdp_sample.bpf.o}). Empty for every other file.
     */
    public List<Path> linkedWith(Path file) {
        if (name(file).equals("samples/bpf/xdp_router_ipv4.bpf.c")) {
            return List.of(corpus.resolve("src/samples/bpf/xdp_sample.bpf.c"));
        }
        return List.of();
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args.length > 0 ? args[0]
                : System.getProperty("user.home") + "/.cache/jbpfc/linux-6.12");
        SecondCorpus c = new SecondCorpus(corpus);
        for (Path p : c.files()) System.out.println(p + "\t" + String.join(" ", c.flags(p)));
    }
}
