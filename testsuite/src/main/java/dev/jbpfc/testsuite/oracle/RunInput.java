package dev.jbpfc.testsuite.oracle;

import java.util.ArrayList;
import java.util.List;

/**
 * What BPF_PROG_TEST_RUN gets: the packet (data_in), the context (ctx_in, e.g. a struct __sk_buff or xdp_md),
 * how often to repeat, and map entries to store before the run. Immutable; each with* returns a copy.
 * Example: {@code RunInput.packet(frame).withMap("counts", Hex.le(0, 4), Hex.le(5, 8))}.
 */
public record RunInput(byte[] dataIn, byte[] ctxIn, int repeat, List<MapFill> maps) {
    /** One map entry to store before the run: key and value bytes exactly the map's sizes. */
    public record MapFill(String map, byte[] key, byte[] value) {
        String spec() {
            return map + "=" + Hex.of(key) + ":" + Hex.of(value);
        }
    }

    public static RunInput none() {
        return new RunInput(null, null, 1, List.of());
    }

    public static RunInput packet(byte[] data) {
        return new RunInput(data, null, 1, List.of());
    }

    public RunInput withCtx(byte[] ctx) {
        return new RunInput(dataIn, ctx, repeat, maps);
    }

    public RunInput withRepeat(int n) {
        return new RunInput(dataIn, ctxIn, n, maps);
    }

    public RunInput withMap(String map, byte[] key, byte[] value) {
        List<MapFill> m = new ArrayList<>(maps);
        m.add(new MapFill(map, key, value));
        return new RunInput(dataIn, ctxIn, repeat, List.copyOf(m));
    }
}
