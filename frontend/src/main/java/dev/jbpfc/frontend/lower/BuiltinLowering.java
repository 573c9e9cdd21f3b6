package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.sema.Builtins;
import dev.jbpfc.frontend.sema.ConstValue;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.ir.AtomicOp;
import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.ExternFunction;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.IrBuilder;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;
import dev.jbpfc.ir.pass.LowerIsConstant;
import dev.jbpfc.ir.pass.LowerMemIntrinsics;

import dev.jbpfc.frontend.sema.MemoryOrder;

import java.util.List;

/**
 * Lowers calls of compiler builtins:
 * <pre>
 *   __builtin_memcpy(d, s, 16)              -&gt; memcpy %d, %s, 16, align 1
 *   __builtin_memcpy(d, s, n)               -&gt; call void @__jbpfc_memcpy(%d, %s, %n, 1): n may be a constant after
 *                                              inlining (LowerMemIntrinsics)
 *   __builtin_memset(d, 0, 8)               -&gt; memset %d, 0, 8, align 1
 *   __builtin_memcmp(a, b, 2)               -&gt; byte loads and compares, branch-free: (a0-b0) or, if equal, (a1-b1)
 *   __builtin_bswap32(x)                    -&gt; shifts, masks and ors
 *   __builtin_expect(x, 1)                  -&gt; x
 *   __sync_fetch_and_add(p, v)              -&gt; %old = atomicrmw fetch add i64 %p, %v, align 8
 *   __sync_fetch_and_add(p, v) (unused)     -&gt; atomicrmw add i64 %p, %v, align 8  (no fetch: BPF_ADD)
 *   __sync_val_compare_and_swap(p, o, n)    -&gt; %old = cmpxchg i64 %p, %o, %n, align 8
 * </pre>
 * CO-RE builtins go to {@link CoreAccess}.
 */
final class BuiltinLowering {
    private final ExprLowering x;
    private final IrBuilder b;
    /** Set by statement lowering when the call's value is not used (an atomic add without fetch). */
    boolean resultUnused;

    BuiltinLowering(ExprLowering x) {
        this.x = x;
        this.b = x.b;
    }

    /**
     * {@code __builtin_constant_p(e)}: sema's answer when it has one; when it left the question open (an integer
     * expression that only reads variables, see BuiltinCalls) a question to the optimiser,
     * {@code call i32 @__jbpfc_is_constant(i64 e)}, answered after inlining ({@link LowerIsConstant}).
     */
    private Value constantP(Expr.Call e) {
        ConstValue v = x.unit.model.constantOf(e);
        if (v != null) return Constant.of(Type.I32, v.asLong());
        Value a = x.rvalueAs(e.args.get(0), IntegerType.ULONGLONG);
        if (x.unit.module.extern(LowerIsConstant.INTRINSIC) == null) {
            x.unit.module.externs().add(new ExternFunction(ExternFunction.Kind.EXTERN, LowerIsConstant.INTRINSIC,
                    Type.I32, List.of(Type.I64), 0, false));
        }
        return b.call(Type.I32, LowerIsConstant.INTRINSIC, List.of(a));
    }

    Value lower(Expr.Call e, Builtins.Builtin bi) {
        boolean unused = resultUnused;
        resultUnused = false;
        String name = bi.name();
        switch (bi.kind()) {
            case CONSTANT_P -> { return constantP(e); }
            case PRESERVE_ACCESS_INDEX -> {
                return x.core.inPreserveAccessIndex(() -> x.rvalue(e.args.get(0)));
            }
            case PRESERVE_FIELD_INFO -> { return x.core.fieldInfo(e); }
            case PRESERVE_TYPE_INFO -> { return x.core.typeInfo(e); }
            case PRESERVE_ENUM_VALUE -> { return x.core.enumValue(e); }
            case BTF_TYPE_ID -> { return x.core.btfTypeId(e); }
            case SYNC_FETCH, ATOMIC_FETCH -> { return fetchOp(e, name, unused); }
            case ATOMIC_EXCHANGE -> {
                Value p = accessedAddress(e.args.get(0));
                Value v = x.rvalue(e.args.get(1));
                return b.emit(Instruction.atomicRmw(AtomicOp.XCHG, true, p, v));
            }
            case SYNC_VAL_CAS, SYNC_BOOL_CAS -> {
                Value p = accessedAddress(e.args.get(0));
                Value o = x.rvalue(e.args.get(1));
                Value n = x.rvalue(e.args.get(2));
                Instruction old = b.emit(Instruction.cmpxchg(p, o, n));
                if (bi.kind() == Builtins.Kind.SYNC_VAL_CAS) return old;
                return b.cast(Opcode.ZEXT, b.cmp(Predicate.EQ, old, o), Type.I32);
            }
            case ATOMIC_CAS -> {
                // __atomic_compare_exchange_n(p, &expected, desired, weak, s, f): on failure *expected = old.
                Value p = accessedAddress(e.args.get(0));
                Value ep = accessedAddress(e.args.get(1));
                Value n = x.rvalue(e.args.get(2));
                for (int i = 3; i < e.args.size(); i++) x.discard(e.args.get(i));
                Type t = n.type();
                Value expected = b.load(t, ep, t.bytes);
                Instruction old = b.emit(Instruction.cmpxchg(p, expected, n));
                Value ok = b.cmp(Predicate.EQ, old, expected);
                Block fail = x.fl.newBlock("cas.fail"), done = x.fl.newBlock("cas.done");
                b.condbr(ok, done, fail);
                x.fl.startBlock(fail);
                b.store(old, ep, t.bytes);
                b.br(done);
                x.fl.startBlock(done);
                return b.cast(Opcode.ZEXT, b.cmp(Predicate.EQ, old, expected), Type.I32);
            }
            case ATOMIC_LOAD -> {
                boolean acquire = loadStoreOrder(e, name, order(e.args.get(1)), true);
                Value p = accessedAddress(e.args.get(0));
                for (int i = 1; i < e.args.size(); i++) x.discard(e.args.get(i));
                CType t = e.type;
                Instruction ld = b.load(IrTypes.memory(t), p, (int) t.size());
                ld.isVolatile = true;
                ld.ordered = acquire;
                return x.widenLoaded(ld, t);
            }
            case ATOMIC_STORE -> {
                boolean release = loadStoreOrder(e, name, order(e.args.get(2)), false);
                Value p = accessedAddress(e.args.get(0));
                Value v = x.rvalue(e.args.get(1));
                for (int i = 2; i < e.args.size(); i++) x.discard(e.args.get(i));
                CType t = x.useType(e.args.get(0)).asPointer().pointee();
                LValue lv = new LValue(p, t.unqualified(), (int) t.size(), true, 0, 0, -1);
                Instruction st = x.store(lv, v);
                if (st != null) st.ordered = release;
                return null;
            }
            case OVERFLOW -> throw new CompileError(e.loc(), "'" + name + "' is not supported yet");
            default -> { }
        }
        switch (name) {
            case "__builtin_memcpy", "__builtin_memmove", "__builtin_memcpy_inline" -> {
                Value d = x.rvalue(e.args.get(0));
                Value s = x.rvalue(e.args.get(1));
                int align = Math.max(1, Math.min(pointeeAlign(e.args.get(0)), pointeeAlign(e.args.get(1))));
                Value n = size(e, name);
                if (n instanceof Constant c) {
                    if (c.value() > 0) b.memcpy(d, s, c.value(), align);
                } else {
                    sizeLater(LowerMemIntrinsics.MEMCPY, d, s, n, align);
                }
                return d;
            }
            case "__builtin_memset", "__builtin_memset_inline" -> {
                Value d = x.rvalue(e.args.get(0));
                Value v = x.rvalue(e.args.get(1));
                Value n = size(e, name);
                Value byteVal = v instanceof Constant c ? Constant.of(Type.I8, c.value()) : b.cast(Opcode.TRUNC, v, Type.I8);
                int align = Math.max(1, pointeeAlign(e.args.get(0)));
                if (n instanceof Constant c) {
                    if (c.value() > 0) b.memset(d, byteVal, c.value(), align);
                } else {
                    Value byteArg = v instanceof Constant c ? Constant.of(Type.I32, c.value() & 0xff)
                            : v.type() == Type.I32 ? v : b.cast(v.type().bytes > 4 ? Opcode.TRUNC : Opcode.ZEXT, v, Type.I32);
                    sizeLater(LowerMemIntrinsics.MEMSET, d, byteArg, n, align);
                }
                return d;
            }
            case "__builtin_memcmp" -> { return memcmp(e); }
            case "__builtin_expect", "__builtin_expect_with_probability" -> {
                Value v = x.rvalue(e.args.get(0));
                for (int i = 1; i < e.args.size(); i++) x.discard(e.args.get(i));
                return v;
            }
            case "__builtin_bswap16", "__builtin_bswap32", "__builtin_bswap64" -> {
                return bswap(x.rvalue(e.args.get(0)), name.endsWith("16") ? 2 : name.endsWith("32") ? 4 : 8);
            }
            case "__builtin_unreachable", "__builtin_trap" -> {
                b.unreachable();
                return null;
            }
            case "__sync_synchronize", "__atomic_thread_fence", "__atomic_signal_fence" -> {
                for (Expr a : e.args) x.discard(a);
                return null;
            }
            case "__sync_lock_test_and_set", "__sync_swap" -> {
                Value p = accessedAddress(e.args.get(0));
                Value v = x.rvalue(e.args.get(1));
                return b.emit(Instruction.atomicRmw(AtomicOp.XCHG, true, p, v));
            }
            case "__builtin_strcmp" -> {
                // Only two string literals (macros such as bpf_experimental.h's __cmp_cannot_be_signed): folded.
                byte[] l = literal(e.args.get(0)), r = literal(e.args.get(1));
                if (l == null || r == null) throw new CompileError(e.loc(), "'__builtin_strcmp' of non-constant strings is not supported");
                int i = 0;
                while (i < l.length && i < r.length && l[i] == r[i]) i++;
                int a = i < l.length ? l[i] & 0xff : 0, c = i < r.length ? r[i] & 0xff : 0;
                return Constant.of(Type.I32, Integer.signum(a - c));
            }
            case "__builtin_abs", "__builtin_labs" -> {
                Value v = x.rvalue(e.args.get(0));
                Value neg = b.binary(Opcode.SUB, Constant.of(v.type(), 0), v);
                return b.select(b.cmp(Predicate.SLT, v, Constant.of(v.type(), 0)), neg, v);
            }
            default -> throw new CompileError(e.loc(), "builtin '" + name + "' is not supported yet");
        }
    }

    /** The bytes of a string literal argument (through casts), or null. */
    private static byte[] literal(Expr e) {
        while (e instanceof Expr.Cast c) e = c.operand;
        return e instanceof Expr.StringLiteral sl ? LiteralValues.string(sl.pieces) : null;
    }

    private int pointeeAlign(Expr e) {
        // The argument's own type (before its conversion to void *) says what it points to.
        CType t = e.type.isArray() ? x.useType(e) : e.type;
        CType p = t.isPointer() ? t.asPointer().pointee() : t;
        return ExprLowering.alignOf(p);
    }

    /**
     * The size argument of a memcpy/memset: a constant when C says it is one (or lowering made it one), else the
     * i64 value, which only the {@code _inline} forms refuse here (clang requires a constant for them).
     */
    private Value size(Expr.Call e, String name) {
        Expr n = e.args.get(2);
        ConstValue v = x.unit.model.constantOf(n);
        if (v != null) return Constant.of(Type.I64, v.asLong());
        Value size = x.rvalueAs(n, IntegerType.ULONGLONG);
        if (size instanceof Constant) return size;
        if (name.endsWith("_inline")) {
            throw new CompileError(n.loc(), "'" + name + "' with a non-constant size is not supported");
        }
        return size;
    }

    /**
     * A memcpy/memset whose size may become a constant after inlining: a call of the intrinsic that
     * {@link LowerMemIntrinsics} turns into the instruction then (or reports, when the size never becomes one).
     */
    private void sizeLater(String intrinsic, Value dst, Value second, Value size, int align) {
        if (x.unit.module.extern(intrinsic) == null) x.unit.module.externs().add(LowerMemIntrinsics.declaration(intrinsic));
        b.call(Type.VOID, intrinsic, List.of(dst, second, size, Constant.of(Type.I32, align)));
    }

    /**
     * The pointer argument {@code a} of an atomic builtin, which reads or writes what it points to: cast to the
     * generic address space when it points into another (an arena), as for any other access.
     */
    private Value accessedAddress(Expr a) {
        Value p = x.rvalue(a);
        return x.useType(a).unqualified() instanceof dev.jbpfc.frontend.types.PointerType pt
                ? ArenaAccess.genericAddress(b, p, pt.pointee()) : p;
    }

    /** __sync_fetch_and_OP / __atomic_fetch_OP / __sync_OP_and_fetch. */
    private Value fetchOp(Expr.Call e, String name, boolean unused) {
        if (name.equals("__sync_lock_test_and_set") || name.equals("__sync_swap")) {
            Value p = accessedAddress(e.args.get(0));
            Value v = x.rvalue(e.args.get(1));
            return b.emit(Instruction.atomicRmw(AtomicOp.XCHG, true, p, v));
        }
        String op = name.replace("__sync_fetch_and_", "").replace("__atomic_fetch_", "")
                .replace("__c11_atomic_fetch_", "").replace("__atomic_", "").replace("__sync_", "")
                .replace("_and_fetch", "").replace("_fetch", "");
        boolean opThenFetch = name.endsWith("_and_fetch") || (name.startsWith("__atomic_") && !name.startsWith("__atomic_fetch_"));
        // __sync_* are seq_cst; an __atomic_* order that is not a constant is read as seq_cst too (clang
        // branches on it at run time, to the same two forms).
        MemoryOrder order = name.startsWith("__sync_") ? MemoryOrder.SEQ_CST : order(e.args.get(2));
        Value p = accessedAddress(e.args.get(0));
        Value v = x.rvalue(e.args.get(1));
        for (int i = 2; i < e.args.size(); i++) x.discard(e.args.get(i));
        AtomicOp aop;
        Value operand = v;
        switch (op) {
            case "add" -> aop = AtomicOp.ADD;
            case "sub" -> {
                aop = AtomicOp.ADD;
                operand = v instanceof Constant c ? Constant.of(v.type(), -c.value()) : b.binary(Opcode.SUB, Constant.of(v.type(), 0), v);
            }
            case "or" -> aop = AtomicOp.OR;
            case "and" -> aop = AtomicOp.AND;
            case "xor" -> aop = AtomicOp.XOR;
            default -> throw new CompileError(e.loc(), "'" + name + "' is not supported yet");
        }
        // The plain "lock *(u64 *)(r1 + 0) += r2" orders nothing: clang-22 emits it at -mcpu=v3 for a relaxed
        // operation only, and the atomic_fetch_* form (a full barrier in the JITs) for any other order even when
        // the value is unused. Below v3 the plain form is all there is. (clang-22 also emits the plain form for a
        // relaxed operation whose value IS used, and then returns the operand instead of the old value; jbpfc
        // returns the old value.)
        if (unused && (order == MemoryOrder.RELAXED || x.unit.options.cpuVersion() < 3)) {
            b.emit(Instruction.atomicRmw(aop, false, p, operand));
            return null;
        }
        Instruction old = b.emit(Instruction.atomicRmw(aop, true, p, operand));
        if (!opThenFetch) return old;
        Opcode opc = switch (aop) {
            case ADD -> Opcode.ADD;
            case OR -> Opcode.OR;
            case AND -> Opcode.AND;
            default -> Opcode.XOR;
        };
        return b.binary(opc, old, operand);
    }

    /** The memory order a constant argument names; seq_cst when it is not a constant or names none. */
    private MemoryOrder order(Expr arg) {
        ConstValue v = x.unit.model.constantOf(arg);
        MemoryOrder o = v == null || v.isAddress() ? null : MemoryOrder.of(v.asLong());
        return o == null ? MemoryOrder.SEQ_CST : o;
    }

    /**
     * The orders of {@code __atomic_load_n} / {@code __atomic_store_n} BPF can give: relaxed is a plain load or
     * store (clang-22 emits the same at -mcpu=v4, and stops with "Cannot select" at v3, where jbpfc emits it
     * too); seq_cst is refused with clang's error; acquire (and consume) loads and release stores are v4's
     * load_acquire/store_release, refused below v4 (where clang-22 fails too). Returns whether the access is
     * ordered (load_acquire / store_release).
     */
    private boolean loadStoreOrder(Expr.Call e, String name, MemoryOrder o, boolean load) {
        if (o == MemoryOrder.SEQ_CST) {
            throw new CompileError(e.loc(), "sequentially consistent (seq_cst) atomic load/store is not supported");
        }
        boolean invalid = load ? !o.validForLoad() : !o.validForStore();
        if (invalid) return false; // warned about by sema; a plain access, the weakest reading
        if (!(load ? o.acquires() : o.releases())) return false;
        if (x.unit.options.cpuVersion() < 4) {
            String what = load ? "an acquire load (load_acquire" : "a release store (store_release";
            throw new CompileError(e.loc(), "'" + name + "' with " + o.name().toLowerCase(java.util.Locale.ROOT)
                    + " order is " + what + ", which -mcpu=v4 has) and not available at -mcpu=v"
                    + x.unit.options.cpuVersion());
        }
        return true;
    }

    /** Reverses the bytes of the low {@code bytes} bytes of {@code v}. */
    private Value bswap(Value v, int bytes) {
        Type t = v.type();
        Value result = null;
        for (int i = 0; i < bytes; i++) {
            // byte i moves to byte (bytes - 1 - i)
            int from = i * 8, to = (bytes - 1 - i) * 8;
            Value part = v;
            if (from > 0) part = b.binary(Opcode.LSHR, part, Constant.of(t, from));
            part = b.binary(Opcode.AND, part, Constant.of(t, 0xff));
            if (to > 0) part = b.binary(Opcode.SHL, part, Constant.of(t, to));
            result = result == null ? part : b.binary(Opcode.OR, result, part);
        }
        return result;
    }

    /** memcmp over a constant size: the difference of the first differing unsigned bytes, or 0. */
    private Value memcmp(Expr.Call e) {
        Value p = x.rvalue(e.args.get(0));
        Value q = x.rvalue(e.args.get(1));
        if (!(size(e, "__builtin_memcmp") instanceof Constant c)) {
            throw new CompileError(e.args.get(2).loc(), "'__builtin_memcmp' with a non-constant size is not supported");
        }
        long n = c.value();
        Value result = Constant.of(Type.I32, 0);
        for (long i = n - 1; i >= 0; i--) {
            Value pa = i == 0 ? p : b.ptradd(p, i);
            Value qa = i == 0 ? q : b.ptradd(q, i);
            Value pb = b.cast(Opcode.ZEXT, b.load(Type.I8, pa, 1), Type.I32);
            Value qb = b.cast(Opcode.ZEXT, b.load(Type.I8, qa, 1), Type.I32);
            Value diff = b.binary(Opcode.SUB, pb, qb);
            Value same = b.cmp(Predicate.EQ, diff, Constant.of(Type.I32, 0));
            result = b.select(same, result, diff);
        }
        return result;
    }
}
