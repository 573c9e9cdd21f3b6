package dev.jbpfc.btf;

import java.util.Arrays;

/** A growable little-endian byte buffer (BTF is written in the BPF target's byte order, little-endian here). */
final class LeBuffer {
    private byte[] data = new byte[256];
    private int size;

    int size() {
        return size;
    }

    void u8(int v) {
        grow(1);
        data[size++] = (byte) v;
    }

    void u16(int v) {
        u8(v);
        u8(v >>> 8);
    }

    void u32(long v) {
        grow(4);
        for (int i = 0; i < 4; i++) data[size++] = (byte) (v >>> (8 * i));
    }

    void bytes(byte[] b) {
        grow(b.length);
        System.arraycopy(b, 0, data, size, b.length);
        size += b.length;
    }

    /** Overwrites the u32 at {@code at} (for lengths known only after their section is written). */
    void putU32(int at, long v) {
        for (int i = 0; i < 4; i++) data[at + i] = (byte) (v >>> (8 * i));
    }

    byte[] toBytes() {
        return Arrays.copyOf(data, size);
    }

    private void grow(int n) {
        if (size + n > data.length) data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
    }
}
