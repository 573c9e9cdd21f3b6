package dev.jbpfc.frontend.lower;

import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.IrBuilder;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

/**
 * Reads and writes bit-fields through their storage unit: load the unit, shift and mask (or insert and store).
 * <pre>
 *   struct s { unsigned a:3; int b:5; } *p;   x = p-&gt;b;  p-&gt;a = v;
 *   %u  = load i32 %p, align 4          ; unit of b (an int at byte 0), b at bits 3..7
 *   %l  = shl i32 %u, 24                ; 32 - 3 - 5: b's top bit to bit 31
 *   %x  = ashr i32 %l, 27               ; 32 - 5: sign-extended (b is a signed int)
 *
 *   %u2 = load i32 %p, align 4
 *   %k  = and i32 %u2, -8               ; clear bits 0..2
 *   %vm = and i32 %v, 7
 *   %n  = or i32 %k, %vm
 *   store i32 %n, %p, align 4
 * </pre>
 * Units narrower than 32 bits are loaded and zero-extended to i32 first; 8-byte units use i64.
 */
final class BitfieldAccess {
    private BitfieldAccess() {}

    private static Type memType(int unitBytes) {
        return switch (unitBytes) {
            case 1 -> Type.I8;
            case 2 -> Type.I16;
            case 4 -> Type.I32;
            default -> Type.I64;
        };
    }

    private static Value loadUnit(IrBuilder b, LValue lv) {
        Type mt = memType(lv.unitBytes());
        Instruction ld = b.load(mt, lv.address(), Math.min(lv.align(), mt.bytes));
        ld.isVolatile = lv.isVolatile();
        return mt.bytes < 4 ? b.cast(Opcode.ZEXT, ld, Type.I32) : ld;
    }

    /** The field's value, extended by the signedness of its declared type, as an i32 (or i64 for 8-byte types). */
    static Value read(IrBuilder b, LValue lv) {
        Value unit = loadUnit(b, lv);
        Type wt = unit.type();
        int w = wt.bits;
        int width = lv.bitWidth(), shift = lv.bitShift();
        Value v = unit;
        int up = w - shift - width;
        if (up > 0) v = b.binary(Opcode.SHL, v, Constant.of(wt, up));
        if (w - width > 0) v = b.binary(lv.type().isSigned() ? Opcode.ASHR : Opcode.LSHR, v, Constant.of(wt, w - width));
        return fit(b, v, lv);
    }

    /** Puts the value into the register type of the field's C type (i32 for up to 4 bytes). */
    private static Value fit(IrBuilder b, Value v, LValue lv) {
        Type want = IrTypes.value(lv.type());
        if (v.type() == want) return v;
        if (want == Type.I32) return b.cast(Opcode.TRUNC, v, Type.I32);
        return b.cast(lv.type().isSigned() ? Opcode.SEXT : Opcode.ZEXT, v, Type.I64);
    }

    static void write(IrBuilder b, LValue lv, Value v) {
        Value unit = loadUnit(b, lv);
        Type wt = unit.type();
        int width = lv.bitWidth(), shift = lv.bitShift();
        long fieldMask = width >= 64 ? -1L : (1L << width) - 1;
        long mask = fieldMask << shift;
        Value x = v.type() == wt ? v : v.type() == Type.I64 ? b.cast(Opcode.TRUNC, v, wt) : b.cast(Opcode.ZEXT, v, wt);
        Value kept = b.binary(Opcode.AND, unit, Constant.of(wt, ~mask));
        Value part = b.binary(Opcode.AND, x, Constant.of(wt, fieldMask));
        if (shift > 0) part = b.binary(Opcode.SHL, part, Constant.of(wt, shift));
        Value merged = b.binary(Opcode.OR, kept, part);
        Type mt = memType(lv.unitBytes());
        Value stored = mt.bytes < 4 ? b.cast(Opcode.TRUNC, merged, mt) : merged;
        Instruction st = b.store(stored, lv.address(), Math.min(lv.align(), mt.bytes));
        st.isVolatile = lv.isVolatile();
    }

    /** {@code v} cut to the field's width and re-extended: the value an assignment to the field yields. */
    static Value truncate(IrBuilder b, LValue lv, Value v) {
        Type wt = v.type();
        int w = wt.bits, width = lv.bitWidth();
        if (width >= w) return v;
        Value l = b.binary(Opcode.SHL, v, Constant.of(wt, w - width));
        return b.binary(lv.type().isSigned() ? Opcode.ASHR : Opcode.LSHR, l, Constant.of(wt, w - width));
    }
}
