package dev.jbpfc.ir.analysis;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Value;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Who uses each value: for every instruction or parameter, the instructions that have it as an operand (once per
 * operand slot, in block and instruction order). The IR keeps no use lists itself; passes compute this when they
 * need it. Stale after edits: a snapshot of the function when it was built.
 * <p>
 * The users of the function's instructions are one array, each instruction's run of it found by its
 * {@link Instruction#number()} (a hash map of a boxed list per value was the largest working set of the passes
 * on a 50,000-case switch, promoted by the young collections and then collected in full, issue 14). Other
 * operands (parameters, constants, undef, instructions of other functions) are few and keep a map, by
 * {@code equals} as before: equal constants share their users.
 */
public final class UseList {
    private final Function fn;
    /** The instruction at each number when this was built (those in the function's blocks): tells a number's owner apart. */
    private final Instruction[] byNumber;
    /** Users of the instruction numbered n are {@code users[start[n] .. start[n + 1])}. */
    private final int[] start;
    private final Instruction[] users;
    private final Map<Value, List<Instruction>> otherUsers = new HashMap<>();
    /**
     * The numbers instructions had when this was built, made on the first query of one that is now in another
     * function (it moved there since, and was numbered there).
     */
    private Map<Instruction, Integer> slotOf;

    public UseList(Function fn) {
        this.fn = fn;
        int limit = fn.instructionNumberLimit();
        byNumber = new Instruction[limit];
        start = new int[limit + 1];
        for (Block b : fn.blocks()) for (int k = 0; k < b.size(); k++) byNumber[b.get(k).number()] = b.get(k);
        int total = 0;
        for (Block b : fn.blocks()) {
            for (int k = 0; k < b.size(); k++) {
                List<Value> ops = b.get(k).operands();
                for (int o = 0; o < ops.size(); o++) { // by index: an iterator per instruction per pass adds up
                    Value v = ops.get(o);
                    int n = slotNow(v);
                    if (n >= 0) {
                        start[n + 1]++;
                        total++;
                    } else {
                        otherUsers.computeIfAbsent(v, x -> new ArrayList<>()).add(b.get(k));
                    }
                }
            }
        }
        for (int n = 0; n < limit; n++) start[n + 1] += start[n];
        users = new Instruction[total];
        int[] next = new int[limit];
        System.arraycopy(start, 0, next, 0, limit);
        for (Block b : fn.blocks()) {
            for (int k = 0; k < b.size(); k++) {
                Instruction user = b.get(k);
                List<Value> ops = user.operands();
                for (int o = 0; o < ops.size(); o++) {
                    int n = slotNow(ops.get(o));
                    if (n >= 0) users[next[n]++] = user;
                }
            }
        }
    }

    /** {@code v}'s number if it is an instruction of the function's blocks as they were when this was built, else -1. */
    private int slotNow(Value v) {
        if (!(v instanceof Instruction i)) return -1;
        int n = i.number();
        return n >= 0 && n < byNumber.length && byNumber[n] == i ? n : -1;
    }

    /** The number {@code i} had here when this was built, or -1 if it was in none of the function's blocks then. */
    private int slot(Instruction i) {
        int n = slotNow(i);
        if (n >= 0) return n;
        // Numbers are never reused: one of the function's instructions not at its number was not in it then.
        if (i.block() == null || i.block().function() == fn) return -1;
        if (slotOf == null) {
            slotOf = new IdentityHashMap<>();
            for (int k = 0; k < byNumber.length; k++) if (byNumber[k] != null) slotOf.put(byNumber[k], k);
        }
        return slotOf.getOrDefault(i, -1);
    }

    /** The users of {@code v}, read-only. */
    public List<Instruction> users(Value v) {
        if (v instanceof Instruction i) {
            int n = slot(i);
            if (n >= 0) return new Run(users, start[n], start[n + 1]);
        }
        List<Instruction> other = otherUsers.get(v);
        return other == null ? List.of() : java.util.Collections.unmodifiableList(other);
    }

    public boolean isUsed(Value v) { return useCount(v) > 0; }

    public int useCount(Value v) {
        if (v instanceof Instruction i) {
            int n = slot(i);
            if (n >= 0) return start[n + 1] - start[n];
        }
        List<Instruction> other = otherUsers.get(v);
        return other == null ? 0 : other.size();
    }

    /** One value's users: a read-only run of the shared array. */
    private static final class Run extends AbstractList<Instruction> implements RandomAccess {
        private final Instruction[] all;
        private final int from, to;

        Run(Instruction[] all, int from, int to) {
            this.all = all;
            this.from = from;
            this.to = to;
        }

        @Override
        public Instruction get(int index) {
            java.util.Objects.checkIndex(index, to - from);
            return all[from + index];
        }

        @Override
        public int size() { return to - from; }
    }
}
