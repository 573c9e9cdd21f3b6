package dev.jbpfc.frontend.lower;

import dev.jbpfc.ir.Global;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The initial bytes of one static object and the relocations inside it, filled piece by piece from a checked
 * initializer. Little-endian, as the BPF target is ({@code -mlittle-endian}).
 *
 * <p>Example: {@code struct bf { unsigned a:3, b:5; int c:20; } g = { 5, 17, -3 };} is {@code putBits(0, 3, 5)},
 * {@code putBits(3, 5, 17)}, {@code putBits(8, 20, -3)}: bytes {@code 8d fd ff 0f} (as clang-22 lays them out).
 * {@code int *p = &g_pts[1].y;} is {@code putAddress(0, "g_pts", 20)}: eight zero bytes and the IR's
 * {@code reloc 0 @g_pts+20}, which the backend turns into an R_BPF_64_ABS64 with the addend in place.
 */
final class StaticImage {
    private byte[] bytes;
    private final List<Global.Reloc> relocs = new ArrayList<>();

    StaticImage(long size) {
        bytes = new byte[(int) size];
    }

    private void ensure(long end) {
        if (end > bytes.length) bytes = Arrays.copyOf(bytes, (int) end);
    }

    /** Stores the low {@code size} bytes of {@code value} at {@code offset}. */
    void putInt(long offset, int size, long value) {
        ensure(offset + size);
        for (int i = 0; i < size; i++) bytes[(int) offset + i] = (byte) (value >>> (8 * i));
    }

    /** Stores the low {@code width} bits of {@code value} starting at bit {@code bitOffset} (bit 0 = LSB of byte 0). */
    void putBits(long bitOffset, int width, long value) {
        ensure((bitOffset + width + 7) / 8);
        for (int i = 0; i < width; i++) {
            long bit = bitOffset + i;
            int b = (int) (bit >>> 3);
            int mask = 1 << (bit & 7);
            if (((value >>> i) & 1) != 0) bytes[b] |= (byte) mask;
            else bytes[b] &= (byte) ~mask;
        }
    }

    void putBytes(long offset, byte[] data) {
        ensure(offset + data.length);
        System.arraycopy(data, 0, bytes, (int) offset, data.length);
    }

    /** An 8-byte pointer to {@code symbol + addend} at {@code offset}. */
    void putAddress(long offset, String symbol, long addend) {
        putInt(offset, 8, 0);
        relocs.add(new Global.Reloc(offset, symbol, addend));
    }

    long size() { return bytes.length; }

    /** Whether every byte is zero and nothing is relocated (such an object goes to .bss). */
    boolean isZero() {
        if (!relocs.isEmpty()) return false;
        for (byte b : bytes) if (b != 0) return false;
        return true;
    }

    /** The bytes without trailing zeros (the IR's {@code data} may be shorter than the object). */
    byte[] trimmedBytes() {
        int n = bytes.length;
        while (n > 0 && bytes[n - 1] == 0) n--;
        return Arrays.copyOf(bytes, n);
    }

    List<Global.Reloc> relocs() { return relocs; }
}
