package dev.jbpfc.backend.frame;

import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Allocas whose address is stored into another alloca (a <em>container</em>) that only helpers read: the
 * {@code bpf_loop} context struct. {@link AllocaLayout} would pin them (live everywhere after their address is
 * taken); here they stay tracked, and each helper call given the container counts as reading and writing them.
 * <pre>
 *   FrameData frame; Symbol sym = {};                 ; five inlined copies of this in pyperf600_bpf_loop.c
 *   struct ctx c = { .frame = &amp;frame, .sym = &amp;sym };
 *   bpf_loop(600, callback, &amp;c, 0);                   ; the callback reads and writes frame and sym
 *   if (c.done) ...                                   ; frame and sym are dead from here on
 * </pre>
 * Pinned, the three allocas of each copy kept their bytes for the rest of the function and on_event needed 1,240
 * bytes of stack (limit 512); tracked, each copy's are dead after its bpf_loop and the copies share bytes.
 *
 * <p>Why this is safe: a stack address can only come back into a register through an 8-byte load of the stack
 * slot it was stored in (a helper's copy of it is a scalar to the verifier, useless as a pointer). So the members
 * may be reached through the container's pointer only during a helper call given the container, provided that in
 * this function nothing reads 8 bytes out of the container or out of any member (a callback could store one
 * member's address into another), and nothing else uses the container's address (loads narrower than 8 bytes,
 * stores into it, memset and non-dynptr helper arguments only, through constant offsets). Otherwise every member
 * stays pinned.
 */
final class StackContainers {
    private StackContainers() {}

    /** {@code store} stores the address of (a byte of) alloca {@code alloca}. */
    record AddressStore(int alloca, Instruction store) {}

    /**
     * Pins the allocas of {@code stores} that do not qualify (the others stay tracked) and reports each helper call
     * that may reach a qualifying one through {@code access} (call, alloca).
     */
    static void resolve(List<AddressStore> stores, Map<Value, AllocaLayout.Into> pointsInto, BitSet pinned,
                        BitSet wideRead, Map<Value, List<Instruction>> users, BiConsumer<Instruction, Integer> access) {
        if (stores.isEmpty()) return;
        Set<Integer> addressStored = new HashSet<>();
        for (AddressStore s : stores) addressStored.add(s.alloca());
        Map<Integer, List<AddressStore>> byContainer = new LinkedHashMap<>();
        Map<Integer, Value> containerBase = new LinkedHashMap<>();
        for (AddressStore s : stores) {
            AllocaLayout.Into dst = pointsInto.get(s.store().operand(1));
            if (dst == null || dst.alloca() == s.alloca() || dst.offset() < 0 || pinned.get(dst.alloca())
                    || addressStored.contains(dst.alloca())) {
                pinned.set(s.alloca());
                continue;
            }
            byContainer.computeIfAbsent(dst.alloca(), k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<Value, AllocaLayout.Into> e : pointsInto.entrySet()) {
            if (e.getValue().offset() == 0 && e.getKey() instanceof Instruction i && i.op() == dev.jbpfc.ir.Opcode.ALLOCA) {
                containerBase.put(e.getValue().alloca(), i);
            }
        }
        for (Map.Entry<Integer, List<AddressStore>> e : byContainer.entrySet()) {
            List<Instruction> calls = new ArrayList<>();
            Value base = containerBase.get(e.getKey());
            boolean ok = base != null && onlyHelpersRead(base, users, calls, new HashSet<>());
            for (AddressStore s : e.getValue()) ok &= !pinned.get(s.alloca()) && !wideRead.get(s.alloca());
            for (AddressStore s : e.getValue()) {
                if (!ok) {
                    pinned.set(s.alloca());
                    continue;
                }
                for (Instruction call : calls) access.accept(call, s.alloca());
            }
        }
    }

    /** Whether every use of {@code p} (a pointer into the container) is one the class comment allows. */
    private static boolean onlyHelpersRead(Value p, Map<Value, List<Instruction>> users, List<Instruction> calls,
                                           Set<Value> seen) {
        if (!seen.add(p)) return true;
        for (Instruction u : users.getOrDefault(p, List.of())) {
            switch (u.op()) {
                case LOAD:
                    if (u.type().bytes >= 8) return false;
                    break;
                case STORE:
                    if (u.operand(0) == p) return false;
                    break;
                case MEMSET:
                    if (u.operand(0) != p) return false;
                    break;
                case CALLHELPER:
                    if (ParamCapture.helperMayKeep(u)) return false;
                    if (!calls.contains(u)) calls.add(u);
                    break;
                case PTRADD:
                    if (u.operand(0) != p || !(u.operand(1) instanceof Constant)) return false;
                    if (!onlyHelpersRead(u, users, calls, seen)) return false;
                    break;
                default:
                    return false;
            }
        }
        return true;
    }
}
