package dev.jbpfc.backend.isel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests a {@code switch} is selected to: its case values, in the width they are compared in (unsigned),
 * grouped into runs of consecutive values that go to one machine block. A run of {@link #MIN_RANGE} or more
 * values is one unsigned range test, shorter runs stay one {@code jeq} per value, and values whose target is the
 * default's are left out (falling through to the default already takes them there). Cases close together (within
 * one register's width of bits) with at most {@link #MAX_BIT_TARGETS} targets become a bit test where that is
 * shorter. A value inside a bit test's span that hits no bit goes straight to the default: the verifier then
 * walks the rest of the tests only for values outside every span, not once more per bit test (a chain of 4,600
 * bit tests that fell through to the next one hit the 1,000,000-instruction limit). BPF has no indirect jump, so there are no jump tables. The tests are disjoint, so their order does not
 * change which target a value reaches; they keep the order of the switch's cases.
 *
 * <p>Example, a 32-bit switch whose cases 1..4 share a target {@code A}, 10 goes to {@code B}, 11 to the default,
 * and 40, 43, 46, 49 go to {@code C}:
 * <pre>
 *   w2 = w1 ; w2 += -1 ; if w2 <= 3 goto A        (the run 1..4)
 *   if w1 == 10 goto B
 *   w2 = w1 ; w2 += -40 ; if w2 > 9 goto next     (40..49 as bits 0, 3, 6, 9 of a mask)
 *   w3 = 1 ; w3 <<= w2 ; if w3 & 0x249 goto C
 *   goto default
 * next:
 *   goto default
 * </pre>
 * Three compares cost as many instructions as a range test (copy, subtract, compare); clang-22 makes a range of
 * three, so do we. A run or bit test starting at 0 needs no subtraction.
 */
final class SwitchClusters {
    static final int MIN_RANGE = 3;
    static final int MAX_BIT_TARGETS = 3;

    /** One test of the switch's value. */
    sealed interface Test<T> permits Equal, Range, Bits {}

    /** {@code x == key} goes to {@code dest}. */
    record Equal<T>(long key, T dest) implements Test<T> {}

    /** {@code lo <= x <= hi} goes to {@code dest}. */
    record Range<T>(long lo, long hi, T dest) implements Test<T> {}

    /**
     * For {@code lo <= x <= hi} ({@code hi - lo} below the mask's width): bit {@code x - lo} set in
     * {@code masks[k]} goes to {@code dests[k]}, no bit set goes to the default (no other test has a value in
     * that span).
     */
    record Bits<T>(long lo, long hi, List<T> dests, List<Long> masks) implements Test<T> {}

    private SwitchClusters() {}

    /**
     * {@code keys[k]} (unsigned within {@code bits}) goes to {@code dests.get(k)}; the first of equal keys wins,
     * as the switch's compares in order would have it. {@code bitWidth}: the width of a bit test's mask (32 when
     * compares are 32-bit, 64 otherwise; 0 for none). The tests come out in the order of their first case in {@code keys}.
     */
    static <T> List<Test<T>> of(long[] keys, List<T> dests, T dflt, int bits, int bitWidth) {
        Map<Long, T> byKey = new LinkedHashMap<>();
        for (int k = 0; k < keys.length; k++) byKey.putIfAbsent(keys[k], dests.get(k));
        List<Long> sorted = new ArrayList<>(byKey.keySet());
        sorted.sort(Long::compareUnsigned);
        long max = bits == 64 ? -1L : (1L << bits) - 1;
        List<Test<T>> runs = new ArrayList<>();
        int k = 0;
        while (k < sorted.size()) {
            long lo = sorted.get(k);
            T dest = byKey.get(lo);
            int end = k;
            while (end + 1 < sorted.size()) {
                long at = sorted.get(end), next = sorted.get(end + 1);
                if (at == max || next != at + 1 || byKey.get(next) != dest) break;
                end++;
            }
            if (dest != dflt) {
                if (end - k + 1 >= MIN_RANGE) {
                    runs.add(new Range<>(lo, sorted.get(end), dest));
                } else {
                    for (int j = k; j <= end; j++) runs.add(new Equal<>(sorted.get(j), dest));
                }
            }
            k = end + 1;
        }
        List<Test<T>> tests = bitWidth == 0 ? runs : withBitTests(runs, bitWidth);
        // Back in the order the switch lists its cases (by each test's first case there): the tests are
        // disjoint, so any order is correct, but the verifier walks the paths in this order, and sorting them
        // changed what it processes (xdp_synproxy_kern.c's option parser: 13,135 -> 16,376 instructions).
        Map<Long, Integer> position = new HashMap<>();
        for (int at = 0; at < keys.length; at++) position.putIfAbsent(keys[at], at);
        List<Integer> firsts = new ArrayList<>(tests.size());
        for (Test<T> t : tests) firsts.add(firstPosition(t, position));
        Integer[] order = new Integer[tests.size()];
        for (int n = 0; n < order.length; n++) order[n] = n;
        Arrays.sort(order, Comparator.comparing(firsts::get));
        List<Test<T>> out = new ArrayList<>(tests.size());
        for (int n : order) out.add(tests.get(n));
        return out;
    }

    private static int firstPosition(Test<?> t, Map<Long, Integer> position) {
        int first = Integer.MAX_VALUE;
        if (t instanceof Equal<?> e) return position.get(e.key());
        if (t instanceof Range<?> r) {
            for (long v = r.lo(); ; v++) {
                first = Math.min(first, position.get(v));
                if (v == r.hi()) return first;
            }
        }
        Bits<?> b = (Bits<?>) t;
        for (long m : b.masks()) {
            for (int bit = 0; bit < 64; bit++) {
                if ((m >>> bit & 1) != 0) first = Math.min(first, position.get(b.lo() + bit));
            }
        }
        return first;
    }

    /** Replaces spans of tests that fit one mask by a bit test where it has fewer instructions. */
    private static <T> List<Test<T>> withBitTests(List<Test<T>> runs, int width) {
        List<Test<T>> out = new ArrayList<>();
        int i = 0;
        while (i < runs.size()) {
            long lo = low(runs.get(i));
            // A 64-bit subtraction takes a 32-bit signed immediate.
            if (width == 64 && (lo < 0 || lo > Integer.MAX_VALUE)) {
                out.add(runs.get(i++));
                continue;
            }
            List<T> dests = new ArrayList<>();
            int cost = 0, j = i;
            while (j < runs.size()) {
                Test<T> t = runs.get(j);
                long hi = high(t);
                if (Long.compareUnsigned(hi, lo) < 0 || Long.compareUnsigned(hi - lo, width - 1) > 0) break;
                T d = dest(t);
                if (!dests.contains(d)) {
                    if (dests.size() == MAX_BIT_TARGETS) break;
                    dests.add(d);
                }
                cost += cost(t, width);
                j++;
            }
            List<Long> masks = new ArrayList<>();
            for (int n = 0; n < dests.size(); n++) masks.add(0L);
            for (int n = i; n < j; n++) {
                Test<T> t = runs.get(n);
                int at = dests.indexOf(dest(t));
                long bitsOf = 0;
                for (long v = low(t) - lo; v <= high(t) - lo; v++) bitsOf |= 1L << v;
                masks.set(at, masks.get(at) | bitsOf);
            }
            int bitCost = (lo == 0 ? 0 : 2) + 4;
            for (long m : masks) bitCost += width == 32 || (m >= 0 && m <= Integer.MAX_VALUE) ? 1 : 3;
            if (j - i >= 2 && bitCost < cost) {
                out.add(new Bits<>(lo, high(runs.get(j - 1)), dests, masks));
                i = j;
            } else {
                out.add(runs.get(i++));
            }
        }
        return out;
    }

    private static long low(Test<?> t) {
        return t instanceof Range<?> r ? r.lo() : ((Equal<?>) t).key();
    }

    private static long high(Test<?> t) {
        return t instanceof Range<?> r ? r.hi() : ((Equal<?>) t).key();
    }

    private static <T> T dest(Test<T> t) {
        return t instanceof Range<T> r ? r.dest() : ((Equal<T>) t).dest();
    }

    /** Instructions of a test, as InstructionSelector emits it. */
    private static int cost(Test<?> t, int width) {
        if (t instanceof Range<?> r) return r.lo() == 0 ? 1 : 3;
        long key = ((Equal<?>) t).key();
        return width == 64 && (key < Integer.MIN_VALUE || key > Integer.MAX_VALUE) ? 3 : 1;
    }
}
