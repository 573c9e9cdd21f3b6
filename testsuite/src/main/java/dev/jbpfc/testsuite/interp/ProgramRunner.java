package dev.jbpfc.testsuite.interp;

import dev.jbpfc.testsuite.oracle.MapContents;
import dev.jbpfc.testsuite.oracle.RunInput;
import dev.jbpfc.testsuite.oracle.RunResult;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one program of an object in the interpreter the way {@code BPF_PROG_TEST_RUN} runs it in the kernel, so the
 * two can be compared ({@link RunComparison}): a fresh load of the object (maps as the ELF file initialises them),
 * the input's map entries stored, the packet and context set up for the program type the section names, one run.
 *
 * <ul>
 *   <li>XDP ({@code xdp*}): the context is {@code struct xdp_md}; {@code data}/{@code data_meta} load the packet's
 *       start, {@code data_end} its end, {@code ingress_ifindex} 1 (loopback, where the kernel runs test packets).
 *   <li>tc ({@code tc*}, {@code classifier*}) and socket filters ({@code socket*}): {@code struct __sk_buff} with
 *       {@code len}, {@code protocol} (the frame's EtherType as the kernel's {@code eth_type_trans} gives it),
 *       {@code data}/{@code data_end}; tc programs see the frame from the Ethernet header, socket filters from
 *       the network header (and, as the kernel does, get the 14-byte header zeroed in the packet returned).
 * </ul>
 * Helpers: map lookup/update/delete (array, hash), {@code bpf_ktime_get_ns} (a counter advancing by 1000 per call),
 * {@code bpf_trace_printk} (ignored, returns 0), {@code bpf_get_prandom_u32} (a seeded xorshift),
 * {@code bpf_get_smp_processor_id} (0), {@code bpf_skb_load_bytes}, {@code bpf_spin_lock}/{@code unlock} (no-ops).
 */
public final class ProgramRunner {
    public enum Kind { XDP, TC, SOCKET }

    private static final int ETH_HLEN = 14;
    /** {@code struct __sk_buff}: offsets the programs use. */
    static final int SKB_LEN = 0, SKB_PROTOCOL = 16, SKB_IFINDEX = 40, SKB_INGRESS_IFINDEX = 36, SKB_DATA = 76,
            SKB_DATA_END = 80, SKB_DATA_META = 140, SKB_SIZE = 192;

    private ProgramRunner() {}

    public static Kind kindOf(String section) {
        if (section.startsWith("xdp")) return Kind.XDP;
        if (section.startsWith("tc") || section.startsWith("classifier")) return Kind.TC;
        if (section.startsWith("socket")) return Kind.SOCKET;
        throw new IllegalArgumentException("program type of section " + section + " is not modelled");
    }

    /** Loads {@code elf} afresh and runs {@code program} on the input's packet (its context input is ignored). */
    public static RunResult run(byte[] elf, String program, RunInput in) {
        ObjectLoader.Loaded obj = ObjectLoader.load(elf);
        Kind kind = kindOf(obj.functionSections().get(program));
        Memory mem = obj.memory();
        for (RunInput.MapFill f : in.maps()) {
            InterpMap m = obj.maps().get(f.map());
            if (m == null) throw new IllegalArgumentException("no map " + f.map());
            m.update(f.key(), f.value(), 0);
        }
        byte[] frame = in.dataIn() == null ? new byte[0] : in.dataIn().clone();
        if (frame.length < ETH_HLEN) return notRun("packet shorter than an Ethernet header");
        Memory.Region packet = mem.add("packet", frame, true);
        long dataStart = packet.base() + (kind == Kind.SOCKET ? ETH_HLEN : 0);
        long dataEnd = packet.end();
        Memory.Region ctx;
        if (kind == Kind.XDP) {
            ctx = mem.add("xdp_md", new byte[24], false, new Memory.Window() {
                @Override public Long load(int off, int size) {
                    return switch (off) {
                        case 0, 8 -> dataStart;
                        case 4 -> dataEnd;
                        case 12 -> 1L;
                        default -> 0L;
                    };
                }
            });
        } else {
            byte[] skb = new byte[SKB_SIZE];
            int etherType = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
            int proto = etherType >= 0x600 ? etherType : 0x0004;  // eth_type_trans: 802.2 for a length field
            Memory.putLe(skb, SKB_LEN, 4, frame.length - (kind == Kind.SOCKET ? ETH_HLEN : 0));
            Memory.putLe(skb, SKB_PROTOCOL, 4, Short.reverseBytes((short) proto) & 0xffff);
            Memory.putLe(skb, SKB_IFINDEX, 4, 1);
            Memory.putLe(skb, SKB_INGRESS_IFINDEX, 4, 1);
            ctx = mem.add("__sk_buff", skb, true, new Memory.Window() {
                @Override public Long load(int off, int size) {
                    return switch (off) {
                        case SKB_DATA, SKB_DATA_META -> dataStart;
                        case SKB_DATA_END -> dataEnd;
                        default -> null;
                    };
                }
            });
        }
        StandardHelpers helpers = new StandardHelpers(obj.maps().values(), 0x9e3779b9L);
        helpers.skb(ctx.base(), dataStart, dataEnd);
        Interpreter interp = new Interpreter(obj.code(), mem, helpers).budget(50_000_000);
        long r0;
        try {
            long[] regs = new long[10];
            regs[1] = ctx.base();
            r0 = interp.run(obj.entry(program), regs);
        } catch (InterpException e) {
            return new RunResult(null, false, "interpreter: " + e.getMessage(), 0, null, null, 0, Map.of());
        }
        byte[] out = frame.clone();
        if (kind == Kind.SOCKET) Arrays.fill(out, 0, ETH_HLEN, (byte) 0);
        Map<String, MapContents> maps = new LinkedHashMap<>();
        for (InterpMap m : obj.maps().values()) {
            maps.put(m.name, new MapContents(m.name, m.type == InterpMap.ARRAY ? "array" : "hash", m.keySize, m.valueSize,
                    false, m.contents(), false));
        }
        return new RunResult(null, true, null, r0 & 0xffffffffL, out, null, interp.executed(), maps);
    }

    private static RunResult notRun(String why) {
        return new RunResult(null, false, why, 0, null, null, 0, Map.of());
    }
}
