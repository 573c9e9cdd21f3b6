package dev.jbpfc.testsuite.oracle;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs one program from two objects (clang's and jbpfc's, say) on the same inputs and reports the first input on
 * which they behave differently: return value, packet after the run, context after the run, or any array/hash
 * map's contents. Example: {@code DifferentialRun.firstMismatch(kernel, clangObj, jbpfcObj, "xdp_prog",
 * PacketGenerator.frames(42, 20))} is empty when both agree on all 20 frames.
 *
 * <p>Internal maps are compared by their section name (".bss", ".data", ".rodata"): libbpf prefixes them with the
 * object's file name, which differs between the two objects.
 */
public final class DifferentialRun {
    /** The first disagreement: which input, what differs, and both results. */
    public record Mismatch(int inputIndex, RunInput input, String what, RunResult reference, RunResult candidate) {
        @Override
        public String toString() {
            return "input #" + inputIndex + (input.dataIn() == null ? "" : " (data " + Hex.of(input.dataIn()) + ")")
                    + ": " + what;
        }
    }

    private DifferentialRun() {
    }

    public static Optional<Mismatch> firstMismatch(KernelOracle k, Path reference, Path candidate, String program,
                                                   List<RunInput> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            RunResult a = k.run(reference, program, inputs.get(i));
            RunResult b = k.run(candidate, program, inputs.get(i));
            String what = difference(a, b);
            if (what != null) return Optional.of(new Mismatch(i, inputs.get(i), what, a, b));
        }
        return Optional.empty();
    }

    /** What differs between two results, or null when they agree. */
    static String difference(RunResult a, RunResult b) {
        if (a.ran() != b.ran()) {
            return "reference " + (a.ran() ? "ran" : "did not run (" + why(a) + ")") + ", candidate "
                    + (b.ran() ? "ran" : "did not run (" + why(b) + ")");
        }
        if (!a.ran()) return null;
        if (a.retval() != b.retval()) return "retval " + a.retval() + " vs " + b.retval();
        if (!Arrays.equals(a.dataOut(), b.dataOut())) return "data_out " + hex(a.dataOut()) + " vs " + hex(b.dataOut());
        if (!Arrays.equals(a.ctxOut(), b.ctxOut())) return "ctx_out " + hex(a.ctxOut()) + " vs " + hex(b.ctxOut());
        Map<String, MapContents> ma = byStableName(a.maps()), mb = byStableName(b.maps());
        if (!ma.keySet().equals(mb.keySet())) return "maps " + ma.keySet() + " vs " + mb.keySet();
        for (String name : ma.keySet()) {
            Map<String, byte[]> ea = ma.get(name).entries(), eb = mb.get(name).entries();
            if (!ea.keySet().equals(eb.keySet())) return "map " + name + " keys " + ea.keySet() + " vs " + eb.keySet();
            for (String key : ea.keySet()) {
                if (!Arrays.equals(ea.get(key), eb.get(key))) {
                    return "map " + name + "[" + key + "] " + Hex.of(ea.get(key)) + " vs " + Hex.of(eb.get(key));
                }
            }
        }
        return null;
    }

    private static Map<String, MapContents> byStableName(Map<String, MapContents> maps) {
        Map<String, MapContents> m = new TreeMap<>();
        for (MapContents c : maps.values()) {
            String n = c.name();
            int dot = n.indexOf('.');
            m.put(dot > 0 ? n.substring(dot) : n, c);
        }
        return m;
    }

    private static String why(RunResult r) {
        return r.verdict().loaded() ? r.runError() : r.verdict().reason();
    }

    private static String hex(byte[] b) {
        return b == null ? "none" : Hex.of(b);
    }
}
