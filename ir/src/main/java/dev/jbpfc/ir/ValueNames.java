package dev.jbpfc.ir;

import java.util.HashMap;
import java.util.Map;

/**
 * The value names a function uses, counted (clones share names), for a pass that names many values: one walk of the
 * function when the pass starts instead of one per name ({@link Function#uniqueValueName} walks every instruction,
 * which made loop-rotate's naming cost grow with loops times instructions). The pass tells it which named values it
 * puts into the function and takes out, and gets the names {@link Function#uniqueValueName} would give.
 */
public final class ValueNames {
    private final Function fn;
    private final Map<String, Integer> inUse = new HashMap<>();

    public ValueNames(Function fn) {
        this.fn = fn;
        for (Param p : fn.params()) added(p);
        for (Block b : fn.blocks()) for (int k = 0; k < b.size(); k++) added(b.get(k));
    }

    /** A name no value in the function has now (like {@link Function#uniqueValueName}, it reserves nothing). */
    public String unique(String base) { return fn.uniqueName(base, inUse::containsKey); }

    /** {@code v} is now in the function. */
    public void added(Value v) {
        if (v.name() != null) inUse.merge(v.name(), 1, Integer::sum);
    }

    /** {@code v} has left the function. */
    public void removed(Value v) {
        if (v.name() != null) inUse.merge(v.name(), -1, (a, d) -> a + d == 0 ? null : a + d);
    }
}
