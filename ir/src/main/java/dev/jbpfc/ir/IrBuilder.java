package dev.jbpfc.ir;

import java.util.List;

/**
 * Appends instructions at the end of a block, for the lowering from C: set the block, then call one method per
 * instruction; each returns the new instruction (its value). A debug location, when set, is stamped on every
 * instruction built until it changes.
 * <pre>
 *   IrBuilder b = new IrBuilder(fn);
 *   b.setBlock(fn.addBlock("entry"));
 *   Value slot = b.alloca(4, 4);
 *   b.store(Constant.of(Type.I32, 0), slot, 4);
 *   b.ret(b.load(Type.I32, slot, 4));
 * </pre>
 */
public final class IrBuilder {
    private final Function fn;
    private Block block;
    private DebugLoc loc;

    public IrBuilder(Function fn) { this.fn = fn; }

    public Function function() { return fn; }

    public Block block() { return block; }

    public void setBlock(Block b) { this.block = b; }

    public void setLoc(DebugLoc loc) { this.loc = loc; }

    /** Whether the current block already ends in a terminator (code after a return goes nowhere). */
    public boolean isTerminated() { return block == null || block.terminator() != null; }

    public Instruction emit(Instruction i) {
        if (i.loc == null) i.loc = loc;
        return block.append(i);
    }

    public Instruction named(Instruction i, String name) {
        if (name != null) i.setName(fn.uniqueValueName(name));
        return i;
    }

    public Instruction binary(Opcode op, Value a, Value b) { return emit(Instruction.binary(op, a, b)); }

    public Instruction cmp(Predicate p, Value a, Value b) { return emit(Instruction.cmp(p, a, b)); }

    public Instruction cast(Opcode op, Value x, Type to) { return emit(Instruction.cast(op, x, to)); }

    public Instruction ptradd(Value p, Value off) { return emit(Instruction.ptradd(p, off)); }

    public Instruction ptradd(Value p, long off) { return ptradd(p, Constant.of(Type.I64, off)); }

    public Instruction addrSpaceCast(Value p, int from, int to, boolean forAccess) {
        return emit(Instruction.addrSpaceCast(p, from, to, forAccess));
    }

    public Instruction select(Value c, Value a, Value b) { return emit(Instruction.select(c, a, b)); }

    public Instruction addr(String symbol) { return emit(Instruction.addr(symbol)); }

    /** Allocas go to the entry block (mem2reg and the frame layout expect them there). */
    public Instruction alloca(long size, int align) {
        Instruction a = Instruction.alloca(size, align);
        Block entry = fn.entry();
        entry.insert(entry.firstNonPhi() + countAllocas(entry), a);
        return a;
    }

    private static int countAllocas(Block entry) {
        int n = 0;
        for (int k = entry.firstNonPhi(); k < entry.size() && entry.get(k).op() == Opcode.ALLOCA; k++) n++;
        return n;
    }

    public Instruction load(Type t, Value p, int align) { return emit(Instruction.load(t, p, align)); }

    public Instruction store(Value v, Value p, int align) { return emit(Instruction.store(v, p, align)); }

    public Instruction memcpy(Value dst, Value src, long size, int align) { return emit(Instruction.memcpy(dst, src, size, align)); }

    public Instruction memset(Value dst, Value b, long size, int align) { return emit(Instruction.memset(dst, b, size, align)); }

    public Instruction call(Type ret, String callee, List<Value> args) { return emit(Instruction.call(ret, callee, args)); }

    public Instruction callHelper(Type ret, long id, List<Value> args) { return emit(Instruction.callHelper(ret, id, args)); }

    public Instruction callKfunc(Type ret, String name, List<Value> args) { return emit(Instruction.callKfunc(ret, name, args)); }

    public Instruction callIndirect(Type ret, Value callee, List<Value> args) { return emit(Instruction.callIndirect(ret, callee, args)); }

    public Instruction coreField(Type t, CoreKind k, int btfTypeId, String access) { return emit(Instruction.coreField(t, k, btfTypeId, access)); }

    public Instruction atomicRmw(AtomicOp op, boolean fetch, Value p, Value v) { return emit(Instruction.atomicRmw(op, fetch, p, v)); }

    public Instruction cmpxchg(Value p, Value expected, Value replacement) { return emit(Instruction.cmpxchg(p, expected, replacement)); }

    public Instruction inlineAsm(Type ret, String template, String constraints, List<Value> args) {
        return emit(Instruction.inlineAsm(ret, template, constraints, args));
    }

    /** A phi at the start of the current block; add entries with {@link Instruction#addIncoming}. */
    public Instruction phi(Type t) {
        Instruction phi = Instruction.phi(t);
        if (phi.loc == null) phi.loc = loc;
        return block.insert(block.firstNonPhi(), phi);
    }

    public Instruction br(Block dest) { return emit(Instruction.br(dest)); }

    /** A back-edge branch of a loop with a {@code #pragma unroll} hint (Instruction.HINT_*). */
    public Instruction loopBr(Block header, int hint) {
        Instruction b = emit(Instruction.br(header));
        b.loopHint = hint;
        return b;
    }

    public Instruction switchOf(Value v, Block dflt, long[] values, List<Block> dests) {
        return emit(Instruction.switchOf(v, dflt, values, dests));
    }

    public Instruction condbr(Value c, Block t, Block f) { return emit(Instruction.condbr(c, t, f)); }

    public Instruction ret(Value v) { return emit(Instruction.ret(v)); }

    public Instruction unreachable() { return emit(Instruction.unreachable()); }
}
