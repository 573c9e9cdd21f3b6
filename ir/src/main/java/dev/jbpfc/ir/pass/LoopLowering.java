package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.ExternFunction;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.DominatorTree;
import dev.jbpfc.ir.analysis.IntRange;
import dev.jbpfc.ir.analysis.LoopInfo;
import dev.jbpfc.ir.analysis.LoopInfo.Loop;
import dev.jbpfc.ir.analysis.UseList;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: SSA form (after mem2reg); computes CFG, dominators and loops itself. Leaves stale: CFG, dominators, loops.
 * Runs Mem2Reg when it had to route the counter's value out of a loop through a stack slot.
 *
 * Chooses, per counted loop, the form the kernel's verifier handles best. The verifier walks a plain loop once per
 * iteration (about 14 processed instructions a trip for {@code s += p[i & 63] ^ i}, so 10^5 trips are over its
 * limit, and a trip count it cannot see is rejected outright). A loop driven by the kernel's open-coded number
 * iterator is verified in a constant number of steps: the verifier stops exploring when the state at the
 * iterator's next call matches an earlier one, and values that never reach a branch or a pointer stay imprecise.
 * <pre>
 *   pre:  br loop                                pre:   %rc = callkfunc i32 @bpf_iter_num_new(ptr %it, i32 0, i32 %n)
 *   loop: %i = phi i32 [0, pre], [%i1, body]            br loop
 *         %s = phi i32 [0, pre], [%s1, body]     loop:  %s = phi i32 [0, pre], [%s1, body]
 *         %c = cmp slt i32 %i, %n           -&gt;          %p = callkfunc ptr @bpf_iter_num_next(ptr %it)
 *         condbr i1 %c, body, out                       condbr (%p == null), loop.done, loop.iter
 *   body: ... %i ...                             loop.iter: %i = load i32 %p       ; the iterator's counter
 *         %i1 = add i32 %i, 1                           condbr (%i slt 0), loop.done, loop.inrange
 *         br loop                                loop.inrange: condbr (%i sge %n), loop.done, body
 *   out:  ret i32 %s                             body:  ... %i ...                 ; the verifier knows 0 &lt;= %i &lt; %n
 *                                                       br loop
 *                                                loop.done: callkfunc void @bpf_iter_num_destroy(ptr %it)
 *                                                       br out
 * </pre>
 * The range checks never fail at run time (the iterator yields start..end-1), but they are what tells the
 * verifier the counter's bounds, so the body can index with it. Every other edge leaving the loop ({@code break},
 * {@code return}, {@code goto}) gets a block that destroys the iterator first. The iterator is an 8-byte, 8-aligned
 * stack slot ({@code struct bpf_iter_num}) alive for the whole loop; the kfuncs are declared here with btf 0 and the
 * frontend gives them their BTF FUNCs after the pipeline. A load or store at a packet pointer plus a value computed
 * from the counter gets a bounds check on its own pointer that the compiler proves never fails ({@link PacketRecheck}):
 * the verifier grants such a pointer no bytes otherwise.
 *
 * A counted loop here: the header holds only phis, one compare and the conditional branch that leaves the loop;
 * the compare tests an {@code i32} or {@code i64} header phi (the counter, starting from a value from outside the loop and
 * incremented by exactly 1 on every back edge) against a loop-invariant bound with {@code slt}/{@code sle}
 * (or {@code ult}/{@code ule} when both ends are known to be non-negative); both ends must be known to fit a C
 * {@code int} (an {@code i64} counter is the iterator's value sign-extended). The iterator refuses more than
 * {@link #MAX_ITERATOR_TRIPS} iterations, so a loop whose trip count could be larger is never given one.
 *
 * Cost model ({@code auto}): a loop marked {@code !unroll} is left to LoopUnroll; a known trip count of at most
 * {@link #UNROLL_TRIPS} with a small body is marked {@code !unroll} (clang -O2 fully unrolls such loops too), and so
 * is a known trip count whose counter indexes the ctx ({@link #indexesContext}); a
 * known trip count whose plain walk costs at most {@link #PLAIN_BUDGET} instructions stays plain, and so does a
 * loop whose carried values the verifier must track exactly ({@link #carriesTrackedState}) or whose counter
 * indexes memory that needs its own bounds check ({@link #indexesUncheckedMemory}) while its walk stays well
 * below the verifier's limit; anything else (larger or unknown trip count) becomes an iterator loop when the
 * program's license is GPL-compatible (the kernel refuses kfunc calls otherwise) and the kernel has iterators, else
 * a {@code bpf_loop} call whose callback is the loop's body ({@link BpfLoopOutlining}; kernel 5.17+, any license;
 * {@code -fno-bpf-iterators} says the kernel has no iterators). {@code iterator} forces iterators on every counted
 * loop, {@code bpf-loop} bpf_loop on every counted loop it can outline, {@code unroll} full unrolling of every
 * constant-trip loop, {@code plain} leaves loops alone. A loop left plain against the mode gets a {@link Remark}
 * that says why ({@code -Rpass-missed=loop-lowering}).
 */
public final class LoopLowering {
    /** {@code -floop-lowering=}. */
    public enum Mode {
        AUTO, ITERATOR, BPF_LOOP, PLAIN, UNROLL;

        public static Mode parse(String s) {
            return switch (s) {
                case "auto" -> AUTO;
                case "iterator" -> ITERATOR;
                case "bpf-loop" -> BPF_LOOP;
                case "plain" -> PLAIN;
                case "unroll" -> UNROLL;
                default -> null;
            };
        }
    }

    /** The most iterations {@code bpf_iter_num_new} accepts (the kernel's BPF_MAX_LOOPS, 8 Mi). */
    public static final long MAX_ITERATOR_TRIPS = 8L * 1024 * 1024;
    /** auto: constant trip counts up to this many with a small body are fully unrolled. */
    public static final int UNROLL_TRIPS = 4;
    /** auto: largest unrolled size (trips times loop instructions). */
    public static final int UNROLL_BUDGET = 64;
    /** auto: a plain loop the verifier walks in at most this many instructions stays plain. */
    public static final long PLAIN_BUDGET = 256;

    /**
     * auto: a loop whose carried values the verifier must track exactly stays plain if its walk is estimated
     * below this many instructions (the kernel's limit is 10^6).
     */
    public static final long PLAIN_WALK_LIMIT = 500_000;

    public static final String ITER_NEW = "bpf_iter_num_new";
    public static final String ITER_NEXT = "bpf_iter_num_next";
    public static final String ITER_DESTROY = "bpf_iter_num_destroy";

    /** What every remark of this pass starts with (the driver shows them under {@code -Rpass-missed=loop-lowering}). */
    public static final String REMARK_PREFIX = "loop not lowered to ";
    /** The name {@code -Rpass-missed=} selects this pass's remarks by. */
    public static final String REMARK_PASS = "loop-lowering";

    private final Mode mode;
    private final boolean iteratorsAvailable;
    private final List<Remark> remarks;
    /** The context slots of the bpf_loop calls made so far (an outer loop's callback takes them into its frame). */
    private final Set<Instruction> contexts = new HashSet<>();

    public LoopLowering(Mode mode, List<Remark> remarks) {
        this(mode, true, remarks);
    }

    /**
     * {@code iteratorsAvailable} false ({@code -fno-bpf-iterators}: a kernel before 6.4) makes {@code auto} lower
     * the loops it would give an iterator to {@code bpf_loop} instead (kernel 5.17+).
     */
    public LoopLowering(Mode mode, boolean iteratorsAvailable, List<Remark> remarks) {
        this.mode = mode;
        this.iteratorsAvailable = iteratorsAvailable;
        this.remarks = remarks;
    }

    /** How a loop the cost model does not keep plain or unroll is lowered. */
    private enum Target { NONE, ITERATOR, BPF_LOOP }

    public void run(Module m) {
        if (mode == Mode.PLAIN) return;
        // bpf_loop is not GPL-only, the number iterator kfuncs are
        Target target = switch (mode) {
            case ITERATOR -> Target.ITERATOR;
            case BPF_LOOP -> Target.BPF_LOOP;
            case AUTO -> iteratorsAvailable && gplCompatible(m) ? Target.ITERATOR : Target.BPF_LOOP;
            default -> Target.NONE;
        };
        for (Function f : List.copyOf(m.functions())) run(m, f, target);
    }

    /**
     * What the pass found about one loop ({@link #match}). Not {@link dev.jbpfc.ir.analysis.CountedLoop}'s shape,
     * on purpose: this pass runs before loop-rotate, so it reads loops tested at the top (the compare in the header,
     * any number of back edges, each adding exactly 1, both ends C ints), where CountedLoop reads what the backend
     * builds a hint from after the -O pipeline (the compare in the single latch, any constant step, counting up or
     * down, with a reason for each refusal). One recognizer for both would have to take either place of the test and
     * both sets of rules, and would change what each accepts; they share only "a header phi stepped by a constant".
     */
    record Counted(Block preheader, Block header, Instruction counter, Instruction compare,
                           Predicate whileTrue, Value start, Value end, Block inside, Block exit) {
        boolean unsigned() { return whileTrue == Predicate.ULT || whileTrue == Predicate.ULE; }

        /** The trip count when both ends are constants, else -1. */
        long constantTrips() {
            if (!(start instanceof Constant s) || !(end instanceof Constant e)) return -1;
            long lo = unsigned() ? s.unsignedValue() : s.value();
            long hi = unsigned() ? e.unsignedValue() : e.value();
            if (whileTrue == Predicate.SLE || whileTrue == Predicate.ULE) hi++;
            return Math.max(0, hi - lo);
        }

        /** The most iterations the loop can run, from the ranges of its ends. */
        long maxTrips() {
            IntRange s = IntRange.of(start), e = IntRange.of(end);
            if (unsigned() && (!s.nonNegative() || !e.nonNegative())) return Long.MAX_VALUE;
            long hi = e.hi() + (whileTrue == Predicate.SLE || whileTrue == Predicate.ULE ? 1 : 0);
            return Math.max(0, hi - s.lo());
        }
    }

    /**
     * Whether {@code v} changes from one trip of a loop around {@code loop} to the next: {@code for (j = 0; j < 300;
     * j++) for (i = 0; i < j; i++)}. The verifier walks such an outer loop trip by trip, so the inner one has a
     * known trip count on each walk and is cheap plain; as an iterator loop inside a walked loop it made selftests'
     * loop1.c fail ("The sequence of 8193 jumps is too complex") where the plain nest verifies in 721,206.
     */
    private static boolean variesWithEnclosingLoop(Loop loop, Value v) {
        if (!(v instanceof Instruction i) || i.block() == null || loop.blocks().contains(i.block())) return false;
        for (Loop outer = loop.parent(); outer != null; outer = outer.parent()) {
            if (outer.blocks().contains(i.block())) return true;
        }
        return false;
    }

    /**
     * Whether a loop directly inside {@code loop} runs a number of times that this loop's trips change (the outer
     * loop of the example above): kept plain, the verifier walks it and the inner loop sees a known count each time;
     * as an iterator it would leave the inner plain loop with an unknown count on every iterator state.
     */
    private boolean boundsAnInnerLoop(LoopInfo li, Cfg cfg, UseList uses, Loop loop) {
        for (Loop inner : li.innermostFirst()) {
            if (inner.parent() != loop) continue;
            Counted c = match(inner, cfg, uses);
            if (c != null && (variesWithEnclosingLoop(inner, c.start()) || variesWithEnclosingLoop(inner, c.end()))) return true;
        }
        return false;
    }

    private void run(Module m, Function fn, Target target) {
        boolean forced = mode == Mode.ITERATOR || mode == Mode.BPF_LOOP;
        // mem2reg leaves phis of variables declared inside a loop that nothing reads (a C local's value from the
        // last trip): outlined, each would be a context field stored every trip, more state for the verifier
        if (target == Target.BPF_LOOP) new DeadCodeElimination().run(fn);
        Set<Block> seen = new HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            Cfg cfg = new Cfg(fn);
            DominatorTree dom = new DominatorTree(cfg);
            LoopInfo li = new LoopInfo(dom);
            UseList uses = new UseList(fn);
            for (Loop loop : li.innermostFirst()) {
                if (!seen.add(loop.header())) continue;
                Instruction hinted = hintedLatch(loop);
                Counted c = match(loop, cfg, uses);
                String unrollRefused = mode == Mode.AUTO && c != null && hinted != null ? unrollRefusal(loop, c, hinted) : null;
                if (hinted != null && (hinted.loopHint == Instruction.HINT_UNROLL || hinted.loopHint > 0)
                        && unrollRefused == null) continue;
                if (c == null) {
                    if (forced && hinted == null) remark(fn, loop, target, "the loop is not a counted loop (i = a; i < b; i++)");
                    continue;
                }
                int size = 0;
                for (Block b : loop.blocks()) size += b.size();
                long trips = c.constantTrips();
                Set<Value> derived = counterDerived(loop, c);
                if (mode == Mode.UNROLL || (mode == Mode.AUTO && trips >= 0 && hinted == null
                        && (trips <= UNROLL_TRIPS && trips * size <= UNROLL_BUDGET
                            || trips * size <= LoopUnroll.MAX_INSTRUCTIONS && indexesContext(fn, loop, derived)))) {
                    if (trips >= 0) for (Block l : loop.latches()) l.terminator().loopHint = Instruction.HINT_UNROLL;
                    continue;
                }
                long bound = c.maxTrips();
                if (mode == Mode.AUTO && bound * (size + 2) <= PLAIN_BUDGET) continue;
                PacketRecheck.Plan recheck = PacketRecheck.plan(fn, loop.blocks(), derived,
                        Map.of(c.counter(), counterRange(c)), dom);
                if (mode == Mode.AUTO && bound * (size + 2) <= PLAIN_WALK_LIMIT
                        && (carriesTrackedState(loop, c, uses) || indexesUncheckedMemory(loop, derived, recheck)
                            || variesWithEnclosingLoop(loop, c.start()) || variesWithEnclosingLoop(loop, c.end())
                            || boundsAnInnerLoop(li, cfg, uses, loop))) continue;
                if (target == Target.NONE) continue;
                if (target == Target.BPF_LOOP) {
                    if (bound > BpfLoopOutlining.MAX_TRIPS) {
                        if (forced || trips < 0) {
                            remark(fn, loop, target, "the trip count may exceed bpf_loop's limit of " + BpfLoopOutlining.MAX_TRIPS);
                        }
                        continue;
                    }
                    // a packet access at the counter's offset gets PacketRecheck's guard inside the callback; one
                    // it cannot prove would reach the verifier unchecked ("invalid access to packet"): stay plain
                    String refused = indexesUncheckedMemory(loop, derived, recheck)
                            ? "the body indexes a packet (or the ctx) with the counter at an offset no bounds check before the loop covers"
                            : BpfLoopOutlining.refusal(loop, c, contexts, recheck);
                    // a guess at the two frames keeps plain a loop the verifier can still walk; a longer one it
                    // would refuse plain, so it is outlined and the backend's exact sum decides
                    if (refused == null && mode == Mode.AUTO && plainWalk(li, cfg, uses, loop) <= PLAIN_WALK_LIMIT) {
                        refused = BpfLoopOutlining.stackRefusal(fn, loop, c, contexts, recheck);
                    }
                    if (refused != null) {
                        remark(fn, loop, target, refused);
                        continue;
                    }
                    BpfLoopOutlining.outline(m, fn, loop, c, contexts, recheck);
                    changed = true;
                    break;
                }
                if (bound > MAX_ITERATOR_TRIPS) {
                    if (forced || trips < 0) {
                        remark(fn, loop, target, "the trip count may exceed the iterator's limit of " + MAX_ITERATOR_TRIPS);
                    }
                    continue;
                }
                if (!declareKfuncs(m)) {
                    remark(fn, loop, target, "the program declares the bpf_iter_num kfuncs with other types");
                    return;
                }
                if (unrollRefused != null) {
                    remarks.add(Remark.missed(LoopUnroll.REMARK_PASS, fn.name(), loop.header().terminator().loc, "loop not unrolled as the pragma "
                            + "asks (" + unrollRefused + "); lowered to an open-coded iterator instead"));
                    for (Block l : loop.latches()) l.terminator().loopHint = Instruction.HINT_NONE;
                }
                toIterator(fn, loop, c, recheck);
                changed = true;
                break;
            }
        }
    }

    /**
     * The verifier's walk of the loop left plain, estimated: its most trips times its own instructions plus the walks
     * of the plain loops inside it ({@code for (j < 1000) for (i < 1000)} walks 10^6 trips, not 1,000); a loop inside
     * that is not counted makes it unknown (the largest long).
     */
    private static long plainWalk(LoopInfo li, Cfg cfg, UseList uses, Loop loop) {
        Counted c = match(loop, cfg, uses);
        if (c == null) return Long.MAX_VALUE;
        Set<Block> inner = new HashSet<>();
        long perTrip = 2;
        for (Loop child : li.innermostFirst()) {
            if (child.parent() != loop) continue;
            inner.addAll(child.blocks());
            long walk = plainWalk(li, cfg, uses, child);
            perTrip = walk > Long.MAX_VALUE / 2 - perTrip ? Long.MAX_VALUE / 2 : perTrip + walk;
        }
        for (Block b : loop.blocks()) if (!inner.contains(b)) perTrip += b.size();
        long trips = c.maxTrips();
        return trips != 0 && perTrip > Long.MAX_VALUE / trips ? Long.MAX_VALUE : trips * perTrip;
    }

    /**
     * Whether a value carried from one iteration to the next (a header phi other than the counter) reaches a
     * pointer, a compare or a call argument. The verifier then tracks it exactly (a pointer's offset always; a
     * scalar once a branch or a helper depends on it), so the state at the iterator's next call differs from
     * every earlier one and the iterator loop is walked trip by trip like a plain loop, until the verifier's limit
     * (the plain loop at least stops at its trip count). Example: {@code for (i = 0; i < 64; i++) { if (off > 40)
     * break; off += p[i] & 7; }}.
     */
    private static boolean carriesTrackedState(Loop loop, Counted c, UseList useList) {
        Set<Value> carried = new HashSet<>();
        for (Instruction phi : c.header().phis()) {
            if (phi == c.counter() || onlyPhisUse(phi, useList)) continue;
            if (phi.type() == Type.PTR) {
                if (unknownToVerifier(phi, loop, useList, new HashSet<>())) continue;
                return true;
            }
            carried.add(phi);
        }
        if (carried.isEmpty()) return false;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Block b : loop.blocks()) {
                for (Instruction i : b.instructions()) {
                    if (carried.contains(i)) continue;
                    boolean uses = false;
                    for (Value v : i.operands()) uses |= carried.contains(v);
                    if (!uses) continue;
                    switch (i.op()) {
                        case CMP, PTRADD, INTTOPTR, LOAD, STORE, CALL, CALLHELPER, CALLKFUNC, CALLIND, INLINE_ASM, SWITCH,
                             ATOMICRMW, CMPXCHG, MEMCPY, MEMSET -> {
                            if (i.op() == Opcode.STORE && !carried.contains(i.operand(1))) continue; // the value stored
                            return true;
                        }
                        case CONDBR, BR, RET, UNREACHABLE -> { }
                        default -> {
                            if (i.hasResult() && carried.add(i)) grew = true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether nothing but phis uses {@code phi}, through any chain of phis: a dead value DCE would delete (after
     * inlining, each inlined parameter of pyperf's get_frame_data is such a web of pointer phis around the loop,
     * and counted as a tracked pointer it kept pyperf600_nounroll's loops plain, over the verifier's limit).
     */
    private static boolean onlyPhisUse(Instruction phi, UseList uses) {
        Set<Instruction> seen = new HashSet<>();
        java.util.ArrayDeque<Instruction> work = new java.util.ArrayDeque<>(List.of(phi));
        while (!work.isEmpty()) {
            Instruction p = work.pop();
            if (!seen.add(p)) continue;
            for (Instruction u : uses.users(p)) {
                if (!u.isPhi()) return false;
                work.add(u);
            }
        }
        return true;
    }

    /**
     * Whether a carried pointer is, to the verifier, a scalar it never learns anything about: on every path it was
     * loaded from a stack buffer that only helpers fill (no 8-byte store, so no spilled pointer, can be in it). The
     * selftests' pyperf walks a user-space list, {@code frame_ptr = frame.f_back} after
     * {@code bpf_probe_read_user(&frame, ...)}: its compares with NULL are never decided and it only reaches helper
     * arguments, so it stays imprecise and the iterator loop converges (pyperf600_nounroll: 10,282 processed
     * instructions as an iterator loop, over the 1,000,000 limit plain, clang-22's plain loop 530,770). A constant
     * start (NULL) is known, and decides the first trip's compares: it does not qualify.
     */
    private static boolean unknownToVerifier(Value v, Loop loop, UseList uses, Set<Value> seen) {
        if (!seen.add(v)) return true;
        if (!(v instanceof Instruction i)) return false;
        if (i.isPhi() || i.op() == Opcode.SELECT) {
            int from = i.op() == Opcode.SELECT ? 1 : 0;
            if (i.isPhi() && i.block() != null && !loop.contains(i.block())) return false;
            for (int k = from; k < i.operands().size(); k++) {
                if (!unknownToVerifier(i.operand(k), loop, uses, seen)) return false;
            }
            return true;
        }
        if (i.op() != Opcode.LOAD) return false;
        Value base = i.operand(0);
        for (int depth = 0; depth < 32 && base instanceof Instruction p && p.op() == Opcode.PTRADD; depth++) {
            if (!(p.operand(1) instanceof Constant)) return false;
            base = p.operand(0);
        }
        return base instanceof Instruction a && a.op() == Opcode.ALLOCA && onlyHelpersFill(a, uses, new HashSet<>());
    }

    /** Whether the stack buffer at {@code p} is only read, memset, given to helpers, or stored narrower than 8 bytes. */
    private static boolean onlyHelpersFill(Value p, UseList uses, Set<Value> seen) {
        if (!seen.add(p)) return true;
        for (Instruction u : uses.users(p)) {
            switch (u.op()) {
                case LOAD, CALLHELPER -> { }
                case MEMSET -> { if (u.operand(0) != p) return false; }
                case STORE -> {
                    if (u.operand(0) == p || u.operand(0).type().bytes >= 8) return false;
                }
                case PTRADD -> {
                    if (u.operand(0) != p || !onlyHelpersFill(u, uses, seen)) return false;
                }
                default -> { return false; }
            }
        }
        return true;
    }

    /** The counter and the values computed from it in the loop by pure instructions and phis. */
    private static Set<Value> counterDerived(Loop loop, Counted c) {
        Set<Value> derived = new HashSet<>();
        derived.add(c.counter());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Block b : loop.blocks()) {
                for (Instruction i : b.instructions()) {
                    if (derived.contains(i) || !i.hasResult() || i.type() == Type.PTR || !(i.op().isPure() || i.isPhi())) continue;
                    for (Value v : i.operands()) {
                        if (derived.contains(v)) {
                            derived.add(i);
                            grew = true;
                            break;
                        }
                    }
                }
            }
        }
        return derived;
    }

    /**
     * The counter's range as the verifier sees it in an iterator loop's body: the bound checks after
     * {@code bpf_iter_num_next} compare it with the loop's own start and end, so a constant end is a known upper
     * bound; an end computed at run time tells the verifier nothing it can use (the kernel tracks no range through
     * {@code %}, for one), so the range is then only what a mask in the body makes of it.
     */
    private static IntRange counterRange(Counted c) {
        long lo = c.start() instanceof Constant s ? (c.unsigned() ? s.unsignedValue() : s.value()) : Integer.MIN_VALUE;
        long hi = Integer.MAX_VALUE;
        if (c.end() instanceof Constant e) {
            hi = (c.unsigned() ? e.unsignedValue() : e.value())
                    - (c.whileTrue() == Predicate.SLE || c.whileTrue() == Predicate.ULE ? 0 : 1);
        }
        return hi < lo ? new IntRange(lo, lo) : new IntRange(lo, hi);
    }

    /**
     * Whether the counter (or a value computed from it, {@code derived}) is added to a pointer that is not the
     * stack, a global or a map value, where {@link PacketRecheck} cannot make the access verifiable: a packet
     * pointer without a dominating bounds check that covers the offset, the ctx, a pointer loaded from memory. The
     * verifier accepts {@code p[14 + i]} on a packet checked for 64 bytes when {@code i} is a known constant (the
     * plain loop), but a packet pointer plus a variable offset needs a bounds check of its own, which the
     * iterator's range check is not (PacketRecheck adds one where the compiler can prove it holds); on the ctx a
     * variable offset is never allowed.
     */
    private static boolean indexesUncheckedMemory(Loop loop, Set<Value> derived, PacketRecheck.Plan recheck) {
        for (Block b : loop.blocks()) {
            for (Instruction i : b.instructions()) {
                if (i.op() == Opcode.PTRADD && derived.contains(i.operand(1)) && !stackGlobalOrMap(i.operand(0))
                        && (recheck == null || !recheck.pointers().contains(i))) return true;
                if (i.op() == Opcode.INTTOPTR && derived.contains(i.operand(0))) return true;
            }
        }
        return false;
    }

    /**
     * Whether the counter (or a value computed from it) offsets a pointer into the program's context: bind6_prog.c's
     * {@code for (i = 0; i < 4; i++) ... ctx->user_ip6[i]}. The verifier accepts a ctx access only at a constant
     * offset from the ctx register, so no loop form of it verifies ("dereference of modified ctx ptr"): auto unrolls
     * it whatever its body's size, as clang -O2 does.
     */
    private static boolean indexesContext(Function fn, Loop loop, Set<Value> derived) {
        if (fn.params().isEmpty() || fn.section() == null || fn.section().equals(".text")) return false;
        Value ctx = fn.params().get(0);
        for (Block b : loop.blocks()) {
            for (Instruction i : b.instructions()) {
                if (i.op() == Opcode.PTRADD && derived.contains(i.operand(1)) && constantOffsetFrom(i.operand(0), ctx)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code p} is {@code base} plus constant offsets. */
    private static boolean constantOffsetFrom(Value p, Value base) {
        for (int depth = 0; depth < 32; depth++) {
            if (p == base) return true;
            if (!(p instanceof Instruction i) || i.op() != Opcode.PTRADD || !(i.operand(1) instanceof Constant)) return false;
            p = i.operand(0);
        }
        return false;
    }

    /** Whether a pointer is, through constant or variable offsets, an alloca, a global or a call's result. */
    static boolean stackGlobalOrMap(Value p) {
        for (int depth = 0; depth < 32 && p instanceof Instruction i; depth++) {
            switch (i.op()) {
                case PTRADD -> p = i.operand(0);
                case ALLOCA, ADDR, CALLHELPER, CALLKFUNC, CALL, CALLIND -> { return true; }
                default -> { return false; }
            }
        }
        return false;
    }

    private void remark(Function fn, Loop loop, Target target, String why) {
        Instruction at = loop.header().terminator();
        String to = target == Target.BPF_LOOP ? "bpf_loop: " : "an iterator: ";
        remarks.add(Remark.missed(REMARK_PASS, fn.name(), at.loc, REMARK_PREFIX + to + why));
    }

    /**
     * Why LoopUnroll will refuse a loop marked for unrolling, or null: its copies would exceed
     * {@link LoopUnroll#MAX_INSTRUCTIONS} (the selftests' pyperf600: 600 trips of a body of calls), or the pragma
     * asks for a partial unroll, which LoopUnroll does not do (pyperf180 at -mcpu=v3: unroll_count(90) of 180
     * trips). Left plain, such a loop is walked trip by trip (pyperf600: over the verifier's limit); auto then
     * chooses its form like an unmarked loop's.
     */
    private static String unrollRefusal(Loop loop, Counted c, Instruction hinted) {
        if (hinted.loopHint != Instruction.HINT_UNROLL && hinted.loopHint <= 0) return null;
        long trips = c.constantTrips();
        if (trips < 0) return null;
        if (hinted.loopHint > 0 && hinted.loopHint < trips) {
            return "a partial unroll of " + hinted.loopHint + " of " + trips + " iterations";
        }
        long size = 0;
        for (Block b : loop.blocks()) size += b.size();
        if (size * (trips - 1) > LoopUnroll.MAX_INSTRUCTIONS) {
            return trips + " copies of " + size + " instructions exceed the unroller's limit of "
                    + LoopUnroll.MAX_INSTRUCTIONS;
        }
        return null;
    }

    private static Instruction hintedLatch(Loop loop) {
        for (Block l : loop.latches()) if (l.terminator().loopHint != Instruction.HINT_NONE) return l.terminator();
        return null;
    }

    /**
     * The loop's counted shape, or null when it has another one. {@code uses} are the function's as it is (a use
     * list per loop made a function of many loops cost loops times instructions).
     */
    private static Counted match(Loop loop, Cfg cfg, UseList uses) {
        Block h = loop.header();
        Instruction t = h.terminator();
        if (t.op() != Opcode.CONDBR || !(t.operand(0) instanceof Instruction cmp) || cmp.op() != Opcode.CMP
                || cmp.block() != h) return null;
        Block taken = t.targets().get(0), notTaken = t.targets().get(1);
        boolean stayOnTrue = loop.contains(taken);
        if (stayOnTrue == loop.contains(notTaken)) return null;
        // the header: phis, the compare, the branch
        for (Instruction i : h.instructions()) if (!i.isPhi() && i != cmp && i != t) return null;
        if (uses.useCount(cmp) != 1) return null;
        Predicate p = cmp.predicate;
        Value a = cmp.operand(0), b = cmp.operand(1);
        if (!(a instanceof Instruction ai && ai.isPhi() && ai.block() == h)) {
            Value x = a; a = b; b = x;
            p = p.swapped();
        }
        if (!(a instanceof Instruction counter) || !counter.isPhi() || counter.block() != h
                || (counter.type() != Type.I32 && counter.type() != Type.I64)) return null;
        if (!stayOnTrue) p = p.inverse();
        if (p != Predicate.SLT && p != Predicate.SLE && p != Predicate.ULT && p != Predicate.ULE) return null;
        if (b instanceof Instruction bi && bi.block() != null && loop.contains(bi.block())) return null;
        if ((p == Predicate.SLE || p == Predicate.ULE) && !(b instanceof Constant)) return null;
        if ((p == Predicate.SLE || p == Predicate.ULE) && ((Constant) b).value() >= Integer.MAX_VALUE) return null;
        // one way in, and every back edge adds 1
        Block pre = null;
        for (Block from : cfg.preds(h)) {
            if (loop.contains(from)) {
                Value next = counter.incomingFor(from);
                if (!(next instanceof Instruction add) || add.op() != Opcode.ADD
                        || !((add.operand(0) == counter && isOne(add.operand(1)))
                             || (add.operand(1) == counter && isOne(add.operand(0))))) return null;
            } else {
                if (pre != null) return null;
                pre = from;
            }
        }
        if (pre == null) return null;
        Value start = counter.incomingFor(pre);
        // the iterator counts in C ints
        IntRange rs = IntRange.of(start), rb = IntRange.of(b);
        if (!rs.fitsInt() || !rb.fitsInt()) return null;
        if ((p == Predicate.ULT || p == Predicate.ULE) && (!rs.nonNegative() || !rb.nonNegative())) return null;
        return new Counted(pre, h, counter, cmp, p, start, b, stayOnTrue ? taken : notTaken, stayOnTrue ? notTaken : taken);
    }

    private static boolean isOne(Value v) { return v instanceof Constant c && c.value() == 1; }

    /** Declares the three kfuncs (and nothing else) unless the module has them; false when it has them otherwise. */
    private static boolean declareKfuncs(Module m) {
        return declare(m, ITER_NEW, Type.I32, List.of(Type.PTR, Type.I32, Type.I32))
                & declare(m, ITER_NEXT, Type.PTR, List.of(Type.PTR))
                & declare(m, ITER_DESTROY, Type.VOID, List.of(Type.PTR));
    }

    private static boolean declare(Module m, String name, Type ret, List<Type> params) {
        ExternFunction known = m.extern(name);
        if (known != null) {
            return known.kind() == ExternFunction.Kind.KFUNC && known.returnType() == ret && known.paramTypes().equals(params);
        }
        if (m.hasSymbol(name)) return false;
        m.externs().add(new ExternFunction(ExternFunction.Kind.KFUNC, name, ret, params, 0, false));
        return true;
    }

    /** Whether the license section says GPL or a dual licence with GPL (what the kernel requires for kfuncs). */
    static boolean gplCompatible(Module m) {
        for (Global g : m.globals()) {
            if (!"license".equals(g.section()) || g.data() == null) continue;
            String s = new String(g.data(), StandardCharsets.ISO_8859_1);
            int nul = s.indexOf('\0');
            if (nul >= 0) s = s.substring(0, nul);
            return switch (s) {
                case "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL" -> true;
                default -> false;
            };
        }
        return false;
    }

    private static void toIterator(Function fn, Loop loop, Counted c, PacketRecheck.Plan recheck) {
        Block h = c.header();
        // 1. a preheader that only enters the loop, and the iterator's slot
        Block pre = c.preheader();
        if (pre.successors().size() != 1) {
            Block np = new Block(fn.uniqueBlockName(h.name() + ".preheader"));
            fn.insertBlockAfter(pre, np);
            np.append(Instruction.br(h));
            pre.terminator().replaceTarget(h, np);
            for (Instruction phi : h.phis()) phi.replaceTarget(pre, np);
            pre = np;
        }
        Instruction it = Instruction.alloca(8, 8);
        it.setName(fn.uniqueValueName("iter"));
        fn.entry().insert(0, it);
        Type type = c.counter().type();
        Value end = c.end();
        if (c.whileTrue() == Predicate.SLE || c.whileTrue() == Predicate.ULE) {
            end = Constant.of(type, ((Constant) end).value() + 1);
        }
        boolean unsigned = c.unsigned();
        Value start32 = narrow(pre, c.start()), end32 = narrow(pre, end);
        Instruction newCall = Instruction.callKfunc(Type.I32, ITER_NEW, List.of(it, start32, end32));
        newCall.loc = c.compare().loc;
        pre.insertBeforeTerminator(newCall);

        // 2. the header asks for the next value; two checks tell the verifier its bounds
        Block done = new Block(fn.uniqueBlockName(h.name() + ".done"));
        Block iter = new Block(fn.uniqueBlockName(h.name() + ".iter"));
        Block inRange = new Block(fn.uniqueBlockName(h.name() + ".inrange"));
        fn.insertBlockAfter(h, iter);
        fn.insertBlockAfter(iter, inRange);
        Instruction oldBr = h.terminator();
        DebugLocs at = new DebugLocs(c.compare().loc);
        Instruction next = at.stamp(Instruction.callKfunc(Type.PTR, ITER_NEXT, List.of(it)));
        h.insertBefore(oldBr, next);
        Instruction isEnd = h.insertBefore(oldBr, at.stamp(Instruction.cmp(Predicate.EQ, next, Constant.nullPtr())));
        h.insertBefore(oldBr, at.stamp(Instruction.condbr(isEnd, done, iter)));
        h.remove(oldBr);
        h.remove(c.compare());
        Instruction value = iter.append(at.stamp(Instruction.load(Type.I32, next, 4)));
        if (type == Type.I64) value = iter.append(at.stamp(Instruction.cast(Opcode.SEXT, value, Type.I64)));
        value.setName(fn.uniqueValueName(c.counter().name() == null ? "i" : c.counter().name()));
        Instruction below = iter.append(at.stamp(Instruction.cmp(unsigned ? Predicate.ULT : Predicate.SLT, value, c.start())));
        iter.append(at.stamp(Instruction.condbr(below, done, inRange)));
        Instruction above = inRange.append(at.stamp(Instruction.cmp(unsigned ? Predicate.UGE : Predicate.SGE, value, end)));
        inRange.append(at.stamp(Instruction.condbr(above, done, c.inside())));
        for (Instruction phi : c.inside().phis()) phi.replaceTarget(h, inRange);
        Instruction destroyAtEnd = done.append(at.stamp(Instruction.callKfunc(Type.VOID, ITER_DESTROY, List.of(it))));
        done.append(at.stamp(Instruction.br(c.exit())));
        fn.insertBlockAfter(lastLoopBlock(fn, loop), done);
        for (Instruction phi : c.exit().phis()) phi.replaceTarget(h, done);

        // 3. the counter: the iterator's value inside, the final value (end, or start if the loop never ran) after
        Instruction counter = c.counter();
        Exits out = new Exits(fn, done, destroyAtEnd, value, c, end, unsigned);
        UseList uses = new UseList(fn);
        Set<Block> inLoop = new HashSet<>(loop.blocks());
        inLoop.add(iter);
        inLoop.add(inRange);
        for (Instruction u : new ArrayList<>(uses.users(counter))) {
            if (u == counter) continue;
            if (u.isPhi()) {
                for (int k = 0; k < u.operands().size(); k++) {
                    if (u.operand(k) != counter) continue;
                    Block from = u.targets().get(k);
                    if (from == done) u.setOperand(k, out.last());
                    else if (inLoop.contains(from)) u.setOperand(k, value);
                    else u.setOperand(k, from.insertBeforeTerminator(Instruction.load(type, out.slot(), type.bytes)));
                }
            } else if (inLoop.contains(u.block())) {
                u.replaceOperand(counter, value);
            } else {
                // used after the loop: through a slot that Mem2Reg turns back into SSA
                Instruction ld = u.block().insertBefore(u, Instruction.load(type, out.slot(), type.bytes));
                u.replaceOperand(counter, ld);
            }
        }
        h.remove(counter);

        // 4. every other way out destroys the iterator first
        for (Block from : loop.blocks()) {
            if (from == h) continue;
            Instruction t = from.terminator();
            for (Block to : new ArrayList<>(new java.util.LinkedHashSet<>(t.targets()))) {
                if (inLoop.contains(to)) continue;
                Block exit = new Block(fn.uniqueBlockName(from.name() + ".leave"));
                fn.insertBlockAfter(from, exit);
                exit.append(at.stamp(Instruction.callKfunc(Type.VOID, ITER_DESTROY, List.of(it))));
                exit.append(Instruction.br(to));
                t.replaceTarget(to, exit);
                for (Instruction phi : to.phis()) phi.replaceTarget(from, exit);
            }
        }
        // 5. packet accesses at the counter's offset compare their own pointer with the end (never true, see
        // PacketRecheck), so the verifier grants them their bytes
        if (recheck != null) PacketRecheck.insert(fn, recheck.guards(), done);
        if (out.slot != null) new Mem2Reg().run(fn);
    }

    /** The counter's value after the loop, made when first needed. */
    private static final class Exits {
        private final Function fn;
        private final Block done;
        private final Instruction destroy, value;
        private final Counted c;
        private final Value end;
        private final boolean unsigned;
        private Instruction last, slot;

        Exits(Function fn, Block done, Instruction destroy, Instruction value, Counted c, Value end, boolean unsigned) {
            this.fn = fn;
            this.done = done;
            this.destroy = destroy;
            this.value = value;
            this.c = c;
            this.end = end;
            this.unsigned = unsigned;
        }

        /** {@code end} if the loop ran at all (start &lt; end), else {@code start}. */
        Instruction last() {
            if (last == null) {
                Instruction ran = done.insertAfter(destroy, Instruction.cmp(unsigned ? Predicate.ULT : Predicate.SLT, c.start(), end));
                last = done.insertAfter(ran, Instruction.select(ran, end, c.start()));
            }
            return last;
        }

        /** A slot holding the counter: the iterator's value in the loop, {@link #last} after it. */
        Instruction slot() {
            if (slot == null) {
                int bytes = value.type().bytes;
                slot = Instruction.alloca(bytes, bytes);
                slot.setName(fn.uniqueValueName(value.name() + ".out"));
                fn.entry().insert(0, slot);
                value.block().insertAfter(value, Instruction.store(value, slot, bytes));
                Instruction l = last();
                done.insertAfter(l, Instruction.store(l, slot, bytes));
            }
            return slot;
        }
    }

    /** The {@code int} argument for one end of an i64 counter's range (known to fit, see {@link #match}). */
    private static Value narrow(Block pre, Value v) {
        if (v.type() == Type.I32) return v;
        if (v instanceof Constant c) return Constant.of(Type.I32, c.value());
        return pre.insertBeforeTerminator(Instruction.cast(Opcode.TRUNC, v, Type.I32));
    }

    private static Block lastLoopBlock(Function fn, Loop loop) {
        Block last = loop.header();
        for (Block b : fn.blocks()) if (loop.contains(b)) last = b;
        return last;
    }

    /** Gives new instructions the loop's source location (line info points at the loop's condition). */
    private record DebugLocs(dev.jbpfc.ir.DebugLoc loc) {
        Instruction stamp(Instruction i) {
            i.loc = loc;
            return i;
        }
    }
}
