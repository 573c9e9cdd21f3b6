package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.FunctionType;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.frontend.types.PointerType;
import dev.jbpfc.frontend.types.QualifiedType;
import dev.jbpfc.frontend.types.VoidType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The GNU/clang builtin functions BPF programs call, with the result types clang-22 gives them on the BPF target
 * (checked with {@code _Generic}): {@code __builtin_preserve_field_info} and {@code __builtin_preserve_type_info}
 * return {@code unsigned int}; {@code __builtin_btf_type_id} and {@code __builtin_preserve_enum_value}
 * {@code unsigned long}; {@code __builtin_bswap16} {@code unsigned short}.
 *
 * <p>{@link Kind#FIXED} builtins have an ordinary prototype and are checked like calls to a declared function.
 * The others are typed by sema from their arguments ({@code __sync_fetch_and_add(T *, T)} returns T,
 * {@code __builtin_preserve_access_index(e)} has e's type, {@code __builtin_constant_p} takes anything).
 * Builtins written as syntax ({@code __builtin_offsetof}, {@code __builtin_types_compatible_p},
 * {@code __builtin_choose_expr}, {@code __builtin_va_arg}) are AST nodes, not calls.
 */
public final class Builtins {
    public enum Kind {
        /** An ordinary prototype. */
        FIXED,
        /** {@code __sync_fetch_and_OP(T *p, T v)} / {@code __sync_OP_and_fetch}: returns T. */
        SYNC_FETCH,
        /** {@code __sync_val_compare_and_swap(T *p, T old, T new)}: returns T. */
        SYNC_VAL_CAS,
        /** {@code __sync_bool_compare_and_swap(T *p, T old, T new)}: returns _Bool. */
        SYNC_BOOL_CAS,
        /** {@code __atomic_fetch_OP(T *p, T v, int order)} and {@code __c11_atomic_fetch_OP}: returns T. */
        ATOMIC_FETCH,
        /** {@code __atomic_load_n(T *p, int order)}: returns T. */
        ATOMIC_LOAD,
        /** {@code __atomic_store_n(T *p, T v, int order)}: returns void. */
        ATOMIC_STORE,
        /** {@code __atomic_exchange_n(T *p, T v, int order)}: returns T. */
        ATOMIC_EXCHANGE,
        /** {@code __atomic_compare_exchange_n(T *p, T *expected, T desired, bool weak, int s, int f)}: _Bool. */
        ATOMIC_CAS,
        /** {@code __builtin_preserve_access_index(e)}: the type of e; accesses inside become CO-RE relocations. */
        PRESERVE_ACCESS_INDEX,
        /** {@code __builtin_constant_p(e)}: int, e is not evaluated. */
        CONSTANT_P,
        /** {@code __builtin_preserve_field_info(member access, kind)}: unsigned int. */
        PRESERVE_FIELD_INFO,
        /** {@code __builtin_preserve_type_info(*(T *)0, kind)}: unsigned int. */
        PRESERVE_TYPE_INFO,
        /** {@code __builtin_preserve_enum_value(*(enum E *)X, kind)}: unsigned long. */
        PRESERVE_ENUM_VALUE,
        /** {@code __builtin_btf_type_id(e, kind)}: unsigned long. */
        BTF_TYPE_ID,
        /** {@code __builtin_*_overflow(a, b, T *res)}: _Bool. */
        OVERFLOW
    }

    /** One builtin: its kind and, for FIXED ones, its prototype. */
    public record Builtin(String name, Kind kind, FunctionType type) {}

    private static final Map<String, Builtin> TABLE = new HashMap<>();

    private static final CType VOIDP = PointerType.to(VoidType.VOID);
    private static final CType CVOIDP = PointerType.to(QualifiedType.of(VoidType.VOID, QualifiedType.CONST));
    private static final CType SIZE = IntegerType.ULONG;

    static {
        fixed("__builtin_memcpy", VOIDP, VOIDP, CVOIDP, SIZE);
        fixed("__builtin_memmove", VOIDP, VOIDP, CVOIDP, SIZE);
        fixed("__builtin_memset", VOIDP, VOIDP, IntegerType.INT, SIZE);
        fixed("__builtin_memcmp", IntegerType.INT, CVOIDP, CVOIDP, SIZE);
        fixed("__builtin_memcpy_inline", VoidType.VOID, VOIDP, CVOIDP, SIZE);
        fixed("__builtin_memset_inline", VoidType.VOID, VOIDP, IntegerType.INT, SIZE);
        fixed("__builtin_expect", IntegerType.LONG, IntegerType.LONG, IntegerType.LONG);
        fixed("__builtin_expect_with_probability", IntegerType.LONG, IntegerType.LONG, IntegerType.LONG,
                dev.jbpfc.frontend.types.FloatType.DOUBLE);
        fixed("__builtin_bswap16", IntegerType.USHORT, IntegerType.USHORT);
        fixed("__builtin_bswap32", IntegerType.UINT, IntegerType.UINT);
        fixed("__builtin_bswap64", IntegerType.ULONG, IntegerType.ULONG);
        fixed("__builtin_unreachable", VoidType.VOID);
        fixed("__builtin_trap", VoidType.VOID);
        fixed("__builtin_frame_address", VOIDP, IntegerType.UINT);
        fixed("__builtin_return_address", VOIDP, IntegerType.UINT);
        fixed("__builtin_clz", IntegerType.INT, IntegerType.UINT);
        fixed("__builtin_clzl", IntegerType.INT, IntegerType.ULONG);
        fixed("__builtin_clzll", IntegerType.INT, IntegerType.ULONGLONG);
        fixed("__builtin_ctz", IntegerType.INT, IntegerType.UINT);
        fixed("__builtin_ctzl", IntegerType.INT, IntegerType.ULONG);
        fixed("__builtin_ctzll", IntegerType.INT, IntegerType.ULONGLONG);
        fixed("__builtin_popcount", IntegerType.INT, IntegerType.UINT);
        fixed("__builtin_popcountl", IntegerType.INT, IntegerType.ULONG);
        fixed("__builtin_popcountll", IntegerType.INT, IntegerType.ULONGLONG);
        fixed("__builtin_ffs", IntegerType.INT, IntegerType.INT);
        fixed("__builtin_ffsl", IntegerType.INT, IntegerType.LONG);
        fixed("__builtin_ffsll", IntegerType.INT, IntegerType.LONGLONG);
        fixed("__builtin_abs", IntegerType.INT, IntegerType.INT);
        fixed("__builtin_labs", IntegerType.LONG, IntegerType.LONG);
        fixed("__builtin_strlen", SIZE, PointerType.to(QualifiedType.of(IntegerType.CHAR, QualifiedType.CONST)));
        fixed("__builtin_strcmp", IntegerType.INT,
                PointerType.to(QualifiedType.of(IntegerType.CHAR, QualifiedType.CONST)),
                PointerType.to(QualifiedType.of(IntegerType.CHAR, QualifiedType.CONST)));
        fixed("__sync_synchronize", VoidType.VOID);
        fixed("__atomic_thread_fence", VoidType.VOID, IntegerType.INT);
        fixed("__atomic_signal_fence", VoidType.VOID, IntegerType.INT);
        fixed("__c11_atomic_thread_fence", VoidType.VOID, IntegerType.INT);
        fixed("__c11_atomic_signal_fence", VoidType.VOID, IntegerType.INT);
        for (String op : List.of("add", "sub", "or", "and", "xor", "nand")) {
            special("__sync_fetch_and_" + op, Kind.SYNC_FETCH);
            special("__sync_" + op + "_and_fetch", Kind.SYNC_FETCH);
            special("__atomic_fetch_" + op, Kind.ATOMIC_FETCH);
            special("__atomic_" + op + "_fetch", Kind.ATOMIC_FETCH);
            special("__c11_atomic_fetch_" + op, Kind.ATOMIC_FETCH);
        }
        special("__sync_lock_test_and_set", Kind.SYNC_FETCH);
        special("__sync_swap", Kind.SYNC_FETCH);
        special("__sync_val_compare_and_swap", Kind.SYNC_VAL_CAS);
        special("__sync_bool_compare_and_swap", Kind.SYNC_BOOL_CAS);
        special("__atomic_load_n", Kind.ATOMIC_LOAD);
        special("__c11_atomic_load", Kind.ATOMIC_LOAD);
        special("__atomic_store_n", Kind.ATOMIC_STORE);
        special("__c11_atomic_store", Kind.ATOMIC_STORE);
        special("__atomic_exchange_n", Kind.ATOMIC_EXCHANGE);
        special("__c11_atomic_exchange", Kind.ATOMIC_EXCHANGE);
        special("__atomic_compare_exchange_n", Kind.ATOMIC_CAS);
        special("__c11_atomic_compare_exchange_strong", Kind.ATOMIC_CAS);
        special("__c11_atomic_compare_exchange_weak", Kind.ATOMIC_CAS);
        special("__builtin_preserve_access_index", Kind.PRESERVE_ACCESS_INDEX);
        special("__builtin_constant_p", Kind.CONSTANT_P);
        special("__builtin_preserve_field_info", Kind.PRESERVE_FIELD_INFO);
        special("__builtin_preserve_type_info", Kind.PRESERVE_TYPE_INFO);
        special("__builtin_preserve_enum_value", Kind.PRESERVE_ENUM_VALUE);
        special("__builtin_btf_type_id", Kind.BTF_TYPE_ID);
        special("__builtin_add_overflow", Kind.OVERFLOW);
        special("__builtin_sub_overflow", Kind.OVERFLOW);
        special("__builtin_mul_overflow", Kind.OVERFLOW);
    }

    private Builtins() {}

    private static void fixed(String name, CType ret, CType... params) {
        List<FunctionType.Param> ps = new ArrayList<>();
        for (CType p : params) ps.add(new FunctionType.Param(null, p));
        TABLE.put(name, new Builtin(name, Kind.FIXED, new FunctionType(ret, ps, false, true)));
    }

    private static void special(String name, Kind kind) {
        TABLE.put(name, new Builtin(name, kind, null));
    }

    /** The builtin called {@code name}, or null if it is not one sema knows. */
    public static Builtin lookup(String name) { return TABLE.get(name); }

    /**
     * memcpy, memmove, memset and memcmp, when declared (by string.h) but not defined, are library builtins as in
     * clang: they expand in place like their __builtin_ forms, since a BPF program has no libc to call. Returns
     * the __builtin_ form for such a name, else null.
     */
    public static Builtin libraryBuiltin(String name) {
        return switch (name) {
            case "memcpy", "memmove", "memset", "memcmp" -> lookup("__builtin_" + name);
            default -> null;
        };
    }

    /**
     * Whether the builtin's third argument is a size that lowering needs as a constant: it expands the call into
     * loads and stores, so sema records the value of any integer constant expression there (2 * sizeof(x),
     * sizeof("lit") - 1), not only of a lone literal.
     */
    public static boolean takesConstantSize(Builtin b) {
        return b.name().matches("__builtin_mem(cpy|move|set|cmp)(_inline)?");
    }

    /** Whether the name is reserved for builtins (a call to an unknown one is "not supported yet"). */
    public static boolean looksBuiltin(String name) {
        return name.startsWith("__builtin_") || name.startsWith("__sync_") || name.startsWith("__atomic_")
                || name.startsWith("__c11_atomic_");
    }
}
