package dev.jbpfc.ir;

/**
 * The IR's value types. Integers are bit patterns without sign (the operation says signed or unsigned, as in
 * LLVM); {@code ptr} is kept apart from {@code i64} so that the backend never does 32-bit ALU on a pointer and the
 * kernel verifier's pointer rules stay visible in the IR. {@code i1} is the result of {@code cmp} only: it feeds
 * {@code condbr}, {@code select} and {@code zext}/{@code sext}. Aggregates have no type: they live in memory
 * ({@code alloca}, globals) and are copied with {@code memcpy}.
 */
public enum Type {
    I1("i1", 1, 1), I8("i8", 8, 1), I16("i16", 16, 2), I32("i32", 32, 4), I64("i64", 64, 8),
    PTR("ptr", 64, 8), VOID("void", 0, 0);

    public final String spelling;
    /** Width in bits of the value (64 for ptr). */
    public final int bits;
    /** Size in bytes in memory (i1 is never stored). */
    public final int bytes;

    Type(String spelling, int bits, int bytes) {
        this.spelling = spelling;
        this.bits = bits;
        this.bytes = bytes;
    }

    public boolean isInt() { return this == I1 || this == I8 || this == I16 || this == I32 || this == I64; }

    /** Types the arithmetic and switch instructions work on: the lowering promotes i8/i16 to i32. */
    public boolean isArith() { return this == I32 || this == I64; }

    /** Types that can be loaded and stored. */
    public boolean isMemory() { return this == I8 || this == I16 || this == I32 || this == I64 || this == PTR; }

    public static Type parse(String s) {
        for (Type t : values()) if (t.spelling.equals(s)) return t;
        return null;
    }

    /** The integer type of a memory size in bytes (1, 2, 4, 8), or null. */
    public static Type intOfBytes(long n) {
        return switch ((int) n) {
            case 1 -> I8; case 2 -> I16; case 4 -> I32; case 8 -> I64; default -> null;
        };
    }

    /** Truncates {@code v} to this type's width; kept sign-extended to 64 bits (i1 is 0 or 1). */
    public long normalize(long v) {
        return switch (this) {
            case I1 -> v & 1;
            case I8 -> (byte) v;
            case I16 -> (short) v;
            case I32 -> (int) v;
            default -> v;
        };
    }

    /** The value as an unsigned number of this width, held in a long (for unsigned compares use Long.compareUnsigned). */
    public long unsigned(long v) {
        return switch (this) {
            case I1 -> v & 1;
            case I8 -> v & 0xffL;
            case I16 -> v & 0xffffL;
            case I32 -> v & 0xffffffffL;
            default -> v;
        };
    }

    @Override
    public String toString() { return spelling; }
}
