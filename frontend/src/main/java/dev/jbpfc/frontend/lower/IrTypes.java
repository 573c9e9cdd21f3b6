package dev.jbpfc.frontend.lower;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.ir.Type;

/**
 * Which IR type holds a C value and which one stores it. C's integer promotions make every value narrower than
 * {@code int} an {@code i32} in registers; {@code i8}/{@code i16} appear only in memory:
 * <pre>
 *   char c = *p;  -&gt;  %b = load i8 %p, align 1 ; %c = sext i8 %b to i32
 *   _Bool, char, short, int, enums of up to 4 bytes : value i32, memory i8/i16/i32
 *   long, long long, 8-byte enums                    : i64
 *   pointers, arrays (decayed), functions (decayed)  : ptr
 * </pre>
 * Structs and unions have no IR type: they live in memory and are handled by address.
 */
final class IrTypes {
    private IrTypes() {}

    /** The register type of a scalar value of C type {@code t}; null for void and aggregates. */
    static Type value(CType t) {
        CType u = t.unqualified();
        if (u.isVoid() || u.isRecord()) return null;
        if (u.isPointer() || u.isArray() || u.isFunction()) return Type.PTR;
        if (u.isInteger()) return u.size() <= 4 ? Type.I32 : Type.I64;
        return null;
    }

    /** The load/store type of a scalar object of C type {@code t}. */
    static Type memory(CType t) {
        CType u = t.unqualified();
        if (u.isPointer()) return Type.PTR;
        if (u.isInteger()) {
            return switch ((int) u.size()) {
                case 1 -> Type.I8;
                case 2 -> Type.I16;
                case 4 -> Type.I32;
                default -> Type.I64;
            };
        }
        return null;
    }

    /** Whether {@code t} is a scalar the lowering supports (integers up to 64 bits and pointers). */
    static boolean supported(CType t) {
        CType u = t.unqualified();
        if (u.isPointer()) return true;
        return u.isInteger() && u.size() <= 8;
    }
}
