package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.FnAttr;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Needs: nothing. Leaves stale: CFG, dominators and loops of the functions it inlines into.
 *
 * Inlines direct calls ({@code call @f}) to functions marked {@code always_inline}, to {@code static}
 * functions that are small ({@code threshold} BPF-costing instructions or fewer once simplified) or called exactly once, and to small
 * non-static, non-weak functions (as clang -O2 does; the function itself stays), unless they are
 * {@code noinline} or {@code naked}; never a recursive call. Inlining a global function matters to the
 * verifier: a call to it is verified once on its own with only its BTF argument types known (a
 * {@code struct tcphdr *} argument is "mem_or_null" there), where the inlined body sees the caller's facts. A
 * static or global callee is measured after {@code simplify} has run on it (mem2reg and friends: its unsimplified form is
 * several times larger, e.g. every {@code bpf_htons} expands into both arms of a {@code __builtin_constant_p}),
 * counting only instructions that cost a BPF instruction ({@link #cost}). Callees are processed before callers (bottom-up over the call graph) so a small function that
 * becomes big by inlining is measured after it has grown. The callee's blocks are cloned between the two halves
 * of the split call block, its parameters replaced by the arguments, its allocas moved to the caller's entry block
 * (stack slots and mem2reg expect them there), and its returns become branches to the continuation, with a phi for
 * the returned value. Static {@code .text} functions that are no longer called or referenced are deleted,
 * as clang does.
 * <pre>
 *   define static i32 @sq(i32 %x) ... { entry: %r = mul i32 %x, %x ; ret i32 %r }
 *   %y = call i32 @sq(i32 %a)      ->   br entry.i ; entry.i: %r = mul i32 %a, %a ; br cont ; cont: (uses of %y = %r)
 * </pre>
 */
public final class Inliner {
    private final int threshold;
    private final boolean alwaysOnly;
    private final Consumer<Function> simplify;

    public Inliner(int threshold) { this(threshold, false); }

    /** {@code alwaysOnly}: inline {@code always_inline} callees only (clang does that even at -O0). */
    public Inliner(int threshold, boolean alwaysOnly) {
        this(threshold, alwaysOnly, f -> { });
    }

    /**
     * {@code simplify} runs on each global function once its own calls are inlined, before it is measured as a
     * callee (the -O2 pipeline passes mem2reg, sccp, constfold, simplifycfg, dce).
     */
    public Inliner(int threshold, boolean alwaysOnly, Consumer<Function> simplify) {
        this.threshold = threshold;
        this.alwaysOnly = alwaysOnly;
        this.simplify = simplify;
    }

    public Inliner() { this(40); }

    public void run(Module m) {
        if (alwaysOnly && m.functions().stream().noneMatch(f -> f.has(FnAttr.ALWAYS_INLINE))) return;
        Devirtualization devirtualization = new Devirtualization(m);
        for (Function f : bottomUp(m)) {
            // One walk over the caller that goes on where the last change was: the calls before it were refused
            // and stay refused, and an inlined body lands right after its call's block, so it is walked next
            // (starting the walk over after each inlining made a caller of many inlined calls quadratic).
            int budget = 1000;
            Edits edits = new Edits();
            for (int bi = 0; bi < f.blocks().size() && budget > 0; bi++) {
                Block b = f.blocks().get(bi);
                for (int k = 0; k < b.size() && budget > 0; k++) {
                    Instruction call = b.get(k);
                    // A function pointer handed to the inlined body may now name its callee, which may be inlined
                    // in turn (as clang devirtualizes between inlining steps): the direct call is looked at again.
                    if (!alwaysOnly && call.op() == Opcode.CALLIND && edits.flush(f) && devirtualization.devirtualize(call)) {
                        budget--;
                        k--;
                        continue;
                    }
                    if (call.op() != Opcode.CALL) continue;
                    Function callee = m.function(call.symbol);
                    if (callee == null || !shouldInline(callee, f, m)) continue;
                    inline(f, call, callee, edits);
                    budget--;
                    bi = f.blocks().indexOf(b); // the call ended b: the inlined body's first block is next
                    break;
                }
            }
            edits.flush(f);
            if (!alwaysOnly && measuredSimplified(f) && isCalled(f, m)) simplify.accept(f);
        }
        removeDeadStatics(m);
    }

    private boolean shouldInline(Function callee, Function caller, Module m) {
        if (callee == caller || callee.has(FnAttr.NOINLINE) || callee.has(FnAttr.NAKED)) return false;
        if (reaches(callee, callee, m, new HashSet<>())) return false; // recursive
        if (callee.has(FnAttr.ALWAYS_INLINE)) return true;
        if (alwaysOnly) return false;
        if (callee.linkage() == Linkage.GLOBAL) return cost(callee) <= threshold;
        if (callee.linkage() != Linkage.STATIC) return false; // weak: the linker may pick another body
        // a static function called once disappears after inlining, so its size does not matter
        // measured simplified, as a global one is: is_loopback6(sk->src_ip6) in test_sock_fields.c is 5 BPF
        // instructions but over 40 IR instructions before mem2reg, and left out of line its argument is
        // "sock_common + 28", pointer arithmetic the verifier refuses on a socket
        return cost(callee) <= threshold || (references(callee, m) == 1 && callee.section().equals(".text"));
    }

    /**
     * The BPF instructions {@code f}'s body is likely to take: casts, constant-offset pointer adds, symbol
     * addresses, phis and unconditional branches mostly fold into their users or vanish in register allocation.
     */
    static int cost(Function f) {
        int n = 0;
        for (Block blk : f.blocks()) for (Instruction i : blk.instructionsView()) {
            switch (i.op()) {
                case ZEXT, SEXT, TRUNC, PTRTOINT, INTTOPTR, ADDR, PHI, BR, ALLOCA -> { }
                case PTRADD -> { if (!(i.operand(1) instanceof dev.jbpfc.ir.Constant)) n++; }
                default -> n++;
            }
        }
        return n;
    }

    /** A global or static function whose inlining depends on its size (always_inline, noinline and naked ones do not). */
    private static boolean measuredSimplified(Function f) {
        return (f.linkage() == Linkage.GLOBAL || f.linkage() == Linkage.STATIC) && !f.has(FnAttr.ALWAYS_INLINE) && !f.has(FnAttr.NOINLINE)
                && !f.has(FnAttr.NAKED);
    }

    private static boolean isCalled(Function f, Module m) {
        for (Function g : m.functions()) {
            if (g == f) continue;
            for (Block blk : g.blocks()) for (Instruction i : blk.instructionsView()) if (i.op() == Opcode.CALL && f.name().equals(i.symbol)) return true;
        }
        return false;
    }

    /** How many instructions and global initialisers name {@code f} (calls and address-takings). */
    private static int references(Function f, Module m) {
        int n = 0;
        for (Function g : m.functions()) for (Block blk : g.blocks()) for (Instruction i : blk.instructionsView()) if (f.name().equals(i.symbol)) n++;
        for (Global gl : m.globals()) for (Global.Reloc r : gl.relocs()) if (r.symbol().equals(f.name())) n++;
        return n;
    }

    private static boolean reaches(Function from, Function target, Module m, Set<Function> seen) {
        for (Block blk : from.blocks()) for (Instruction i : blk.instructionsView()) {
            if (i.op() != Opcode.CALL) continue;
            Function g = m.function(i.symbol);
            if (g == null) continue;
            if (g == target) return true;
            if (seen.add(g) && reaches(g, target, m, seen)) return true;
        }
        return false;
    }

    /** Functions ordered so that callees come before their callers (cycles broken arbitrarily). */
    private static List<Function> bottomUp(Module m) {
        List<Function> order = new ArrayList<>();
        Set<Function> visited = new HashSet<>();
        for (Function f : m.functions()) post(f, m, visited, order);
        return order;
    }

    private static void post(Function f, Module m, Set<Function> visited, List<Function> order) {
        if (!visited.add(f)) return;
        for (Block blk : f.blocks()) for (Instruction i : blk.instructionsView()) {
            if (i.op() == Opcode.CALL && m.function(i.symbol) != null) post(m.function(i.symbol), m, visited, order);
        }
        order.add(f);
    }

    /**
     * What inlining into one caller leaves to do later, so that each inlining costs the callee's size and not the
     * caller's: the uses of the inlined calls, replaced by their results all at once (before anything reads the
     * caller's operands: a devirtualization, the end), and whether the caller can still hold a block no path
     * reaches (before its first inlining it may; after that sweep only a callee can bring one in).
     */
    private static final class Edits {
        final Map<Value, Value> results = new HashMap<>();
        boolean swept;
        /** Per callee: every block reached from its entry, and one of them returns (its inlined body ends in the caller's continuation). */
        final Map<Function, Boolean> leavesAllReached = new HashMap<>();

        /** Replaces the uses of the inlined calls; always true (to sit in a condition before what reads operands). */
        boolean flush(Function f) {
            f.replaceAllUses(results);
            results.clear();
            return true;
        }

        boolean needsSweep(Function callee) {
            return !swept || !leavesAllReached.computeIfAbsent(callee, c -> {
                Cfg cfg = new Cfg(c);
                boolean returns = false;
                for (Block b : cfg.rpo()) returns |= b.terminator() != null && b.terminator().op() == Opcode.RET;
                return returns && cfg.rpo().size() == c.blocks().size();
            });
        }
    }

    private static void inline(Function caller, Instruction call, Function callee, Edits edits) {
        Block b = call.block();
        Block cont = CfgEdits.splitBlock(b, b.indexOf(call) + 1, b.name() + ".cont");
        b.remove(call);

        Map<Value, Value> vmap = new HashMap<>();
        for (int k = 0; k < callee.params().size(); k++) vmap.put(callee.params().get(k), call.operand(k));
        Map<Block, Block> bmap = new HashMap<>();
        List<Block> copies = new ArrayList<>();
        for (Block cb : callee.blocks()) {
            Block nb = new Block(cb.name() + ".i");
            copies.add(nb);
            bmap.put(cb, nb);
        }
        caller.insertBlocksAfter(b, copies);
        List<Instruction> clones = new ArrayList<>();
        List<Instruction> allocas = new ArrayList<>();
        for (Block cb : callee.blocks()) {
            for (Instruction i : cb.instructions()) {
                Instruction c = i.copy();
                vmap.put(i, c);
                clones.add(c);
                if (c.op() == Opcode.ALLOCA) allocas.add(c);
                else bmap.get(cb).append(c);
            }
        }
        for (Instruction c : clones) {
            for (int k = 0; k < c.operands().size(); k++) {
                Value v = vmap.get(c.operand(k));
                if (v != null) c.setOperand(k, v);
            }
            for (int k = 0; k < c.targets().size(); k++) c.targets().set(k, bmap.get(c.targets().get(k)));
        }
        Block entry = caller.entry();
        int at = 0;
        while (at < entry.size() && entry.get(at).op() == Opcode.ALLOCA) at++;
        for (Instruction a : allocas) entry.insert(at++, a);

        // returns become branches to the continuation
        Instruction phi = call.hasResult() ? Instruction.phi(call.type()) : null;
        for (Block cb : callee.blocks()) {
            Block nb = bmap.get(cb);
            Instruction t = nb.terminator();
            if (t.op() != Opcode.RET) continue;
            if (phi != null) phi.addIncoming(t.operand(0), nb);
            Instruction br = Instruction.br(cont);
            br.loc = t.loc;
            nb.replace(t, br);
        }
        b.append(Instruction.br(bmap.get(callee.entry())));
        if (phi != null) {
            Value result;
            if (phi.operands().isEmpty()) result = dev.jbpfc.ir.Undef.of(call.type());
            else if (phi.operands().size() == 1) result = phi.operand(0);
            else {
                phi.setName(call.name());
                cont.insert(0, phi);
                result = phi;
            }
            edits.results.put(call, result);
        }
        // a callee that never returns leaves cont dead
        if (edits.needsSweep(callee)) Cfg.removeUnreachable(caller);
        edits.swept = true;
    }

    /**
     * Deletes the static {@code .text} functions nothing refers to any more (not {@code used}), repeatedly, as their
     * own calls go with them. Also for a caller that has dropped function bodies of its own (the frontend's inline
     * definitions).
     */
    public static void removeDeadStatics(Module m) {
        boolean changed = true;
        while (changed) {
            changed = false;
            Set<String> referenced = new HashSet<>();
            for (Function f : m.functions()) {
                for (Block blk : f.blocks()) for (Instruction i : blk.instructionsView()) if (i.symbol != null) referenced.add(i.symbol);
            }
            for (Global g : m.globals()) for (Global.Reloc r : g.relocs()) referenced.add(r.symbol());
            for (Function f : new ArrayList<>(m.functions())) {
                if (f.linkage() == Linkage.STATIC && f.section().equals(".text") && !f.has(FnAttr.USED)
                        && !referenced.contains(f.name())) {
                    m.functions().remove(f);
                    changed = true;
                }
            }
        }
    }
}
