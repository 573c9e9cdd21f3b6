package dev.jbpfc.ir.pass;

import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.ExternFunction;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Param;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Needs: nothing (run it after mem2reg and sccp, so a pointer kept in a local is seen as the address it holds).
 * Leaves stale: nothing; the {@code addr} a call no longer uses is dead code for dce.
 *
 * A call through a pointer whose value is known becomes a direct call: the kernel refuses {@code callx}, and
 * selftests such as test_bpf_nf.c hand a kfunc to an always_inline function as a function pointer, which only
 * names its callee once inlined:
 * <pre>
 *   %f = addr @bpf_xdp_ct_lookup        ; a kfunc                      %r = callkfunc ptr @bpf_xdp_ct_lookup(...)
 *   %r = callind ptr %f(...)                                   -&gt;
 *   %g = addr @sub                      ; a function or an extern      %s = call i32 @sub(i32 %x)
 *   %s = callind i32 %g(i32 %x)
 *   %h = inttoptr i64 1 to ptr          ; a libbpf helper pointer      %t = callhelper ptr 1(ptr %m, ptr %k)
 *   %t = callind ptr %h(ptr %m, ptr %k)
 * </pre>
 * The pointer is known when it is such an {@code addr} or {@code inttoptr} of a positive constant, or a phi or
 * select all of whose inputs are the same one. C lets a program call through a pointer of another type than the
 * function's (linked_list_fail.c calls the kfunc {@code bpf_list_pop_front}, which returns a pointer, through a
 * {@code void (*)(void *)}): the arguments and the result are then converted to the callee's declared types (an
 * integer resized, a pointer to or from an integer), which is what the registers carry anyway. A call whose
 * argument count differs from the callee's, or that wants a value from a void function, is left indirect.
 */
public final class Devirtualization {
    private final Module module;

    public Devirtualization(Module module) { this.module = module; }

    public void run(Function fn) {
        for (Instruction i : fn.instructions()) if (i.op() == Opcode.CALLIND) devirtualize(i);
    }

    /** Replaces the indirect call {@code call} by a direct one when its callee is known; true when it did. */
    public boolean devirtualize(Instruction call) {
        Instruction target = knownTarget(call.operand(0), 8);
        if (target == null) return false;
        List<Value> args = new ArrayList<>(call.operands().subList(1, call.operands().size()));
        if (target.op() == Opcode.INTTOPTR) {
            long helper = ((Constant) target.operand(0)).value();
            return replace(call, Instruction.callHelper(call.type(), helper, args));
        }
        Function f = module.function(target.symbol);
        ExternFunction e = module.extern(target.symbol);
        if (f != null) {
            List<Type> params = f.params().stream().map(Param::type).toList();
            return direct(call, Opcode.CALL, target.symbol, f.returnType(), params, args);
        }
        if (e == null || e.kind() == ExternFunction.Kind.HELPER) return false;
        Opcode op = e.kind() == ExternFunction.Kind.KFUNC ? Opcode.CALLKFUNC : Opcode.CALL;
        return direct(call, op, target.symbol, e.returnType(), e.paramTypes(), args);
    }

    /** The {@code addr} of a function or extern, or the {@code inttoptr} of a helper number, {@code v} always is. */
    private Instruction knownTarget(Value v, int depth) {
        if (!(v instanceof Instruction i) || depth == 0) return null;
        switch (i.op()) {
            case ADDR -> {
                return module.function(i.symbol) != null || module.extern(i.symbol) != null ? i : null;
            }
            case INTTOPTR -> {
                return i.operand(0) instanceof Constant c && c.value() > 0 && c.value() <= Integer.MAX_VALUE ? i : null;
            }
            case PHI, SELECT -> {
                Instruction found = null;
                int first = i.op() == Opcode.SELECT ? 1 : 0;
                for (int k = first; k < i.operands().size(); k++) {
                    Value in = i.operand(k);
                    if (in == i) continue; // a loop that keeps the pointer
                    Instruction t = knownTarget(in, depth - 1);
                    if (t == null || found != null && !sameTarget(found, t)) return null;
                    found = t;
                }
                return found;
            }
            default -> {
                return null;
            }
        }
    }

    private static boolean sameTarget(Instruction a, Instruction b) {
        if (a.op() != b.op()) return false;
        if (a.op() == Opcode.ADDR) return a.symbol.equals(b.symbol);
        return ((Constant) a.operand(0)).value() == ((Constant) b.operand(0)).value();
    }

    private boolean direct(Instruction call, Opcode op, String symbol, Type ret, List<Type> params, List<Value> args) {
        if (params.size() != args.size()) return false;
        if (ret == Type.VOID && call.type() != Type.VOID) return false;
        List<Value> converted = new ArrayList<>(args.size());
        for (int k = 0; k < args.size(); k++) converted.add(convert(args.get(k), params.get(k), call));
        Instruction d = op == Opcode.CALL ? Instruction.call(ret, symbol, converted) : Instruction.callKfunc(ret, symbol, converted);
        d.loc = call.loc;
        call.block().insertBefore(call, d);
        Value result = call.type() == Type.VOID ? null : convert(d, call.type(), call);
        if (result == d) d.setName(call.name());
        if (result != null) call.block().function().replaceAllUses(call, result);
        call.remove();
        return true;
    }

    private static boolean replace(Instruction call, Instruction with) {
        with.loc = call.loc;
        with.setName(call.name());
        Function fn = call.block().function();
        call.block().replace(call, with);
        if (call.hasResult()) fn.replaceAllUses(call, with);
        return true;
    }

    /**
     * {@code v} as a value of type {@code to}, converted by instructions placed right before {@code call}: an
     * argument's before the new call, which goes there next; the result's after it.
     */
    private static Value convert(Value v, Type to, Instruction call) {
        Type from = v.type();
        if (from == to) return v;
        List<Instruction> steps = new ArrayList<>(2);
        Value x = v;
        if (from == Type.PTR) {
            x = add(steps, Instruction.cast(Opcode.PTRTOINT, x, Type.I64));
            if (to != Type.I64) add(steps, Instruction.cast(Opcode.TRUNC, x, to));
        } else if (to == Type.PTR) {
            if (from != Type.I64) x = add(steps, Instruction.cast(Opcode.ZEXT, x, Type.I64));
            add(steps, Instruction.cast(Opcode.INTTOPTR, x, Type.PTR));
        } else {
            add(steps, Instruction.cast(from.bits < to.bits ? Opcode.ZEXT : Opcode.TRUNC, x, to));
        }
        for (Instruction s : steps) {
            s.loc = call.loc;
            call.block().insertBefore(call, s);
        }
        return steps.get(steps.size() - 1);
    }

    private static Instruction add(List<Instruction> steps, Instruction i) {
        steps.add(i);
        return i;
    }
}
