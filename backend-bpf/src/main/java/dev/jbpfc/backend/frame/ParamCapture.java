package dev.jbpfc.backend.frame;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a function only dereferences one of its pointer parameters during the call: every use of it (through
 * {@code ptradd}) is the address of a load, store, memcpy, memset or atomic, a non-dynptr helper's argument, or
 * the same kind of argument of another such function. Then a caller's stack buffer passed there is read and
 * written at the call and nowhere later, which is what {@link AllocaLayout} needs to let it share bytes.
 * <pre>
 *   static long sum7(long a, ..., long g)    ; arguments 5..7 arrive through r5:
 *   define static i64 @sum7(..., ptr %rest) { %e = load i64 %rest ; %p6 = ptradd %rest, 8 ; ... }
 *   -> only dereferenced: the caller's argument area is dead once the call returns
 * </pre>
 * A parameter stored to memory, returned, merged by a phi or select, converted to an integer, compared, given to
 * a kfunc, inline asm or a function without a body counts as kept. Recursion (which BPF forbids anyway) counts as
 * kept.
 */
final class ParamCapture {
    private final Module module;
    private final Map<String, Boolean> memo = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();

    ParamCapture(Module module) { this.module = module; }

    /** Helpers that may remember a pointer argument after the call (the dynptr ones, 197..203). */
    static boolean helperMayKeep(Instruction callhelper) {
        return callhelper.size >= 197 && callhelper.size <= 203; // Instruction.size holds the helper number
    }

    boolean onlyDereferenced(Function f, int param) {
        if (module == null || f == null || f.blocks().isEmpty() || param >= f.params().size()) return false;
        if (f.linkage() != Linkage.STATIC && f.linkage() != Linkage.GLOBAL) return false; // a weak body may be replaced at link time
        String key = f.name() + "#" + param;
        Boolean known = memo.get(key);
        if (known != null) return known;
        if (!visiting.add(key)) return false;
        boolean result = scan(f, param);
        visiting.remove(key);
        memo.put(key, result);
        return result;
    }

    private boolean scan(Function f, int param) {
        Map<Value, List<Instruction>> users = new HashMap<>();
        for (Block b : f.blocks()) {
            for (Instruction i : b.instructionsView()) {
                for (Value v : i.operands()) users.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
            }
        }
        List<Value> work = new ArrayList<>(List.of(f.params().get(param)));
        Set<Value> seen = new HashSet<>(work);
        while (!work.isEmpty()) {
            Value p = work.remove(work.size() - 1);
            for (Instruction u : users.getOrDefault(p, List.of())) {
                for (int k = 0; k < u.operands().size(); k++) {
                    if (u.operand(k) != p) continue;
                    if (!dereferenceOnly(u, k)) return false;
                    if (u.op() == Opcode.PTRADD && seen.add(u)) work.add(u);
                }
            }
        }
        return true;
    }

    /** Whether operand {@code k} of {@code u} is used only as an address (or offset further by a ptradd). */
    private boolean dereferenceOnly(Instruction u, int k) {
        switch (u.op()) {
            case LOAD: case PTRADD:
                return k == 0;
            case STORE:
                return k == 1;
            case MEMCPY:
                return k == 0 || k == 1;
            case MEMSET: case ATOMICRMW: case CMPXCHG:
                return k == 0;
            case CALLHELPER:
                return !helperMayKeep(u);
            case CALL:
                return onlyDereferenced(module.function(u.symbol), k);
            default:
                return false;
        }
    }
}
