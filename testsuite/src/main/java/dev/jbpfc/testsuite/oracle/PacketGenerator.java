package dev.jbpfc.testsuite.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random Ethernet frames for differential runs: the same seed gives the same frames on every machine, so a
 * mismatch can be replayed. Frames are 14 to 142 bytes; the EtherType is IPv4, IPv6, ARP or random; IPv4 frames
 * get a version/IHL byte of 0x45 and a protocol among TCP, UDP, ICMP or random, so programs' parsing paths are
 * all taken.
 */
public final class PacketGenerator {
    private static final int[] ETHER_TYPES = {0x0800, 0x0800, 0x86dd, 0x0806};
    private static final int[] PROTOCOLS = {6, 17, 1};

    private PacketGenerator() {
    }

    public static List<RunInput> frames(long seed, int count) {
        Random r = new Random(seed);
        List<RunInput> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] f = new byte[14 + r.nextInt(129)];
            r.nextBytes(f);
            int type = r.nextInt(5) < 4 ? ETHER_TYPES[r.nextInt(ETHER_TYPES.length)] : r.nextInt(0x10000);
            f[12] = (byte) (type >> 8);
            f[13] = (byte) type;
            if (type == 0x0800 && f.length >= 34) {
                f[14] = 0x45;
                f[23] = (byte) (r.nextInt(4) < 3 ? PROTOCOLS[r.nextInt(PROTOCOLS.length)] : r.nextInt(256));
            }
            out.add(RunInput.packet(f));
        }
        return out;
    }
}
