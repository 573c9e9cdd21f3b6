package dev.jbpfc.backend.isel;

import dev.jbpfc.backend.frame.AllocaLayout;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.CpuVersion;
import dev.jbpfc.backend.mir.CoreRelocation;
import dev.jbpfc.backend.mir.MBlock;
import dev.jbpfc.backend.mir.MFunction;
import dev.jbpfc.backend.mir.MInsn;
import dev.jbpfc.backend.mir.MLoop;
import dev.jbpfc.backend.mir.Reg;
import dev.jbpfc.backend.mir.SymbolRef;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.ir.AtomicOp;
import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.CoreKind;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.DebugLoc;
import dev.jbpfc.ir.ExternFunction;
import dev.jbpfc.ir.FnAttr;
import dev.jbpfc.isa.BpfAssembler;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Param;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Undef;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.analysis.UseList;
import dev.jbpfc.source.SourceLocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Instruction selection: one IR function to machine IR with virtual registers. Worked example (-mcpu=v3):
 * <pre>
 *   %p = ptradd %ctx, 4                       ; folded into the load's displacement
 *   %x = load i32 %p, align 4                 %v1 = *(u32 *)(%v0 + 4)
 *   %c = cmp ugt i32 %x, 100                  ; folded into the jump
 *   condbr i1 %c, big, small                  if w%v1 > 100 goto big ; goto small
 * </pre>
 * What it decides:
 * <ul>
 *   <li>Widths: at v3 and later i32 arithmetic uses the 32-bit ALU and JMP32 on subregisters, and every i32
 *       value is kept zero-extended (as the 32-bit ALU leaves it). At v1/v2 everything is 64-bit; an i32 value's
 *       upper half is then unspecified and is normalised (zero- or sign-extended) right before an operation
 *       that reads it (division, right shifts, compares, zext/sext). Pointers (IR type ptr) only ever meet
 *       64-bit instructions.</li>
 *   <li>Folding: a {@code cmp} becomes the conditional jump of the {@code condbr}/{@code select} using it; a
 *       {@code ptradd} by a constant used only as an address becomes the {@code off} of the loads and stores;
 *       an {@code alloca} is {@code r10 - N}; constants, allocas and {@code addr @sym} are rematerialised at
 *       each use (keeps the map pointer the verifier sees a fresh ld_imm64, and register pressure low).</li>
 *   <li>Phis become parallel copies (through fresh temporaries) at the end of each predecessor, on a split
 *       edge block when the predecessor has several successors.</li>
 *   <li>Calls: arguments are copied to r1..r5 right before the call, the result out of r0 right after; the
 *       allocator sees r0..r5 clobbered by the call. Parameters are copied out of r1..r5 on entry.</li>
 * </ul>
 */
public final class InstructionSelector {
    private final Module module;
    private final Function fn;
    private final CpuVersion cpu;
    private final ToLongFunction<CoreRelocation> coreValues;
    private final MFunction mf;
    private final Map<Block, MBlock> blockMap = new HashMap<>();
    private final Map<Value, Integer> vregs = new HashMap<>();
    private final Map<Instruction, Integer> allocaOffset = new HashMap<>();
    /** Who uses each value (a snapshot: isel does not edit the IR). */
    private UseList users;
    private final Set<Instruction> foldedPtradd = new HashSet<>();
    /**
     * {@code ptradd %base, %off} where %off is a CO-RE byte offset and every user is a load or store through it:
     * the offset goes into the memory instruction's 16-bit offset field and the CO-RE record names that load or
     * store, which libbpf patches in place. Context pointers need this: the verifier forbids dereferencing a
     * modified ctx register, so {@code r1 = 112; r3 = r1 + r2; r0 = *(u64 *)(r3 + 0)} fails where
     * {@code r0 = *(u64 *)(r1 + 112)} with the record on the load passes (clang does the same).
     */
    private final Set<Instruction> patchedPtradd = new HashSet<>();
    /** CO-RE byte offsets used only by {@link #patchedPtradd} ones: they emit no instruction of their own. */
    private final Set<Instruction> patchedCore = new HashSet<>();
    private final Set<Instruction> foldedCmp = new HashSet<>();
    /** Loads whose only use is the sext to i64 right after them: one sign-extending load at v4. */
    private final Set<Instruction> foldedSextLoad = new HashSet<>();
    /**
     * {@code sub 0, x} used only as ptradd offsets: each such ptradd subtracts x from the pointer instead ({@code p - x}
     * in C, container_of with a CO-RE offset: clang-22's {@code r -= x}, not {@code t = 0; t -= x; r += t}).
     */
    private final Set<Instruction> negatedOffset = new HashSet<>();
    /** Extensions and truncations only narrow stores read: the store takes the source register (see {@link #storedValue}). */
    private final Set<Instruction> foldedExtension = new HashSet<>();
    private final Set<Value> clean = new HashSet<>();
    /** Per phi of many entries, its value per predecessor (see {@link #incoming}). */
    private final Map<Instruction, Map<Block, Value>> incomingIndex = new HashMap<>();
    /** Whether counted loops are built to the loop-hint templates (-floop-hints, the default). */
    private final boolean loopHints;
    /** Loops being built to a template, by their latch, header and preheader IR blocks (see {@link LoopShaping}). */
    private final Map<Block, LoopShaping.Planned> byLatch = new HashMap<>(), byPreheader = new HashMap<>();
    private final List<LoopShaping.Planned> planned = new ArrayList<>();
    /** Edge blocks (phi copies of a split edge) and the machine block they leave from. */
    private final Map<MBlock, MBlock> edgeOwner = new java.util.LinkedHashMap<>();
    /** Offset below r10 of the outgoing stack-argument area (0 = none). */
    private int outgoingArea;
    private MBlock cur;
    private Block curIr;
    /** {@link #curIrSuccessorCount()}'s answer and the block it is for. */
    private Block successorsCountedFor;
    private int successorCount;
    private DebugLoc loc;

    private InstructionSelector(Module module, Function fn, CpuVersion cpu, ToLongFunction<CoreRelocation> coreValues,
                                boolean loopHints) {
        this.loopHints = loopHints;
        this.module = module;
        this.fn = fn;
        this.cpu = cpu;
        this.coreValues = coreValues;
        int btfId = fn.btfFuncId();
        this.mf = new MFunction(fn.name(), fn.section(), fn.linkage(), btfId);
    }

    /** Selects machine instructions for {@code fn}; throws {@link CompileError} for what BPF or jbpfc cannot do. */
    public static MFunction run(Module module, Function fn, CpuVersion cpu, ToLongFunction<CoreRelocation> coreValues) {
        return run(module, fn, cpu, coreValues, false);
    }

    /** As above; with {@code loopHints} counted loops are built to the loop-hint templates (see {@link LoopShaping}). */
    public static MFunction run(Module module, Function fn, CpuVersion cpu, ToLongFunction<CoreRelocation> coreValues,
                                boolean loopHints) {
        InstructionSelector s = new InstructionSelector(module, fn, cpu, coreValues, loopHints);
        s.select();
        EdgeBlockPlacement.run(s.mf, s.edgeOwner);
        if (!s.mf.loops.isEmpty()) LoopShaping.layOut(s.fn, s.mf, s.blockMap, s.edgeOwner, s.planned);
        return s.mf;
    }

    // ------------------------------------------------------------------------------------------------------
    // Driver

    private void select() {
        collectUsers();
        layOutAllocas();
        decideFolding();
        decideFoldedExtensions();
        for (Block b : fn.blocks()) {
            MBlock mb = new MBlock(fn.name() + "." + b.name());
            blockMap.put(b, mb);
            mf.blocks.add(mb);
        }
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructionsView()) {
                if (!i.hasResult()) continue;
                if (i.op() == Opcode.ALLOCA || i.op() == Opcode.ADDR || foldedPtradd.contains(i) || foldedCmp.contains(i)
                        || patchedPtradd.contains(i) || patchedCore.contains(i) || foldedSextLoad.contains(i)
                        || foldedExtension.contains(i)) {
                    continue;
                }
                vregs.put(i, mf.newVreg());
            }
        }
        boolean first = true;
        for (Block b : fn.blocks()) {
            cur = blockMap.get(b);
            curIr = b;
            if (first) {
                if (!fn.has(FnAttr.NAKED)) copyParams();
                first = false;
                // Parameters have their registers now: plan the loops built to templates.
                // The differential tester's planted add->sub miscompile (its own test) lives in binary(): loops
                // built to templates step in loopLatch instead, so with it planted they are left as they were.
                if (loopHints && cpu.hasAlu32() && !fn.has(FnAttr.NAKED) && !Boolean.getBoolean(PLANTED_ADD32_AS_SUB)) {
                    for (LoopShaping.Planned p : LoopShaping.plan(fn, mf, vregs)) {
                        byLatch.put(p.shape().latch(), p);
                        byPreheader.put(p.shape().preheader(), p);
                        planned.add(p);
                    }
                }
            }
            for (Instruction i : b.instructionsView()) {
                loc = i.loc;
                selectInstruction(i);
            }
        }
    }

    private void collectUsers() { users = new UseList(fn); }

    /** Allocas get fixed slots at the top of the frame, {@code r10 - offset}, shared where lifetimes allow (AllocaLayout). */
    private void layOutAllocas() {
        AllocaLayout.Result layout = AllocaLayout.run(module, fn);
        allocaOffset.putAll(layout.depth());
        int top = layout.bytes();
        // Calls with more than five arguments store arguments 5..n here (see StackArguments).
        int outgoing = 0;
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructionsView()) {
                if (i.op() == Opcode.CALL && i.operands().size() > 5) {
                    outgoing = Math.max(outgoing, StackArguments.areaBytes(i.operands().size()));
                }
            }
        }
        top = (top + 7) / 8 * 8;
        if (outgoing > 0) {
            top += outgoing;
            outgoingArea = top;
        }
        mf.allocaBytes = top;
    }

    private void decideFolding() {
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructionsView()) {
                if (i.op() == Opcode.PTRADD && i.operand(1) instanceof Constant) foldedPtradd.add(i);
                if (i.op() == Opcode.CMP) {
                    boolean onlyBranches = true;
                    for (Instruction u : users.users(i)) {
                        boolean branchUse = (u.op() == Opcode.CONDBR || u.op() == Opcode.SELECT) && u.operand(0) == i
                                && !(u.op() == Opcode.SELECT && (u.operand(1) == i || u.operand(2) == i));
                        if (!branchUse) onlyBranches = false;
                    }
                    if (onlyBranches) foldedCmp.add(i);
                }
            }
        }
        decidePatchedCore();
        decideNegatedOffsets();
        if (cpu.atLeast(CpuVersion.V4)) {
            for (Block b : fn.blocks()) {
                List<Instruction> list = b.instructionsView();
                for (int k = 0; k + 1 < list.size(); k++) {
                    Instruction load = list.get(k), next = list.get(k + 1);
                    if (load.op() == Opcode.LOAD && !load.isVolatile && load.type() != Type.I64 && load.type() != Type.PTR
                            && next.op() == Opcode.SEXT && next.type() == Type.I64 && next.operand(0) == load
                            && users.users(load).size() == 1) {
                        foldedSextLoad.add(load);
                    }
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Instruction p : new ArrayList<>(foldedPtradd)) {
                for (Instruction u : users.users(p)) {
                    if (!isAddressUse(u, p)) {
                        foldedPtradd.remove(p);
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    private void decideNegatedOffsets() {
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructionsView()) {
                if (i.op() != Opcode.SUB || i.type() != Type.I64 || !(i.operand(0) instanceof Constant z) || !z.isZero()
                        || i.operand(1) instanceof Constant) continue;
                List<Instruction> us = users.users(i);
                boolean onlyOffsets = !us.isEmpty();
                for (Instruction u : us) {
                    if (u.op() != Opcode.PTRADD || u.operand(1) != i || u.operand(0) == i) onlyOffsets = false;
                }
                if (onlyOffsets) negatedOffset.add(i);
            }
        }
    }

    private void decidePatchedCore() {
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructionsView()) {
                if (i.op() != Opcode.PTRADD || !(i.operand(1) instanceof Instruction c)) continue;
                if (c.op() != Opcode.CORE_FIELD || c.coreKind != CoreKind.FIELD_BYTE_OFFSET) continue;
                long local = coreValues.applyAsLong(new CoreRelocation(c.coreKind, c.btfTypeId, c.accessString));
                if (local < Short.MIN_VALUE || local > Short.MAX_VALUE) continue;
                boolean onlyLoadsAndStores = !users.users(i).isEmpty();
                for (Instruction u : users.users(i)) {
                    boolean ok = (u.op() == Opcode.LOAD && u.operand(0) == i)
                            || (u.op() == Opcode.STORE && u.operand(1) == i && u.operand(0) != i);
                    if (!ok) onlyLoadsAndStores = false;
                }
                if (onlyLoadsAndStores) patchedPtradd.add(i);
            }
        }
        for (Instruction p : patchedPtradd) {
            Instruction c = (Instruction) p.operand(1);
            boolean allPatched = true;
            for (Instruction u : users.users(c)) if (!patchedPtradd.contains(u)) allPatched = false;
            if (allPatched) patchedCore.add(c);
        }
    }

    private boolean isAddressUse(Instruction u, Value p) {
        List<Value> ops = u.operands();
        for (int k = 0; k < ops.size(); k++) {
            if (ops.get(k) != p) continue;
            boolean address;
            switch (u.op()) {
                case LOAD: address = k == 0; break;
                case STORE: address = k == 1; break;
                case ATOMICRMW: case CMPXCHG: address = k == 0; break;
                case MEMCPY: address = true; break;
                case MEMSET: address = k == 0; break;
                case PTRADD: address = k == 0 && foldedPtradd.contains(u); break;
                default: address = false;
            }
            if (!address) return false;
        }
        return true;
    }

    private void copyParams() {
        List<Param> params = fn.params();
        boolean onStack = params.size() > 5;
        int base = -1;
        if (onStack) {
            base = mf.newVreg();
            emit(BpfOp.MOV64_REG, base, Reg.R5, 0, 0);
        }
        for (int k = 0; k < params.size(); k++) {
            Param p = params.get(k);
            int v = mf.newVreg();
            vregs.put(p, v);
            int from = k + 1;
            if (onStack && k >= StackArguments.IN_REGISTERS) {
                from = mf.newVreg();
                emit(BpfOp.LDX_DW, from, base, StackArguments.offsetOf(k), 0);
            }
            if (p.type() == Type.I32 && cpu.hasAlu32() && fn.linkage() != Linkage.STATIC) {
                // A global function's caller (or the kernel) may leave the upper half set.
                emit(BpfOp.MOV32_REG, v, from, 0, 0);
            } else {
                emit(BpfOp.MOV64_REG, v, from, 0, 0);
            }
            if (p.type() != Type.I32 || cpu.hasAlu32()) clean.add(p);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // One IR instruction

    private void selectInstruction(Instruction i) {
        LoopShaping.Planned loop = byLatch.get(curIr);
        if (loop != null && i == loop.shape().next()) return;   // the latch's step, emitted right before the back edge
        if (loop != null && i == loop.shape().branch()) {
            loopLatch(loop);
            return;
        }
        switch (i.op()) {
            case ADD: case SUB: case MUL: case UDIV: case SDIV: case UREM: case SREM:
            case AND: case OR: case XOR: case SHL: case LSHR: case ASHR:
                if (!negatedOffset.contains(i)) binary(i);
                break;
            case CMP:
                if (!foldedCmp.contains(i)) materializeCompare(i);
                break;
            case ZEXT: if (!foldedExtension.contains(i)) zext(i); break;
            case SEXT: if (!foldedExtension.contains(i)) sext(i); break;
            case TRUNC: if (!foldedExtension.contains(i)) trunc(i); break;
            case PTRTOINT: case INTTOPTR:
                emit(BpfOp.MOV64_REG, def(i), reg(i.operand(0)), 0, 0);
                break;
            case PTRADD:
                if (!foldedPtradd.contains(i) && !patchedPtradd.contains(i)) ptradd(i);
                break;
            case ADDRSPACECAST: // imm: the space converted to in the upper 16 bits, the one converted from below
                emit(BpfOp.ADDR_SPACE_CAST, def(i), reg(i.operand(0)), 0, (i.toSpace << 16) | i.fromSpace);
                break;
            case SELECT: select(i); break;
            case PHI: break; // copies are made on the incoming edges
            case ADDR: // rematerialised at each use
                if (module.function(i.symbol) != null && module.function(i.symbol).has(FnAttr.LOOP_CALLBACK)) {
                    mf.loopCallbacks.add(i.symbol);
                }
                break;
            case ALLOCA: break; // rematerialised at each use
            case LOAD: if (!foldedSextLoad.contains(i)) load(i); break;
            case STORE: store(i); break;
            case ATOMICRMW: atomicRmw(i); break;
            case CMPXCHG: cmpxchg(i); break;
            case MEMCPY: memcpy(i); break;
            case MEMSET: memset(i); break;
            case CALL: case CALLHELPER: case CALLKFUNC: case CALLIND: call(i); break;
            case INLINE_ASM: inlineAsm(i); break;
            case CORE_FIELD:
                if (!patchedCore.contains(i)) coreField(i);
                break;
            case BR: jump(edge(i.targets().get(0))); break;
            case CONDBR: condbr(i); break;
            case SWITCH: if (!selectedSwitches.contains(i)) switchOf(i); break;
            case RET: ret(i); break;
            case UNREACHABLE:
                // Control never gets here; an exit keeps every path ending in exit for the CFG check. A naked
                // function's assembly ends itself.
                if (!fn.has(FnAttr.NAKED)) emit(BpfOp.EXIT, 0, 0, 0, 0);
                break;
            default:
                throw error("instruction '" + i.op().spelling + "' is not supported yet by the BPF backend");
        }
    }

    /**
     * System property that makes 32-bit register adds come out as subtracts: a deliberate miscompile that only the
     * differential tester's planted-bug test sets, to show it catches and reduces a wrong selection rule.
     */
    public static final String PLANTED_ADD32_AS_SUB = "jbpfc.planted.add32AsSub";

    private void binary(Instruction i) {
        Type t = i.type();
        boolean alu32 = t == Type.I32 && cpu.hasAlu32();
        Opcode op = i.op();
        if ((op == Opcode.SDIV || op == Opcode.SREM) && !cpu.atLeast(CpuVersion.V4)) {
            throw error("signed division and remainder need -mcpu=v4 (BPF has sdiv/smod only from v4)");
        }
        boolean needsZext = !alu32 && t == Type.I32
                && (op == Opcode.UDIV || op == Opcode.UREM || op == Opcode.LSHR);
        boolean needsSext = !alu32 && t == Type.I32 && op == Opcode.ASHR;
        int d = def(i);
        Value a = i.operand(0), b = i.operand(1);
        int ra = reg(a);
        if (needsZext) ra = zeroExtend32(ra, a);
        if (needsSext) ra = signExtend32(ra, a);
        // At v3 the source is already zero-extended and the 32-bit op zeroes the upper half anyway: a plain
        // copy, which the allocator can coalesce away.
        emit(BpfOp.MOV64_REG, d, ra, 0, 0);
        String base = aluBase(op);
        // A planted miscompile for the differential tester's own test (DifferentialTest): never set otherwise.
        if (alu32 && op == Opcode.ADD && Boolean.getBoolean(PLANTED_ADD32_AS_SUB)) base = "SUB";
        String width = alu32 ? "32" : "64";
        Long imm = immediate(b, alu32);
        if (imm != null && needsZext && imm < 0) imm = null;
        if (imm != null && imm > 0 && Long.bitCount(imm) == 1 && (op == Opcode.UDIV || op == Opcode.UREM)) {
            // x % 2^k is x & (2^k - 1), x / 2^k is x >> k: the verifier bounds AND/RSH results but not MOD/DIV
            // ones, so an array index `i % 16` must not stay a BPF_MOD.
            base = op == Opcode.UREM ? "AND" : "RSH";
            imm = op == Opcode.UREM ? imm - 1 : Long.numberOfTrailingZeros(imm);
        }
        if (imm != null) {
            emit(BpfOp.valueOf(base + width + "_IMM"), d, 0, 0, (int) (long) imm);
        } else {
            int rb = reg(b);
            if (needsZext && (op == Opcode.UDIV || op == Opcode.UREM)) rb = zeroExtend32(rb, b);
            emit(BpfOp.valueOf(base + width + "_REG"), d, rb, 0, 0);
        }
        if (alu32 || t == Type.I64) clean.add(i);
    }

    private static String aluBase(Opcode op) {
        switch (op) {
            case ADD: return "ADD";
            case SUB: return "SUB";
            case MUL: return "MUL";
            case UDIV: return "DIV";
            case SDIV: return "SDIV";
            case UREM: return "MOD";
            case SREM: return "SMOD";
            case AND: return "AND";
            case OR: return "OR";
            case XOR: return "XOR";
            case SHL: return "LSH";
            case LSHR: return "RSH";
            case ASHR: return "ARSH";
            default: throw new IllegalStateException(op.toString());
        }
    }

    /** The constant as an instruction immediate, if {@code v} is a constant that fits one; else null. */
    private Long immediate(Value v, boolean alu32) {
        if (v instanceof Undef) return 0L;
        if (!(v instanceof Constant)) return null;
        long value = ((Constant) v).value();
        if (alu32) return (long) (int) value;
        if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) return value;
        return null;
    }

    private void zext(Instruction i) {
        Value x = i.operand(0);
        Type from = x.type(), to = i.type();
        int d = def(i);
        int rx = reg(x);
        if (from == Type.I1 || isClean(x)) {
            emit(BpfOp.MOV64_REG, d, rx, 0, 0);
        } else if (from == Type.I8 || from == Type.I16) {
            // A 64-bit copy even at alu32: the AND32 that follows zeroes the upper half itself, and a plain copy is
            // one the allocator can coalesce away (`w1 &= 0xffff` alone instead of `w1 = w0; w1 &= 0xffff`).
            boolean alu32 = cpu.hasAlu32();
            emit(BpfOp.MOV64_REG, d, rx, 0, 0);
            emit(alu32 ? BpfOp.AND32_IMM : BpfOp.AND64_IMM, d, 0, 0, from == Type.I8 ? 0xff : 0xffff);
        } else if (cpu.hasAlu32()) {
            emit(BpfOp.MOV32_REG, d, rx, 0, 0);
        } else {
            emit(BpfOp.MOV64_REG, d, rx, 0, 0);
            emit(BpfOp.LSH64_IMM, d, 0, 0, 32);
            emit(BpfOp.RSH64_IMM, d, 0, 0, 32);
        }
        if (to != Type.I32 || cpu.hasAlu32() || true) clean.add(i);
    }

    private void sext(Instruction i) {
        Value x = i.operand(0);
        Type from = x.type(), to = i.type();
        int d = def(i);
        if (foldedSextLoad.contains(x)) {
            Address a = address(((Instruction) x).operand(0));
            emit(BpfOp.valueOf("LDXSX_" + sizeSuffix(from.bytes)), d, a.reg, a.off, 0).core = a.core;
            clean.add(i);
            return;
        }
        int rx = reg(x);
        boolean to32 = to == Type.I32 && cpu.hasAlu32();
        if (from == Type.I1) {
            emit(to32 ? BpfOp.MOV32_REG : BpfOp.MOV64_REG, d, rx, 0, 0);
            emit(to32 ? BpfOp.NEG32 : BpfOp.NEG64, d, 0, 0, 0);
        } else if (cpu.atLeast(CpuVersion.V4)) {
            String name = (to32 ? "MOVSX32_" : "MOVSX64_") + from.bits;
            emit(BpfOp.valueOf(name), d, rx, 0, 0);
        } else {
            int width = to32 ? 32 : 64;
            int shift = width - from.bits;
            emit(to32 ? BpfOp.MOV32_REG : BpfOp.MOV64_REG, d, rx, 0, 0);
            emit(to32 ? BpfOp.LSH32_IMM : BpfOp.LSH64_IMM, d, 0, 0, shift);
            emit(to32 ? BpfOp.ARSH32_IMM : BpfOp.ARSH64_IMM, d, 0, 0, shift);
        }
        if (to == Type.I64 || to32) clean.add(i);
    }

    private void trunc(Instruction i) {
        int d = def(i);
        int rx = reg(i.operand(0));
        if (i.type() == Type.I32 && cpu.hasAlu32()) {
            emit(BpfOp.MOV32_REG, d, rx, 0, 0);
            clean.add(i);
        } else {
            emit(BpfOp.MOV64_REG, d, rx, 0, 0);
            // `trunc (zext i16 %x to i32) to i16` keeps a register whose upper bits are already zero: a later zext
            // of it is then a copy (C's integer promotions make such chains around every short store).
            if (isClean(i.operand(0)) && fitsUnsigned(i.operand(0), i.type().bits)) clean.add(i);
        }
    }

    /**
     * Whether {@code v}'s value is known to lie in [0, 2^bits) by its own instruction alone: a zero extension from
     * at most {@code bits} bits, an AND with such a mask, or a truncation to at most {@code bits} bits of a
     * register already zero above them.
     */
    private boolean fitsUnsigned(Value v, int bits) {
        if (bits >= 64) return true;
        if (v instanceof Constant c) return c.value() >= 0 && c.value() < (1L << bits);
        if (!(v instanceof Instruction x)) return false;
        switch (x.op()) {
            case ZEXT:
                return x.operand(0).type().bits <= bits;
            case AND:
                return x.operand(1) instanceof Constant m && m.value() >= 0 && m.value() < (1L << bits);
            case TRUNC:
                return x.type().bits <= bits && clean.contains(x);
            default:
                return false;
        }
    }

    private void ptradd(Instruction i) {
        int d = def(i);
        Address base = address(i.operand(0));
        emit(BpfOp.MOV64_REG, d, base.reg, 0, 0);
        Long imm = immediate(i.operand(1), false);
        if (imm != null) {
            long total = imm + base.off;
            if (total >= Integer.MIN_VALUE && total <= Integer.MAX_VALUE) {
                if (total != 0) emit(BpfOp.ADD64_IMM, d, 0, 0, (int) total);
                return;
            }
        }
        if (base.off != 0) emit(BpfOp.ADD64_IMM, d, 0, 0, base.off);
        if (i.operand(1) instanceof Instruction neg && negatedOffset.contains(neg)) {
            emit(BpfOp.SUB64_REG, d, reg(neg.operand(1)), 0, 0);
            return;
        }
        emit(BpfOp.ADD64_REG, d, reg(i.operand(1)), 0, 0);
    }

    // ------------------------------------------------------------------------------------------------------
    // Compares and branches

    /** {@code dest = cmp ? 1 : 0}, as BPF has no set-on-condition: 1, then a jump over the store of 0. */
    private void compareValueInto(int dest, Instruction cmp) {
        emit(BpfOp.MOV64_IMM, dest, 0, 0, 1);
        MBlock rest = splitHere("cmp.end");
        MBlock zero = mf.newBlock(fn.name() + ".cmp.false");
        insertAfter(cur, zero);
        compareAndJump(cmp.predicate, cmp.operand(0), cmp.operand(1), rest);
        jump(zero);
        cur = zero;
        emit(BpfOp.MOV64_IMM, dest, 0, 0, 0);
        jump(rest);
        cur = rest;
    }

    private void materializeCompare(Instruction i) {
        if (!singleBitTest(i)) compareValueInto(def(i), i);
        clean.add(i);
    }

    /**
     * {@code (x & 2^k) != 0} (or {@code == 0}) as a value: {@code d = x & 2^k; d >>= k} (then {@code d ^= 1}), with
     * no branch. The branchy form ({@code d = 1; if ... goto; d = 0}) forks the verifier's state at every such
     * bool, and a loop storing them (selftests-style {@code flags[i] = p[i] & 0x80}) then doubles its paths per
     * trip: bool_ops.c took 165,599 processed instructions that way (clang-22, which computes {@code p >> 7}: 99).
     * The AND is already there, so no operation is applied to a value the original code did not touch.
     */
    private boolean singleBitTest(Instruction cmp) {
        if (cmp.predicate != Predicate.NE && cmp.predicate != Predicate.EQ) return false;
        if (!(cmp.operand(1) instanceof Constant zero) || zero.value() != 0) return false;
        if (!(cmp.operand(0) instanceof Instruction and) || and.op() != Opcode.AND || !vregs.containsKey(and)) return false;
        if (!(and.operand(1) instanceof Constant bit) || (and.type() != Type.I32 && and.type() != Type.I64)) return false;
        long mask = and.type() == Type.I32 ? bit.value() & 0xffffffffL : bit.value();
        if (mask == 0 || Long.bitCount(mask) != 1) return false;
        boolean w32 = and.type() == Type.I32 && cpu.hasAlu32();
        if (and.type() == Type.I32 && !w32 && mask > 0x7fffffffL) return false;   // v1/v2: keep the upper half out
        int d = def(cmp);
        emit(BpfOp.MOV64_REG, d, reg(and), 0, 0);
        int k = Long.numberOfTrailingZeros(mask);
        if (k > 0) emit(w32 ? BpfOp.RSH32_IMM : BpfOp.RSH64_IMM, d, 0, 0, k);
        if (cmp.predicate == Predicate.EQ) emit(w32 ? BpfOp.XOR32_IMM : BpfOp.XOR64_IMM, d, 0, 0, 1);
        return true;
    }

    private void select(Instruction i) {
        int d = def(i);
        Type t = i.type();
        materializeInto(d, i.operand(1));
        MBlock rest = splitHere("select.end");
        MBlock other = mf.newBlock(fn.name() + ".select.false");
        insertAfter(cur, other);
        branchOn(i.operand(0), rest);
        jump(other);
        cur = other;
        materializeInto(d, i.operand(2));
        jump(rest);
        cur = rest;
        if (t != Type.I32 || cpu.hasAlu32()) {
            if (isClean(i.operand(1)) && isClean(i.operand(2))) clean.add(i);
        }
    }

    /** Ends the current block here; returns the block that continues it (placed right after). */
    private MBlock splitHere(String hint) {
        MBlock rest = mf.newBlock(fn.name() + "." + hint);
        insertAfter(cur, rest);
        // Jumps to the IR block's machine block still land at its start; the IR block now ends in `rest`.
        return rest;
    }

    private void insertAfter(MBlock after, MBlock b) {
        int at = mf.blocks.indexOf(after);
        mf.blocks.add(at + 1, b);
    }

    /** Jumps to {@code target} when {@code cond} (an i1 or integer) is true; falls through otherwise. */
    private void branchOn(Value cond, MBlock target) {
        if (cond instanceof Instruction && ((Instruction) cond).op() == Opcode.CMP) {
            Instruction c = (Instruction) cond;
            compareAndJump(c.predicate, c.operand(0), c.operand(1), target);
            return;
        }
        if (cond instanceof Constant) {
            if (((Constant) cond).value() != 0) jump(target);
            return;
        }
        boolean is32 = cond.type() == Type.I32;
        int r = reg(cond);
        if (is32 && cpu.hasAlu32()) {
            emitJump(BpfOp.JNE32_IMM, r, 0, 0, target);
        } else {
            if (is32 || cond.type() == Type.I8 || cond.type() == Type.I16) r = zeroExtendTo(r, cond);
            emitJump(BpfOp.JNE_IMM, r, 0, 0, target);
        }
    }

    private void condbr(Instruction i) {
        MBlock ifTrue = edge(i.targets().get(0));
        MBlock ifFalse = edge(i.targets().get(1));
        Value c = i.operand(0);
        if (c instanceof Constant) {
            jump(((Constant) c).value() != 0 ? ifTrue : ifFalse);
            return;
        }
        branchOn(c, ifTrue);
        jump(ifFalse);
    }

    /** Emits {@code if a PRED b goto target}, choosing JMP or JMP32, register or immediate forms. */
    private void compareAndJump(Predicate p, Value a, Value b, MBlock target) {
        Type t = a.type();
        boolean jmp32 = t == Type.I32 && cpu.hasAlu32();
        if (a instanceof Constant && !(b instanceof Constant)) {
            Value tmp = a;
            a = b;
            b = tmp;
            p = p.swapped();
        }
        boolean narrow = !jmp32 && (t == Type.I32 || t == Type.I8 || t == Type.I16);
        int ra = reg(a);
        if (narrow) ra = p.isSigned() ? signExtendTo(ra, a) : zeroExtendTo(ra, a);
        Long imm = immediate(b, jmp32);
        if (imm != null && narrow) {
            long normalized = p.isSigned() ? t.normalize(imm) : t.unsigned(imm);
            imm = normalized >= Integer.MIN_VALUE && normalized <= Integer.MAX_VALUE ? normalized : null;
        }
        boolean hasLess = cpu.atLeast(CpuVersion.V2);
        boolean less = p == Predicate.ULT || p == Predicate.ULE || p == Predicate.SLT || p == Predicate.SLE;
        String width = jmp32 ? "32" : "";
        if (imm != null && !(less && !hasLess)) {
            emitJump(BpfOp.valueOf(jumpBase(p) + width + "_IMM"), ra, 0, (int) (long) imm, target);
            return;
        }
        int rb = reg(b);
        if (narrow) rb = p.isSigned() ? signExtendTo(rb, b) : zeroExtendTo(rb, b);
        if (less && !hasLess) {
            // v1 has only the "greater" jumps: a < b is b > a.
            p = p.swapped();
            int tmp = ra;
            ra = rb;
            rb = tmp;
        }
        emitJump(BpfOp.valueOf(jumpBase(p) + width + "_REG"), ra, rb, 0, target);
    }

    private static String jumpBase(Predicate p) {
        switch (p) {
            case EQ: return "JEQ";
            case NE: return "JNE";
            case UGT: return "JGT";
            case UGE: return "JGE";
            case ULT: return "JLT";
            case ULE: return "JLE";
            case SGT: return "JSGT";
            case SGE: return "JSGE";
            case SLT: return "JSLT";
            case SLE: return "JSLE";
            default: throw new IllegalStateException(p.toString());
        }
    }

    private void switchOf(Instruction i) {
        Value v = i.operand(0);
        Type t = v.type();
        boolean jmp32 = t == Type.I32 && cpu.hasAlu32();
        int r = reg(v);
        if (!jmp32 && t != Type.I64) r = zeroExtendTo(r, v);
        List<Block> targets = i.targets();
        MBlock dflt = edge(targets.get(0));
        long[] keys = new long[i.caseValues.length];
        List<MBlock> dests = new ArrayList<>(keys.length);
        for (int k = 0; k < keys.length; k++) {
            long c = i.caseValues[k];
            keys[k] = jmp32 ? Integer.toUnsignedLong((int) c) : (t == Type.I64 ? c : t.unsigned(c));
            dests.add(edge(targets.get(k + 1)));
        }
        int bits = jmp32 ? 32 : (t == Type.I64 ? 64 : t.bits);
        for (SwitchClusters.Test<MBlock> test : SwitchClusters.of(keys, dests, dflt, bits, jmp32 ? 32 : 64)) {
            if (test instanceof SwitchClusters.Equal<MBlock> e) {
                equalityTest(r, jmp32, e.key(), e.dest());
            } else if (test instanceof SwitchClusters.Range<MBlock> range) {
                if (!rangeTest(r, jmp32, range)) {
                    for (long x = range.lo(); x != range.hi() + 1; x++) equalityTest(r, jmp32, x, range.dest());
                }
            } else {
                bitTest(r, jmp32, (SwitchClusters.Bits<MBlock>) test, dflt);
            }
        }
        jump(dflt);
    }

    /**
     * {@code i = x - lo; if i > hi-lo goto rest; b = 1 << i; if b & mask goto dest (per target); goto default;
     * rest:}. The bound check comes first so that the verifier knows the shift amount is in range.
     */
    private void bitTest(int r, boolean jmp32, SwitchClusters.Bits<MBlock> bits, MBlock dflt) {
        int index = r;
        if (bits.lo() != 0) {
            index = mf.newVreg();
            emit(jmp32 ? BpfOp.MOV32_REG : BpfOp.MOV64_REG, index, r, 0, 0);
            emit(jmp32 ? BpfOp.ADD32_IMM : BpfOp.ADD64_IMM, index, 0, 0, (int) -bits.lo());
        }
        MBlock rest = splitHere("switch.rest");
        emitJump(jmp32 ? BpfOp.JGT32_IMM : BpfOp.JGT_IMM, index, 0, (int) (bits.hi() - bits.lo()), rest);
        int bit = mf.newVreg();
        emit(jmp32 ? BpfOp.MOV32_IMM : BpfOp.MOV64_IMM, bit, 0, 0, 1);
        emit(jmp32 ? BpfOp.LSH32_REG : BpfOp.LSH64_REG, bit, index, 0, 0);
        for (int k = 0; k < bits.dests().size(); k++) {
            long mask = bits.masks().get(k);
            MBlock dest = bits.dests().get(k);
            if (jmp32) {
                emitJump(BpfOp.JSET32_IMM, bit, 0, (int) mask, dest);
            } else if (mask >= 0 && mask <= Integer.MAX_VALUE) {
                emitJump(BpfOp.JSET_IMM, bit, 0, (int) mask, dest);
            } else {
                int m = mf.newVreg();
                emitConstant(m, Type.I64, mask);
                emitJump(BpfOp.JSET_REG, bit, m, 0, dest);
            }
        }
        jump(dflt);
        cur = rest;
    }

    private void equalityTest(int r, boolean jmp32, long key, MBlock dest) {
        if (jmp32 || (key >= Integer.MIN_VALUE && key <= Integer.MAX_VALUE)) {
            emitJump(jmp32 ? BpfOp.JEQ32_IMM : BpfOp.JEQ_IMM, r, 0, (int) key, dest);
        } else {
            int rc = mf.newVreg();
            emitConstant(rc, Type.I64, key);
            emitJump(BpfOp.JEQ_REG, r, rc, 0, dest);
        }
    }

    /**
     * {@code if (r - lo) <= (hi - lo) goto dest}, unsigned, in the switch's width; false (nothing emitted) where
     * the bounds do not fit an immediate or the cpu has no {@code jle}.
     */
    private boolean rangeTest(int r, boolean jmp32, SwitchClusters.Range<MBlock> c) {
        if (!cpu.atLeast(CpuVersion.V2)) return false;
        long span = c.hi() - c.lo();
        if (!jmp32 && (c.lo() < 0 || c.lo() > Integer.MAX_VALUE || span < 0 || span > Integer.MAX_VALUE)) return false;
        int tested = r;
        if (c.lo() != 0) {
            tested = mf.newVreg();
            emit(jmp32 ? BpfOp.MOV32_REG : BpfOp.MOV64_REG, tested, r, 0, 0);
            emit(jmp32 ? BpfOp.ADD32_IMM : BpfOp.ADD64_IMM, tested, 0, 0, (int) -c.lo());
        }
        emitJump(jmp32 ? BpfOp.JLE32_IMM : BpfOp.JLE_IMM, tested, 0, (int) span, c.dest());
        return true;
    }

    /**
     * The machine block to jump to for the IR edge from the current block to {@code succ}: the successor itself,
     * after the phi copies were emitted here (one successor), or a new edge block holding the copies.
     */
    /**
     * How many distinct successors the block being selected has, counted once per block: {@link #edge} asks for
     * every edge, and counting a switch's thousands of targets each time made its selection quadratic.
     */
    private int curIrSuccessorCount() {
        if (successorsCountedFor != curIr) {
            successorsCountedFor = curIr;
            successorCount = curIr.successors().size();
        }
        return successorCount;
    }

    private MBlock edge(Block succ) {
        List<Instruction> phis = succ.phis();
        MBlock target = blockMap.get(succ);
        if (phis.isEmpty()) return target;
        LoopShaping.Planned loop = byPreheader.get(curIr);
        if (loop != null && succ == loop.shape().header() && curIrSuccessorCount() == 1) {
            // The preheader of a loop built to a template: the other phis' copies, then `iv = INIT` last.
            List<Instruction> others = new ArrayList<>(phis);
            others.remove(loop.shape().iv());
            if (!others.isEmpty()) emitPhiCopies(others);
            MInsn init = emit(loop.mloop().width == 32 ? BpfOp.MOV32_IMM : BpfOp.MOV64_IMM, loop.mloop().iv, 0, 0,
                    (int) loop.mloop().init);
            loop.mloop().initInsn = init;
            loop.mloop().preheader = cur;
            clean.add(loop.shape().iv());
            return target;
        }
        if (curIrSuccessorCount() == 1) {
            emitPhiCopies(phis);
            return target;
        }
        // A phi has one value per predecessor block, so every edge from this block to succ (a switch's cases
        // that share a target, a condbr with both arms alike) needs the same copies: one edge block serves all.
        if (edgeBlocksFor != curIr) {
            edgeBlocksFor = curIr;
            edgeBlocks.clear();
        }
        MBlock shared = edgeBlocks.get(succ);
        if (shared != null) return shared;
        MBlock saved = cur;
        MBlock edgeBlock = mf.newBlock(fn.name() + ".edge");
        mf.blocks.add(edgeBlock);
        edgeOwner.put(edgeBlock, saved);
        cur = edgeBlock;
        emitPhiCopies(phis);
        jump(target);
        cur = saved;
        edgeBlocks.put(succ, edgeBlock);
        return edgeBlock;
    }

    /** The edge blocks made so far for the edges leaving {@link #edgeBlocksFor}, by target. */
    private final Map<Block, MBlock> edgeBlocks = new HashMap<>();
    private Block edgeBlocksFor;

    private void emitPhiCopies(List<Instruction> phis) {
        int[] temps = new int[phis.size()];
        for (int k = 0; k < phis.size(); k++) {
            Value in = incoming(phis.get(k), curIr);
            if (in == null) throw error("phi in '" + fn.name() + "' has no value for block " + curIr.name());
            temps[k] = mf.newVreg();
            materializeInto(temps[k], in);
        }
        for (int k = 0; k < phis.size(); k++) {
            emit(BpfOp.MOV64_REG, vregs.get(phis.get(k)), temps[k], 0, 0);
        }
        // Each edge into a join checks its phis again; one already found clean is not walked again, and the walk
        // stops at the first operand that is not: a switch's join has a phi of thousands of operands.
        for (Instruction phi : phis) {
            if (clean.contains(phi)) continue;
            boolean allClean = true;
            for (Value v : phi.operands()) {
                if (!isClean(v)) {
                    allClean = false;
                    break;
                }
            }
            if (allClean && (phi.type() != Type.I32 || cpu.hasAlu32())) clean.add(phi);
        }
    }

    /**
     * {@code phi}'s value on the edge from {@code from} (its first entry for that block, as
     * {@link Instruction#incomingFor} finds it). A phi of many entries is indexed once: a search per edge made
     * selecting the join of a long switch quadratic.
     */
    private Value incoming(Instruction phi, Block from) {
        if (phi.targets().size() <= 8) return phi.incomingFor(from);
        Map<Block, Value> index = incomingIndex.computeIfAbsent(phi, p -> {
            Map<Block, Value> m = new HashMap<>();
            for (int k = 0; k < p.targets().size(); k++) m.putIfAbsent(p.targets().get(k), p.operand(k));
            return m;
        });
        return index.get(from);
    }

    /**
     * The end of a latch built to a template: the other phis' copies, then {@code iv += STEP}, then
     * {@code if iv CMP limit goto header}, then the exit edge. Nothing after the step writes a register the loop
     * keeps, and the compare reads the induction register itself (it holds the next value).
     */
    private void loopLatch(LoopShaping.Planned loop) {
        var shape = loop.shape();
        MLoop ml = loop.mloop();
        loc = shape.branch().loc;
        List<Instruction> others = new ArrayList<>(shape.header().phis());
        others.remove(shape.iv());
        others.removeAll(loop.coalesced());
        if (!others.isEmpty()) emitPhiCopies(others);
        for (Instruction q : loop.coalesced()) if (isClean(q.incomingFor(shape.preheader()))) clean.add(q);
        boolean w32 = ml.width == 32;
        BpfOp stepOp = shape.countsUp() ? (w32 ? BpfOp.ADD32_IMM : BpfOp.ADD64_IMM) : (w32 ? BpfOp.SUB32_IMM : BpfOp.SUB64_IMM);
        ml.latchStep = emit(stepOp, ml.iv, 0, 0, (int) ml.step);
        Predicate p = shape.countsUp()
                ? (shape.strict() ? (shape.signed() ? Predicate.SLT : Predicate.ULT) : (shape.signed() ? Predicate.SLE : Predicate.ULE))
                : (shape.strict() ? (shape.signed() ? Predicate.SGT : Predicate.UGT) : (shape.signed() ? Predicate.SGE : Predicate.UGE));
        compareAndJump(p, shape.next(), shape.limit(), blockMap.get(shape.header()));
        ml.backEdge = cur.insns.get(cur.insns.size() - 1);
        ml.header = blockMap.get(shape.header());
        jump(edge(shape.exit()));
    }

    private void jump(MBlock target) {
        MInsn j = emit(BpfOp.JA, 0, 0, 0, 0);
        j.target = target;
    }

    private void emitJump(BpfOp op, int a, int b, int imm, MBlock target) {
        MInsn j = emit(op, a, b, 0, imm);
        j.target = target;
    }

    private void ret(Instruction i) {
        if (!i.operands().isEmpty()) materializeInto(Reg.R0, i.operand(0));
        else if (fn.returnType() != Type.VOID) emit(BpfOp.MOV64_IMM, Reg.R0, 0, 0, 0);
        emit(BpfOp.EXIT, 0, 0, 0, 0);
    }

    // ------------------------------------------------------------------------------------------------------
    // Memory

    /** A base register and a 16-bit displacement. */
    private static final class Address {
        final int reg;
        final int off;
        /** The CO-RE record of a patched offset ({@link #patchedPtradd}), null for a plain one. */
        final CoreRelocation core;

        Address(int reg, int off) {
            this(reg, off, null);
        }

        Address(int reg, int off, CoreRelocation core) {
            this.reg = reg;
            this.off = off;
            this.core = core;
        }
    }

    private Address address(Value p) {
        if (p instanceof Instruction) {
            Instruction i = (Instruction) p;
            if (i.op() == Opcode.ALLOCA) return fitting(Reg.FP, -allocaOffset.get(i));
            if (patchedPtradd.contains(i)) {
                Instruction c = (Instruction) i.operand(1);
                CoreRelocation relocation = new CoreRelocation(c.coreKind, c.btfTypeId, c.accessString);
                return new Address(reg(i.operand(0)), (int) coreValues.applyAsLong(relocation), relocation);
            }
            if (foldedPtradd.contains(i)) {
                Address base = address(i.operand(0));
                long total = base.off + ((Constant) i.operand(1)).value();
                if (total >= Short.MIN_VALUE && total <= Short.MAX_VALUE) return new Address(base.reg, (int) total);
                int t = mf.newVreg();
                emit(BpfOp.MOV64_REG, t, base.reg, 0, 0);
                if (total >= Integer.MIN_VALUE && total <= Integer.MAX_VALUE) {
                    emit(BpfOp.ADD64_IMM, t, 0, 0, (int) total);
                } else {
                    int c = mf.newVreg();
                    emitConstant(c, Type.I64, total);
                    emit(BpfOp.ADD64_REG, t, c, 0, 0);
                }
                return new Address(t, 0);
            }
        }
        return new Address(reg(p), 0);
    }

    private Address fitting(int base, long off) {
        if (off >= Short.MIN_VALUE && off <= Short.MAX_VALUE) return new Address(base, (int) off);
        int t = mf.newVreg();
        emit(BpfOp.MOV64_REG, t, base, 0, 0);
        emit(BpfOp.ADD64_IMM, t, 0, 0, (int) off);
        return new Address(t, 0);
    }

    private static String sizeSuffix(int bytes) {
        switch (bytes) {
            case 1: return "B";
            case 2: return "H";
            case 4: return "W";
            case 8: return "DW";
            default: throw new IllegalStateException("size " + bytes);
        }
    }

    private void load(Instruction i) {
        Address a = address(i.operand(0));
        int d = def(i);
        int piece = underAlignedPiece(i, i.type().bytes, a);
        if (piece > 0) {
            // little-endian: piece k is bits 8*k*piece and up; OR them together, the upper bits stay zero
            String size = sizeSuffix(piece);
            emit(BpfOp.valueOf("LDX_" + size), d, a.reg, a.off, 0);
            for (int at = piece; at < i.type().bytes; at += piece) {
                int t = mf.newVreg();
                emit(BpfOp.valueOf("LDX_" + size), t, a.reg, a.off + at, 0);
                emit(BpfOp.LSH64_IMM, t, 0, 0, 8 * at);
                emit(BpfOp.OR64_REG, d, t, 0, 0);
            }
            clean.add(i);
            return;
        }
        if (i.ordered) {
            // load_acquire: dst is loaded from (src + off), zero-extended like ldx.
            emit(BpfOp.valueOf("LOAD_ACQ_" + sizeSuffix(i.type().bytes)), d, a.reg, a.off, 0).core = a.core;
        } else {
            emit(BpfOp.valueOf("LDX_" + sizeSuffix(i.type().bytes)), d, a.reg, a.off, 0).core = a.core;
        }
        clean.add(i);
    }

    /**
     * A store of N bits writes the low N bits of its register, and extensions and truncations that never go below N
     * bits leave those bits alone: {@code store i16 (trunc (zext i16 (trunc i64 %len to i16) to i32) to i16)}
     * stores {@code %len}'s register as it is. Such a chain is looked through; a link none but such stores read
     * is not selected at all (it would be `w1 = w0; w1 &= 0xffff` before every short store of a call's result).
     */
    private void decideFoldedExtensions() {
        for (Block b : fn.blocks()) {
            for (Instruction i : b.instructionsView()) {
                if (i.op() != Opcode.STORE || i.ordered) continue;
                Value v = i.operand(0);
                while (isWidthPreserving(v, i.operand(0).type().bits)) {
                    foldedExtension.add((Instruction) v);
                    v = ((Instruction) v).operand(0);
                }
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Instruction e : new ArrayList<>(foldedExtension)) {
                for (Instruction u : users.users(e)) {
                    boolean lookedThrough = u.op() == Opcode.STORE && !u.ordered && u.operand(0) == e
                            && u.operand(1) != e && storedValue(u) != e;
                    if (lookedThrough || foldedExtension.contains(u)) continue;
                    foldedExtension.remove(e);
                    changed = true;
                    break;
                }
            }
        }
    }

    /**
     * Whether {@code v} is an extension or truncation whose result and operand both keep the low {@code bits}, and
     * whose operand has a register of its own (a load folded into a sign-extending load has none).
     */
    private boolean isWidthPreserving(Value v, int bits) {
        if (!(v instanceof Instruction x)) return false;
        if (x.op() != Opcode.ZEXT && x.op() != Opcode.SEXT && x.op() != Opcode.TRUNC) return false;
        if (x.operand(0) instanceof Instruction o && foldedSextLoad.contains(o)) return false;
        return bits >= 8 && x.type().bits >= bits && x.operand(0).type().bits >= bits;
    }

    /** The value whose register a store writes: its operand, looked through width-preserving links. */
    private Value storedValue(Instruction store) {
        Value v = store.operand(0);
        int bits = v.type().bits;
        if (store.ordered) return v;
        while (isWidthPreserving(v, bits)) v = ((Instruction) v).operand(0);
        return v;
    }

    private void store(Instruction i) {
        Value v = storedValue(i);
        Address a = address(i.operand(1));
        int bytes = i.operand(0).type().bytes;
        if (i.ordered) {
            emit(BpfOp.valueOf("STORE_REL_" + sizeSuffix(bytes)), a.reg, reg(v), a.off, 0).core = a.core;
            return;
        }
        int piece = underAlignedPiece(i, bytes, a);
        if (piece > 0) {
            int src = reg(v);
            for (int at = 0; at < bytes; at += piece) {
                int t = src;
                if (at > 0) {
                    t = mf.newVreg();
                    emit(BpfOp.MOV64_REG, t, src, 0, 0);
                    emit(BpfOp.RSH64_IMM, t, 0, 0, 8 * at);
                }
                emit(BpfOp.valueOf("STX_" + sizeSuffix(piece)), a.reg, t, a.off + at, 0);
            }
            return;
        }
        Long imm = immediate(v, false);
        if (imm != null && cpu.atLeast(CpuVersion.V4) && (bytes < 8 || true)) {
            emit(BpfOp.valueOf("ST_" + sizeSuffix(bytes)), a.reg, 0, a.off, (int) (long) imm).core = a.core;
            return;
        }
        emit(BpfOp.valueOf("STX_" + sizeSuffix(bytes)), a.reg, reg(v), a.off, 0).core = a.core;
    }

    /**
     * The width to access an under-aligned value in (its known alignment), or 0 when one access of the whole width
     * is fine. BPF has no misaligned access: the verifier refuses a stack access whose offset is not a multiple of
     * its size ("misaligned stack access off 0+0+-6 size 4": test_tcp_hdr_options.c's packed
     * {@code struct tcp_opt}, whose {@code __u32 data32} sits at offset 2), and strict-alignment kernels refuse the
     * same on packets and map values, so a packed struct's wide field is read and written in pieces, as clang does.
     * A CO-RE relocated or ordered access keeps its single instruction (the relocation or the ordering is on it).
     */
    private static int underAlignedPiece(Instruction i, int bytes, Address a) {
        if (i.ordered || a.core != null || i.align <= 0 || i.align >= bytes) return 0;
        return Integer.highestOneBit(i.align);
    }

    private void atomicRmw(Instruction i) {
        Value v = i.operand(1);
        Type t = v.type();
        if (t != Type.I32 && t != Type.I64) throw error("atomic operations work on 32- and 64-bit values only");
        String size = t == Type.I32 ? "W" : "DW";
        boolean fetch = i.fetch || i.atomicOp == AtomicOp.XCHG;
        if (!cpu.atLeast(CpuVersion.V3) && (fetch || i.atomicOp != AtomicOp.ADD)) {
            throw error("atomic " + i.atomicOp.spelling + (fetch ? " that returns the old value" : "")
                    + " needs -mcpu=v3 or later");
        }
        Address a = address(i.operand(0));
        String name;
        if (i.atomicOp == AtomicOp.XCHG) name = "ATOMIC_XCHG_" + size;
        else name = "ATOMIC_" + (fetch ? "FETCH_" : "") + i.atomicOp.name() + "_" + size;
        BpfOp op = BpfOp.valueOf(name);
        if (fetch) {
            int d = i.hasResult() ? def(i) : mf.newVreg();
            materializeInto(d, v);
            emit(op, a.reg, d, a.off, 0);
            clean.add(i);
        } else {
            emit(op, a.reg, reg(v), a.off, 0);
        }
    }

    private void cmpxchg(Instruction i) {
        if (!cpu.atLeast(CpuVersion.V3)) throw error("cmpxchg needs -mcpu=v3 or later");
        Type t = i.type();
        Address a = address(i.operand(0));
        int replacement = reg(i.operand(2));
        materializeInto(Reg.R0, i.operand(1));
        emit(t == Type.I32 ? BpfOp.ATOMIC_CMPXCHG_W : BpfOp.ATOMIC_CMPXCHG_DW, a.reg, replacement, a.off, 0);
        emit(BpfOp.MOV64_REG, def(i), Reg.R0, 0, 0);
        clean.add(i);
    }

    private void memcpy(Instruction i) {
        Address dst = address(i.operand(0));
        Address src = address(i.operand(1));
        int chunk = chunkOf(i.align);
        long done = 0;
        while (done < i.size) {
            int width = widthFor(chunk, i.size - done);
            dst = reachable(dst, done);
            src = reachable(src, done);
            int t = mf.newVreg();
            emit(BpfOp.valueOf("LDX_" + sizeSuffix(width)), t, src.reg, (int) (src.off + done), 0);
            emit(BpfOp.valueOf("STX_" + sizeSuffix(width)), dst.reg, t, (int) (dst.off + done), 0);
            done += width;
        }
    }

    private void memset(Instruction i) {
        Address dst = address(i.operand(0));
        Value byteValue = i.operand(1);
        int chunk = chunkOf(i.align);
        Integer pattern = null;
        int patternReg = -1;
        if (byteValue instanceof Constant || byteValue instanceof Undef) {
            long b = byteValue instanceof Constant ? ((Constant) byteValue).value() & 0xff : 0;
            long wide = b * 0x0101010101010101L;
            if (cpu.atLeast(CpuVersion.V4) && (b == 0 || b == 0xff)) pattern = (int) wide;
            else {
                patternReg = mf.newVreg();
                emitConstant(patternReg, Type.I64, wide);
            }
        } else {
            int r = reg(byteValue);
            patternReg = mf.newVreg();
            emit(BpfOp.MOV64_REG, patternReg, r, 0, 0);
            emit(BpfOp.AND64_IMM, patternReg, 0, 0, 0xff);
            int k = mf.newVreg();
            emitConstant(k, Type.I64, 0x0101010101010101L);
            emit(BpfOp.MUL64_REG, patternReg, k, 0, 0);
        }
        long done = 0;
        while (done < i.size) {
            int width = widthFor(chunk, i.size - done);
            dst = reachable(dst, done);
            if (pattern != null) {
                emit(BpfOp.valueOf("ST_" + sizeSuffix(width)), dst.reg, 0, (int) (dst.off + done), pattern);
            } else {
                emit(BpfOp.valueOf("STX_" + sizeSuffix(width)), dst.reg, patternReg, (int) (dst.off + done), 0);
            }
            done += width;
        }
    }

    /** An address whose displacement plus {@code extra} still fits 16 bits (re-based when it would not). */
    private Address reachable(Address a, long extra) {
        if (a.off + extra + 8 <= Short.MAX_VALUE && a.off + extra >= Short.MIN_VALUE) return a;
        int t = mf.newVreg();
        emit(BpfOp.MOV64_REG, t, a.reg, 0, 0);
        emit(BpfOp.ADD64_IMM, t, 0, 0, (int) (a.off + extra));
        return new Address(t, (int) -extra);
    }

    private static int chunkOf(int align) {
        int a = Math.max(1, Math.min(8, align));
        return Integer.highestOneBit(a);
    }

    private static int widthFor(int chunk, long remaining) {
        int w = chunk;
        while (w > remaining) w >>= 1;
        return w;
    }

    // ------------------------------------------------------------------------------------------------------
    // Calls

    /**
     * A call: arguments into r1..r5 (or, past five, see {@link StackArguments}), then {@code call N} (helper),
     * {@code call -1} with a relocation (a BPF function or kfunc), or, for a {@code callind} that devirtualization
     * left, {@code callx rN} with the callee's address in any register the arguments leave free, as clang-22 does at
     * every {@code -mcpu} ({@code r2 = *(u64 *)(r1 + 0); w1 = 3; callx r2}).
     */
    private void call(Instruction i) {
        boolean indirect = i.op() == Opcode.CALLIND;
        List<Value> args = indirect ? i.operands().subList(1, i.operands().size()) : i.operands();
        int callee = indirect ? reg(i.operand(0)) : -1;
        boolean onStack = args.size() > 5;
        if (onStack && i.op() != Opcode.CALL) {
            if (indirect) throw error("too many arguments (an indirect call passes at most 5, it is given " + args.size() + ")");
            throw error("helpers and kfuncs take at most 5 arguments ("
                    + (i.symbol != null ? "'" + i.symbol + "'" : "helper " + i.size) + " is given " + args.size() + ")");
        }
        int inRegisters = onStack ? StackArguments.IN_REGISTERS : args.size();
        if (onStack) {
            // Arguments 5..n go to the caller's outgoing area, r5 points at it (StackArguments).
            for (int k = StackArguments.IN_REGISTERS; k < args.size(); k++) {
                int r = reg(args.get(k));
                emit(BpfOp.STX_DW, Reg.FP, r, -outgoingArea + StackArguments.offsetOf(k), 0);
            }
        }
        int[] values = new int[inRegisters];
        for (int k = 0; k < inRegisters; k++) {
            Value a = args.get(k);
            values[k] = a instanceof Constant || a instanceof Undef ? -1 : reg(a);
        }
        for (int k = 0; k < inRegisters; k++) {
            if (values[k] < 0) materializeInto(k + 1, args.get(k));
            else emit(BpfOp.MOV64_REG, k + 1, values[k], 0, 0);
        }
        if (onStack) {
            emit(BpfOp.MOV64_REG, Reg.R5, Reg.FP, 0, 0);
            emit(BpfOp.ADD64_IMM, Reg.R5, 0, 0, -outgoingArea);
        }
        MInsn call = indirect ? emit(BpfOp.CALLX, callee, 0, 0, 0) : emit(BpfOp.CALL, 0, 0, 0, 0);
        call.argCount = onStack ? 5 : args.size();
        boolean ownFunction = false;
        if (indirect) {
            // no symbol: the address came from an ld_imm64 of the function, with its own relocation
        } else if (i.op() == Opcode.CALLHELPER) {
            call.imm = (int) i.size;
        } else if (i.op() == Opcode.CALLKFUNC) {
            call.src = 1;
            call.imm = -1;
            call.symbol = new SymbolRef(SymbolRef.Kind.KFUNC, i.symbol, 0);
        } else {
            call.src = 1;
            call.imm = -1;
            call.symbol = new SymbolRef(SymbolRef.Kind.CALL, i.symbol, 0);
            mf.callees.add(i.symbol);
            ownFunction = module.function(i.symbol) != null;
        }
        if (i.hasResult()) {
            int d = def(i);
            if (i.type() == Type.I32 && cpu.hasAlu32() && !ownFunction) {
                emit(BpfOp.MOV32_REG, d, Reg.R0, 0, 0);
            } else {
                emit(BpfOp.MOV64_REG, d, Reg.R0, 0, 0);
            }
            if (i.type() != Type.I32 || cpu.hasAlu32()) clean.add(i);
        }
    }

    /**
     * Inline assembly in clang's BPF syntax, assembled with the instruction table. Operands: "i" constraints
     * (constants, and {@code addr @sym} for maps, globals and functions) are substituted as text for {@code %N};
     * "r"/"w" operands get a physical register (one the template does not name), inputs are copied into it
     * before, the single "=r" output out of it after, "N" ties an input to operand N (clang's "+r");
     * {@code %=} becomes a number unique to this statement. The instructions use physical registers; the
     * allocator keeps virtual registers out of the ones the assembly writes (they become fixed intervals).
     * <pre>
     *   barrier_var(x):  inline_asm i32 "", "=r,0"(i32 %x)   ->   r1 = x ; (nothing) ; x' = r1   (coalesced)
     * </pre>
     */
    private void inlineAsm(Instruction i) {
        String[] constraints = i.asmConstraints.isEmpty() ? new String[0] : i.asmConstraints.split(",");
        // Registers the template names itself are not handed out to register operands.
        Set<Integer> named = new HashSet<>();
        // (".ifc %0, r1" only compares the operand's text with a register's name: it names no register.)
        String usesText = i.asmTemplate.replaceAll("\\.ifn?c[^;\\n]*", "");
        java.util.regex.Matcher rm = java.util.regex.Pattern.compile("\\b[rw](\\d+)\\b").matcher(usesText);
        while (rm.find()) named.add(Integer.parseInt(rm.group(1)));
        // Nor are clobbered ones: "r"(&iter) with clobbers r0-r5 around "call" must not get r4 (the call kills it).
        for (String c : constraints) {
            java.util.regex.Matcher cm = java.util.regex.Pattern.compile("^~\\{[rw](\\d+)\\}$").matcher(c.trim());
            if (cm.matches()) named.add(Integer.parseInt(cm.group(1)));
        }
        int[] pool = {1, 2, 3, 4, 5, 0, 6, 7, 8, 9};
        int poolNext = 0;
        List<String> operandText = new ArrayList<>();
        List<Integer> operandReg = new ArrayList<>();
        List<String> gotoLabels = new ArrayList<>();
        int outputReg = -1;
        int operand = 0;
        int unique = asmCounter;
        for (String c : constraints) {
            String k = c.trim();
            if (k.startsWith("~")) continue;
            if (k.equals("!i")) {
                // asm goto's label operand k: a local label whose block reports k + 1 as the asm's value.
                String label = "jbpfc_asmgoto_" + unique + "_" + (gotoLabels.size() + 1);
                gotoLabels.add(label);
                operandText.add(label);
                operandReg.add(-1);
                continue;
            }
            boolean output = k.startsWith("=");
            String kind = AsmConstraint.kind(k);
            if (output && outputReg >= 0) throw error("inline asm with more than one output is not supported yet");
            if (!output && AsmConstraint.allowsImmediate(kind)
                    && (!AsmConstraint.allowsRegister(kind) || isAsmImmediate(i.operand(operand)))) {
                operandText.add(asmOperand(i.operand(operand++)));
                operandReg.add(-1);
                continue;
            }
            int reg;
            if (kind.matches("\\d+")) {
                int tied = Integer.parseInt(kind);
                if (tied >= operandReg.size() || operandReg.get(tied) < 0) throw error("inline asm ties to operand " + tied + ", which is not a register");
                reg = operandReg.get(tied);
                operandText.add(operandText.get(tied));
            } else if (AsmConstraint.allowsRegister(kind) || (!output && kind.equals("m"))) {
                while (poolNext < pool.length && named.contains(pool[poolNext])) poolNext++;
                if (poolNext >= pool.length) throw error("inline asm needs more registers than are free");
                reg = pool[poolNext++];
                // "m": the operand is the address of the memory, written as a base register and an offset
                // ("r1 = *(u64 *)%[ctx_a]" reads through it); clang writes "(r10 - 24)", the same memory.
                operandText.add(kind.equals("m") ? "(r" + reg + " + 0)" : (kind.equals("w") ? "w" : "r") + reg);
            } else {
                throw error("inline asm operand constraint \"" + k + "\" is not supported yet");
            }
            operandReg.add(reg);
            if (output) {
                outputReg = reg;
            } else {
                materializeInto(reg, i.operand(operand++));
            }
        }
        if (!gotoLabels.isEmpty() && outputReg >= 0) throw error("asm goto with output operands is not supported yet");
        asmCounter++;
        String text = AsmTemplateText.substitute(i.asmTemplate, operandText,
                (fn.name().hashCode() & 0xffff) + "_" + unique, this::error);
        List<BpfAssembler.Statement> statements;
        try {
            statements = BpfAssembler.parse(text);
        } catch (IllegalArgumentException e) {
            throw error("in inline asm: " + e.getMessage());
        }
        statements = labelNumericJumps(statements);
        Map<String, MBlock> labels = new HashMap<>();
        MBlock after = cur;
        for (BpfAssembler.Statement st : statements) {
            if (!st.isLabel()) continue;
            MBlock b = mf.newBlock(fn.name() + ".asm." + st.label());
            insertAfter(after, b);
            after = b;
            if (labels.put(st.label(), b) != null) throw error("inline asm defines label '" + st.label() + "' twice");
        }
        List<MBlock> gotoBlocks = new ArrayList<>();
        Instruction gotoSwitch = gotoLabels.isEmpty() ? null : asmGotoSwitch(i);
        for (int k = 0; k < gotoLabels.size(); k++) {
            MBlock b;
            if (gotoSwitch != null) {
                b = edge(switchTarget(gotoSwitch, k + 1));
            } else {
                b = mf.newBlock(fn.name() + ".asmgoto." + gotoLabels.get(k));
                insertAfter(after, b);
                after = b;
            }
            gotoBlocks.add(b);
            labels.put(gotoLabels.get(k), b);
        }
        for (BpfAssembler.Statement st : statements) {
            if (st.isLabel()) {
                MBlock next = labels.get(st.label());
                if (cur.insns.isEmpty() || !cur.insns.get(cur.insns.size() - 1).isTerminatorJump()) jump(next);
                cur = next;
                continue;
            }
            BpfInsn insn = st.insn();
            MInsn m = emit(insn.op, insn.dst, insn.src, insn.off, insn.imm);
            m.fromAsm = true;
            if (insn.op == BpfOp.LD_IMM64) m.imm64 = insn.imm64;
            if (st.jumpLabel() != null) {
                MBlock target = labels.get(st.jumpLabel());
                if (target == null) throw error("inline asm jumps to undefined label '" + st.jumpLabel() + "'");
                m.target = target;
                m.off = 0;
                m.imm = insn.op == BpfOp.GOTOL ? 0 : m.imm;
            }
            if (st.symbol() != null) {
                String name = st.symbol();
                if (insn.op == BpfOp.CALL) {
                    ExternFunction ext = module.extern(name);
                    boolean kfunc = ext != null && ext.kind() == ExternFunction.Kind.KFUNC;
                    m.src = 1;
                    m.imm = -1;
                    m.symbol = new SymbolRef(kfunc ? SymbolRef.Kind.KFUNC : SymbolRef.Kind.CALL, name, 0);
                    if (!kfunc) mf.callees.add(name);
                    m.argCount = 5;
                } else {
                    m.symbol = addressOf(name);
                }
            } else if (insn.op == BpfOp.CALL) {
                m.argCount = 5;
            }
        }
        if (gotoSwitch != null) {
            // The switch on where the asm left is the asm's own jumps: labels went to its targets directly.
            jump(edge(switchTarget(gotoSwitch, 0)));
            selectedSwitches.add(gotoSwitch);
            return;
        }
        if (!gotoLabels.isEmpty()) {
            // Where the asm left: 0 falling through, k + 1 through label operand k; a switch on it follows.
            MBlock join = mf.newBlock(fn.name() + ".asmgoto.join");
            insertAfter(after, join);
            int way = i.hasResult() ? def(i) : -1;
            if (way >= 0) emit(BpfOp.MOV64_IMM, way, 0, 0, 0);
            jump(join);
            for (int k = 0; k < gotoBlocks.size(); k++) {
                cur = gotoBlocks.get(k);
                if (way >= 0) emit(BpfOp.MOV64_IMM, way, 0, 0, k + 1);
                jump(join);
            }
            cur = join;
            return;
        }
        if (outputReg >= 0 && i.hasResult()) {
            // With ALU32 every i32 value is taken as zero-extended, but the asm may have written all 64 bits (a
            // barrier_var(i) on an int: the verifier then sees unknown upper bits): the 32-bit move clears them.
            boolean asI32 = i.type() == Type.I32 && cpu.hasAlu32();
            emit(asI32 ? BpfOp.MOV32_REG : BpfOp.MOV64_REG, def(i), outputReg, 0, 0);
            if (!asI32) clean.remove(i);
        }
    }

    private int asmCounter;
    /** Switches on an asm goto's result that the asm's own jumps already implement. */
    private final Set<Instruction> selectedSwitches = new HashSet<>();

    /**
     * The switch right after an asm goto when it is the only user of the asm's value, so that the asm's label
     * jumps can go straight to the switch's targets (as clang's asm goto does) instead of reporting a number.
     * Only when the edges need no phi copies in this block itself (several successors split edges instead).
     */
    private Instruction asmGotoSwitch(Instruction asm) {
        List<Instruction> list = curIr.instructionsView();
        int at = list.indexOf(asm);
        if (at < 0 || at + 2 != list.size()) return null;
        Instruction sw = list.get(at + 1);
        if (sw.op() != Opcode.SWITCH || sw.operand(0) != asm) return null;
        if (users.users(asm).size() != 1) return null;
        if (curIrSuccessorCount() < 2) {
            for (Block t : sw.targets()) if (!t.phis().isEmpty()) return null;
        }
        return sw;
    }

    private static Block switchTarget(Instruction sw, long value) {
        for (int k = 0; k < sw.caseValues.length; k++) if (sw.caseValues[k] == value) return sw.targets().get(k + 1);
        return sw.targets().get(0);
    }

    /**
     * Rewrites numeric jump distances in assembly ("if r0 == 0 goto +1") into jumps to synthetic labels, so the
     * targets become blocks like every other jump's. Distances count 8-byte slots (ld_imm64 takes two).
     */
    private List<BpfAssembler.Statement> labelNumericJumps(List<BpfAssembler.Statement> in) {
        List<Integer> slotOf = new ArrayList<>();
        int slot = 0;
        for (BpfAssembler.Statement st : in) {
            slotOf.add(slot);
            if (!st.isLabel()) slot += st.insn().slots();
        }
        int end = slot;
        Map<Integer, String> synthetic = new HashMap<>();
        List<BpfAssembler.Statement> jumps = new ArrayList<>();
        for (int k = 0; k < in.size(); k++) {
            BpfAssembler.Statement st = in.get(k);
            if (st.isLabel() || st.jumpLabel() != null) continue;
            BpfOp op = st.insn().op;
            if (!op.hasJumpOffset() && op != BpfOp.GOTOL) continue;
            int distance = op == BpfOp.GOTOL ? st.insn().imm : st.insn().off;
            int target = slotOf.get(k) + 1 + distance;
            // A distance that leaves the asm's own instructions is kept as written (the selftests' verifier_cfg.c
            // jumps out of the program on purpose, for the verifier to refuse, and clang's assembler keeps it too).
            if (target < 0 || target > end) continue;
            synthetic.computeIfAbsent(target, t -> "jbpfc_asm_" + asmCounter + "_" + t);
        }
        if (synthetic.isEmpty()) return in;
        List<BpfAssembler.Statement> out = new ArrayList<>();
        for (int k = 0; k <= in.size(); k++) {
            int here = k < in.size() ? slotOf.get(k) : end;
            if (synthetic.containsKey(here)) {
                out.add(new BpfAssembler.Statement(synthetic.remove(here), null, null, null));
            }
            if (k == in.size()) break;
            BpfAssembler.Statement st = in.get(k);
            if (!st.isLabel() && st.jumpLabel() == null && (st.insn().op.hasJumpOffset() || st.insn().op == BpfOp.GOTOL)) {
                int distance = st.insn().op == BpfOp.GOTOL ? st.insn().imm : st.insn().off;
                int target = slotOf.get(k) + 1 + distance;
                if (target < 0 || target > end) {
                    out.add(st);
                    continue;
                }
                String label = "jbpfc_asm_" + asmCounter + "_" + target;
                out.add(new BpfAssembler.Statement(null, st.insn(), label, st.symbol()));
            } else {
                out.add(st);
            }
        }
        return out;
    }

    /** Whether an operand can be written as an immediate ("i"): a constant or the address of a symbol. */
    private static boolean isAsmImmediate(Value v) {
        if (v instanceof Constant || v instanceof Undef) return true;
        if (!(v instanceof Instruction)) return false;
        Instruction i = (Instruction) v;
        if (i.op() == Opcode.ADDR) return true;
        return (i.op() == Opcode.INTTOPTR || i.op() == Opcode.PTRTOINT) && isAsmImmediate(i.operand(0));
    }

    private String asmOperand(Value v) {
        if (v instanceof Constant) return Long.toString(((Constant) v).value());
        if (v instanceof Undef) return "0";
        if (v instanceof Instruction && ((Instruction) v).op() == Opcode.ADDR) return ((Instruction) v).symbol;
        if (v instanceof Instruction && (((Instruction) v).op() == Opcode.INTTOPTR
                || ((Instruction) v).op() == Opcode.PTRTOINT) && ((Instruction) v).operand(0) instanceof Constant) {
            return asmOperand(((Instruction) v).operand(0));
        }
        throw error("inline asm \"i\" operands must be constants or addresses of symbols");
    }

    private void coreField(Instruction i) {
        int d = def(i);
        boolean is32 = i.type() == Type.I32 && cpu.hasAlu32();
        CoreRelocation relocation = new CoreRelocation(i.coreKind, i.btfTypeId, i.accessString);
        long value = coreValues.applyAsLong(relocation);
        MInsn m;
        if (is32 && !needsWideSlot(relocation.kind())) {
            m = emit(BpfOp.MOV32_IMM, d, 0, 0, (int) value);
        } else if (!needsWideSlot(relocation.kind()) && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            m = emit(BpfOp.MOV64_IMM, d, 0, 0, (int) value);
        } else {
            m = emit(BpfOp.LD_IMM64, d, 0, 0, 0);
            m.imm64 = value;
        }
        m.core = relocation;
        clean.add(i);
    }

    /**
     * Relocations whose value on the running kernel may not fit the 32-bit immediate of a mov, so the loader
     * needs an ld_imm64 to patch: an enumerator's value (a kernel enum may be 64-bit even where the local one is
     * small; libbpf refuses to patch a mov with a value beyond 32 bits), and, as clang-22 emits them, whether an
     * enumerator exists and BTF type ids.
     */
    private static boolean needsWideSlot(CoreKind kind) {
        return switch (kind) {
            case ENUMVAL_VALUE, ENUMVAL_EXISTS, TYPE_ID_LOCAL, TYPE_ID_TARGET -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------------------------------------------
    // Values into registers

    private int def(Instruction i) {
        Integer v = vregs.get(i);
        if (v == null) throw new IllegalStateException("no register for " + i);
        return v;
    }

    /** The register holding {@code v} here, emitting its rematerialisation when it has none. */
    private int reg(Value v) {
        Integer r = vregs.get(v);
        if (r != null) return r;
        int t = mf.newVreg();
        materializeInto(t, v);
        return t;
    }

    /** Puts {@code v} into register {@code target} (a constant, an address or a copy). */
    private void materializeInto(int target, Value v) {
        if (v instanceof Constant) {
            emitConstant(target, v.type(), ((Constant) v).value());
            return;
        }
        if (v instanceof Undef) {
            emit(BpfOp.MOV64_IMM, target, 0, 0, 0);
            return;
        }
        Integer r = vregs.get(v);
        if (r != null) {
            emit(BpfOp.MOV64_REG, target, r, 0, 0);
            return;
        }
        if (v instanceof Instruction) {
            Instruction i = (Instruction) v;
            if (i.op() == Opcode.ADDR) {
                MInsn ld = emit(BpfOp.LD_IMM64, target, 0, 0, 0);
                ld.imm64 = 0;
                ld.symbol = addressOf(i.symbol);
                return;
            }
            if (i.op() == Opcode.ALLOCA || foldedPtradd.contains(i)) {
                Address a = address(i);
                emit(BpfOp.MOV64_REG, target, a.reg, 0, 0);
                if (a.off != 0) emit(BpfOp.ADD64_IMM, target, 0, 0, a.off);
                return;
            }
            if (i.op() == Opcode.CMP) {
                // A compare folded into branches is also needed as a value here (only via select operands).
                compareValueInto(target, i);
                return;
            }
        }
        throw new IllegalStateException("value used before its definition was selected: " + v);
    }

    private SymbolRef addressOf(String symbol) {
        if (module.function(symbol) != null) return new SymbolRef(SymbolRef.Kind.FUNCTION, symbol, 0);
        Global g = module.global(symbol);
        if (g == null && module.extern(symbol) == null) throw error("unknown symbol '" + symbol + "'");
        return new SymbolRef(SymbolRef.Kind.DATA, symbol, 0);
    }

    private void emitConstant(int target, Type t, long value) {
        if (t == Type.I1 || t == Type.I8 || t == Type.I16) {
            long v = t.unsigned(value);
            emit(cpu.hasAlu32() ? BpfOp.MOV32_IMM : BpfOp.MOV64_IMM, target, 0, 0, (int) v);
        } else if (t == Type.I32) {
            emit(cpu.hasAlu32() ? BpfOp.MOV32_IMM : BpfOp.MOV64_IMM, target, 0, 0, (int) value);
        } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            emit(BpfOp.MOV64_IMM, target, 0, 0, (int) value);
        } else {
            MInsn ld = emit(BpfOp.LD_IMM64, target, 0, 0, 0);
            ld.imm64 = value;
        }
    }

    private boolean isClean(Value v) {
        if (v instanceof Constant) {
            Constant c = (Constant) v;
            if (c.type() == Type.I32 && !cpu.hasAlu32()) return c.value() >= 0;
            return true;
        }
        if (v instanceof Undef) return true;
        if (v.type() == Type.I32 && cpu.hasAlu32()) return true;
        return clean.contains(v) || v.type() == Type.I64 || v.type() == Type.PTR || v.type() == Type.I1;
    }

    private int zeroExtend32(int r, Value v) { return zeroExtendTo(r, v); }

    private int signExtend32(int r, Value v) { return signExtendTo(r, v); }

    /** A register holding {@code v} zero-extended from its width to 64 bits. */
    private int zeroExtendTo(int r, Value v) {
        if (isClean(v)) return r;
        int t = mf.newVreg();
        emit(BpfOp.MOV64_REG, t, r, 0, 0);
        int shift = 64 - v.type().bits;
        emit(BpfOp.LSH64_IMM, t, 0, 0, shift);
        emit(BpfOp.RSH64_IMM, t, 0, 0, shift);
        return t;
    }

    /** A register holding {@code v} sign-extended from its width to 64 bits. */
    private int signExtendTo(int r, Value v) {
        if (v instanceof Constant && v.type() != Type.I8 && v.type() != Type.I16) return r;
        int t = mf.newVreg();
        emit(BpfOp.MOV64_REG, t, r, 0, 0);
        int shift = 64 - v.type().bits;
        emit(BpfOp.LSH64_IMM, t, 0, 0, shift);
        emit(BpfOp.ARSH64_IMM, t, 0, 0, shift);
        return t;
    }

    private MInsn emit(BpfOp op, int dst, int src, int off, int imm) {
        MInsn m = new MInsn(op, dst, src, off, imm);
        m.loc = loc;
        cur.add(m);
        return m;
    }

    private CompileError error(String message) {
        return new CompileError(sourceLocation(), "in function '" + fn.name() + "': " + message);
    }

    /** The source position of the instruction being selected, when the frontend attached the file's text. */
    private SourceLocation sourceLocation() {
        return module.sourceLocation(loc);
    }
}
