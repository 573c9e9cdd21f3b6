package dev.jbpfc.testsuite.oracle;

import java.util.HexFormat;

/** Byte arrays as the lowercase hex strings bpfrun reads and prints. */
public final class Hex {
    private Hex() {
    }

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    public static byte[] parse(String s) {
        return HexFormat.of().parseHex(s);
    }

    /** Little-endian bytes of an integer, as BPF on x86 stores map keys and values. */
    public static byte[] le(long v, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) b[i] = (byte) (v >>> (8 * i));
        return b;
    }

    /** Reads a little-endian unsigned integer of up to 8 bytes. */
    public static long leValue(byte[] b, int offset, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = (v << 8) | (b[offset + i] & 0xff);
        return v;
    }
}
