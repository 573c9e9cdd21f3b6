package dev.jbpfc.testsuite.oracle;

import dev.jbpfc.testsuite.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kernel as judge: loads BPF objects' programs one at a time through libbpf (the bpfrun tool) and reports the
 * verifier's verdict, or runs a program with BPF_PROG_TEST_RUN. Never attaches anything, never pins.
 *
 * <pre>
 *   KernelOracle k = OracleRequirement.kernel();          // skips/fails the test if the kernel cannot be used
 *   Verdict v = k.verify(obj, "xdp_prog");                 // v.loaded(), v.processed(), v.reason()
 *   RunResult r = k.run(obj, "xdp_prog", RunInput.packet(frame));   // r.retval(), r.dataOut(), r.map("counts")
 * </pre>
 */
public final class KernelOracle {
    private final Path tool;
    private final Duration timeout;
    private static volatile KernelFeatures features;

    private KernelOracle(Path tool, Duration timeout) {
        this.tool = tool;
        this.timeout = timeout;
    }

    /** Builds (or finds in the cache) bpfrun; does not check the bpf syscall: see {@link #probe()}. */
    public static KernelOracle create() throws OracleUnavailableException {
        return new KernelOracle(BpfrunTool.binary(), Duration.ofMinutes(10));
    }

    /** The same oracle with another per-command time limit (verify-all of a big object can take minutes). */
    public KernelOracle withTimeout(Duration t) {
        return new KernelOracle(tool, t);
    }

    public Path tool() {
        return tool;
    }

    /** Null when this process can create maps and load programs; otherwise what went wrong. */
    public String probe() {
        CommandResult r = Command.run(List.of(tool.toString(), "probe"), null, Duration.ofSeconds(30));
        if (!r.ok()) return "bpfrun probe failed: " + r.stderr().trim();
        Map<String, Object> m = Json.parseObject(r.stdout().trim());
        if (Boolean.TRUE.equals(m.get("bpf_syscall"))) return null;
        return "the bpf syscall is not usable here (map: " + m.get("map_error") + ", program: " + m.get("prog_error")
                + "); the oracle needs root or CAP_BPF+CAP_PERFMON+CAP_NET_ADMIN";
    }

    /** What this kernel lets this process do, probed once per JVM. */
    public KernelFeatures features() {
        KernelFeatures f = features;
        if (f == null) {
            synchronized (KernelOracle.class) {
                if (features == null) features = KernelFeatures.probe(tool);
                f = features;
            }
        }
        return f;
    }

    /** libbpf's version bpfrun was linked with ("1.5"). */
    public String libbpfVersion() {
        CommandResult r = Command.run(List.of(tool.toString(), "probe"), null, Duration.ofSeconds(30));
        return r.ok() ? String.valueOf(Json.parseObject(r.stdout().trim()).get("libbpf_version")) : "?";
    }

    /** Loads only {@code program} (function name or section name) of the object and reports the verdict. */
    public Verdict verify(Path object, String program) {
        CommandResult r = bpfrun(List.of("verify", object.toString(), program));
        return verdict(Json.parseObject(lastLine(r)));
    }

    /** Verdicts for every program of the object, each loaded alone, in one bpfrun process. */
    public ObjectVerdicts verifyAll(Path object) {
        CommandResult r = bpfrun(List.of("verify-all", object.toString()));
        List<Verdict> verdicts = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (line.isBlank()) continue;
            Map<String, Object> m = Json.parseObject(line);
            if (m.containsKey("open_error")) {
                String why = str(m, "open_error");
                String lib = str(m, "libbpf_error").strip();
                return new ObjectVerdicts(object, lib.isEmpty() ? why : why + ": " + lib, List.of(), r.millis());
            }
            verdicts.add(verdict(m));
        }
        return new ObjectVerdicts(object, "", List.copyOf(verdicts), r.millis());
    }

    /** Loads only {@code program}, stores the input's map entries, runs it once (or input.repeat() times). */
    public RunResult run(Path object, String program, RunInput in) {
        List<String> args = new ArrayList<>(List.of("run", object.toString(), program));
        if (in.dataIn() != null) args.addAll(List.of("--data-in", Hex.of(in.dataIn())));
        if (in.ctxIn() != null) args.addAll(List.of("--ctx-in", Hex.of(in.ctxIn())));
        args.addAll(List.of("--repeat", Integer.toString(in.repeat())));
        for (RunInput.MapFill f : in.maps()) args.addAll(List.of("--map", f.spec()));
        Map<String, Object> m = Json.parseObject(lastLine(bpfrun(args)));
        Verdict v = verdict(m);
        if (!v.loaded()) return new RunResult(v, false, "", 0, null, null, 0, Map.of());
        if (!m.containsKey("ran")) {
            throw new OracleException("bpfrun run " + program + ": " + str(m, "run_error"));
        }
        Map<String, MapContents> maps = new LinkedHashMap<>();
        for (Object o : list(m, "maps")) {
            @SuppressWarnings("unchecked") Map<String, Object> mm = (Map<String, Object>) o;
            Map<String, byte[]> entries = new LinkedHashMap<>();
            for (Object e : list(mm, "entries")) {
                @SuppressWarnings("unchecked") Map<String, Object> kv = (Map<String, Object>) e;
                entries.put(str(kv, "key"), Hex.parse(str(kv, "value")));
            }
            MapContents c = new MapContents(str(mm, "name"), str(mm, "type"), (int) num(mm, "key_size"),
                    (int) num(mm, "value_size"), Boolean.TRUE.equals(mm.get("percpu")), entries,
                    Boolean.TRUE.equals(mm.get("truncated")));
            maps.put(c.name(), c);
        }
        return new RunResult(v, Boolean.TRUE.equals(m.get("ran")), str(m, "run_error"), num(m, "retval"),
                m.get("data_out") == null ? null : Hex.parse(str(m, "data_out")),
                m.get("ctx_out") == null ? null : Hex.parse(str(m, "ctx_out")),
                num(m, "duration_ns"), maps);
    }

    private CommandResult bpfrun(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool.toString());
        cmd.addAll(args);
        CommandResult r = Command.run(cmd, null, timeout);
        if (r.timedOut()) throw new OracleException("bpfrun " + args.get(0) + " timed out after " + timeout + ": " + args);
        if (r.exitCode() != 0) {
            throw new OracleException("bpfrun " + String.join(" ", args) + " exited with " + r.exitCode() + ": "
                    + r.stderr().trim());
        }
        return r;
    }

    private static String lastLine(CommandResult r) {
        String[] lines = r.stdout().strip().split("\n");
        if (lines.length == 0 || lines[lines.length - 1].isBlank()) {
            throw new OracleException("bpfrun printed nothing; stderr: " + r.stderr().trim());
        }
        return lines[lines.length - 1];
    }

    private static Verdict verdict(Map<String, Object> m) {
        List<String> log = new ArrayList<>();
        for (Object o : list(m, "log")) log.add(String.valueOf(o));
        Object processed = m.get("processed");
        long p = processed instanceof Long ? (Long) processed
                : VerifierLog.processedInsns(String.join("\n", log)).orElse(-1);
        return new Verdict(str(m, "prog"), str(m, "section"), str(m, "type"), Boolean.TRUE.equals(m.get("loaded")),
                Boolean.TRUE.equals(m.get("verified")), (int) num(m, "errno"), str(m, "error"), m.containsKey("insns") ? (int) num(m, "insns") : -1, p,
                Boolean.TRUE.equals(m.get("log_truncated")), List.copyOf(log), str(m, "libbpf_error"));
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? "" : v.toString();
    }

    private static long num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof Number ? ((Number) v).longValue() : 0;
    }

    private static List<?> list(Map<String, Object> m, String k) {
        Object v = m.get(k);
        return v instanceof List ? (List<?>) v : List.of();
    }
}
