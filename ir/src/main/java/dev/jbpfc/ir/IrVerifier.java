package dev.jbpfc.ir;

import dev.jbpfc.ir.analysis.Cfg;
import dev.jbpfc.ir.analysis.DominatorTree;
import dev.jbpfc.ir.text.IrPrinter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a module is well formed, so that a pass that breaks the IR is caught right after it runs (the test
 * runner verifies after every pass) instead of as a wrong program in the kernel. It checks:
 * <ul>
 *   <li>block shape: non-empty, phis first, exactly one terminator and it comes last; the entry has no preds;
 *       allocas only in the entry block; debug locations name a listed file;</li>
 *   <li>no unreachable blocks (the kernel rejects dead code: "unreachable insn");</li>
 *   <li>SSA: every operand is defined in this function and its definition dominates the use (a phi's operand must
 *       dominate the end of its incoming block); phis have one entry per predecessor and no others;</li>
 *   <li>types: each opcode's operand types (docs/ir.md), {@code ptr} only where a pointer is allowed (never in
 *       arithmetic, only {@code ptradd} moves a pointer), calls match their callee, symbols exist.</li>
 * </ul>
 * Problems are returned as messages "{@code @fn: block: instruction: what is wrong}".
 */
public final class IrVerifier {
    private final Module module;
    private final List<String> problems = new ArrayList<>();
    private Function fn;
    private Block block;
    private Instruction inst;

    private IrVerifier(Module module) { this.module = module; }

    /** All problems found in the module (empty when it is well formed). */
    public static List<String> verify(Module m) {
        IrVerifier v = new IrVerifier(m);
        v.checkModule();
        return v.problems;
    }

    /** Throws {@link IllegalStateException} listing the problems when the module is not well formed. */
    public static void check(Module m, String after) {
        List<String> p = verify(m);
        if (!p.isEmpty()) {
            throw new IllegalStateException("IR verification failed" + (after == null ? "" : " after " + after) + ":\n  "
                    + String.join("\n  ", p));
        }
    }

    private void problem(String msg) {
        StringBuilder sb = new StringBuilder();
        if (fn != null) sb.append('@').append(fn.name()).append(": ");
        if (block != null) sb.append(block.name()).append(": ");
        if (inst != null) sb.append('\'').append(IrPrinter.instructionToString(inst)).append("': ");
        problems.add(sb.append(msg).toString());
    }

    private void checkModule() {
        Set<String> names = new HashSet<>();
        for (Global g : module.globals()) {
            if (!names.add(g.name())) problem("symbol @" + g.name() + " is defined twice");
            if (Long.bitCount(g.align()) != 1) problem("global @" + g.name() + " has alignment " + g.align() + ", not a power of two");
            if (g.data().length > g.size()) problem("global @" + g.name() + " has more data than its size");
            if (g.linkage().isExtern() && g.data().length > 0) problem("extern global @" + g.name() + " has data");
            for (Global.Reloc r : g.relocs()) {
                if (!module.hasSymbol(r.symbol())) problem("global @" + g.name() + " refers to unknown symbol @" + r.symbol());
                if (r.offset() < 0 || r.offset() + 8 > g.size()) problem("global @" + g.name() + " has a relocation outside it");
            }
        }
        for (ExternFunction e : module.externs()) if (!names.add(e.name())) problem("symbol @" + e.name() + " is defined twice");
        for (Function f : module.functions()) if (!names.add(f.name())) problem("symbol @" + f.name() + " is defined twice");
        for (Function f : module.functions()) checkFunction(f);
    }

    private void checkFunction(Function f) {
        fn = f;
        block = null;
        inst = null;
        if (f.linkage().isExtern()) problem("a defined function cannot have extern linkage");
        if (f.params().size() > 5) problem("a BPF function takes at most 5 arguments, this one takes " + f.params().size());
        for (Param p : f.params()) if (!(p.type() == Type.I32 || p.type() == Type.I64 || p.type() == Type.PTR)) {
            problem("parameter %" + p.name() + " has type " + p.type() + "; parameters are i32, i64 or ptr");
        }
        if (f.blocks().isEmpty()) {
            problem("function has no blocks");
            return;
        }
        Set<Instruction> all = new HashSet<>();
        for (Block b : f.blocks()) {
            if (b.function() != f) problem("block " + b.name() + " does not belong to this function");
            all.addAll(b.instructionsView());
        }
        // shape
        boolean shapeOk = true;
        for (Block b : f.blocks()) {
            block = b;
            inst = null;
            if (b.size() == 0) {
                problem("block is empty (it needs a terminator)");
                shapeOk = false;
                continue;
            }
            boolean seenNonPhi = false;
            for (int k = 0; k < b.size(); k++) {
                Instruction i = b.get(k);
                inst = i;
                if (i.block() != b) problem("instruction does not know its block");
                if (i.isPhi() && seenNonPhi) problem("phi after a non-phi instruction");
                if (!i.isPhi()) seenNonPhi = true;
                if (i.isTerminator() && k != b.size() - 1) {
                    problem("terminator in the middle of a block");
                    shapeOk = false;
                }
                if (!i.isTerminator() && k == b.size() - 1) {
                    problem("block does not end with a terminator");
                    shapeOk = false;
                }
                for (Block t : i.targets()) {
                    if (t == null || t.function() != f) {
                        problem("refers to a block that is not in this function");
                        shapeOk = false;
                    }
                }
            }
        }
        block = null;
        inst = null;
        if (!shapeOk) return;
        Cfg cfg = new Cfg(f);
        DominatorTree dt = new DominatorTree(cfg);
        if (!cfg.preds(f.entry()).isEmpty()) {
            block = f.entry();
            problem("the entry block has predecessors");
        }
        for (Block b : cfg.unreachable()) {
            block = b;
            problem("block is unreachable (the kernel rejects dead code)");
        }
        for (Block b : f.blocks()) {
            block = b;
            for (Instruction i : b.instructionsView()) {
                inst = i;
                checkOperandsDefined(i, all, cfg, dt);
                checkTypes(i, cfg);
            }
        }
        block = null;
        inst = null;
    }

    private void checkOperandsDefined(Instruction i, Set<Instruction> all, Cfg cfg, DominatorTree dt) {
        for (int k = 0; k < i.operands().size(); k++) {
            Value v = i.operand(k);
            if (v == null) {
                problem("operand " + k + " is missing");
                continue;
            }
            if (v instanceof Param p) {
                if (!fn.params().contains(p)) problem("uses a parameter of another function");
            } else if (v instanceof Instruction d) {
                if (!all.contains(d)) {
                    problem("uses a value that is not defined in this function");
                    continue;
                }
                if (!d.hasResult()) problem("uses an instruction that produces no value");
                if (!cfg.isReachable(i.block())) continue;
                if (i.isPhi()) {
                    Block from = i.targets().get(k);
                    if (cfg.isReachable(from) && !dt.dominates(d.block(), from)) {
                        problem("%" + d.name() + " does not dominate the end of incoming block " + from.name());
                    }
                } else if (!dt.dominates(d, i)) {
                    problem("%" + d.name() + " does not dominate this use");
                }
            } else if (!(v instanceof Constant) && !(v instanceof Undef)) {
                problem("operand " + k + " is not a value");
            }
        }
    }

    private void expectType(Value v, Type t, String what) {
        if (v != null && v.type() != t) problem(what + " must be " + t + ", not " + v.type());
    }

    private void expectOperands(Instruction i, int n) {
        if (i.operands().size() != n) problem("expects " + n + " operands, has " + i.operands().size());
    }

    private void checkAlign(Instruction i) {
        if (i.align <= 0 || Long.bitCount(i.align) != 1) problem("alignment " + i.align + " is not a power of two");
    }

    private void checkTypes(Instruction i, Cfg cfg) {
        Type t = i.type();
        List<Value> ops = i.operands();
        switch (i.op()) {
            case ADD, SUB, MUL, UDIV, SDIV, UREM, SREM, AND, OR, XOR, SHL, LSHR, ASHR -> {
                expectOperands(i, 2);
                if (!t.isArith()) problem("arithmetic is done on i32 or i64, not " + t + (t == Type.PTR ? " (use ptradd)" : ""));
                if (ops.size() == 2) {
                    expectType(ops.get(0), t, "the first operand");
                    expectType(ops.get(1), t, "the second operand");
                }
            }
            case CMP -> {
                expectOperands(i, 2);
                if (t != Type.I1) problem("cmp produces i1");
                if (i.predicate == null) problem("cmp needs a predicate");
                if (ops.size() == 2) {
                    Type a = ops.get(0).type();
                    if (!(a.isArith() || a == Type.PTR)) problem("cmp compares i32, i64 or ptr, not " + a);
                    if (ops.get(1).type() != a) problem("cmp operands differ in type: " + a + " and " + ops.get(1).type());
                }
            }
            case ZEXT, SEXT -> {
                expectOperands(i, 1);
                if (!ops.isEmpty()) {
                    Type from = ops.get(0).type();
                    if (!from.isInt() || !t.isInt() || from.bits >= t.bits) problem(i.op().spelling + " must widen an integer, not " + from + " to " + t);
                }
            }
            case TRUNC -> {
                expectOperands(i, 1);
                if (!ops.isEmpty()) {
                    Type from = ops.get(0).type();
                    if (!from.isInt() || !t.isInt() || t == Type.I1 || from.bits <= t.bits) {
                        problem("trunc must narrow an integer to i8..i32, not " + from + " to " + t + (t == Type.I1 ? " (use cmp ne 0)" : ""));
                    }
                }
            }
            case PTRTOINT -> {
                expectOperands(i, 1);
                if (!ops.isEmpty()) expectType(ops.get(0), Type.PTR, "the operand of ptrtoint");
                if (t != Type.I64) problem("ptrtoint produces i64");
            }
            case INTTOPTR -> {
                expectOperands(i, 1);
                if (!ops.isEmpty()) expectType(ops.get(0), Type.I64, "the operand of inttoptr");
                if (t != Type.PTR) problem("inttoptr produces ptr");
            }
            case PTRADD -> {
                expectOperands(i, 2);
                if (ops.size() == 2) {
                    expectType(ops.get(0), Type.PTR, "the base of ptradd");
                    expectType(ops.get(1), Type.I64, "the offset of ptradd");
                }
                if (t != Type.PTR) problem("ptradd produces ptr");
            }
            case ADDRSPACECAST -> {
                expectOperands(i, 1);
                if (!ops.isEmpty()) expectType(ops.get(0), Type.PTR, "the operand of addrspacecast");
                if (t != Type.PTR) problem("addrspacecast produces ptr");
                if (i.fromSpace == i.toSpace || (i.fromSpace | i.toSpace) >>> 16 != 0) {
                    problem("addrspacecast converts between two different address spaces below 65536, not "
                            + i.fromSpace + " to " + i.toSpace);
                }
            }
            case SELECT -> {
                expectOperands(i, 3);
                if (ops.size() == 3) {
                    expectType(ops.get(0), Type.I1, "the condition of select");
                    expectType(ops.get(1), t, "the second operand");
                    expectType(ops.get(2), t, "the third operand");
                }
                if (!(t.isArith() || t == Type.PTR)) problem("select chooses i32, i64 or ptr, not " + t);
            }
            case PHI -> {
                if (t == Type.VOID || t == Type.I1) problem("a phi merges i8..i64 or ptr values, not " + t);
                for (Value v : ops) expectType(v, t, "an incoming value");
                if (ops.size() != i.targets().size()) problem("phi has " + ops.size() + " values but " + i.targets().size() + " blocks");
                List<Block> preds = cfg.preds(i.block());
                Set<Block> seen = new HashSet<>();
                for (Block b : i.targets()) {
                    if (!seen.add(b)) problem("phi lists block " + b.name() + " twice");
                    else if (!preds.contains(b)) problem("phi has an entry for " + b.name() + ", which is not a predecessor");
                }
                for (Block p : preds) if (!seen.contains(p)) problem("phi has no entry for predecessor " + p.name());
            }
            case ADDR -> {
                expectOperands(i, 0);
                if (t != Type.PTR) problem("addr produces ptr");
                if (i.symbol == null || !module.hasSymbol(i.symbol)) problem("unknown symbol @" + i.symbol);
                else {
                    ExternFunction e = module.extern(i.symbol);
                    if (e != null && e.kind() == ExternFunction.Kind.HELPER) problem("a helper has no address; call it with callhelper");
                }
            }
            case ALLOCA -> {
                expectOperands(i, 0);
                if (i.block() != fn.entry()) problem("allocas belong in the entry block (the frame is laid out once)");
                if (t != Type.PTR) problem("alloca produces ptr");
                if (i.size <= 0) problem("alloca of " + i.size + " bytes");
                checkAlign(i);
            }
            case LOAD -> {
                expectOperands(i, 1);
                if (!t.isMemory()) problem("cannot load " + t);
                if (!ops.isEmpty()) expectType(ops.get(0), Type.PTR, "the address of a load");
                checkAlign(i);
            }
            case STORE -> {
                expectOperands(i, 2);
                if (ops.size() == 2) {
                    if (!ops.get(0).type().isMemory()) problem("cannot store " + ops.get(0).type());
                    expectType(ops.get(1), Type.PTR, "the address of a store");
                }
                checkAlign(i);
            }
            case ATOMICRMW -> {
                expectOperands(i, 2);
                if (ops.size() == 2) {
                    expectType(ops.get(0), Type.PTR, "the address of atomicrmw");
                    Type vt = ops.get(1).type();
                    if (!vt.isArith()) problem("atomics work on i32 or i64, not " + vt);
                    if (i.fetch ? t != vt : t != Type.VOID) problem("atomicrmw " + (i.fetch ? "fetch produces the old value's type" : "without fetch produces nothing"));
                }
                if (i.atomicOp == null) problem("atomicrmw needs an operation");
                if (i.atomicOp == AtomicOp.XCHG && !i.fetch) problem("xchg always fetches (write 'atomicrmw fetch xchg')");
                checkAlign(i);
            }
            case CMPXCHG -> {
                expectOperands(i, 3);
                if (!t.isArith()) problem("cmpxchg works on i32 or i64, not " + t);
                if (ops.size() == 3) {
                    expectType(ops.get(0), Type.PTR, "the address of cmpxchg");
                    expectType(ops.get(1), t, "the expected value");
                    expectType(ops.get(2), t, "the new value");
                }
                checkAlign(i);
            }
            case MEMCPY, MEMSET -> {
                expectOperands(i, 2);
                if (ops.size() == 2) {
                    expectType(ops.get(0), Type.PTR, "the destination");
                    expectType(ops.get(1), i.op() == Opcode.MEMCPY ? Type.PTR : Type.I8, i.op() == Opcode.MEMCPY ? "the source" : "the byte value");
                }
                if (i.size <= 0) problem(i.op().spelling + " of " + i.size + " bytes");
                checkAlign(i);
            }
            case CALL -> {
                checkCallValues(i);
                Function callee = module.function(i.symbol);
                ExternFunction ext = module.extern(i.symbol);
                if (callee != null) checkSignature(i, callee.returnType(), callee.params().stream().map(Param::type).toList());
                else if (ext != null && ext.kind() == ExternFunction.Kind.EXTERN) checkSignature(i, ext.returnType(), ext.paramTypes());
                else if (ext != null) problem("@" + i.symbol + " is a " + ext.kind().spelling + "; call it with call" + ext.kind().spelling);
                else problem("call to unknown function @" + i.symbol);
            }
            case CALLKFUNC -> {
                checkCallValues(i);
                ExternFunction ext = module.extern(i.symbol);
                if (ext == null || ext.kind() != ExternFunction.Kind.KFUNC) problem("@" + i.symbol + " is not a declared kfunc");
                else checkSignature(i, ext.returnType(), ext.paramTypes());
            }
            case CALLIND -> {
                if (ops.isEmpty()) {
                    problem("callind needs a callee");
                } else {
                    expectType(ops.get(0), Type.PTR, "the callee of callind");
                    checkCallValues(i.type(), ops.subList(1, ops.size()));
                }
            }
            case CALLHELPER -> {
                checkCallValues(i);
                if (i.size <= 0 || i.size > Integer.MAX_VALUE) problem("invalid helper number " + i.size);
            }
            case INLINE_ASM -> {
                if (i.asmTemplate == null || i.asmConstraints == null) problem("inline_asm needs a template and constraints");
                if (t == Type.I1) problem("inline_asm cannot produce i1");
            }
            case CORE_FIELD -> {
                expectOperands(i, 0);
                if (!t.isArith()) problem("core_field produces i32 or i64");
                if (i.coreKind == null) problem("core_field needs a relocation kind");
                if (i.accessString == null || !i.accessString.matches("\\d+(:\\d+)*")) problem("bad access string \"" + i.accessString + "\"");
            }
            case BR -> {
                expectOperands(i, 0);
                if (i.targets().size() != 1) problem("br has one target");
            }
            case CONDBR -> {
                expectOperands(i, 1);
                if (!ops.isEmpty() && !ops.get(0).type().isInt()) problem("condbr tests an integer (i1..i64), not " + ops.get(0).type() + (ops.get(0).type() == Type.PTR ? " (compare it with null)" : ""));
                if (i.targets().size() != 2) problem("condbr has two targets");
            }
            case SWITCH -> {
                expectOperands(i, 1);
                if (!ops.isEmpty() && !ops.get(0).type().isArith()) problem("switch on i32 or i64, not " + ops.get(0).type());
                if (i.targets().size() != i.caseValues.length + 1) problem("switch has " + i.caseValues.length + " cases but " + (i.targets().size() - 1) + " case targets");
                Set<Long> vals = new HashSet<>();
                for (long v : i.caseValues) if (!vals.add(v)) problem("switch case " + v + " appears twice");
            }
            case RET -> {
                if (fn.returnType() == Type.VOID) {
                    if (!ops.isEmpty()) problem("the function returns void");
                } else if (ops.size() != 1) {
                    problem("the function returns " + fn.returnType());
                } else {
                    expectType(ops.get(0), fn.returnType(), "the returned value");
                }
            }
            case UNREACHABLE -> expectOperands(i, 0);
        }
        if (i.loc != null && (i.loc.file() < 0 || i.loc.file() >= module.files().size())) {
            problem("debug location refers to file " + i.loc.file() + " but the module lists " + module.files().size() + " files");
        }
        if (i.loopHint != Instruction.HINT_NONE && !(i.op() == Opcode.BR || i.op() == Opcode.CONDBR || i.op() == Opcode.SWITCH)) {
            problem("loop hints belong on branches");
        }
    }

    private void checkCallValues(Instruction i) { checkCallValues(i.type(), i.operands()); }

    private void checkCallValues(Type t, List<Value> args) {
        if (!(t == Type.VOID || t.isArith() || t == Type.PTR)) problem("calls return void, i32, i64 or ptr, not " + t);
        if (args.size() > 5) problem("BPF calls pass at most 5 arguments in registers, this one passes " + args.size());
        for (Value v : args) {
            if (!(v.type().isArith() || v.type() == Type.PTR)) problem("call arguments are i32, i64 or ptr, not " + v.type());
        }
    }

    private void checkSignature(Instruction i, Type ret, List<Type> params) {
        if (i.type() != ret) problem("@" + i.symbol + " returns " + ret + ", not " + i.type());
        if (params.size() != i.operands().size()) {
            problem("@" + i.symbol + " takes " + params.size() + " arguments, not " + i.operands().size());
            return;
        }
        for (int k = 0; k < params.size(); k++) {
            if (params.get(k) != i.operand(k).type()) problem("argument " + (k + 1) + " of @" + i.symbol + " must be " + params.get(k) + ", not " + i.operand(k).type());
        }
    }
}
