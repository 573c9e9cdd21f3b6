package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Attribute;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.EnumType;
import dev.jbpfc.frontend.types.FloatType;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.source.SourceLocation;

import java.util.List;

/**
 * {@code __attribute__((mode(M)))}: the declared integer or floating type is replaced by the type of that width,
 * as clang-22 does for the BPF target (checked with sizeof, _Generic, .data contents and {@code bpftool btf dump}
 * of its objects):
 * <pre>
 *   typedef unsigned int u8m __attribute__((mode(QI)));   // unsigned char; BTF: TYPEDEF u8m -> INT unsigned char
 *   const int v __attribute__((mode(DI)));               // long: the qualifiers go too (clang drops them)
 *   enum e { A, B } __attribute__((mode(byte)));          // size 1, underlying signed char: ENUM size=1 SIGNED
 *   enum w { C } __attribute__((mode(word)));             // size 8, underlying long: ENUM64 size=8 SIGNED
 * </pre>
 * Modes: QI/byte 8 bits, HI 16, SI 32, DI/word/pointer/unwind_word 64 (the BPF target's word), TI 128 for
 * integers; SF and DF for floats. A declaration keeps the signedness of its type (an enum's underlying type's);
 * an enum given a mode is always signed (clang reads the mode before the enum has a type of its own, as int).
 * Names may be written {@code __QI__}. What jbpfc cannot represent (half floats, complex and vector modes) is
 * refused as not supported; what clang refuses is refused with clang's words.
 */
final class MachineMode {
    private final Sema sema;

    MachineMode(Sema sema) { this.sema = sema; }

    /** The attribute {@code mode} among {@code attrs} (the last one written), or null. */
    static Attribute find(List<Attribute> attrs) {
        Attribute found = null;
        if (attrs == null) return null;
        for (int i = 0; i < attrs.size(); i++) if (attrs.get(i).is("mode")) found = attrs.get(i);
        return found;
    }

    /**
     * The type of a declaration ({@code declared}, its declarator applied) after the {@code mode} attribute among
     * {@code attrs}, if any; {@code declared} itself when there is none or the mode is refused (with an error).
     */
    CType apply(CType declared, List<Attribute> attrs) {
        Attribute a = find(attrs);
        if (a == null) return declared;
        Width w = width(a);
        if (w == null) return declared;
        CType base = declared.unqualified();
        if (base instanceof EnumType en) base = en.isComplete() ? en.underlying() : IntegerType.UINT;
        if (base instanceof IntegerType it) {
            if (w.isFloat) return mismatch(a, declared);
            return integer(w.bits, it.signed);
        }
        if (base instanceof FloatType) {
            if (!w.isFloat) return mismatch(a, declared);
            return w.bits == 32 ? FloatType.FLOAT : FloatType.DOUBLE;
        }
        sema.diags.error(a.loc(), "mode attribute only supported for integer and floating-point types");
        return declared;
    }

    /**
     * The underlying type of an enum whose definition has a {@code mode} attribute among {@code attrs}: the signed
     * integer of that width; null without one (or if it is refused, with an error).
     */
    IntegerType enumUnderlying(List<Attribute> attrs) {
        Attribute a = find(attrs);
        if (a == null) return null;
        Width w = width(a);
        if (w == null) return null;
        if (w.isFloat) {
            mismatch(a, null);
            return null;
        }
        if (w.bits > 64) {
            // clang-22 writes an ENUM64 of size 16, which no kernel takes (BTF enums are 1, 2, 4 or 8 bytes).
            sema.diags.error(a.loc(), "an enum of machine mode '" + modeName(a) + "' (" + w.bits / 8
                    + " bytes) is not supported: BTF enums have at most 8 bytes");
            return null;
        }
        return integer(w.bits, true);
    }

    /** Refuses a {@code mode} attribute on what cannot take one (a function, a struct or union). */
    void refuseOn(List<Attribute> attrs) {
        Attribute a = find(attrs);
        if (a != null) {
            sema.diags.error(a.loc(), "'mode' attribute only applies to variables, enums, typedefs, and non-static "
                    + "data members");
        }
    }

    private record Width(int bits, boolean isFloat) {}

    /** The width a mode names, or null after an error. */
    private Width width(Attribute a) {
        if (a.args().size() != 1 || !a.typeArgs().isEmpty()) {
            sema.diags.error(a.loc(), "'mode' attribute takes one argument");
            return null;
        }
        if (!(a.args().get(0) instanceof Expr.Ident)) {
            sema.diags.error(a.loc(), "'mode' attribute requires an identifier");
            return null;
        }
        String bare = modeName(a);
        switch (bare) {
            case "QI", "byte": return new Width(8, false);
            case "HI": return new Width(16, false);
            case "SI": return new Width(32, false);
            case "DI", "word", "pointer", "unwind_word": return new Width(64, false);
            case "TI": return new Width(128, false);
            case "SF": return new Width(32, true);
            case "DF": return new Width(64, true);
            case "XF", "TF", "KF", "IF", "XC", "TC", "QC":
                sema.diags.error(a.loc(), "unsupported machine mode '" + bare + "'");
                return null;
            case "HF", "SC", "DC", "HC":
                sema.diags.error(a.loc(), "machine mode '" + bare + "' is not supported yet");
                return null;
            default:
                if (bare.length() > 1 && bare.charAt(0) == 'V' && Character.isDigit(bare.charAt(1))) {
                    sema.diags.error(a.loc(), "vector types made with the 'mode' attribute ('" + bare
                            + "') are not supported yet");
                } else {
                    sema.diags.error(a.loc(), "unknown machine mode '" + bare + "'");
                }
                return null;
        }
    }

    /** The mode's name without a {@code __x__} decoration (its argument is an identifier: see {@link #width}). */
    private static String modeName(Attribute a) {
        String name = ((Expr.Ident) a.args().get(0)).name;
        return name.length() > 4 && name.startsWith("__") && name.endsWith("__") ? name.substring(2, name.length() - 2)
                : name;
    }

    private static IntegerType integer(int bits, boolean signed) {
        IntegerType t = switch (bits) {
            case 8 -> IntegerType.SCHAR;
            case 16 -> IntegerType.SHORT;
            case 32 -> IntegerType.INT;
            case 64 -> IntegerType.LONG;
            default -> IntegerType.INT128;
        };
        return signed ? t : t.toUnsigned();
    }

    private CType mismatch(Attribute a, CType declared) {
        sema.diags.error(a.loc(), "type of machine mode does not match type of base type");
        return declared;
    }
}
