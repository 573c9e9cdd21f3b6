package dev.jbpfc.frontend.types;

/**
 * The integer types of the BPF target. {@code char} is signed (as on x86) but a distinct type from
 * {@code signed char}. {@code long} is 64-bit; {@code __int128} is 16 bytes with alignment 16 (checked against
 * clang-22 {@code --target=bpf}).
 */
public enum IntegerType implements CType {
    BOOL("_Bool", 1, false, 0),
    CHAR("char", 1, true, 1),
    SCHAR("signed char", 1, true, 1),
    UCHAR("unsigned char", 1, false, 1),
    SHORT("short", 2, true, 2),
    USHORT("unsigned short", 2, false, 2),
    INT("int", 4, true, 3),
    UINT("unsigned int", 4, false, 3),
    LONG("long", 8, true, 4),
    ULONG("unsigned long", 8, false, 4),
    LONGLONG("long long", 8, true, 5),
    ULONGLONG("unsigned long long", 8, false, 5),
    INT128("__int128", 16, true, 6),
    UINT128("unsigned __int128", 16, false, 6);

    public final String spelling;
    public final int bytes;
    public final boolean signed;
    /** Integer conversion rank (C11 6.3.1.1): higher converts over lower; equal for signed/unsigned pairs. */
    public final int rank;

    IntegerType(String spelling, int bytes, boolean signed, int rank) {
        this.spelling = spelling;
        this.bytes = bytes;
        this.signed = signed;
        this.rank = rank;
    }

    @Override
    public long size() { return bytes; }

    @Override
    public int align() { return bytes; }

    public int bits() { return bytes * 8; }

    /** The unsigned type of the same rank ({@code int} to {@code unsigned int}); itself if unsigned. */
    public IntegerType toUnsigned() {
        return switch (this) {
            case CHAR, SCHAR -> UCHAR;
            case SHORT -> USHORT;
            case INT -> UINT;
            case LONG -> ULONG;
            case LONGLONG -> ULONGLONG;
            case INT128 -> UINT128;
            default -> this;
        };
    }

    /** The signed type of the same rank; itself if signed ({@code _Bool} stays {@code _Bool}). */
    public IntegerType toSigned() {
        return switch (this) {
            case UCHAR -> SCHAR;
            case USHORT -> SHORT;
            case UINT -> INT;
            case ULONG -> LONG;
            case ULONGLONG -> LONGLONG;
            case UINT128 -> INT128;
            default -> this;
        };
    }

    /** Whether every value of {@code v} (taken as a mathematical integer) is representable in this type. */
    public boolean canRepresent(java.math.BigInteger v) {
        if (this == BOOL) return v.signum() >= 0 && v.bitLength() <= 1;
        if (signed) return v.bitLength() <= bits() - 1;
        return v.signum() >= 0 && v.bitLength() <= bits();
    }

    @Override
    public String toString() { return spelling; }
}
