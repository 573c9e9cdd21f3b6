package dev.jbpfc.testsuite.interp;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The helpers the test programs call, by the numbers of {@code enum bpf_func_id}. Deterministic: time is a counter
 * and random numbers come from a seeded xorshift, so a run replays.
 */
public final class StandardHelpers implements Interpreter.Helpers {
    public static final int MAP_LOOKUP_ELEM = 1, MAP_UPDATE_ELEM = 2, MAP_DELETE_ELEM = 3, KTIME_GET_NS = 5,
            TRACE_PRINTK = 6, GET_PRANDOM_U32 = 7, GET_SMP_PROCESSOR_ID = 8, SKB_LOAD_BYTES = 26,
            SPIN_LOCK = 93, SPIN_UNLOCK = 94, KTIME_GET_BOOT_NS = 125;
    private static final long EFAULT = 14;

    private final Map<Long, InterpMap> byHandle = new HashMap<>();
    private long time = 1_000_000;
    private long random;
    private long skbCtx = -1, skbData, skbDataEnd;

    public StandardHelpers(Collection<InterpMap> maps, long seed) {
        for (InterpMap m : maps) byHandle.put(m.handleAddress(), m);
        this.random = seed == 0 ? 1 : seed;
    }

    /** Where {@code bpf_skb_load_bytes} reads from: the skb context's address and its packet range. */
    public void skb(long ctx, long data, long dataEnd) {
        this.skbCtx = ctx;
        this.skbData = data;
        this.skbDataEnd = dataEnd;
    }

    @Override
    public long call(int helper, long[] r, Memory mem, int pc) {
        switch (helper) {
            case MAP_LOOKUP_ELEM: {
                InterpMap m = map(r[1], pc);
                return m.lookup(mem.read(r[2], m.keySize, pc));
            }
            case MAP_UPDATE_ELEM: {
                InterpMap m = map(r[1], pc);
                return m.update(mem.read(r[2], m.keySize, pc), mem.read(r[3], m.valueSize, pc), r[4]);
            }
            case MAP_DELETE_ELEM: {
                InterpMap m = map(r[1], pc);
                return m.delete(mem.read(r[2], m.keySize, pc));
            }
            case KTIME_GET_NS: case KTIME_GET_BOOT_NS:
                return time += 1000;
            case TRACE_PRINTK:
                mem.read(r[1], (int) r[2], pc);   // the format must be readable
                return 0;
            case GET_PRANDOM_U32:
                random ^= random << 13;
                random ^= random >>> 7;
                random ^= random << 17;
                return random & 0xffffffffL;
            case GET_SMP_PROCESSOR_ID:
                return 0;
            case SKB_LOAD_BYTES: {
                if (r[1] != skbCtx) throw new InterpException(pc, "bpf_skb_load_bytes on something other than the skb");
                long off = r[2] & 0xffffffffL, len = r[4] & 0xffffffffL;
                byte[] buf;
                long ret = 0;
                if (off > Integer.MAX_VALUE || len > Integer.MAX_VALUE || skbData + off + len > skbDataEnd) {
                    buf = new byte[(int) Math.min(len, 1 << 20)];
                    ret = -EFAULT;
                } else {
                    buf = mem.read(skbData + off, (int) len, pc);
                }
                mem.write(r[3], buf, pc);
                return ret;
            }
            case SPIN_LOCK: case SPIN_UNLOCK:
                mem.regionFor(r[1], 4, pc);
                return 0;
            default:
                throw new InterpException(pc, "helper " + helper + " is not modelled");
        }
    }

    private InterpMap map(long handle, int pc) {
        InterpMap m = byHandle.get(handle);
        if (m == null) throw new InterpException(pc, String.format("0x%x is not a map", handle));
        return m;
    }
}
