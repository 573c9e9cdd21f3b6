package dev.jbpfc.frontend.lower;

import dev.jbpfc.frontend.sema.ConstValue;
import dev.jbpfc.frontend.types.CType;

/**
 * One evaluated piece of a static initializer: write {@code value} (converted to {@code type}) at
 * {@code byteOffset}, or for a bit-field its low {@code bitWidth} bits at absolute bit {@code bitOffset}, or copy
 * {@code bytes} (a string literal initializing a char array, already cut or NUL-padded to the array). Sema's
 * flattened initializer entries map onto these one to one once their expressions are evaluated.
 */
public record InitPiece(long byteOffset, long bitOffset, int bitWidth, CType type, ConstValue value, byte[] bytes) {
    public static InitPiece scalar(long byteOffset, CType type, ConstValue value) {
        return new InitPiece(byteOffset, byteOffset * 8, -1, type, value, null);
    }

    public static InitPiece bitfield(long bitOffset, int bitWidth, CType type, ConstValue value) {
        return new InitPiece(bitOffset / 8, bitOffset, bitWidth, type, value, null);
    }

    public static InitPiece string(long byteOffset, CType arrayType, byte[] bytes) {
        return new InitPiece(byteOffset, byteOffset * 8, -1, arrayType, null, bytes);
    }

    public boolean isBitfield() { return bitWidth >= 0; }
}
