package dev.jbpfc.testsuite.interp;

/**
 * Instructions ready to run: the raw 8-byte slots of one or more functions laid out in one image, with what the
 * loader resolved: the 64-bit value each {@code ld_imm64} loads (a constant, a map handle's address, an address
 * inside a global data section) and the slot each BPF-to-BPF call enters.
 *
 * <p>Built from bare bytes ({@link #of(byte[])}: calls are pc-relative inside the image, {@code ld_imm64} loads
 * its own constant) or by {@link ObjectLoader} from an ELF object's sections and relocations.
 */
public final class Code {
    final int[] opcode, dst, src, off, imm;
    /** ld_imm64 (at its first slot): the value loaded. */
    final long[] imm64;
    /** call with src 1: the absolute slot it enters, or -1 when unresolved (then pc-relative). */
    final int[] callTarget;
    /** call with src 1 relocated against an undefined symbol: the kfunc libbpf will bind it to, else null. */
    final String[] kfunc;

    private Code(int n) {
        opcode = new int[n];
        dst = new int[n];
        src = new int[n];
        off = new int[n];
        imm = new int[n];
        imm64 = new long[n];
        callTarget = new int[n];
        java.util.Arrays.fill(callTarget, -1);
        kfunc = new String[n];
    }

    public int length() { return opcode.length; }

    /** Decodes raw instruction bytes (a multiple of 8); ld_imm64 values are taken from the two slots as they are. */
    public static Code of(byte[] bytes) {
        if (bytes.length % 8 != 0) throw new IllegalArgumentException("code of " + bytes.length + " bytes is not a multiple of 8");
        Code c = new Code(bytes.length / 8);
        for (int i = 0; i < c.opcode.length; i++) {
            int p = i * 8;
            c.opcode[i] = bytes[p] & 0xff;
            c.dst[i] = bytes[p + 1] & 0x0f;
            c.src[i] = (bytes[p + 1] >> 4) & 0x0f;
            c.off[i] = (short) Memory.le(bytes, p + 2, 2);
            c.imm[i] = (int) Memory.le(bytes, p + 4, 4);
        }
        for (int i = 0; i + 1 < c.opcode.length; i++) {
            if (c.opcode[i] == 0x18) c.imm64[i] = (c.imm[i] & 0xffffffffL) | ((long) c.imm[i + 1] << 32);
        }
        return c;
    }

    /** Sets what an ld_imm64 loads (a relocated map or global address). */
    void resolveImm64(int slot, long value) { imm64[slot] = value; }

    void resolveCall(int slot, int target) { callTarget[slot] = target; }

    void resolveKfunc(int slot, String name) { kfunc[slot] = name; }
}
