package dev.jbpfc.backend.mir;

/**
 * Register numbers of the machine IR: 0..10 are BPF's r0..r10 (r10 = read-only frame pointer), numbers from
 * {@link #FIRST_VIRTUAL} on are virtual registers that the allocator maps onto r0..r9.
 */
public final class Reg {
    private Reg() {}

    public static final int R0 = 0, R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5, R6 = 6, R7 = 7, R8 = 8, R9 = 9, FP = 10;
    public static final int FIRST_VIRTUAL = 32;

    public static boolean isVirtual(int reg) { return reg >= FIRST_VIRTUAL; }

    public static String name(int reg) { return isVirtual(reg) ? "%v" + (reg - FIRST_VIRTUAL) : "r" + reg; }
}
