package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.UseList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Needs: nothing (computes uses itself). Leaves stale: nothing (the CFG is unchanged; the ptradds it made
 * unused are removed).
 *
 * Puts the {@code addr_space_cast}s that memory accesses through arena pointers need where clang-22's BPF backend
 * puts them. The lowering casts each access's own address just before the access ({@code addrspacecast access});
 * this pass casts the pointer the address is computed from instead, once per function, right after that pointer is
 * defined, and repeats the address arithmetic on the cast pointer:
 * <pre>
 *   struct node __arena *n;             %a = ptradd %n, 8                %c = addrspacecast %n, 1 to 0   ; entry
 *   return n-&gt;w + n-&gt;v;                 %ca = addrspacecast access %a..  %a2 = ptradd %c, 8
 *                                       %x = load i64 %ca                %x = load i64 %a2
 *                                       %cb = addrspacecast access %n..  %y = load i32 %c
 *                                       %y = load i32 %cb
 * </pre>
 * so the backend folds the constant offsets into the loads and both accesses share one cast, as in clang's object
 * ({@code r1 = addr_space_cast(r1, 0, 1)} then {@code *(u64 *)(r1 + 8)} and {@code *(u32 *)(r1 + 0)}). A pointer
 * that is a parameter, a constant or a phi is cast at the entry block's start or after the phis of its block; a
 * global's address ({@code addr @g}, one instruction per mention) is taken and cast once, at the entry's start.
 * Casts written in the source (conversions between address spaces) are left where they are.
 */
public final class ArenaCastPlacement {
    public void run(Function fn) {
        List<Instruction> accessCasts = new ArrayList<>();
        for (Instruction i : fn.instructions()) {
            if (i.op() == Opcode.ADDRSPACECAST && i.forAccess) accessCasts.add(i);
        }
        if (accessCasts.isEmpty()) return;
        // 1. one cast (or cast-based ptradd) per original pointer, placed after the pointer's definition
        Map<Object, Value> placed = new HashMap<>();
        List<Instruction> replacedAddresses = new ArrayList<>();
        Map<Value, Value> replacements = new HashMap<>();
        for (Instruction c : accessCasts) {
            replacements.put(c, placedCast(fn, c.operand(0), c, placed, replacedAddresses));
        }
        // 2. the accesses use them; the lowering's casts and the addresses (addr, ptradd) they alone used go
        fn.replaceAllUses(replacements);
        for (Instruction c : accessCasts) c.remove();
        UseList uses = new UseList(fn);
        for (int k = replacedAddresses.size() - 1; k >= 0; k--) {
            Instruction a = replacedAddresses.get(k);
            if (a.block() != null && !uses.isUsed(a)) {
                a.remove();
                uses = new UseList(fn);
            }
        }
    }

    /** {@code p} cast as {@code like} casts, computed once per pointer in {@code placed}. */
    private static Value placedCast(Function fn, Value p, Instruction like, Map<Object, Value> placed,
                                    List<Instruction> replacedAddresses) {
        // Every `addr @g` of one global is one pointer: clang's globals are constants, cast once in the entry block.
        Object key = p;
        if (p instanceof Instruction a && a.op() == Opcode.ADDR) {
            key = "@" + a.symbol;
            replacedAddresses.add(a);
        }
        Value done = placed.get(key);
        if (done != null) return done;
        Instruction made;
        if (p instanceof Instruction a && a.op() == Opcode.ADDR) {
            Instruction global = Instruction.addr(a.symbol);
            made = Instruction.addrSpaceCast(global, like.fromSpace, like.toSpace, false);
            Block entry = fn.entry();
            entry.insert(entry.firstNonPhi(), made);
            entry.insert(entry.firstNonPhi(), global);
        } else if (p instanceof Instruction add && add.op() == Opcode.PTRADD) {
            Value base = placedCast(fn, add.operand(0), like, placed, replacedAddresses);
            made = Instruction.ptradd(base, add.operand(1));
            made.loc = add.loc;
            add.block().insertAfter(add, made);
            replacedAddresses.add(add);
        } else {
            made = Instruction.addrSpaceCast(p, like.fromSpace, like.toSpace, false);
            if (p instanceof Instruction def) {
                made.loc = def.loc;
                Block b = def.block();
                if (def.isPhi()) b.insert(b.firstNonPhi(), made);
                else b.insertAfter(def, made);
            } else {
                Block entry = fn.entry();
                entry.insert(entry.firstNonPhi(), made);
            }
        }
        placed.put(key, made);
        return made;
    }
}
