package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.sema.FunctionSymbol;
import dev.jbpfc.frontend.sema.ObjectSymbol;
import dev.jbpfc.frontend.sema.Symbol;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.FunctionType;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Lowers a call by what the callee is:
 * <pre>
 *   bpf_map_lookup_elem(&amp;m, &amp;k)   helper pointer (static ... = (void *) 1)  -&gt; %r = callhelper ptr 1(ptr %m, ptr %k)
 *   bpf_rcu_read_lock()             extern ... __ksym (section ".ksyms")      -&gt; callkfunc void @bpf_rcu_read_lock()
 *   sub(x)                          a function defined here or extern          -&gt; %r = call i32 @sub(i32 %x)
 *   p(x)                            a function pointer                         -&gt; %r = callind i32 %p(i32 %x)
 * </pre>
 * Calls with more than five arguments follow docs/calling-convention.md: arguments 1-4 as usual and, as the fifth,
 * the address of a stack area holding arguments 5..n in 8-byte slots (see {@link FunctionLowering} for the callee
 * side). Any other callee is a function pointer value: {@code %r = callind i32 %p(i32 %x)} (see {@link #indirect}).
 */
final class CallLowering {
    private CallLowering() {}

    /** The most arguments a BPF call passes in registers. */
    static final int MAX_REGISTER_ARGS = 5;

    static Value lower(ExprLowering x, Expr.Call e) {
        Expr callee = e.callee;
        while (callee instanceof Expr.Unary u && u.op == Expr.UnaryOp.DEREF) callee = u.operand;
        Symbol s = callee instanceof Expr.Ident id ? x.unit.model.symbolOf(id) : null;
        CType calleeType = x.useType(e.callee);
        FunctionType ft = calleeType.isPointer() ? calleeType.asPointer().pointee().asFunction() : calleeType.asFunction();
        if (ft == null) throw new CompileError(e.loc(), "called object is not a function");
        if (s instanceof ObjectSymbol o && o.helperId() >= 0) {
            Type ret = UnitContext.returnType(ft, e.loc());
            List<Value> args = arguments(x, e, ft);
            if (args.size() > MAX_REGISTER_ARGS) throw new CompileError(e.loc(), "too many arguments");
            x.b.setLoc(x.unit.loc(e.loc()));
            return result(x.b.callHelper(ret, o.helperId(), args));
        }
        if (s instanceof FunctionSymbol f && LegacyPacketLoads.isIntrinsic(f)) return LegacyPacketLoads.lower(x, e, f);
        if (s instanceof FunctionSymbol f) {
            boolean defined = f.isDefined() || x.unit.definitions.get(f) != null;
            // A struct result of a function defined here goes to a temporary whose address is the hidden first
            // argument; that temporary is the call's value (an aggregate rvalue lives at an address).
            Instruction sret = null;
            if (defined && UnitContext.returnsViaPointer(ft)) {
                CType rt = ft.returnType().unqualified();
                sret = x.b.alloca(Math.max(1, rt.size()), Math.max(1, ExprLowering.alignOf(rt)));
            }
            List<Value> args = arguments(x, e, ft);
            List<CType> types = argumentTypes(x, e, ft);
            if (sret != null) {
                args.add(0, sret);
                types.add(0, dev.jbpfc.frontend.types.PointerType.to(ft.returnType()));
            }
            x.b.setLoc(x.unit.loc(e.loc()));
            if (!defined) {
                Type ret = UnitContext.returnType(ft, e.loc());
                x.unit.declareExtern(f);
                if (UnitContext.isKfunc(f)) {
                    if (args.size() > MAX_REGISTER_ARGS) throw new CompileError(e.loc(), "too many arguments");
                    return result(x.b.callKfunc(ret, f.name(), args));
                }
                return result(x.b.call(ret, x.unit.symbolName(f), packExtraArguments(x, args, types)));
            }
            String name = x.unit.symbolName(f);
            Type ret = UnitContext.definedReturnType(ft, e.loc());
            Value v = result(x.b.call(ret, name, packExtraArguments(x, args, types)));
            return sret != null ? sret : v;
        }
        return indirect(x, e, callee, ft);
    }

    /**
     * A call through a function pointer: {@code callind} on the pointer's value. The devirt pass makes it a direct
     * call when the pointer is known (a kfunc or function address given to an always_inline function, say); what
     * is left is emitted as {@code callx}, which today's kernels refuse, as they refuse clang-22's. The callee is a
     * BPF function as far as the convention goes: a struct result comes back through a hidden first argument, as
     * from a function defined here; more than five arguments is an error, as in clang.
     */
    private static Value indirect(ExprLowering x, Expr.Call e, Expr callee, FunctionType ft) {
        Value target = x.rvalue(callee);
        if (target == null || target.type() != Type.PTR) {
            throw new CompileError(e.loc(), "cannot compile this call yet: the callee is not a function pointer value");
        }
        Instruction sret = null;
        if (UnitContext.returnsViaPointer(ft)) {
            CType rt = ft.returnType().unqualified();
            sret = x.b.alloca(Math.max(1, rt.size()), Math.max(1, ExprLowering.alignOf(rt)));
        }
        List<Value> args = arguments(x, e, ft);
        if (sret != null) args.add(0, sret);
        if (args.size() > MAX_REGISTER_ARGS) throw new CompileError(e.loc(), "too many arguments");
        Type ret = UnitContext.definedReturnType(ft, e.loc());
        x.b.setLoc(x.unit.loc(e.loc()));
        Value v = result(x.b.callIndirect(ret, target, args));
        return sret != null ? sret : v;
    }

    private static Value result(Instruction i) {
        return i.type() == Type.VOID ? null : i;
    }

    /**
     * The C type of each argument register after {@link #arguments}' conversions: the parameter's type where the
     * prototype gives one; a struct passed by value takes one or two unsigned long slots (or a pointer to a copy).
     */
    private static List<CType> argumentTypes(ExprLowering x, Expr.Call e, FunctionType ft) {
        List<CType> types = new ArrayList<>();
        for (int i = 0; i < e.args.size(); i++) {
            Expr a = e.args.get(i);
            CType t = ft.prototyped() && i < ft.params().size() ? ft.params().get(i).type() : x.useType(a);
            int k = UnitContext.paramSlots(t, a.loc());
            for (int j = 0; j < k; j++) types.add(UnitContext.isIndirect(t) ? dev.jbpfc.frontend.types.PointerType.to(t)
                    : t.isRecord() ? dev.jbpfc.frontend.types.IntegerType.ULONG : t);
        }
        return types;
    }

    private static List<Value> arguments(ExprLowering x, Expr.Call e, FunctionType ft) {
        List<Value> args = new ArrayList<>();
        for (int i = 0; i < e.args.size(); i++) {
            Expr a = e.args.get(i);
            CType t = x.useType(a);
            if (UnitContext.isIndirect(t)) {
                // A struct larger than 16 bytes: the callee gets the address of the caller's copy.
                Value src = x.aggregateSource(a);
                Instruction tmp = x.b.alloca(t.size(), Math.max(1, ExprLowering.alignOf(t)));
                x.b.memcpy(tmp, src, t.size(), Math.max(1, ExprLowering.alignOf(t)));
                args.add(tmp);
                continue;
            }
            if (t.isRecord()) {
                // A struct of up to 16 bytes travels in one or two 64-bit registers: copy it to an 8-aligned
                // temporary and load the halves.
                int k = UnitContext.paramSlots(t, a.loc());
                Value src = x.aggregateSource(a);
                Instruction tmp = x.b.alloca(8L * k, 8);
                x.b.memset(tmp, Constant.of(Type.I8, 0), 8L * k, 8);
                x.b.memcpy(tmp, src, t.size(), Math.max(1, Math.min(8, ExprLowering.alignOf(t))));
                for (int j = 0; j < k; j++) {
                    Value at = j == 0 ? tmp : x.b.ptradd(tmp, Constant.of(Type.I64, 8L * j));
                    args.add(x.b.load(Type.I64, at, 8));
                }
                continue;
            }
            Value v = x.rvalue(a);
            if (v == null) throw new CompileError(a.loc(), "argument has type void");
            // C11 6.5.2.2p7: with a prototype, each argument is converted as if by assignment to its parameter's
            // type (BPF_KPROBE passes `(void *)PT_REGS_PARM1(ctx)` to an `int` parameter, say).
            if (ft.prototyped() && i < ft.params().size()) v = ValueConversions.convert(x.b, v, t, ft.params().get(i).type());
            args.add(v);
        }
        return args;
    }

    /**
     * Arguments 5..n moved to a stack area whose address becomes the fifth argument. Each takes a whole 8-byte
     * slot (an int is sign- or zero-extended by its C type first), so spilled pointers and scalar bounds survive
     * for the verifier.
     */
    static List<Value> packExtraArguments(ExprLowering x, List<Value> args, List<CType> types) {
        if (args.size() <= MAX_REGISTER_ARGS) return args;
        int extra = args.size() - (MAX_REGISTER_ARGS - 1);
        Instruction area = x.b.alloca(8L * extra, 8);
        for (int i = 0; i < extra; i++) {
            Value v = args.get(MAX_REGISTER_ARGS - 1 + i);
            if (v.type() == Type.I32) v = ValueConversions.widenTo64(x.b, v, types.get(MAX_REGISTER_ARGS - 1 + i));
            Value slot = i == 0 ? area : x.b.ptradd(area, Constant.of(Type.I64, 8L * i));
            x.b.store(v, slot, 8);
        }
        List<Value> out = new ArrayList<>(args.subList(0, MAX_REGISTER_ARGS - 1));
        out.add(area);
        return out;
    }
}
