package dev.jbpfc.testsuite.interp;

import dev.jbpfc.testsuite.oracle.Hex;
import dev.jbpfc.testsuite.oracle.MapContents;
import dev.jbpfc.testsuite.oracle.RunResult;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the kernel's {@code BPF_PROG_TEST_RUN} result with the interpreter's on the same input: return value
 * (32 bits, as the kernel reports it), packet after the run, and every array/hash map's entries. Map names are
 * compared in the form that survives libbpf's renaming: internal maps by their section (".bss", ".rodata.str1.1")
 * with the object-name prefix dropped, other maps by their name cut to the kernel's 15 characters.
 */
public final class RunComparison {
    private RunComparison() {}

    /** What differs, or null when the two agree. The kernel's run must have happened ({@code kernel.ran()}). */
    public static String difference(RunResult kernel, RunResult interp) {
        if (!interp.ran()) return "the interpreter did not run: " + interp.runError();
        if (kernel.retval() != interp.retval()) return "retval " + kernel.retval() + " (kernel) vs " + interp.retval() + " (interpreter)";
        if (!Arrays.equals(kernel.dataOut(), interp.dataOut()))
            return "data_out " + hex(kernel.dataOut()) + " (kernel) vs " + hex(interp.dataOut()) + " (interpreter)";
        Map<String, MapContents> a = stable(kernel.maps()), b = stable(interp.maps());
        if (!a.keySet().equals(b.keySet())) return "maps " + a.keySet() + " (kernel) vs " + b.keySet() + " (interpreter)";
        for (String name : a.keySet()) {
            Map<String, byte[]> ea = a.get(name).entries(), eb = b.get(name).entries();
            if (!ea.keySet().equals(eb.keySet())) return "map " + name + " keys " + ea.keySet() + " vs " + eb.keySet();
            for (String k : ea.keySet()) {
                if (!Arrays.equals(ea.get(k), eb.get(k)))
                    return "map " + name + "[" + k + "] " + Hex.of(ea.get(k)) + " (kernel) vs " + Hex.of(eb.get(k)) + " (interpreter)";
            }
        }
        return null;
    }

    static Map<String, MapContents> stable(Map<String, MapContents> maps) {
        Map<String, MapContents> out = new TreeMap<>();
        for (MapContents m : maps.values()) out.put(stableName(m.name()), m);
        return out;
    }

    static String stableName(String name) {
        int dot = name.indexOf('.');
        if (dot >= 0) {
            String sec = name.substring(dot);
            return sec.length() > 8 ? sec.substring(0, 8) : sec;   // both sides cut alike
        }
        return name.length() > 15 ? name.substring(0, 15) : name;
    }

    private static String hex(byte[] b) {
        return b == null ? "none" : Hex.of(b);
    }
}
