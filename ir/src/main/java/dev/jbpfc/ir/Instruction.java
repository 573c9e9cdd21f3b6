package dev.jbpfc.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One IR instruction. It is a single class whose {@link Opcode} says which of the fields below matter (as QBE's
 * {@code Ins}): a few typed fields beat twenty subclasses that every pass has to switch over. The operand shapes per
 * opcode (docs/ir.md has the full table):
 * <pre>
 *   binary    operands [a, b]                       type = i32|i64
 *   cmp       operands [a, b]      predicate         type = i1
 *   cast      operands [x]                           type = target type
 *   ptradd    operands [p, off]                      type = ptr
 *   addrspacecast operands [p]     fromSpace, toSpace, forAccess   type = ptr
 *   select    operands [c, a, b]                     type = a's type
 *   phi       operands [v...]      targets [block...] (incoming block i for operand i)
 *   addr      symbol                                 type = ptr
 *   alloca    size, align                            type = ptr
 *   load      operands [p]         align, volatile   type = loaded type
 *   store     operands [v, p]      align, volatile   type = void
 *   atomicrmw operands [p, v]      atomicOp, fetch   type = v's type if fetch else void
 *   cmpxchg   operands [p, expected, new]            type = value type (the old value)
 *   memcpy    operands [dst, src]  size, align       type = void
 *   memset    operands [dst, byte] size, align       type = void (byte is i8)
 *   call      operands [args...]   symbol            type = return type
 *   callhelper operands [args...]  size = helper id  type = return type
 *   callkfunc operands [args...]   symbol            type = return type
 *   callind   operands [callee, args...]             type = return type (callee is a ptr)
 *   inline_asm operands [args...]  asmTemplate, asmConstraints
 *   core_field                     coreKind, btfTypeId, accessString   type = i32|i64
 *   br        targets [dest]
 *   condbr    operands [c]         targets [ifTrue, ifFalse]
 *   switch    operands [v]         targets [default, case...], caseValues
 *   ret       operands [] or [v]
 *   unreachable
 * </pre>
 */
public final class Instruction extends Value {
    /** Loop hint on a back-edge branch: none. */
    public static final int HINT_NONE = 0;
    /** Loop hint: unroll fully ({@code #pragma unroll}). */
    public static final int HINT_UNROLL = -1;
    /** Loop hint: never unroll ({@code #pragma nounroll}). */
    public static final int HINT_NOUNROLL = -2;

    private Opcode op;
    private Type type;
    private final List<Value> operands = new ArrayList<>();
    private final List<Block> targets = new ArrayList<>();
    private Block block;
    /** See {@link #number()}; -1 until the instruction is in a block of a function. */
    private int number = -1;
    /** The function that gave {@link #number}. */
    private Function numberedIn;

    public Predicate predicate;
    public AtomicOp atomicOp;
    public boolean fetch;
    public boolean isVolatile;
    /** A load with acquire or a store with release semantics (load_acquire / store_release, -mcpu=v4); volatile too. */
    public boolean ordered;
    /** alloca/memcpy/memset size in bytes; callhelper's helper number. */
    public long size;
    public int align;
    /** addr/call/callkfunc: the symbol's name without {@code @}. */
    public String symbol;
    public long[] caseValues = new long[0];
    public CoreKind coreKind;
    public int btfTypeId;
    public String accessString;
    public String asmTemplate;
    public String asmConstraints;
    /** addrspacecast: the address spaces converted from and to (BPF: 0 generic, 1 arena). */
    public int fromSpace, toSpace;
    /**
     * addrspacecast: made for a memory access through an arena pointer (not written in the source), so
     * {@code ArenaCastPlacement} may move it to the pointer's definition and through its ptradds, as clang-22 does.
     */
    public boolean forAccess;
    /** Loop hint on a terminator that closes a loop (HINT_*, or a positive unroll count). */
    public int loopHint = HINT_NONE;
    public DebugLoc loc;

    public Instruction(Opcode op, Type type, Value... operands) {
        this.op = op;
        this.type = type;
        this.operands.addAll(Arrays.asList(operands));
    }

    // ---- factories, one per operand shape ----

    public static Instruction binary(Opcode op, Value a, Value b) {
        if (!op.isBinary()) throw new IllegalArgumentException(op + " is not binary");
        return new Instruction(op, a.type(), a, b);
    }

    public static Instruction cmp(Predicate p, Value a, Value b) {
        Instruction i = new Instruction(Opcode.CMP, Type.I1, a, b);
        i.predicate = p;
        return i;
    }

    public static Instruction cast(Opcode op, Value x, Type to) {
        if (!op.isCast()) throw new IllegalArgumentException(op + " is not a cast");
        return new Instruction(op, to, x);
    }

    public static Instruction ptradd(Value p, Value offset) { return new Instruction(Opcode.PTRADD, Type.PTR, p, offset); }

    /** {@code p} converted from address space {@code from} to {@code to} (BPF {@code addr_space_cast}). */
    public static Instruction addrSpaceCast(Value p, int from, int to, boolean forAccess) {
        Instruction i = new Instruction(Opcode.ADDRSPACECAST, Type.PTR, p);
        i.fromSpace = from;
        i.toSpace = to;
        i.forAccess = forAccess;
        return i;
    }

    /** Whether two addrspacecasts convert alike (the same spaces, both or neither for an access); true for other ops. */
    public boolean sameSpaces(Instruction o) {
        return fromSpace == o.fromSpace && toSpace == o.toSpace && forAccess == o.forAccess;
    }

    public static Instruction select(Value c, Value a, Value b) { return new Instruction(Opcode.SELECT, a.type(), c, a, b); }

    public static Instruction phi(Type type) { return new Instruction(Opcode.PHI, type); }

    public static Instruction addr(String symbol) {
        Instruction i = new Instruction(Opcode.ADDR, Type.PTR);
        i.symbol = symbol;
        return i;
    }

    public static Instruction alloca(long size, int align) {
        Instruction i = new Instruction(Opcode.ALLOCA, Type.PTR);
        i.size = size;
        i.align = align;
        return i;
    }

    public static Instruction load(Type type, Value p, int align) {
        Instruction i = new Instruction(Opcode.LOAD, type, p);
        i.align = align;
        return i;
    }

    public static Instruction store(Value v, Value p, int align) {
        Instruction i = new Instruction(Opcode.STORE, Type.VOID, v, p);
        i.align = align;
        return i;
    }

    public static Instruction atomicRmw(AtomicOp aop, boolean fetch, Value p, Value v) {
        Instruction i = new Instruction(Opcode.ATOMICRMW, fetch ? v.type() : Type.VOID, p, v);
        i.atomicOp = aop;
        i.fetch = fetch;
        i.align = v.type().bytes;
        return i;
    }

    public static Instruction cmpxchg(Value p, Value expected, Value replacement) {
        Instruction i = new Instruction(Opcode.CMPXCHG, expected.type(), p, expected, replacement);
        i.align = expected.type().bytes;
        return i;
    }

    public static Instruction memcpy(Value dst, Value src, long size, int align) {
        Instruction i = new Instruction(Opcode.MEMCPY, Type.VOID, dst, src);
        i.size = size;
        i.align = align;
        return i;
    }

    public static Instruction memset(Value dst, Value byteValue, long size, int align) {
        Instruction i = new Instruction(Opcode.MEMSET, Type.VOID, dst, byteValue);
        i.size = size;
        i.align = align;
        return i;
    }

    public static Instruction call(Type ret, String callee, List<Value> args) {
        Instruction i = new Instruction(Opcode.CALL, ret, args.toArray(Value[]::new));
        i.symbol = callee;
        return i;
    }

    public static Instruction callHelper(Type ret, long helperId, List<Value> args) {
        Instruction i = new Instruction(Opcode.CALLHELPER, ret, args.toArray(Value[]::new));
        i.size = helperId;
        return i;
    }

    public static Instruction callKfunc(Type ret, String kfunc, List<Value> args) {
        Instruction i = new Instruction(Opcode.CALLKFUNC, ret, args.toArray(Value[]::new));
        i.symbol = kfunc;
        return i;
    }

    /** A call through the pointer {@code callee}. */
    public static Instruction callIndirect(Type ret, Value callee, List<Value> args) {
        Instruction i = new Instruction(Opcode.CALLIND, ret, callee);
        i.operands.addAll(args);
        return i;
    }

    public static Instruction inlineAsm(Type ret, String template, String constraints, List<Value> args) {
        Instruction i = new Instruction(Opcode.INLINE_ASM, ret, args.toArray(Value[]::new));
        i.asmTemplate = template;
        i.asmConstraints = constraints;
        return i;
    }

    public static Instruction coreField(Type type, CoreKind kind, int btfTypeId, String access) {
        Instruction i = new Instruction(Opcode.CORE_FIELD, type);
        i.coreKind = kind;
        i.btfTypeId = btfTypeId;
        i.accessString = access;
        return i;
    }

    public static Instruction br(Block dest) {
        Instruction i = new Instruction(Opcode.BR, Type.VOID);
        i.targets.add(dest);
        return i;
    }

    public static Instruction condbr(Value cond, Block ifTrue, Block ifFalse) {
        Instruction i = new Instruction(Opcode.CONDBR, Type.VOID, cond);
        i.targets.add(ifTrue);
        i.targets.add(ifFalse);
        return i;
    }

    public static Instruction switchOf(Value v, Block dflt, long[] values, List<Block> dests) {
        Instruction i = new Instruction(Opcode.SWITCH, Type.VOID, v);
        i.targets.add(dflt);
        i.targets.addAll(dests);
        i.caseValues = values.clone();
        return i;
    }

    public static Instruction ret(Value v) {
        return v == null ? new Instruction(Opcode.RET, Type.VOID) : new Instruction(Opcode.RET, Type.VOID, v);
    }

    public static Instruction unreachable() { return new Instruction(Opcode.UNREACHABLE, Type.VOID); }

    // ---- accessors ----

    public Opcode op() { return op; }

    @Override
    public Type type() { return type; }

    public boolean hasResult() { return type != Type.VOID; }

    public List<Value> operands() { return operands; }

    public Value operand(int i) { return operands.get(i); }

    public void setOperand(int i, Value v) { operands.set(i, v); }

    /** Branch targets, or a phi's incoming blocks (parallel to its operands). */
    public List<Block> targets() { return targets; }

    public Block block() { return block; }

    void setBlock(Block b) {
        this.block = b;
        if (b != null) numberIn(b.function());
    }

    /**
     * A number no other instruction of this function has had, below {@link Function#instructionNumberLimit()}, so
     * that analyses keep per-value facts in arrays instead of hash maps ({@link dev.jbpfc.ir.analysis.UseList}: a
     * map of boxed lists per value was the largest working set of a 50,000-case switch's passes, issue 14). Given
     * when the instruction enters a block of a function (or its block enters one) and kept when it leaves; one
     * moved to another function gets a new one there, so a number alone does not identify an instruction:
     * compare the instruction stored at it.
     */
    public int number() { return number; }

    /** Numbers this instruction in {@code f} unless it has a number there already. */
    void numberIn(Function f) {
        if (f != null && f != numberedIn) {
            number = f.newInstructionNumber();
            numberedIn = f;
        }
    }

    public boolean isTerminator() { return op.isTerminator(); }

    public boolean isPhi() { return op == Opcode.PHI; }

    /** Successor blocks of a terminator, in order, duplicates removed. */
    public List<Block> successors() {
        if (!isTerminator()) return List.of();
        int n = targets.size();
        if (n <= 8) {
            List<Block> out = new ArrayList<>(n);
            for (int k = 0; k < n; k++) { // by index: every Cfg asks every block, and C1 keeps the iterators
                Block b = targets.get(k);
                if (!out.contains(b)) out.add(b);
            }
            return out;
        }
        // A switch may have 100,000 targets: marks by block number keep this linear and cheap (a LinkedHashSet of
        // them, made each time a Cfg is built, cost more than the rest of building it). Targets in another
        // function (malformed IR, which the verifier reports) may share numbers: a set then.
        Function fn = block == null ? null : block.function();
        for (Block b : targets) {
            if (fn == null || b.function() != fn) return new ArrayList<>(new java.util.LinkedHashSet<>(targets));
        }
        boolean[] seen = new boolean[fn.blockNumberLimit()];
        List<Block> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Block b = targets.get(k);
            if (seen[b.number()]) continue;
            seen[b.number()] = true;
            out.add(b);
        }
        return out;
    }

    /** True when the instruction must stay even if its result is unused. */
    public boolean hasSideEffects() {
        if (op == Opcode.LOAD) return isVolatile;
        return !op.isRemovableIfUnused();
    }

    // ---- phi helpers ----

    public void addIncoming(Value v, Block from) {
        operands.add(v);
        targets.add(from);
    }

    /** The value flowing in from {@code from}, or null. */
    public Value incomingFor(Block from) {
        int i = targets.indexOf(from);
        return i < 0 ? null : operands.get(i);
    }

    public void removeIncoming(Block from) {
        int i;
        while ((i = targets.indexOf(from)) >= 0) {
            targets.remove(i);
            operands.remove(i);
        }
    }

    /**
     * Removes the entries from any of {@code from}, keeping the others in order: one pass, where removing the
     * blocks one at a time searched the entries once per block (a join of thousands of predecessors).
     */
    public void removeIncoming(java.util.Set<Block> from) {
        int kept = 0;
        for (int i = 0; i < targets.size(); i++) {
            if (from.contains(targets.get(i))) continue;
            targets.set(kept, targets.get(i));
            operands.set(kept, operands.get(i));
            kept++;
        }
        targets.subList(kept, targets.size()).clear();
        operands.subList(kept, operands.size()).clear();
    }

    /** Replaces every occurrence of {@code from} among the operands. */
    public boolean replaceOperand(Value from, Value to) {
        boolean changed = false;
        for (int i = 0; i < operands.size(); i++) {
            if (operands.get(i) == from) {
                operands.set(i, to);
                changed = true;
            }
        }
        return changed;
    }

    /** Replaces every occurrence of block {@code from} among the targets (for phis: incoming blocks). */
    public void replaceTarget(Block from, Block to) {
        for (int i = 0; i < targets.size(); i++) if (targets.get(i) == from) targets.set(i, to);
    }

    /** Turns this instruction into another in place (used by branch folding); clears operands and targets. */
    public void morph(Opcode newOp, Type newType) {
        this.op = newOp;
        this.type = newType;
        operands.clear();
        targets.clear();
    }

    /** A copy with the same operands and targets (callers remap them); not inserted anywhere, name copied. */
    public Instruction copy() {
        Instruction c = new Instruction(op, type, operands.toArray(Value[]::new));
        c.targets.addAll(targets);
        c.predicate = predicate;
        c.atomicOp = atomicOp;
        c.fetch = fetch;
        c.isVolatile = isVolatile;
        c.ordered = ordered;
        c.size = size;
        c.align = align;
        c.symbol = symbol;
        c.caseValues = caseValues.clone();
        c.coreKind = coreKind;
        c.btfTypeId = btfTypeId;
        c.accessString = accessString;
        c.asmTemplate = asmTemplate;
        c.asmConstraints = asmConstraints;
        c.fromSpace = fromSpace;
        c.toSpace = toSpace;
        c.forAccess = forAccess;
        c.loopHint = loopHint;
        c.loc = loc;
        c.setName(name());
        return c;
    }

    /** Removes this instruction from its block. */
    public void remove() {
        if (block != null) block.remove(this);
    }

    @Override
    public String toString() { return dev.jbpfc.ir.text.IrPrinter.instructionToString(this); }
}
