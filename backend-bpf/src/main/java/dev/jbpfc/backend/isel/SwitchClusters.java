package dev.jbpfc.backend.isel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests a {@code switch} is selected to: its case values, in the width they are compared in, grouped into
 * runs of consecutive values that go to one machine block. A run of {@link #MIN_RANGE} or more values is one
 * unsigned range test, shorter runs stay one {@code jeq} per value, and values whose target is the default's are
 * left out (falling through to the default already takes them there). BPF has no indirect jump, so there are no
 * jump tables.
 *
 * <p>Example, a 32-bit switch whose cases 1..4 share a target {@code A}, 10 goes to {@code B}, 11 to the default:
 * <pre>
 *   w2 = w1 ; w2 += -1 ; if w2 <= 3 goto A     (the run 1..4)
 *   if w1 == 10 goto B
 *   goto default
 * </pre>
 * Three compares cost as many instructions as a range test (copy, subtract, compare); clang-22 makes a range of
 * three, so do we. A run starting at 0 needs no subtraction.
 */
final class SwitchClusters {
    static final int MIN_RANGE = 3;

    /** Values {@code lo..hi} (unsigned, in the compared width) all go to {@code dest}. */
    record Cluster<T>(long lo, long hi, T dest) {
        boolean isRange() { return hi != lo; }
    }

    private SwitchClusters() {}

    /**
     * {@code keys[k]} (unsigned within {@code bits}) goes to {@code dests.get(k)}; the first of equal keys wins,
     * as the switch's compares in order would have it. The clusters come out in ascending key order.
     */
    static <T> List<Cluster<T>> of(long[] keys, List<T> dests, T dflt, int bits) {
        Map<Long, T> byKey = new LinkedHashMap<>();
        for (int k = 0; k < keys.length; k++) byKey.putIfAbsent(keys[k], dests.get(k));
        List<Long> sorted = new ArrayList<>(byKey.keySet());
        sorted.sort(Long::compareUnsigned);
        long max = bits == 64 ? -1L : (1L << bits) - 1;
        List<Cluster<T>> out = new ArrayList<>();
        int k = 0;
        while (k < sorted.size()) {
            long lo = sorted.get(k);
            T dest = byKey.get(lo);
            int end = k;
            while (end + 1 < sorted.size() && sorted.get(end) != max && sorted.get(end + 1) == sorted.get(end) + 1
                    && byKey.get(sorted.get(end + 1)) == dest) {
                end++;
            }
            if (dest != dflt) {
                if (end - k + 1 >= MIN_RANGE) {
                    out.add(new Cluster<>(lo, sorted.get(end), dest));
                } else {
                    for (int j = k; j <= end; j++) out.add(new Cluster<>(sorted.get(j), sorted.get(j), dest));
                }
            }
            k = end + 1;
        }
        return out;
    }
}
