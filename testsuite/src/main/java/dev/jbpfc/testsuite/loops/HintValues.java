package dev.jbpfc.testsuite.loops;

/**
 * How a hint writes the constants it takes from instructions ({@code init} from the preheader's move, a constant
 * {@code limit} from the back edge's immediate): the 32-bit immediate, sign-extended, as the instruction carries it.
 * Kept in one place so the campaign follows the checker's reading if docs/loop-hints.md ever says otherwise.
 */
final class HintValues {
    private HintValues() {}

    static long constant(int imm, int width, boolean signed) {
        return imm;
    }
}
