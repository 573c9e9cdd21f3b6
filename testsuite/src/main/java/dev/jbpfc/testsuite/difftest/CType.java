package dev.jbpfc.testsuite.difftest;

/** The integer types generated programs use: every width and signedness BPF C has. */
public enum CType {
    U8("unsigned char", 8, false), S8("signed char", 8, true),
    U16("unsigned short", 16, false), S16("short", 16, true),
    U32("unsigned int", 32, false), S32("int", 32, true),
    U64("unsigned long long", 64, false), S64("long long", 64, true);

    public final String c;
    public final int bits;
    public final boolean signed;

    CType(String c, int bits, boolean signed) {
        this.c = c;
        this.bits = bits;
        this.signed = signed;
    }

    /** The value {@code v} converted to this type, as C converts (wrapping), kept as a Java long. */
    public long wrap(long v) {
        if (bits == 64) return v;
        long mask = (1L << bits) - 1;
        long u = v & mask;
        return signed && (u >>> (bits - 1)) != 0 ? u - (1L << bits) : u;
    }

    /** The unsigned type arithmetic on this type is done in: unsigned int, or unsigned long long for 64 bits. */
    public CType arith() {
        return bits == 64 ? U64 : U32;
    }
}
