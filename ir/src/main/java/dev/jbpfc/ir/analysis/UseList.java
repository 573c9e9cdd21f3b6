package dev.jbpfc.ir.analysis;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who uses each value: for every instruction or parameter, the instructions that have it as an operand (once per
 * operand slot). The IR keeps no use lists itself; passes compute this when they need it. Stale after edits.
 */
public final class UseList {
    private final Map<Value, List<Instruction>> users = new HashMap<>();

    public UseList(Function fn) {
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructions()) {
                for (Value v : i.operands()) users.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
            }
        }
    }

    public List<Instruction> users(Value v) { return users.getOrDefault(v, List.of()); }

    public boolean isUsed(Value v) { return users.containsKey(v); }

    public int useCount(Value v) { return users(v).size(); }
}
