package dev.jbpfc.testsuite.loops;

/**
 * How a hint writes the constants it takes from instructions ({@code init} from the preheader's move, a constant
 * {@code limit} from the back edge's immediate), as docs/loop-hints.md specifies: as a value of the compare's type
 * ({@code w6 = -1} is {@code init=4294967295} unsigned, {@code -1} signed; 64-bit values are the sign-extended
 * immediate, a u64 above 2^63-1 in two's complement). Kept in one place so the campaign follows the format.
 */
final class HintValues {
    private HintValues() {}

    static long constant(int imm, int width, boolean signed) {
        if (width == 32) return signed ? imm : imm & 0xffffffffL;
        return imm;
    }
}
