package dev.jbpfc.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A function with a body. {@code section} is the ELF section it goes to ("xdp", "tc", "kprobe/do_exit", or
 * ".text" for subprograms); {@code btfFuncId} is the BTF FUNC id the frontend made (0 = none). The entry block is
 * the first block and has no predecessors.
 */
public final class Function {
    private String name;
    private Type returnType;
    private final List<Param> params = new ArrayList<>();
    private Linkage linkage = Linkage.GLOBAL;
    private String section = ".text";
    private final EnumSet<FnAttr> attrs = EnumSet.noneOf(FnAttr.class);
    private int btfFuncId;
    private final List<Block> blocks = new ArrayList<>();
    /**
     * How many of {@link #blocks} have each name: {@link #uniqueBlockName} asks for every block the lowering and
     * the passes make, and a walk of the list each time made a function of n blocks cost n^2 (the nests of ifs of
     * issue 14's scaling benchmark). Cloned blocks may share a name, hence a count.
     */
    private final Map<String, Integer> blockNames = new HashMap<>();
    private int nameCounter;
    /** How many block numbers ({@link Block#number()}) have been given; numbers are never reused. */
    private int blockNumbers;
    /** How many instruction numbers ({@link Instruction#number()}) have been given; never reused either. */
    private int instructionNumbers;

    public Function(String name, Type returnType) {
        this.name = name;
        this.returnType = returnType;
    }

    public String name() { return name; }

    public void setName(String name) { this.name = name; }

    public Type returnType() { return returnType; }

    public List<Param> params() { return params; }

    public Param addParam(String name, Type type) {
        Param p = new Param(name, type);
        params.add(p);
        return p;
    }

    public Linkage linkage() { return linkage; }

    public void setLinkage(Linkage l) { this.linkage = l; }

    public String section() { return section; }

    public void setSection(String s) { this.section = s; }

    public Set<FnAttr> attrs() { return attrs; }

    public boolean has(FnAttr a) { return attrs.contains(a); }

    public int btfFuncId() { return btfFuncId; }

    public void setBtfFuncId(int id) { this.btfFuncId = id; }

    public List<Block> blocks() { return Collections.unmodifiableList(blocks); }

    public Block entry() { return blocks.get(0); }

    /** One more than the largest {@link Block#number()} a block of this function has: the size of per-block arrays. */
    public int blockNumberLimit() { return blockNumbers; }

    int newBlockNumber() { return blockNumbers++; }

    /** One more than the largest {@link Instruction#number()} given in this function: the size of per-value arrays. */
    public int instructionNumberLimit() { return instructionNumbers; }

    int newInstructionNumber() { return instructionNumbers++; }

    public Block addBlock(String name) {
        Block b = new Block(name == null ? null : uniqueBlockName(name));
        b.setFunction(this);
        blocks.add(b);
        countName(b.name(), 1);
        return b;
    }

    /**
     * Adds an existing (for instance cloned) block after {@code after}, or at the end if after is null. Its name is
     * kept even if another block has it (checking would make cloning quadratic): the printer makes names unique.
     */
    public void insertBlockAfter(Block after, Block b) {
        b.setFunction(this);
        int at = after == null ? blocks.size() : blocks.indexOf(after) + 1;
        blocks.add(at, b);
        countName(b.name(), 1);
    }

    /**
     * Adds blocks after {@code after} in the given order, in one move of the list: one at a time, a pass that makes
     * thousands of blocks (the unroller, the inliner) shifted the whole list for each.
     */
    public void insertBlocksAfter(Block after, List<Block> added) {
        for (Block b : added) {
            b.setFunction(this);
            countName(b.name(), 1);
        }
        blocks.addAll(after == null ? blocks.size() : blocks.indexOf(after) + 1, added);
    }

    public void removeBlock(Block b) {
        if (blocks.remove(b)) countName(b.name(), -1);
        b.setFunction(null);
    }

    /** Removes every block of {@code dead} in one pass over the list (one {@link #removeBlock} each shifts it each time). */
    public void removeBlocks(Set<Block> dead) {
        blocks.removeIf(b -> {
            if (!dead.contains(b)) return false;
            countName(b.name(), -1);
            b.setFunction(null);
            return true;
        });
    }

    /** Called by {@link Block#setName} for a block of this function. */
    void blockRenamed(String from, String to) {
        countName(from, -1);
        countName(to, 1);
    }

    private void countName(String name, int delta) {
        if (name != null) blockNames.merge(name, delta, (a, d) -> a + d == 0 ? null : a + d);
    }

    /** Reorders blocks to {@code order} (which must hold the same blocks, entry first). */
    public void setBlockOrder(List<Block> order) {
        if (order.size() != blocks.size() || !new HashSet<>(order).containsAll(blocks)) {
            throw new IllegalArgumentException("block order must be a permutation");
        }
        blocks.clear();
        blocks.addAll(order);
    }

    public Block blockNamed(String n) {
        for (Block b : blocks) if (n.equals(b.name())) return b;
        return null;
    }

    public String uniqueBlockName(String base) {
        if (!blockNames.containsKey(base)) return base;
        String n;
        do { n = base + "." + (++nameCounter); } while (blockNames.containsKey(n));
        return n;
    }

    /**
     * A value name not used by any parameter or instruction of this function. It walks the whole function: a pass
     * that names many values keeps a {@link ValueNames} instead.
     */
    public String uniqueValueName(String base) {
        Set<String> used = new HashSet<>();
        for (Param p : params) used.add(p.name());
        for (Block b : blocks) for (Instruction i : b.instructionsView()) if (i.name() != null) used.add(i.name());
        return uniqueName(base, used::contains);
    }

    /** {@code base}, or else {@code base.N} with the next N of this function's counter that {@code taken} refuses. */
    String uniqueName(String base, java.util.function.Predicate<String> taken) {
        if (!taken.test(base)) return base;
        String n;
        do { n = base + "." + (++nameCounter); } while (taken.test(n));
        return n;
    }

    /** All instructions, block by block (a snapshot: safe to edit while iterating). */
    public List<Instruction> instructions() {
        List<Instruction> out = new ArrayList<>();
        for (Block b : blocks) out.addAll(b.instructionsView());
        return out;
    }

    /**
     * Replaces uses of values by other values everywhere in the function, following chains (a->b, b->c gives a->c).
     * Passes collect replacements and apply them once: there are no stored use lists to keep in step.
     */
    public void replaceAllUses(Map<Value, Value> replacements) {
        if (replacements.isEmpty()) return;
        Map<Value, Value> resolved = new HashMap<>();
        for (Block b : blocks) {
            for (int n = 0; n < b.size(); n++) { // by index: operands change, the block does not (no copy of it)
                Instruction i = b.get(n);
                List<Value> ops = i.operands();
                for (int k = 0; k < ops.size(); k++) {
                    Value v = ops.get(k);
                    if (replacements.containsKey(v)) i.setOperand(k, resolve(v, replacements, resolved));
                }
            }
        }
    }

    public void replaceAllUses(Value from, Value to) { replaceAllUses(Map.of(from, to)); }

    private static Value resolve(Value v, Map<Value, Value> map, Map<Value, Value> memo) {
        Value r = memo.get(v);
        if (r != null) return r;
        Value cur = v;
        int guard = 0;
        while (map.containsKey(cur) && guard++ < 1_000_000) {
            Value next = map.get(cur);
            if (next == cur) break;
            cur = next;
        }
        memo.put(v, cur);
        return cur;
    }

    @Override
    public String toString() { return dev.jbpfc.ir.text.IrPrinter.print(this); }
}
