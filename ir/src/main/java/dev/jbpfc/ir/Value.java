package dev.jbpfc.ir;

/**
 * Anything an instruction can take as an operand: an instruction's result, a function parameter, an integer
 * (or null pointer) constant, or {@code undef}. Globals are not values: {@code addr @sym} turns a symbol into a
 * {@code ptr} (it becomes an ld_imm64 with a relocation), and calls name their callee.
 */
public abstract class Value {
    /** Optional SSA name without the {@code %}; the printer numbers unnamed values. */
    private String name;

    public abstract Type type();

    public String name() { return name; }

    public void setName(String name) { this.name = name; }
}
