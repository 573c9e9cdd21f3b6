package dev.jbpfc.testsuite.oracle;

import java.util.Map;

/**
 * The outcome of one BPF_PROG_TEST_RUN. When the program did not load, {@code ran} is false and only
 * {@code verdict} says why; when the run itself failed (bad input for the program type), {@code runError} says so.
 *
 * @param retval   the program's return value (R0, 32 bits as the kernel reports it)
 * @param dataOut  the packet after the run (null when no packet was given)
 * @param ctxOut   the context after the run (null when no context was given)
 * @param maps     every array/hash map of the object after the run, by name
 */
public record RunResult(Verdict verdict, boolean ran, String runError, long retval, byte[] dataOut, byte[] ctxOut,
                        long durationNs, Map<String, MapContents> maps) {
    /** A map by name; ".bss", ".data", ".rodata" also find libbpf's prefixed names ("xdp_coun.bss"). */
    public MapContents map(String name) {
        MapContents m = maps.get(name);
        if (m == null && name.startsWith(".")) {
            m = maps.values().stream().filter(x -> x.name().endsWith(name)).findFirst().orElse(null);
        }
        if (m == null) throw new IllegalArgumentException("no map " + name + " (have " + maps.keySet() + ")");
        return m;
    }
}
