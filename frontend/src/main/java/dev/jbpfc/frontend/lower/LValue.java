package dev.jbpfc.frontend.lower;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.ir.Value;

/**
 * A place in memory: its address, its C type, the alignment known for the address, whether it is volatile, and for a
 * bit-field where its bits sit in the storage unit at {@code address} ({@code unitBytes} bytes, the field's
 * declared type's size): {@code bitShift} bits above the unit's least significant bit, {@code bitWidth} wide.
 */
record LValue(Value address, CType type, int align, boolean isVolatile, int unitBytes, int bitShift, int bitWidth) {
    static LValue of(Value address, CType type, int align) {
        return new LValue(address, type, Math.max(1, align), type.isVolatile(), 0, 0, -1);
    }

    boolean isBitfield() { return bitWidth >= 0; }

    LValue withAlign(int a) { return new LValue(address, type, a, isVolatile, unitBytes, bitShift, bitWidth); }
}
