package dev.jbpfc.frontend.types;

/**
 * A C type with the BPF target's sizes and alignments ({@code char} is signed, {@code long} and pointers are 64-bit,
 * {@code long double} is the same as {@code double}, {@code __int128} is 16 bytes aligned to 16).
 *
 * <p>The model keeps the sugar BTF needs: a {@link TypedefType} keeps its name, a {@link QualifiedType} wraps a type
 * with const/volatile/restrict (as BTF's CONST/VOLATILE/RESTRICT kinds do), a {@link PointerType} keeps the
 * btf_type_tag attributes of its pointee. {@link #unqualified()} strips typedef names and top-level qualifiers, which
 * is what type checking looks at. Structs, unions and enums have identity (two {@code struct foo} in one scope are
 * one object, completed in place when the definition follows a forward declaration); every other type is a value
 * (compared with {@code equals}).
 */
public sealed interface CType
        permits VoidType, IntegerType, FloatType, PointerType, ArrayType, FunctionType, RecordType, EnumType,
        TypedefType, QualifiedType {

    /** Size in bytes; throws {@link IllegalStateException} for incomplete types and functions. */
    long size();

    /** Alignment in bytes (1 for void and functions, as GNU C uses for arithmetic on them). */
    int align();

    /** Whether the size is known: false for void, incomplete arrays, forward-declared structs/unions/enums. */
    default boolean isComplete() { return true; }

    /** This type without typedef names and top-level qualifiers (the type that type checking compares). */
    default CType unqualified() { return this; }

    /** The const/volatile/restrict bits at the top level of this type, looked up through typedefs. */
    default int qualifiers() { return 0; }

    default boolean isConst() { return (qualifiers() & QualifiedType.CONST) != 0; }

    default boolean isVolatile() { return (qualifiers() & QualifiedType.VOLATILE) != 0; }

    default boolean isVoid() { return unqualified() instanceof VoidType; }

    default boolean isBool() { return unqualified() == IntegerType.BOOL; }

    /** Integer types include _Bool, char and enums (C11 6.2.5p17). */
    default boolean isInteger() {
        CType u = unqualified();
        return u instanceof IntegerType || u instanceof EnumType;
    }

    default boolean isFloating() { return unqualified() instanceof FloatType; }

    default boolean isArithmetic() { return isInteger() || isFloating(); }

    default boolean isPointer() { return unqualified() instanceof PointerType; }

    default boolean isScalar() { return isArithmetic() || isPointer(); }

    default boolean isArray() { return unqualified() instanceof ArrayType; }

    default boolean isFunction() { return unqualified() instanceof FunctionType; }

    default boolean isRecord() { return unqualified() instanceof RecordType; }

    default boolean isStruct() { return unqualified() instanceof RecordType r && !r.isUnionType(); }

    default boolean isUnion() { return unqualified() instanceof RecordType r && r.isUnionType(); }

    default boolean isEnum() { return unqualified() instanceof EnumType; }

    /** Struct, union or array: the types whose objects are aggregates. */
    default boolean isAggregate() { return isRecord() || isArray(); }

    /** Signedness of an integer type (enums: of their underlying type); false for every other type. */
    default boolean isSigned() {
        CType u = unqualified();
        if (u instanceof IntegerType i) return i.signed;
        if (u instanceof EnumType e) return e.underlying().signed;
        return false;
    }

    /** The integer type behind an integer or enum type (the enum's underlying type); null for other types. */
    default IntegerType asInteger() {
        CType u = unqualified();
        if (u instanceof IntegerType i) return i;
        if (u instanceof EnumType e) return e.underlying();
        return null;
    }

    default PointerType asPointer() { return unqualified() instanceof PointerType p ? p : null; }

    default ArrayType asArray() { return unqualified() instanceof ArrayType a ? a : null; }

    default FunctionType asFunction() { return unqualified() instanceof FunctionType f ? f : null; }

    default RecordType asRecord() { return unqualified() instanceof RecordType r ? r : null; }

    /** This type with the given qualifier bits added (no wrapper when {@code quals} is 0). */
    default CType withQualifiers(int quals) { return quals == 0 ? this : QualifiedType.of(this, quals); }

    /** The clang spelling without quotes: {@code struct foo *}, {@code unsigned int}, {@code int (*)(int)}. */
    default String spelling() { return TypePrinter.print(this); }
}
