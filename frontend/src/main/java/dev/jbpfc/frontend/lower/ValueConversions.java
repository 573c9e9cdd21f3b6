package dev.jbpfc.frontend.lower;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.IrBuilder;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

/**
 * C's conversions between scalar types on IR values (C11 6.3). A value narrower than 32 bits is kept in an
 * {@code i32} already sign- or zero-extended from its width, so converting to {@code char} truncates and
 * re-extends, and widening to a 64-bit type extends by the source's signedness:
 * <pre>
 *   (char) x      (x: int)    -&gt;  %t = trunc i32 %x to i8 ; %c = sext i8 %t to i32
 *   (long) u      (u: unsigned)-&gt; %l = zext i32 %u to i64
 *   (_Bool) p     (p: ptr)    -&gt;  %c = cmp ne ptr %p, null ; %b = zext i1 %c to i32
 *   (void *) 1                 -&gt;  %p = inttoptr i64 1 to ptr
 * </pre>
 * Constants are folded here (so {@code (void *) 0} is {@code null} and {@code (char) 300} is 44).
 */
final class ValueConversions {
    private ValueConversions() {}

    static Value convert(IrBuilder b, Value v, CType from, CType to) {
        CType f = from.unqualified(), t = to.unqualified();
        if (t.isVoid()) return null;
        Type ft = IrTypes.value(f), tt = IrTypes.value(t);
        if (ft == null || tt == null) return v;
        if (t.isBool()) return toBool(b, v, f);
        if (tt == Type.PTR) {
            if (ft == Type.PTR) {
                return v instanceof Constant ? v : ArenaAccess.convert(b, v, from, to);
            }
            Value wide = widenTo64(b, v, f);
            if (wide instanceof Constant c && c.value() == 0) return Constant.nullPtr();
            return b.cast(Opcode.INTTOPTR, wide, Type.PTR);
        }
        if (ft == Type.PTR) {
            Value i = v instanceof Constant c ? Constant.of(Type.I64, c.value()) : b.cast(Opcode.PTRTOINT, v, Type.I64);
            return narrow(b, i, t);
        }
        // integer to integer
        if (ft == Type.I32 && tt == Type.I64) return widenTo64(b, v, f);
        return narrow(b, v, t);
    }

    /** An integer (or pointer as i64) value converted to the integer type {@code t}. */
    private static Value narrow(IrBuilder b, Value v, CType t) {
        Type vt = v.type();
        long size = t.size();
        boolean signed = t.isSigned();
        if (size == 8) return v;
        if (v instanceof Constant c) {
            long x = c.value();
            long r = size == 4 ? (signed ? (long) (int) x : x & 0xffffffffL)
                    : size == 2 ? (signed ? (long) (short) x : x & 0xffff)
                    : (signed ? (long) (byte) x : x & 0xff);
            return Constant.of(Type.I32, r);
        }
        Value x = vt == Type.I64 ? b.cast(Opcode.TRUNC, v, Type.I32) : v;
        if (size == 4) return x;
        Type narrowType = size == 2 ? Type.I16 : Type.I8;
        Value n = b.cast(Opcode.TRUNC, x, narrowType);
        return b.cast(signed ? Opcode.SEXT : Opcode.ZEXT, n, Type.I32);
    }

    /** An i32 value of C type {@code from} widened to i64 by its signedness (i64 and pointers as they are). */
    static Value widenTo64(IrBuilder b, Value v, CType from) {
        if (v.type() == Type.I64) return v;
        if (v.type() == Type.PTR) return b.cast(Opcode.PTRTOINT, v, Type.I64);
        boolean signed = from.unqualified().isSigned();
        if (v instanceof Constant c) return Constant.of(Type.I64, signed ? c.value() : c.value() & 0xffffffffL);
        return b.cast(signed ? Opcode.SEXT : Opcode.ZEXT, v, Type.I64);
    }

    private static Value toBool(IrBuilder b, Value v, CType from) {
        if (v instanceof Constant c) return Constant.of(Type.I32, c.value() != 0 ? 1 : 0);
        if (from.isBool()) return v;
        Value zero = v.type() == Type.PTR ? Constant.nullPtr() : Constant.of(v.type(), 0);
        Value c = b.cmp(Predicate.NE, v, zero);
        return b.cast(Opcode.ZEXT, c, Type.I32);
    }
}
