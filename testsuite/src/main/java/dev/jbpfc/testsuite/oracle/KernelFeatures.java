package dev.jbpfc.testsuite.oracle;

import dev.jbpfc.testsuite.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What this machine's kernel lets this process do, probed once (bpfrun features, /sys, /proc): machines of one
 * kind differ in exactly such details, so a program that does not load here may say nothing about the compiler.
 * On one Linux 6.18 VM arena maps and fentry programs are refused with EPERM; on another both work. Tests print
 * {@link #summary()} at the start of a run and use {@link #explain} to say why a program is not judged here.
 *
 * <pre>
 *   kernel here: Linux 6.18.44, libbpf 1.5, JIT on; refused here: arena maps (Operation not permitted),
 *   trampolines/fentry (Operation not permitted), prog types lirc_mode2; module BTF: none
 * </pre>
 */
public record KernelFeatures(String release, String libbpf, boolean jit, Map<String, String> mapTypes,
                             Map<String, String> progTypes, String arena, String fentry, List<String> moduleBtf) {
    /** The value a probe reports for something that works. */
    public static final String OK = "true";

    /** Runs the probes. A probe that cannot run reports its failure as the feature's value, never throws. */
    static KernelFeatures probe(Path bpfrun) {
        CommandResult r = Command.run(List.of(bpfrun.toString(), "features"), null, Duration.ofSeconds(60));
        Map<String, Object> m = r.ok() ? Json.parseObject(r.stdout().trim()) : Map.of();
        String failed = r.ok() ? "not probed" : "bpfrun features failed: " + r.stderr().strip();
        return new KernelFeatures(firstLine(Path.of("/proc/sys/kernel/osrelease")), String.valueOf(m.getOrDefault("libbpf_version", "?")),
                "1".equals(firstLine(Path.of("/proc/sys/net/core/bpf_jit_enable"))) || "2".equals(firstLine(Path.of("/proc/sys/net/core/bpf_jit_enable"))),
                values(m.get("map_types")), values(m.get("prog_types")),
                String.valueOf(m.getOrDefault("arena", failed)), String.valueOf(m.getOrDefault("fentry", failed)),
                probeModuleBtf());
    }

    public boolean arenaMaps() { return OK.equals(arena); }

    public boolean trampolines() { return OK.equals(fentry); }

    /** One line: the kernel, and everything this process is refused. */
    public String summary() {
        List<String> refused = new ArrayList<>();
        if (!arenaMaps()) refused.add("arena maps (" + arena + ")");
        if (!trampolines()) refused.add("trampolines/fentry (" + fentry + ")");
        List<String> maps = refusedNames(mapTypes, "arena"), progs = refusedNames(progTypes, "tracing", "ext", "lsm");
        if (!maps.isEmpty()) refused.add("map types " + String.join(", ", maps));
        if (!progs.isEmpty()) refused.add("prog types " + String.join(", ", progs));
        return "kernel here: Linux " + release + ", libbpf " + libbpf + ", JIT " + (jit ? "on" : "off")
                + "; refused here: " + (refused.isEmpty() ? "nothing probed" : String.join(", ", refused))
                + "; module BTF: " + (moduleBtf.isEmpty() ? "none (no module kfuncs such as bpf_testmod's)" : String.join(", ", moduleBtf));
    }

    /**
     * Why a program whose load failed with {@code reason} may have failed because of this machine rather than its
     * code, if the reason points at something probed here as refused; empty when nothing here explains it.
     */
    public Optional<String> explain(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("arena") && !arenaMaps()) return Optional.of("arena maps are refused here (" + arena + ")");
        if (r.contains("failed to create") && r.contains("map")) return Optional.of("a map it needs cannot be created here: " + reason);
        if (!trampolines() && (r.contains("fentry") || r.contains("fexit") || r.contains("fmod_ret")
                || r.contains("attach_btf") || r.contains("trampoline") || r.contains("tracing progs")))
            return Optional.of("trampolines are refused here (fentry: " + fentry + ")");
        if (r.contains("kfunc") || r.contains("ksym") || r.contains("extern") || r.contains("bpf_testmod"))
            return Optional.of("a kfunc or kernel symbol it needs is missing here (module BTF: "
                    + (moduleBtf.isEmpty() ? "none" : String.join(", ", moduleBtf)) + ")");
        if (r.contains("operation not permitted")) return Optional.of("this process is refused an operation here: " + reason);
        if (r.contains("not supported") || r.contains("unknown") && r.contains("type"))
            return Optional.of("this kernel does not support it: " + reason);
        return Optional.empty();
    }

    private static List<String> refusedNames(Map<String, String> m, String... except) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> {
            if (!OK.equals(v) && !List.of(except).contains(k)) out.add(k);
        });
        return out;
    }

    private static Map<String, String> values(Object o) {
        Map<String, String> out = new TreeMap<>();
        if (o instanceof Map<?, ?> m) m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }

    private static List<String> probeModuleBtf() {
        try (Stream<Path> s = Files.list(Path.of("/sys/kernel/btf"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("vmlinux")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String firstLine(Path p) {
        try {
            return Files.readAllLines(p).stream().findFirst().orElse("?").strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
