package dev.jbpfc.backend.isel;

/**
 * The letters of a GNU asm operand constraint that the BPF target gives a meaning, as clang's BPF target does:
 * <pre>
 *   "r"  a 64-bit register (rN)            "w"  a 32-bit subregister (wN)
 *   "i", "n"  an immediate (a constant, or a symbol's address written as its name)
 *   "g"  register, memory or immediate: a register here (the selftests' __sink(x) is "+g"(x))
 *   "p"  an address operand: a register holding it
 *   "m"  an input in memory: a register holding its address, written "(rN + 0)" where the template says
 *        "*(u64 *)%[x]" (an alloca the asm reads stays in memory, as its address escapes to the asm)
 *   "ri", "rn" ...  alternatives: an immediate when the selected operand is a constant, else a register
 *   "0".."9"  the same register as that operand (clang's "+r" arrives as an output plus a tied "0")
 * </pre>
 * Modifiers ("=", "+", "&amp;", "%", "*") are not part of the kind.
 */
final class AsmConstraint {
    private AsmConstraint() {}

    /** The constraint without its modifiers. */
    static String kind(String constraint) {
        return constraint.replaceAll("[=+&*%]", "");
    }

    static boolean allowsImmediate(String kind) {
        return !isTied(kind) && (kind.indexOf('i') >= 0 || kind.indexOf('n') >= 0);
    }

    static boolean allowsRegister(String kind) {
        return kind.equals("w") || (!isTied(kind) && kind.chars().anyMatch(c -> c == 'r' || c == 'g' || c == 'p'));
    }

    static boolean isTied(String kind) { return kind.matches("\\d+"); }
}
