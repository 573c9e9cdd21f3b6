package dev.jbpfc.frontend.types;

import java.util.ArrayList;
import java.util.List;

/**
 * The relations between types that C defines: compatibility (C11 6.2.7, used for redeclarations, pointer
 * assignment and {@code __builtin_types_compatible_p}), composite types (what a redeclaration makes of two
 * compatible declarations), integer promotion (6.3.1.1) and the usual arithmetic conversions (6.3.1.8).
 */
public final class TypeRelations {
    private TypeRelations() {}

    /** Whether {@code a} and {@code b} are compatible, qualifiers included (as for redeclarations). */
    public static boolean compatible(CType a, CType b) {
        if (a.qualifiers() != b.qualifiers()) return false;
        return compatibleUnqualified(a, b);
    }

    /** Compatibility of the two types with their top-level qualifiers ignored. */
    public static boolean compatibleUnqualified(CType a, CType b) {
        CType x = a.unqualified();
        CType y = b.unqualified();
        if (x == y) return true;
        // An enum is compatible with its underlying integer type (clang picks unsigned int or int, see EnumType).
        if (x instanceof EnumType e && y instanceof IntegerType i) return e.isComplete() && e.underlying() == i;
        if (y instanceof EnumType e && x instanceof IntegerType i) return e.isComplete() && e.underlying() == i;
        if (x instanceof PointerType p && y instanceof PointerType q) return compatible(p.pointee(), q.pointee());
        if (x instanceof ArrayType p && y instanceof ArrayType q) {
            if (p.length() >= 0 && q.length() >= 0 && p.length() != q.length()) return false;
            return compatible(p.element(), q.element());
        }
        if (x instanceof FunctionType f && y instanceof FunctionType g) return compatibleFunctions(f, g);
        return false;
    }

    private static boolean compatibleFunctions(FunctionType f, FunctionType g) {
        if (!compatible(f.returnType().unqualified(), g.returnType().unqualified())) return false;
        if (!f.prototyped() || !g.prototyped()) {
            // C11 6.7.6.3p15: an unprototyped declaration is compatible with a prototype whose parameters are not
            // changed by the default argument promotions and which is not variadic.
            FunctionType proto = f.prototyped() ? f : g.prototyped() ? g : null;
            if (proto == null) return true;
            if (proto.variadic()) return false;
            for (FunctionType.Param p : proto.params()) {
                CType t = p.type().unqualified();
                if (t.isInteger() && !promote(t).equals(t.asInteger()) && !(t instanceof EnumType)) return false;
                if (t == FloatType.FLOAT) return false;
            }
            return true;
        }
        if (f.variadic() != g.variadic() || f.params().size() != g.params().size()) return false;
        for (int i = 0; i < f.params().size(); i++) {
            if (!compatibleUnqualified(f.params().get(i).type(), g.params().get(i).type())) return false;
        }
        return true;
    }

    /**
     * The composite of two compatible types (C11 6.2.7p3): array sizes and prototypes known in either are kept,
     * and {@code a}'s typedef names and parameter names are kept where both agree.
     */
    public static CType composite(CType a, CType b) {
        CType x = a.unqualified();
        CType y = b.unqualified();
        if (x instanceof ArrayType p && y instanceof ArrayType q) {
            CType elem = composite(p.element(), q.element());
            long len = p.length() >= 0 ? p.length() : q.length();
            if (len == p.length() && elem.equals(p.element())) return a;
            return new ArrayType(elem, len).withQualifiers(a.qualifiers());
        }
        if (x instanceof FunctionType f && y instanceof FunctionType g) {
            if (!f.prototyped() && g.prototyped()) return b;
            if (f.prototyped() && g.prototyped() && f.params().size() == g.params().size()) {
                List<FunctionType.Param> params = new ArrayList<>();
                boolean changed = false;
                for (int i = 0; i < f.params().size(); i++) {
                    FunctionType.Param fp = f.params().get(i);
                    FunctionType.Param gp = g.params().get(i);
                    CType t = composite(fp.type(), gp.type());
                    String name = fp.name() != null ? fp.name() : gp.name();
                    if (t != fp.type() || name != fp.name()) changed = true;
                    params.add(new FunctionType.Param(name, t));
                }
                if (changed) return new FunctionType(f.returnType(), params, f.variadic(), true);
            }
            return a;
        }
        if (x instanceof PointerType p && y instanceof PointerType q) {
            CType pointee = composite(p.pointee(), q.pointee());
            if (pointee == p.pointee()) return a;
            return new PointerType(pointee, p.typeTags()).withQualifiers(a.qualifiers());
        }
        return a;
    }

    /**
     * Integer promotion of a (non-bit-field) integer type: ranks below int become int (every such value fits an
     * int on BPF); enums promote through their underlying type. Returns the type unchanged if not an integer.
     */
    public static CType promote(CType t) {
        IntegerType i = t.asInteger();
        if (i == null) return t.unqualified();
        if (i.rank < IntegerType.INT.rank) return IntegerType.INT;
        return i;
    }

    /**
     * Promotion of a bit-field of declared type {@code t} and {@code width} bits: to int if int can hold every
     * value, else to unsigned int if that can, else the declared type (clang also applies this to {@code long}
     * bit-fields of at most 32 bits, as GCC does).
     */
    public static CType promoteBitfield(CType t, int width) {
        IntegerType i = t.asInteger();
        if (i == null) return t;
        if (i.signed ? width <= 32 : width < 32) return IntegerType.INT;
        if (width == 32) return i.rank <= IntegerType.INT.rank ? IntegerType.UINT : i;
        return promote(t);
    }

    /** The common type of the usual arithmetic conversions for two arithmetic operands. */
    public static CType usualArithmetic(CType a, CType b) {
        CType x = a.unqualified();
        CType y = b.unqualified();
        if (x instanceof FloatType f || y instanceof FloatType) {
            FloatType fx = x instanceof FloatType fa ? fa : null;
            FloatType fy = y instanceof FloatType fb ? fb : null;
            if (fx == null) return fy;
            if (fy == null) return fx;
            return fx.rank >= fy.rank ? fx : fy;
        }
        IntegerType p = (IntegerType) promote(x);
        IntegerType q = (IntegerType) promote(y);
        if (p == q) return p;
        if (p.signed == q.signed) return p.rank >= q.rank ? p : q;
        IntegerType u = p.signed ? q : p;
        IntegerType s = p.signed ? p : q;
        if (u.rank >= s.rank) return u;
        if (s.bytes > u.bytes) return s;
        return s.toUnsigned();
    }
}
