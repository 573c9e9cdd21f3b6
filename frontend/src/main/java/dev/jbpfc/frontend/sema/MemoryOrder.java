package dev.jbpfc.frontend.sema;

/**
 * The memory orders of the {@code __atomic_*} builtins, by the values of {@code __ATOMIC_RELAXED} (0) ...
 * {@code __ATOMIC_SEQ_CST} (5), and what each builtin accepts. Sema warns, as clang does, about an order a builtin
 * does not accept ({@code __atomic_load_n(p, __ATOMIC_RELEASE)}); lowering then reads it as seq_cst (clang drops
 * the whole operation as undefined; jbpfc keeps it, with the strongest order). What BPF code each order gives is
 * lowering's ({@code BuiltinLowering}): at -mcpu=v3 a read-modify-write whose value is unused is the plain
 * {@code lock} form only when relaxed, else the {@code atomic_fetch_*} form, as clang-22 emits them; at -mcpu=v4
 * an acquire (or consume) load is {@code load_acquire} and a release store {@code store_release}.
 */
public enum MemoryOrder {
    RELAXED, CONSUME, ACQUIRE, RELEASE, ACQ_REL, SEQ_CST;

    /** The order a constant argument names, or null when it names none. */
    public static MemoryOrder of(long value) {
        return value >= 0 && value < values().length ? values()[(int) value] : null;
    }

    /** Whether a load ({@code __atomic_load_n}) may have this order. */
    public boolean validForLoad() { return this != RELEASE && this != ACQ_REL; }

    /** Whether a store ({@code __atomic_store_n}) may have this order. */
    public boolean validForStore() { return this == RELAXED || this == RELEASE || this == SEQ_CST; }

    /** Whether the failure order of a compare-exchange may be this one. */
    public boolean validForCasFailure() { return validForLoad(); }

    /** Whether a load with this order needs the acquire semantics of load_acquire (-mcpu=v4). */
    public boolean acquires() { return this == CONSUME || this == ACQUIRE || this == ACQ_REL; }

    /** Whether a store with this order needs the release semantics of store_release (-mcpu=v4). */
    public boolean releases() { return this == RELEASE || this == ACQ_REL; }
}
