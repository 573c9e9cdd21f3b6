package dev.jbpfc.testsuite.interp;

import java.util.ArrayList;
import java.util.List;

/**
 * The interpreter's flat memory: a list of regions (a stack frame, the context, the packet, one map value, a map
 * handle), each a byte array, addressed by 64-bit values {@code region id << 32 | offset}. Region 0 does not
 * exist, so NULL (0) and small integers never address anything.
 *
 * <p>Example: a frame of 512 bytes registered as region 3 spans addresses {@code 0x3_0000_0000} to
 * {@code 0x3_0000_01ff}; r10 points one past its end ({@code 0x3_0000_0200}) and {@code *(u64 *)(r10 - 8)} reads
 * offset 504. A pointer that strays below a region's start borrows from the id and lands in another region at an
 * offset far beyond its size, so it is caught the same way as one past the end.
 *
 * <p>Every access is bounds-checked against its region ({@link InterpException} otherwise). A region may be
 * read-only (.rodata, a map handle) or carry a {@link Window} that intercepts accesses (the context, whose
 * {@code data}/{@code data_end} fields load as 64-bit pointers although the C struct declares them 32-bit).
 */
public final class Memory {
    /** Intercepts the accesses of one region (the context); returns null to fall through to the bytes. */
    public interface Window {
        Long load(int offset, int size);

        /** True when it handled the store. */
        default boolean store(int offset, int size, long value) { return false; }
    }

    public static final class Region {
        public final int id;
        public final String name;
        public final byte[] bytes;
        public final boolean writable;
        final Window window;

        Region(int id, String name, byte[] bytes, boolean writable, Window window) {
            this.id = id;
            this.name = name;
            this.bytes = bytes;
            this.writable = writable;
            this.window = window;
        }

        public long base() { return (long) id << 32; }

        public long end() { return base() + bytes.length; }
    }

    private final List<Region> regions = new ArrayList<>();

    public Memory() {
        regions.add(null);
    }

    public Region add(String name, byte[] bytes, boolean writable) {
        return add(name, bytes, writable, null);
    }

    public Region add(String name, byte[] bytes, boolean writable, Window window) {
        Region r = new Region(regions.size(), name, bytes, writable, window);
        regions.add(r);
        return r;
    }

    /** Forgets a region (a deleted hash map entry); later accesses through old pointers fail. */
    public void remove(Region r) {
        regions.set(r.id, null);
    }

    /** The region an address lies in, with room for {@code size} bytes from it; throws otherwise. */
    public Region regionFor(long addr, int size, int pc) {
        long id = addr >>> 32;
        Region r = id > 0 && id < regions.size() ? regions.get((int) id) : null;
        long off = addr & 0xffffffffL;
        if (r == null || off + size > r.bytes.length) {
            throw new InterpException(pc, String.format("access of %d bytes at 0x%x outside every region%s", size, addr,
                    r == null ? "" : " (" + r.name + " has " + r.bytes.length + " bytes)"));
        }
        return r;
    }

    public long load(long addr, int size, int pc) {
        Region r = regionFor(addr, size, pc);
        int off = (int) addr;
        if (r.window != null) {
            Long v = r.window.load(off, size);
            if (v != null) return v;
        }
        return le(r.bytes, off, size);
    }

    public void store(long addr, int size, long value, int pc) {
        Region r = regionFor(addr, size, pc);
        int off = (int) addr;
        if (r.window != null && r.window.store(off, size, value)) return;
        if (!r.writable) throw new InterpException(pc, "store into read-only " + r.name);
        putLe(r.bytes, off, size, value);
    }

    /** Copies {@code len} bytes out of memory (helper arguments such as a map key). */
    public byte[] read(long addr, int len, int pc) {
        if (len == 0) return new byte[0];
        Region r = regionFor(addr, len, pc);
        byte[] out = new byte[len];
        System.arraycopy(r.bytes, (int) addr, out, 0, len);
        return out;
    }

    public void write(long addr, byte[] data, int pc) {
        if (data.length == 0) return;
        Region r = regionFor(addr, data.length, pc);
        if (!r.writable) throw new InterpException(pc, "store into read-only " + r.name);
        System.arraycopy(data, 0, r.bytes, (int) addr, data.length);
    }

    public static long le(byte[] b, int off, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = (v << 8) | (b[off + i] & 0xff);
        return v;
    }

    public static void putLe(byte[] b, int off, int size, long v) {
        for (int i = 0; i < size; i++) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
