package dev.jbpfc.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A basic block: phis first, then ordinary instructions, then exactly one terminator. Predecessors are not stored
 * (they go stale under every edit): ask {@link dev.jbpfc.ir.analysis.Cfg}.
 */
public final class Block {
    private String name;
    private final List<Instruction> insts = new ArrayList<>();
    private final List<Instruction> view = Collections.unmodifiableList(insts);
    private Function function;
    /** See {@link #number()}; -1 until the block joins a function. */
    private int number = -1;
    /** The function that gave {@link #number}: a block that leaves a function and comes back keeps its number. */
    private Function numberedIn;

    public Block(String name) { this.name = name; }

    public String name() { return name; }

    public void setName(String name) {
        if (function != null) function.blockRenamed(this.name, name);
        this.name = name;
    }

    public Function function() { return function; }

    void setFunction(Function f) {
        this.function = f;
        if (f != null && f != numberedIn) {
            number = f.newBlockNumber();
            numberedIn = f;
        }
        for (Instruction i : insts) i.numberIn(f);
    }

    /**
     * A number no other block of this function has had, below {@link Function#blockNumberLimit()}: analyses keep
     * per-block facts in arrays indexed by it instead of hash maps (issue 14: the maps of a 50,000-case switch's
     * blocks were a third of its compile time). Given when the block joins a function; a block moved to another
     * function gets a new one, so a number alone does not identify a block: compare the block stored at it.
     */
    public int number() { return number; }

    /** A snapshot of the instructions in order (safe to edit the block while iterating it). */
    public List<Instruction> instructions() { return List.copyOf(insts); }

    /**
     * The instructions in order, read-only and live, for loops that do not edit the block: no copy (the snapshots
     * of {@link #instructions()} were the largest allocation of a long switch's compile, issue 14). Editing the
     * block while iterating this throws {@link java.util.ConcurrentModificationException}.
     */
    public List<Instruction> instructionsView() { return view; }

    public int size() { return insts.size(); }

    public Instruction get(int i) { return insts.get(i); }

    public int indexOf(Instruction i) { return insts.indexOf(i); }

    public Instruction terminator() {
        if (insts.isEmpty()) return null;
        Instruction last = insts.get(insts.size() - 1);
        return last.isTerminator() ? last : null;
    }

    public List<Block> successors() {
        Instruction t = terminator();
        return t == null ? List.of() : t.successors();
    }

    public List<Instruction> phis() {
        List<Instruction> out = new ArrayList<>();
        for (Instruction i : insts) {
            if (!i.isPhi()) break;
            out.add(i);
        }
        return out;
    }

    /** Index of the first non-phi instruction. */
    public int firstNonPhi() {
        int n = 0;
        while (n < insts.size() && insts.get(n).isPhi()) n++;
        return n;
    }

    public Instruction append(Instruction i) {
        adopt(i);
        insts.add(i);
        return i;
    }

    public Instruction insert(int index, Instruction i) {
        adopt(i);
        insts.add(index, i);
        return i;
    }

    /** Inserts {@code i} just before the terminator (or at the end when there is none yet). */
    public Instruction insertBeforeTerminator(Instruction i) {
        return insert(terminator() == null ? insts.size() : insts.size() - 1, i);
    }

    public Instruction insertBefore(Instruction before, Instruction i) {
        return insert(insts.indexOf(before), i);
    }

    public Instruction insertAfter(Instruction after, Instruction i) {
        return insert(insts.indexOf(after) + 1, i);
    }

    public void remove(Instruction i) {
        if (insts.remove(i)) i.setBlock(null);
    }

    /** Removes every instruction of {@code dead} that is in this block, in one pass over the block. */
    public void removeAll(java.util.Set<Instruction> dead) {
        insts.removeIf(i -> {
            if (!dead.contains(i)) return false;
            i.setBlock(null);
            return true;
        });
    }

    /** Removes and returns the instructions from {@code index} to the end (to move them to another block). */
    public List<Instruction> splitOff(int index) {
        List<Instruction> tail = new ArrayList<>(insts.subList(index, insts.size()));
        insts.subList(index, insts.size()).clear();
        for (Instruction i : tail) i.setBlock(null);
        return tail;
    }

    public void replace(Instruction old, Instruction with) {
        int at = insts.indexOf(old);
        old.setBlock(null);
        adopt(with);
        insts.set(at, with);
    }

    private void adopt(Instruction i) {
        if (i.block() != null && i.block() != this) i.block().remove(i);
        i.setBlock(this);
    }

    @Override
    public String toString() { return name; }
}
