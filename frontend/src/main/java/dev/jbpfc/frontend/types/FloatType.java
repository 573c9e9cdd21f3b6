package dev.jbpfc.frontend.types;

/**
 * Floating types. BPF has no floating-point instructions, but headers declare them and constant expressions may
 * use them; clang-22's BPF target makes {@code long double} the same size as {@code double} (8 bytes, align 8).
 */
public enum FloatType implements CType {
    FLOAT("float", 4, 1),
    DOUBLE("double", 8, 2),
    LONG_DOUBLE("long double", 8, 3);

    public final String spelling;
    public final int bytes;
    public final int rank;

    FloatType(String spelling, int bytes, int rank) {
        this.spelling = spelling;
        this.bytes = bytes;
        this.rank = rank;
    }

    @Override
    public long size() { return bytes; }

    @Override
    public int align() { return bytes; }

    @Override
    public String toString() { return spelling; }
}
