package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.DebugLoc;
import dev.jbpfc.ir.FnAttr;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Param;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.DominatorTree;
import dev.jbpfc.ir.analysis.LoopInfo.Loop;
import dev.jbpfc.ir.analysis.UseList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Needs: SSA form and a loop {@link LoopLowering} matched as counted, in a function whose CFG has not changed since.
 * Leaves stale: the function's CFG, dominators and loops; adds the callback to the module. Runs Mem2Reg on the
 * function when values computed in the loop are used after it.
 *
 * Outlines a counted loop into a {@code bpf_loop} callback (helper 181, kernel 5.17+, any license). The kernel
 * verifies the callback as a loop body with a bounded index, not trip by trip, so the cost does not grow with the
 * trip count. The body moves to a static function {@code long cb(u64 index, void *ctx)} that returns 0 to go on and
 * 1 to stop; what the body reads from the caller and what it carries from one trip to the next travel through a
 * context struct of 8-byte fields on the caller's stack, and a {@code break}, {@code return} or {@code goto} out of
 * the loop stores its exit number and the values used after it there, so the caller picks up where the loop left:
 * <pre>
 *   pre:  br loop                                 pre:  store 0, %ctx                  ; exit number
 *   loop: %i = phi i32 [0, pre], [%i1, body]            store %p, %ctx+8               ; read by the body
 *         %s = phi i32 [0, pre], [%s1, body]            store 0, %ctx+16               ; %s before the first trip
 *         %c = cmp slt i32 %i, %n                       store %n, %ctx+24
 *         condbr %c, body, out                          callhelper 181(%trips, addr @f__bpf_loop, %ctx, 0)
 *   body: %v = load %p ...                              %why = load i32 %ctx
 *         condbr %v == 0, found, latch                  switch %why, out [1: found.1]
 *   latch: %s1 = add %s, %v                       found.1: %i.out = load %ctx+32 ... br found
 *         %i1 = add i32 %i, 1                     out:  %s.out = load %ctx+16 ...
 *         br loop
 *   found: ret i32 %i                             define static i64 @f__bpf_loop(i64 %index, ptr %ctx):
 *                                                   %p = load ptr %ctx+8; %s = load %ctx+16; %n = load %ctx+24
 *                                                   %i = trunc %index   ; and %i &lt; %n checked: the verifier
 *                                                   body ...            ; sees the counter's bounds
 *                                                   found: store 1, %ctx; store %i, %ctx+32; ret 1
 *                                                   latch: ... store %s1, %ctx+16; ret 0
 * </pre>
 * The range checks of the index never fail at run time (bpf_loop calls with 0 .. trips-1), but they tell the
 * verifier the counter's range, as the iterator lowering's checks do. Values of the loop used after it go through
 * a stack slot of the caller that Mem2Reg turns back into SSA values. A load or store at a packet pointer plus the
 * counter gets {@link PacketRecheck}'s guard in the callback, against the context's copy of the packet's end: a
 * packet pointer the caller spilled to its stack keeps the range its check gave it, but the pointer plus a variable
 * has none until compared with the end itself.
 */
final class BpfLoopOutlining {
    /** BPF_FUNC_loop. */
    static final int BPF_FUNC_LOOP = 181;
    /** bpf_loop refuses (-E2BIG, no trip run) more than this many trips (the kernel's BPF_MAX_LOOPS). */
    static final long MAX_TRIPS = 1L << 23;
    /** More context than this would crowd the caller's 512-byte stack. */
    static final int MAX_CONTEXT_BYTES = 256;
    private static final int BPF_FUNC_TAIL_CALL = 12;

    private BpfLoopOutlining() {}

    /** Why the loop cannot become a bpf_loop callback, or null when it can. */
    static String refusal(Loop loop, LoopLowering.Counted c, Set<Instruction> contexts, PacketRecheck.Plan recheck) {
        if (c.inside() == c.header()) return "the loop has no body";
        for (Block b : loop.blocks()) {
            for (Instruction i : b.instructions()) {
                switch (i.op()) {
                    case INLINE_ASM -> { return "the loop holds inline assembly, which may use the caller's frame"; }
                    case ALLOCA -> { return "the loop allocates stack"; }
                    case CALLHELPER -> {
                        if (i.size == BPF_FUNC_TAIL_CALL) return "a bpf_loop callback cannot make a tail call";
                    }
                    case CALLKFUNC -> {
                        for (Value v : i.operands()) {
                            if (v instanceof Instruction a && a.op() == Opcode.ALLOCA) {
                                return "the loop passes a stack slot to a kfunc (iterator or dynptr state the verifier "
                                        + "keeps in the frame that made it)";
                            }
                        }
                    }
                    case STORE -> {
                        Instruction into = allocaOf(i.operand(1));
                        boolean intoOwnFrame = into != null && contexts.contains(into) && usedOnlyIn(into, loop.blocks());
                        if (i.operand(0).type() == Type.PTR && allocaOf(i.operand(0)) != null && !intoOwnFrame) {
                            return "the loop stores the address of a local in memory, which a callback may not do";
                        }
                    }
                    default -> { }
                }
            }
        }
        Shape s = new Shape(loop, c, contexts, recheck);
        for (Value v : s.liveIns) if (v.type() == Type.I1) return "a condition computed before the loop is used in it";
        for (Value v : s.liveOuts) if (v.type() == Type.I1) return "a condition computed in the loop is used after it";
        int bytes = 8 * s.fieldCount();
        if (bytes > MAX_CONTEXT_BYTES) {
            return "the loop's live state needs " + bytes + " bytes of context (at most " + MAX_CONTEXT_BYTES + ")";
        }
        return null;
    }

    /**
     * auto: why the caller's frame plus the callback's would likely pass the verifier's limit for the two together
     * (512 bytes: the callback runs in a frame of its own on top of the caller's), or null. Counts the allocas each
     * frame will hold, the context included, and {@link #SPILL_ALLOWANCE} per frame for the register allocator's
     * spills, each rounded up to 16 bytes as the verifier rounds frames. The backend checks the exact sum
     * (StackLimit) and refuses the object when an outlined loop passes it; auto keeps such a loop plain when the
     * verifier can walk it plain (a guess must not turn a loop that would verify as a callback into one it refuses).
     */
    static String stackRefusal(Function fn, Loop loop, LoopLowering.Counted c, Set<Instruction> contexts,
                               PacketRecheck.Plan recheck) {
        Shape s = new Shape(loop, c, contexts, recheck);
        long callee = SPILL_ALLOWANCE, caller = SPILL_ALLOWANCE + Math.max(8, 8L * s.fieldCount());
        for (Instruction i : fn.instructions()) {
            if (i.op() != Opcode.ALLOCA) continue;
            long bytes = (i.size + 7) / 8 * 8;
            if (s.movedContexts.contains(i)) callee += bytes;
            else caller += bytes;
        }
        long total = (caller + 15) / 16 * 16 + (callee + 15) / 16 * 16;
        if (total <= STACK_LIMIT) return null;
        return "the caller's stack (about " + caller + " bytes) and the callback's (about " + callee
                + ") could exceed the verifier's limit of " + STACK_LIMIT + " for the two together";
    }

    /** What the verifier allows a function and the bpf_loop callback it calls to use together. */
    static final int STACK_LIMIT = 512;
    /** auto's guess at the bytes of spill slots a frame gets beyond its allocas. */
    static final int SPILL_ALLOWANCE = 64;

    /**
     * The stack slot {@code p} points into, or null. A pointer to the caller's stack stays valid in the callback,
     * but the verifier refuses to store one in the caller's frame ("cannot spill pointers to stack into stack frame
     * of the caller"). The context of a bpf_loop call inside the loop ({@code contexts}, used only there) moves
     * into the callback's own frame, where it may be stored.
     */
    private static Instruction allocaOf(Value p) {
        for (int depth = 0; depth < 32 && p instanceof Instruction i; depth++) {
            if (i.op() == Opcode.PTRADD) p = i.operand(0);
            else return i.op() == Opcode.ALLOCA ? i : null;
        }
        return null;
    }

    private static boolean usedOnlyIn(Instruction v, Set<Block> blocks) {
        for (Block b : v.block().function().blocks()) {
            if (blocks.contains(b)) continue;
            for (Instruction i : b.instructions()) if (i.operands().contains(v)) return false;
        }
        return true;
    }

    /** What crosses the loop's boundary. */
    private static final class Shape {
        final Set<Block> blocks;
        /** Values from before the loop the body reads (not {@code addr}s: those are made again in the callback). */
        final Set<Value> liveIns = new LinkedHashSet<>();
        /** Header phis other than the counter. */
        final List<Instruction> carried = new ArrayList<>();
        /** Values of the loop used after it. */
        final Set<Instruction> liveOuts = new LinkedHashSet<>();
        /** Edges from the body to outside the loop (the header's own exit excepted), in block order. */
        final List<Block[]> exits = new ArrayList<>();

        /** Contexts of bpf_loop calls in the loop, used only there: they move into the callback's frame. */
        final Set<Instruction> movedContexts = new LinkedHashSet<>();

        Shape(Loop loop, LoopLowering.Counted c, Set<Instruction> contexts, PacketRecheck.Plan recheck) {
            blocks = loop.blocks();
            for (Instruction a : contexts) if (a.block() != null && a.block().function() == c.header().function() && usedOnlyIn(a, blocks)) movedContexts.add(a);
            Block h = c.header();
            for (Instruction phi : h.phis()) if (phi != c.counter()) carried.add(phi);
            for (Block b : orderedBlocks(h.function(), blocks)) {
                if (b == h) continue;
                for (Instruction i : b.instructions()) for (Value v : i.operands()) noteLiveIn(v);
                for (Block to : b.terminator().successors()) if (!blocks.contains(to)) exits.add(new Block[] {b, to});
            }
            for (Instruction phi : carried) {
                for (int k = 0; k < phi.operands().size(); k++) {
                    if (blocks.contains(phi.targets().get(k))) noteLiveIn(phi.operand(k));
                }
            }
            // a packet guard compares with the end its check before the loop proved: the callback reads it too
            if (recheck != null) for (PacketRecheck.Guard g : recheck.guards()) noteLiveIn(g.end());
            if (!(c.start() instanceof Constant)) noteLiveIn(c.start());
            if (!(c.end() instanceof Constant)) noteLiveIn(c.end());
            UseList uses = new UseList(h.function());
            for (Block b : orderedBlocks(h.function(), blocks)) {
                for (Instruction i : b.instructions()) {
                    if (!i.hasResult()) continue;
                    for (Instruction u : uses.users(i)) {
                        if (u.block() != null && !blocks.contains(u.block())) liveOuts.add(i);
                    }
                }
            }
        }

        private void noteLiveIn(Value v) {
            if (v instanceof Param) liveIns.add(v);
            if (v instanceof Instruction i && i.op() != Opcode.ADDR && !blocks.contains(i.block()) && !movedContexts.contains(i)) {
                liveIns.add(v);
            }
        }

        /** The exit number field, live-ins, carried values, the other live-outs. */
        int fieldCount() {
            int n = (exits.isEmpty() ? 0 : 1) + liveIns.size() + carried.size();
            for (Instruction v : liveOuts) if (!carried.contains(v)) n++;
            return n;
        }
    }

    private static List<Block> orderedBlocks(Function fn, Set<Block> blocks) {
        List<Block> out = new ArrayList<>();
        for (Block b : fn.blocks()) if (blocks.contains(b)) out.add(b);
        return out;
    }

    /** Replaces the loop by a bpf_loop call; returns the callback (added to the module). */
    static Function outline(Module m, Function fn, Loop loop, LoopLowering.Counted c, Set<Instruction> contexts,
                            PacketRecheck.Plan recheck) {
        Shape s = new Shape(loop, c, contexts, recheck);
        DominatorTree dt = new DominatorTree(new Cfg(fn));
        Block h = c.header();
        Block pre = c.preheader();
        DebugLoc at = c.compare().loc;
        Type counterType = c.counter().type();
        boolean unsigned = c.unsigned();
        Value end = c.end();
        if (c.whileTrue() == Predicate.SLE || c.whileTrue() == Predicate.ULE) {
            end = Constant.of(counterType, ((Constant) end).value() + 1);
        }

        // 1. the context's fields, 8 bytes each
        Map<Value, Integer> field = new LinkedHashMap<>();
        int next = 0;
        int reason = -1;
        if (!s.exits.isEmpty()) { reason = next; next += 8; }
        for (Value v : s.liveIns) { field.put(v, next); next += 8; }
        for (Instruction phi : s.carried) { field.put(phi, next); next += 8; }
        for (Instruction v : s.liveOuts) if (!field.containsKey(v)) { field.put(v, next); next += 8; }
        Instruction ctx = Instruction.alloca(Math.max(next, 8), 8);
        ctx.setName(fn.uniqueValueName("loop.ctx"));
        fn.entry().insert(0, ctx);
        contexts.add(ctx);

        // 2. the callback: live-ins and carried values from the context, the counter from the index
        Function cb = new Function(callbackName(m, fn), Type.I64);
        cb.setLinkage(Linkage.STATIC);
        cb.attrs().add(FnAttr.LOOP_CALLBACK);
        cb.setSection(".text");
        Param index = cb.addParam("index", Type.I64);
        Param cbCtx = cb.addParam("ctx", Type.PTR);
        Block entry = cb.addBlock("entry");
        for (Instruction a : s.movedContexts) {
            a.block().remove(a);
            entry.append(a);
        }
        Block stop = new Block("stop");
        if (reason >= 0) {
            // A trip that left the loop returned 1, and bpf_loop calls no more; the verifier does not know that,
            // and explores the callback again from the state that exit left (its number and values in the
            // context, which the caller's dispatch makes precise, so no earlier state covers it). Stopping at once
            // when an exit number is set ends that walk in four instructions; it never happens at run time.
            Block trip = new Block("trip");
            Instruction why = entry.append(load(Type.I32, cbCtx, reason, entry, at));
            Instruction left = entry.append(stamp(Instruction.cmp(Predicate.NE, why, Constant.of(Type.I32, 0)), at));
            entry.append(stamp(Instruction.condbr(left, stop, trip), at));
            cb.insertBlockAfter(entry, trip);
            entry = trip;
        }
        Map<Value, Value> inCallback = new HashMap<>();
        for (Value v : s.liveIns) inCallback.put(v, entry.append(load(v.type(), cbCtx, field.get(v), entry, at)));
        for (Instruction phi : s.carried) {
            Instruction l = entry.append(load(phi.type(), cbCtx, field.get(phi), entry, at));
            l.setName(phi.name());
            inCallback.put(phi, l);
        }
        for (Block b : s.blocks) {
            for (Instruction i : b.instructions()) {
                for (Value v : i.operands()) {
                    if (v instanceof Instruction a && a.op() == Opcode.ADDR && !s.blocks.contains(a.block())
                            && !inCallback.containsKey(a)) {
                        inCallback.put(a, entry.append(stamp(a.copy(), at)));
                    }
                }
            }
        }
        Value start = inCallback.getOrDefault(c.start(), c.start());
        Value endIn = inCallback.getOrDefault(end, end);
        Value k = counterType == Type.I32 ? entry.append(stamp(Instruction.cast(Opcode.TRUNC, index, Type.I32), at)) : index;
        Value counter = isZero(start) ? k : entry.append(stamp(Instruction.binary(Opcode.ADD, k, start), at));
        if (counter instanceof Instruction ci) ci.setName(c.counter().name() == null ? "i" : c.counter().name());
        inCallback.put(c.counter(), counter);
        Block check = entry;
        if (!(unsigned && isZero(start))) {
            Block aboveStart = new Block("loop.inrange");
            Instruction below = entry.append(stamp(Instruction.cmp(unsigned ? Predicate.ULT : Predicate.SLT, counter, start), at));
            entry.append(stamp(Instruction.condbr(below, stop, aboveStart), at));
            cb.insertBlockAfter(entry, aboveStart);
            check = aboveStart;
        }
        Instruction above = check.append(stamp(Instruction.cmp(unsigned ? Predicate.UGE : Predicate.SGE, counter, endIn), at));
        check.append(stamp(Instruction.condbr(above, stop, c.inside()), at));
        for (Instruction phi : c.inside().phis()) phi.replaceTarget(h, check);

        // 3. the body moves over; it reads the context's copies of live-ins and carried values
        Block last = check;
        for (Block b : orderedBlocks(fn, s.blocks)) {
            if (b == h) continue;
            fn.removeBlock(b);
            cb.insertBlockAfter(last, b);
            last = b;
        }
        for (Block b : cb.blocks()) {
            if (b == entry) continue;
            for (Instruction i : b.instructions()) {
                for (int op = 0; op < i.operands().size(); op++) {
                    Value r = inCallback.get(i.operand(op));
                    if (r != null) i.setOperand(op, r);
                }
            }
        }
        stop.append(stamp(Instruction.ret(Constant.of(Type.I64, 1)), at));

        // 4. a back edge stores the next trip's carried values and returns 0
        for (Block b : new ArrayList<>(cb.blocks())) {
            Instruction t = b.terminator();
            if (!t.targets().contains(h)) continue;
            Block nextTrip = new Block(b.name() + ".next");
            for (Instruction phi : s.carried) {
                Value v = phi.incomingFor(b);
                nextTrip.append(store(inCallback.getOrDefault(v, v), cbCtx, field.get(phi), nextTrip, at));
            }
            nextTrip.append(stamp(Instruction.ret(Constant.of(Type.I64, 0)), at));
            t.replaceTarget(h, nextTrip);
            t.loopHint = Instruction.HINT_NONE; // no longer a back edge
            cb.insertBlockAfter(b, nextTrip);
        }
        // a way out stores its number and the values used after the loop that it has, and returns 1
        List<Block> dispatch = new ArrayList<>();
        int number = 0;
        for (Block[] e : s.exits) {
            Block from = e[0], to = e[1];
            number++;
            Block leave = new Block(from.name() + ".exit" + number);
            leave.append(store(Constant.of(Type.I32, number), cbCtx, reason, leave, at));
            for (Instruction v : s.liveOuts) {
                if (s.carried.contains(v) || !available(dt, v, from)) continue;
                Value now = inCallback.getOrDefault(v, v);
                leave.append(store(now, cbCtx, field.get(v), leave, at));
            }
            leave.append(stamp(Instruction.ret(Constant.of(Type.I64, 1)), at));
            from.terminator().replaceTarget(to, leave);
            cb.insertBlockAfter(from, leave);
            dispatch.add(new Block(fn.uniqueBlockName(to.name() + "." + number)));
        }
        cb.insertBlockAfter(null, stop);
        m.functions().add(cb);
        // packet accesses at the counter's offset compare their own pointer with the context's copy of the end
        // (never true, see PacketRecheck); a failing guard would stop the loop
        if (recheck != null && !recheck.guards().isEmpty()) {
            List<PacketRecheck.Guard> guards = new ArrayList<>();
            for (PacketRecheck.Guard g : recheck.guards()) {
                guards.add(new PacketRecheck.Guard(g.access(), g.pointer(), g.size(), inCallback.getOrDefault(g.end(), g.end())));
            }
            PacketRecheck.insert(cb, guards, stop);
        }

        // 5. the caller: fill the context, call bpf_loop, pick up where the loop left
        Block call = new Block(fn.uniqueBlockName(h.name() + ".bpf_loop"));
        fn.insertBlockAfter(pre, call);
        pre.terminator().replaceTarget(h, call);
        if (reason >= 0) call.append(store(Constant.of(Type.I32, 0), ctx, reason, call, at));
        for (Value v : s.liveIns) call.append(store(v, ctx, field.get(v), call, at));
        for (Instruction phi : s.carried) call.append(store(phi.incomingFor(pre), ctx, field.get(phi), call, at));
        Value trips = tripCount(call, c.start(), end, unsigned, at);
        Instruction fnAddr = call.append(stamp(Instruction.addr(cb.name()), at));
        call.append(stamp(Instruction.callHelper(Type.I64, BPF_FUNC_LOOP,
                List.of(trips, fnAddr, ctx, Constant.of(Type.I64, 0))), at));
        Block done = new Block(fn.uniqueBlockName(h.name() + ".done"));
        if (reason >= 0) {
            Instruction why = call.append(load(Type.I32, ctx, reason, call, at));
            long[] numbers = new long[dispatch.size()];
            for (int n = 0; n < numbers.length; n++) numbers[n] = n + 1;
            call.append(stamp(Instruction.switchOf(why, done, numbers, dispatch), at));
        } else {
            call.append(stamp(Instruction.br(done), at));
        }
        fn.insertBlockAfter(call, done);

        Map<Instruction, Instruction> slot = new LinkedHashMap<>();
        for (Instruction v : s.liveOuts) {
            Instruction a = Instruction.alloca(8, 8);
            a.setName(fn.uniqueValueName((v.name() == null ? "v" : v.name()) + ".out"));
            fn.entry().insert(0, a);
            slot.put(v, a);
        }
        // the loop ran to its end: carried values from the context, the counter at its end (or start if no trip ran)
        for (Instruction v : s.liveOuts) {
            if (s.carried.contains(v)) {
                done.append(stamp(Instruction.store(done.append(load(v.type(), ctx, field.get(v), done, at)), slot.get(v), 8), at));
            } else if (v == c.counter()) {
                Instruction ran = done.append(stamp(Instruction.cmp(unsigned ? Predicate.ULT : Predicate.SLT, c.start(), end), at));
                Instruction lastValue = done.append(stamp(Instruction.select(ran, end, c.start()), at));
                done.append(stamp(Instruction.store(lastValue, slot.get(v), 8), at));
            }
        }
        done.append(stamp(Instruction.br(c.exit()), at));
        for (Instruction phi : c.exit().phis()) phi.replaceTarget(h, done);
        // the loop left early: the values it stored on the way out
        for (int n = 0; n < s.exits.size(); n++) {
            Block from = s.exits.get(n)[0], to = s.exits.get(n)[1], d = dispatch.get(n);
            for (Instruction v : s.liveOuts) {
                if (!available(dt, v, from)) continue;
                d.append(stamp(Instruction.store(d.append(load(v.type(), ctx, field.get(v), d, at)), slot.get(v), 8), at));
            }
            d.append(stamp(Instruction.br(to), at));
            for (Instruction phi : to.phis()) phi.replaceTarget(from, d);
            fn.insertBlockAfter(done, d);
        }
        fn.removeBlock(h);

        // 6. uses after the loop read the slots; Mem2Reg makes SSA values of them again
        UseList uses = new UseList(fn);
        for (Instruction v : s.liveOuts) {
            Instruction sl = slot.get(v);
            for (Instruction u : new ArrayList<>(uses.users(v))) {
                if (u.block() == null || u.block().function() != fn) continue;
                if (u.isPhi()) {
                    for (int op = 0; op < u.operands().size(); op++) {
                        if (u.operand(op) != v) continue;
                        Block from = u.targets().get(op);
                        u.setOperand(op, from.insertBeforeTerminator(stamp(Instruction.load(v.type(), sl, 8), at)));
                    }
                } else {
                    u.replaceOperand(v, u.block().insertBefore(u, stamp(Instruction.load(v.type(), sl, 8), at)));
                }
            }
        }
        if (!slot.isEmpty()) new Mem2Reg().run(fn);
        return cb;
    }

    /** Whether {@code v} (of the loop) has a value when the loop is left from {@code from}. */
    private static boolean available(DominatorTree dt, Instruction v, Block from) {
        return dt.dominates(v.block(), from);
    }

    /** {@code start < end ? end - start : 0}, as bpf_loop's u32 count. */
    private static Value tripCount(Block b, Value start, Value end, boolean unsigned, DebugLoc at) {
        Value n;
        if (start instanceof Constant s0 && end instanceof Constant e0) {
            long lo = unsigned ? s0.unsignedValue() : s0.value(), hi = unsigned ? e0.unsignedValue() : e0.value();
            return Constant.of(Type.I32, Math.max(0, hi - lo));
        }
        Instruction ran = b.append(stamp(Instruction.cmp(unsigned ? Predicate.ULT : Predicate.SLT, start, end), at));
        Instruction diff = b.append(stamp(Instruction.binary(Opcode.SUB, end, start), at));
        n = b.append(stamp(Instruction.select(ran, diff, Constant.of(end.type(), 0)), at));
        if (n.type() == Type.I64) n = b.append(stamp(Instruction.cast(Opcode.TRUNC, n, Type.I32), at));
        return n;
    }

    private static boolean isZero(Value v) { return v instanceof Constant c && c.value() == 0; }

    /** A load of a context field (its address computed at the end of {@code b}); the caller appends it. */
    private static Instruction load(Type t, Value base, int offset, Block b, DebugLoc at) {
        return stamp(Instruction.load(t, address(base, offset, b, at), 8), at);
    }

    /** A store to a context field (its address computed at the end of {@code b}); the caller appends it. */
    private static Instruction store(Value v, Value base, int offset, Block b, DebugLoc at) {
        return stamp(Instruction.store(v, address(base, offset, b, at), 8), at);
    }

    private static Value address(Value base, int offset, Block b, DebugLoc at) {
        if (offset == 0) return base;
        return b.append(stamp(Instruction.ptradd(base, Constant.of(Type.I64, offset)), at));
    }

    private static Instruction stamp(Instruction i, DebugLoc at) {
        if (i.loc == null) i.loc = at;
        return i;
    }

    /** {@code <function>__bpf_loop[_N]}: a C identifier (BTF FUNC names must be) no symbol of the module has. */
    private static String callbackName(Module m, Function fn) {
        String base = fn.name() + "__bpf_loop";
        String n = base;
        for (int k = 1; m.hasSymbol(n); k++) n = base + "_" + k;
        return n;
    }
}
