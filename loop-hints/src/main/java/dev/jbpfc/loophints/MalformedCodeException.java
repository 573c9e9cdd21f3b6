package dev.jbpfc.loophints;

/**
 * A function's instruction bytes are not a valid instruction sequence: an unknown opcode, a length that is not a
 * multiple of 8, an {@code ld_imm64} cut in half, a register beyond r10, or a jump that leaves the function or lands
 * on the second slot of an {@code ld_imm64}. The checker rejects every hint of such a function.
 */
public final class MalformedCodeException extends Exception {
    private final int slot;

    public MalformedCodeException(String message, int slot) {
        super(message);
        this.slot = slot;
    }

    /** The slot of the offending instruction, or -1 when the problem is the code as a whole. */
    public int slot() { return slot; }
}
