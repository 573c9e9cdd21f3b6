package dev.jbpfc.testsuite.interp;

/**
 * The interpreted program did something the interpreter refuses: an access outside every region, an unknown
 * opcode or helper, a jump out of the program, a call chain deeper than eight frames, or the instruction budget
 * ran out. It is a finding about the program (or about the interpreter), never a crash of the JVM.
 */
public class InterpException extends RuntimeException {
    /** The slot (in the interpreter's code image) being executed, or -1. */
    public final int pc;

    public InterpException(int pc, String message) {
        super(message + (pc >= 0 ? " (at insn " + pc + ")" : ""));
        this.pc = pc;
    }

    /** The instruction budget ran out: the program may not terminate. */
    public static final class BudgetExhausted extends InterpException {
        public BudgetExhausted(int pc, long budget) {
            super(pc, "instruction budget of " + budget + " exhausted");
        }
    }
}
