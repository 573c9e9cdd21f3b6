package dev.jbpfc.ir.interp;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Param;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Undef;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs IR directly, with BPF's run-time semantics (x/0 = 0, x%0 = x, shift amounts masked, 32-bit results
 * zero-extended in registers but kept at their type here). It exists to test the passes: a program and its
 * optimised version must compute the same thing ({@code IrDifferentialTest}); the backend can compare its
 * emulated BPF against it the same way. Pointers are (memory object, offset) pairs, so an out-of-bounds access or
 * a NULL dereference is an error instead of a wild read. Helpers, kfuncs and inline asm are not modelled: the
 * caller passes a {@link Helpers} that answers them.
 */
public final class IrInterpreter {
    /** A pointer: an object and a byte offset into it (obj null = the null pointer or an integer address). */
    public record Pointer(byte[] obj, long offset) {}

    /** Answers calls the IR cannot run itself. */
    public interface Helpers {
        Object call(Instruction call, List<Object> args);
    }

    /** Raised when the program does something with no defined result (reads out of bounds, runs out of fuel). */
    public static final class Trap extends RuntimeException {
        public Trap(String msg) { super(msg, null, false, false); }
    }

    private final Module module;
    private final Helpers helpers;
    private final Map<String, byte[]> globals = new HashMap<>();
    /** Pointers stored in memory, by object and offset (memory holds bytes; a pointer has no byte value here). */
    private final Map<byte[], Map<Long, Pointer>> storedPointers = new java.util.IdentityHashMap<>();
    /** A function's address is a pointer to an empty object of its own (a bpf_loop callback, for instance). */
    private final Map<Function, byte[]> functionObjects = new HashMap<>();
    private final Map<byte[], Function> functionsByObject = new java.util.IdentityHashMap<>();
    private long fuel;

    public IrInterpreter(Module module, Helpers helpers, long fuel) {
        this.module = module;
        this.helpers = helpers;
        this.fuel = fuel;
        for (Global g : module.globals()) {
            byte[] mem = new byte[(int) Math.max(g.size(), 1)];
            System.arraycopy(g.data(), 0, mem, 0, g.data().length);
            globals.put(g.name(), mem);
        }
    }

    /** Runs function {@code name}; integer arguments are Longs, pointers are {@link Pointer}s. */
    public Object run(String name, List<Object> args) {
        Function f = module.function(name);
        if (f == null) throw new Trap("no function @" + name);
        return call(f, args, 0);
    }

    /** The function {@code p} is the address of ({@code addr @f}), or null. */
    public Function functionAt(Pointer p) {
        return p.obj() == null ? null : functionsByObject.get(p.obj());
    }

    /** Calls {@code f} from a helper (a bpf_loop callback from the model of bpf_loop). */
    public Object callFromHelper(Function f, List<Object> args) {
        return call(f, args, 1);
    }

    private Object call(Function f, List<Object> args, int depth) {
        if (depth > 64) throw new Trap("call depth exceeded");
        Map<Value, Object> env = new HashMap<>();
        for (int k = 0; k < f.params().size(); k++) {
            Param p = f.params().get(k);
            env.put(p, norm(p.type(), args.get(k)));
        }
        Block prev = null;
        Block b = f.entry();
        while (true) {
            // phis read their inputs simultaneously
            List<Instruction> phis = b.phis();
            Object[] vals = new Object[phis.size()];
            for (int k = 0; k < phis.size(); k++) {
                Value in = phis.get(k).incomingFor(prev);
                if (in == null) throw new Trap("phi without entry for " + (prev == null ? "entry" : prev.name()));
                vals[k] = value(in, env);
            }
            for (int k = 0; k < phis.size(); k++) env.put(phis.get(k), vals[k]);
            for (int k = phis.size(); k < b.size(); k++) {
                if (--fuel < 0) throw new Trap("out of fuel");
                Instruction i = b.get(k);
                switch (i.op()) {
                    case BR -> { prev = b; b = i.targets().get(0); }
                    case CONDBR -> { prev = b; b = i.targets().get(asLong(value(i.operand(0), env)) != 0 ? 0 : 1); }
                    case SWITCH -> {
                        long v = asLong(value(i.operand(0), env));
                        Block dest = i.targets().get(0);
                        for (int c = 0; c < i.caseValues.length; c++) if (i.caseValues[c] == v) dest = i.targets().get(c + 1);
                        prev = b;
                        b = dest;
                    }
                    case RET -> { return i.operands().isEmpty() ? null : value(i.operand(0), env); }
                    case UNREACHABLE -> throw new Trap("reached unreachable");
                    default -> {
                        Object r = execute(i, env, depth);
                        if (i.hasResult()) env.put(i, r);
                    }
                }
                if (i.isTerminator()) break;
            }
        }
    }

    private Object value(Value v, Map<Value, Object> env) {
        if (v instanceof Constant c) return c.type() == Type.PTR ? new Pointer(null, 0) : c.value();
        if (v instanceof Undef u) return u.type() == Type.PTR ? new Pointer(null, 0) : 0L;
        Object o = env.get(v);
        if (o == null) throw new Trap("use of a value that was never computed: " + v.name());
        return o;
    }

    private static long asLong(Object o) {
        if (o instanceof Long l) return l;
        Pointer p = (Pointer) o;
        if (p.obj != null) throw new Trap("pointer used as an integer");
        return p.offset;
    }

    private static Object norm(Type t, Object o) {
        if (t == Type.PTR) return o instanceof Pointer ? o : new Pointer(null, (Long) o);
        return t.normalize(asLong(o));
    }

    private Object execute(Instruction i, Map<Value, Object> env, int depth) {
        Type t = i.type();
        List<Object> ops = new ArrayList<>();
        for (Value v : i.operands()) ops.add(value(v, env));
        switch (i.op()) {
            case ADD, SUB, MUL, UDIV, SDIV, UREM, SREM, AND, OR, XOR, SHL, LSHR, ASHR -> {
                return t.normalize(binary(i.op(), t, asLong(ops.get(0)), asLong(ops.get(1))));
            }
            case CMP -> {
                Object a = ops.get(0), b = ops.get(1);
                long x, y;
                if (a instanceof Pointer pa && b instanceof Pointer pb) {
                    if (pa.obj != pb.obj && pa.obj != null && pb.obj != null && i.predicate != dev.jbpfc.ir.Predicate.EQ
                            && i.predicate != dev.jbpfc.ir.Predicate.NE) throw new Trap("ordering pointers into different objects");
                    if (pa.obj != pb.obj) return (i.predicate == dev.jbpfc.ir.Predicate.NE) ? 1L : 0L;
                    x = pa.offset;
                    y = pb.offset;
                } else {
                    x = asLong(a);
                    y = asLong(b);
                }
                Type ct = i.operand(0).type() == Type.PTR ? Type.I64 : i.operand(0).type();
                return i.predicate.evaluate(ct, ct.normalize(x), ct.normalize(y)) ? 1L : 0L;
            }
            case ZEXT -> { return t.normalize(i.operand(0).type().unsigned(asLong(ops.get(0)))); }
            case SEXT, TRUNC -> { return t.normalize(asLong(ops.get(0))); }
            case PTRTOINT -> {
                Pointer p = (Pointer) ops.get(0);
                if (p.obj != null) throw new Trap("ptrtoint of an object pointer is not modelled");
                return p.offset;
            }
            case INTTOPTR -> { return new Pointer(null, asLong(ops.get(0))); }
            case PTRADD -> {
                Pointer p = (Pointer) ops.get(0);
                return new Pointer(p.obj, p.offset + asLong(ops.get(1)));
            }
            // No arena here: a pointer means the same object in every address space.
            case ADDRSPACECAST -> { return ops.get(0); }
            case SELECT -> { return asLong(ops.get(0)) != 0 ? ops.get(1) : ops.get(2); }
            case ADDR -> {
                byte[] g = globals.get(i.symbol);
                Function target = g == null ? module.function(i.symbol) : null;
                if (target != null) {
                    g = functionObjects.computeIfAbsent(target, unused -> new byte[0]);
                    functionsByObject.put(g, target);
                }
                if (g == null) throw new Trap("address of @" + i.symbol + " is not modelled");
                return new Pointer(g, 0);
            }
            case ALLOCA -> { return new Pointer(new byte[(int) i.size], 0); }
            case LOAD -> { return load(t, (Pointer) ops.get(0)); }
            case STORE -> {
                store(i.operand(0).type(), (Pointer) ops.get(1), ops.get(0));
                return null;
            }
            case ATOMICRMW -> {
                Type vt = i.operand(1).type();
                Pointer p = (Pointer) ops.get(0);
                long old = asLong(load(vt, p));
                long v = asLong(ops.get(1));
                long nw = switch (i.atomicOp) {
                    case ADD -> old + v; case OR -> old | v; case AND -> old & v; case XOR -> old ^ v; case XCHG -> v;
                };
                store(vt, p, vt.normalize(nw));
                return i.fetch ? old : null;
            }
            case CMPXCHG -> {
                Pointer p = (Pointer) ops.get(0);
                long old = asLong(load(t, p));
                if (old == asLong(ops.get(1))) store(t, p, ops.get(2));
                return old;
            }
            case MEMCPY -> {
                Pointer d = (Pointer) ops.get(0), s = (Pointer) ops.get(1);
                check(d, i.size);
                check(s, i.size);
                System.arraycopy(s.obj, (int) s.offset, d.obj, (int) d.offset, (int) i.size);
                return null;
            }
            case MEMSET -> {
                Pointer d = (Pointer) ops.get(0);
                check(d, i.size);
                for (int k = 0; k < i.size; k++) d.obj[(int) d.offset + k] = (byte) asLong(ops.get(1));
                return null;
            }
            case CALL -> {
                Function callee = module.function(i.symbol);
                if (callee != null) return call(callee, ops, depth + 1);
                return helpers.call(i, ops);
            }
            case CALLIND -> {
                Function callee = ops.get(0) instanceof Pointer p ? functionAt(p) : null;
                if (callee == null) throw new Trap("indirect call through a pointer to no function of the module");
                if (callee.params().size() != ops.size() - 1) throw new Trap("indirect call of @" + callee.name() + " with "
                        + (ops.size() - 1) + " arguments for " + callee.params().size() + " parameters");
                return call(callee, ops.subList(1, ops.size()), depth + 1);
            }
            default -> { return helpers.call(i, ops); }
        }
    }

    /** BPF's arithmetic: division by zero gives 0, remainder by zero the dividend, shift amounts are masked. */
    static long binary(Opcode op, Type t, long a, long b) {
        long ua = t.unsigned(a), ub = t.unsigned(b);
        int mask = t.bits - 1;
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case UDIV -> ub == 0 ? 0 : Long.divideUnsigned(ua, ub);
            case UREM -> ub == 0 ? a : Long.remainderUnsigned(ua, ub);
            case SDIV -> b == 0 ? 0 : (b == -1 ? -a : a / b);
            case SREM -> b == 0 ? a : (b == -1 ? 0 : a % b);
            case AND -> a & b;
            case OR -> a | b;
            case XOR -> a ^ b;
            case SHL -> a << (b & mask);
            case LSHR -> ua >>> (b & mask);
            case ASHR -> a >> (b & mask);
            default -> throw new Trap("not a binary op");
        };
    }

    private static void check(Pointer p, long size) {
        if (p.obj == null) throw new Trap("memory access through a " + (p.offset == 0 ? "NULL" : "integer") + " pointer");
        if (p.offset < 0 || p.offset + size > p.obj.length) throw new Trap("out-of-bounds access at offset " + p.offset);
    }

    private Object load(Type t, Pointer p) {
        check(p, t.bytes);
        if (t == Type.PTR) {
            Pointer q = storedPointers.getOrDefault(p.obj, Map.of()).get(p.offset);
            if (q == null) throw new Trap("loading a pointer from memory that holds none");
            return q;
        }
        long v = 0;
        for (int k = t.bytes - 1; k >= 0; k--) v = (v << 8) | (p.obj[(int) p.offset + k] & 0xff);
        return t.normalize(v);
    }

    private void store(Type t, Pointer p, Object val) {
        check(p, t.bytes);
        Map<Long, Pointer> ptrs = storedPointers.computeIfAbsent(p.obj, k -> new HashMap<>());
        for (long k = p.offset - 7; k < p.offset + t.bytes; k++) ptrs.remove(k);
        if (t == Type.PTR) {
            ptrs.put(p.offset, (Pointer) val);
            return;
        }
        long v = asLong(val);
        for (int k = 0; k < t.bytes; k++) p.obj[(int) p.offset + k] = (byte) (v >>> (8 * k));
    }
}
