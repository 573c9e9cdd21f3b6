package dev.jbpfc.testsuite.interp;

/**
 * The kernel's number iterator kfuncs, which jbpfc's {@code -floop-lowering=iterator} calls, as the interpreter runs
 * them. The iterator is 8 bytes of the program's stack: the current value and the end, two 32-bit integers.
 * <pre>
 *   bpf_iter_num_new(it, 0, 3)   it = {cur -1, end 3}, returns 0   (start > end: -EINVAL; more than 2^23: -E2BIG;
 *                                                                    both leave an empty iterator)
 *   bpf_iter_num_next(it)        cur 0, 1, 2: returns it (the address of cur); then NULL, and empty from there on
 *   bpf_iter_num_destroy(it)     empties it
 * </pre>
 * Any other kfunc is an {@link InterpException}: the interpreter runs only what it models.
 */
final class NumberIterator {
    /** The kernel's cap on an iterator's range (BPF_MAX_LOOPS). */
    static final long MAX_RANGE = 8L << 20;
    private static final long EINVAL = 22, E2BIG = 7;

    private NumberIterator() {}

    static long call(String kfunc, long[] r, Memory memory, int pc) {
        long it = r[1];
        switch (kfunc) {
            case "bpf_iter_num_new" -> {
                int start = (int) r[2], end = (int) r[3];
                if (start > end) return empty(memory, it, pc, -EINVAL);
                if ((long) end - start > MAX_RANGE) return empty(memory, it, pc, -E2BIG);
                memory.store(it, 4, start - 1, pc);
                memory.store(it + 4, 4, end, pc);
                return 0;
            }
            case "bpf_iter_num_next" -> {
                int cur = (int) memory.load(it, 4, pc), end = (int) memory.load(it + 4, 4, pc);
                if ((long) cur + 1 >= end) return empty(memory, it, pc, 0);
                memory.store(it, 4, cur + 1, pc);
                return it;
            }
            case "bpf_iter_num_destroy" -> {
                return empty(memory, it, pc, 0);
            }
            default -> throw new InterpException(pc, "kfunc " + kfunc + " is not modelled");
        }
    }

    private static long empty(Memory memory, long it, int pc, long result) {
        memory.store(it, 4, 0, pc);
        memory.store(it + 4, 4, 0, pc);
        return result;
    }
}
