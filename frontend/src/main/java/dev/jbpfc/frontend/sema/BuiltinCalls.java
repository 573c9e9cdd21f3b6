package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.FunctionType;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.frontend.types.QualifiedType;
import dev.jbpfc.frontend.types.TypePrinter;
import dev.jbpfc.frontend.types.VoidType;

import java.util.List;

/**
 * Types calls of the builtins in {@link Builtins}. Example: {@code __sync_fetch_and_add(&counter, 1)} with
 * {@code long counter} has type long and converts 1 to long; {@code __builtin_preserve_access_index(&p->a.b)} has
 * the type of its argument and marks the access for CO-RE.
 */
final class BuiltinCalls {
    private final Sema sema;

    BuiltinCalls(Sema sema) { this.sema = sema; }

    CType check(Expr.Call e, Builtins.Builtin b) {
        ExprChecker x = sema.exprs;
        List<Expr> args = e.args;
        switch (b.kind()) {
            case FIXED -> {
                FunctionType f = b.type();
                if (args.size() != f.params().size()) {
                    countError(e, f.params().size());
                    x.rvalues(args);
                    return f.returnType();
                }
                for (int i = 0; i < args.size(); i++) {
                    CType at = x.rvalue(args.get(i));
                    CType pt = f.params().get(i).type();
                    if (pt.unqualified().isPointer() && at.unqualified().isPointer()
                            && QualifiedType.addressSpaceOf(pt.unqualified().asPointer().pointee())
                            != QualifiedType.addressSpaceOf(at.unqualified().asPointer().pointee())) {
                        // clang lets a library builtin take a pointer into any address space (memcpy of an arena
                        // object): the lowering converts it to the parameter's space with an addr_space_cast.
                        x.convert(args.get(i), pt);
                        continue;
                    }
                    x.assignment(f.params().get(i).type(), args.get(i), at, ExprChecker.AssignContext.ARGUMENT,
                            args.get(i).loc(), b.name());
                }
                if (Builtins.takesConstantSize(b) && args.size() == 3) sema.consts.evaluateConverted(args.get(2));
                return f.returnType();
            }
            case CONSTANT_P -> {
                if (args.size() != 1) {
                    countError(e, 1);
                    x.rvalues(args);
                    return IntegerType.INT;
                }
                x.rvalue(args.get(0));
                ConstValue v = sema.consts.evaluateConverted(args.get(0));
                boolean constant = v != null && (!v.isAddress() || v.base() == null
                        || v.base() instanceof Expr.StringLiteral);
                // Left open (no constant recorded, so enclosing expressions are not folded either) when inlining
                // and constant propagation may still make the argument constant: lowering then asks the optimiser.
                Expr arg = args.get(0);
                boolean open = !constant && arg.type != null && arg.type.isInteger() && readsLocalsOnly(arg);
                if (!open) sema.model.constants.put(e, ConstValue.ofInteger(constant ? 1 : 0, IntegerType.INT));
                return IntegerType.INT;
            }
            case PRESERVE_ACCESS_INDEX -> {
                if (args.size() != 1) {
                    countError(e, 1);
                    x.rvalues(args);
                    return IntegerType.INT;
                }
                return x.rvalue(args.get(0));
            }
            case PRESERVE_FIELD_INFO, PRESERVE_TYPE_INFO, PRESERVE_ENUM_VALUE, BTF_TYPE_ID -> {
                if (args.size() != 2) {
                    countError(e, 2);
                    x.rvalues(args);
                } else {
                    x.check(args.get(0));
                    x.integerConstant(args.get(1), "flag");
                    if (b.kind() == Builtins.Kind.PRESERVE_FIELD_INFO && !(args.get(0) instanceof Expr.Member)
                            && !(args.get(0) instanceof Expr.Index)) {
                        sema.diags.error(args.get(0).loc(), "__builtin_preserve_field_info argument 1 not a field "
                                + "access");
                    }
                }
                return switch (b.kind()) {
                    case PRESERVE_FIELD_INFO, PRESERVE_TYPE_INFO -> IntegerType.UINT;
                    default -> IntegerType.ULONG;
                };
            }
            case OVERFLOW -> {
                if (args.size() != 3) {
                    countError(e, 3);
                    x.rvalues(args);
                    return IntegerType.BOOL;
                }
                List<CType> ts = x.rvalues(args);
                if (!ts.get(0).isInteger() || !ts.get(1).isInteger() || !ts.get(2).isPointer()
                        || !ts.get(2).asPointer().pointee().isInteger()) {
                    sema.diags.error(e.loc(), "operands of '" + b.name() + "' must be integers and a pointer to an "
                            + "integer");
                }
                return IntegerType.BOOL;
            }
            default -> {
                return atomic(e, b);
            }
        }
    }

    /** The __sync_* / __atomic_* family: the first argument is a pointer to an integer or pointer T. */
    private CType atomic(Expr.Call e, Builtins.Builtin b) {
        ExprChecker x = sema.exprs;
        List<Expr> args = e.args;
        int want = switch (b.kind()) {
            case SYNC_FETCH -> 2;
            case SYNC_VAL_CAS, SYNC_BOOL_CAS, ATOMIC_FETCH, ATOMIC_STORE, ATOMIC_EXCHANGE -> 3;
            case ATOMIC_LOAD -> 2;
            case ATOMIC_CAS -> b.name().startsWith("__c11") ? 5 : 6;
            default -> args.size();
        };
        if (args.size() != want) {
            countError(e, want);
            x.rvalues(args);
            return IntegerType.INT;
        }
        CType pt = x.rvalue(args.get(0));
        if (!pt.isPointer() || !(pt.asPointer().pointee().isInteger() || pt.asPointer().pointee().isPointer())) {
            sema.diags.error(args.get(0).loc(), "address argument to atomic builtin must be a pointer to integer or "
                    + "pointer (" + TypePrinter.quoted(pt) + " invalid)");
            x.rvalues(args.subList(1, args.size()));
            return IntegerType.INT;
        }
        CType t = pt.asPointer().pointee().unqualified();
        for (int i = 1; i < args.size(); i++) {
            CType at = x.rvalue(args.get(i));
            boolean isValue = switch (b.kind()) {
                case SYNC_FETCH, ATOMIC_FETCH, ATOMIC_STORE, ATOMIC_EXCHANGE -> i == 1;
                case SYNC_VAL_CAS, SYNC_BOOL_CAS -> true;
                case ATOMIC_CAS -> i == 2;
                default -> false;
            };
            if (isValue) {
                x.assignment(t, args.get(i), at, ExprChecker.AssignContext.ARGUMENT, args.get(i).loc(), b.name());
            } else if (b.kind() == Builtins.Kind.ATOMIC_CAS && i == 1) {
                if (!at.isPointer()) sema.diags.error(args.get(i).loc(), "expected pointer argument to " + b.name());
            } else if (at.isInteger()) {
                x.convert(args.get(i), IntegerType.INT);
            }
        }
        checkMemoryOrders(b, args);
        return switch (b.kind()) {
            case SYNC_BOOL_CAS, ATOMIC_CAS -> IntegerType.BOOL;
            case ATOMIC_STORE -> VoidType.VOID;
            default -> t;
        };
    }

    /**
     * The memory-order arguments of an {@code __atomic_*} builtin: evaluated (lowering reads the constant) and,
     * where a constant names no order or one the builtin does not take, warned about as clang does.
     */
    private void checkMemoryOrders(Builtins.Builtin b, List<Expr> args) {
        boolean c11 = b.name().startsWith("__c11");
        switch (b.kind()) {
            case ATOMIC_FETCH, ATOMIC_STORE, ATOMIC_EXCHANGE -> memoryOrder(args.get(2), b.kind(), false);
            case ATOMIC_LOAD -> memoryOrder(args.get(1), b.kind(), false);
            case ATOMIC_CAS -> {
                memoryOrder(args.get(c11 ? 3 : 4), b.kind(), false);
                memoryOrder(args.get(c11 ? 4 : 5), b.kind(), true);
            }
            default -> { }
        }
    }

    private void memoryOrder(Expr arg, Builtins.Kind kind, boolean casFailure) {
        ConstValue v = sema.consts.evaluateConverted(arg);
        if (v == null || v.isAddress()) return;
        MemoryOrder o = MemoryOrder.of(v.asLong());
        boolean valid = o != null && (casFailure ? o.validForCasFailure()
                : kind == Builtins.Kind.ATOMIC_LOAD ? o.validForLoad()
                : kind != Builtins.Kind.ATOMIC_STORE || o.validForStore());
        if (!valid) {
            sema.diags.warning(arg.loc(), (casFailure ? "failure " : "")
                    + "memory order argument to atomic operation is invalid [-Watomic-memory-ordering]");
        }
    }

    private void countError(Expr.Call e, int expected) {
        String kind = e.args.size() < expected ? "few" : "many";
        sema.diags.error(e.loc(), "too " + kind + " arguments to function call, expected " + expected + ", have "
                + e.args.size());
    }

    /**
     * Whether {@code e} only reads parameters and automatic variables and computes on them (no globals, calls,
     * assignments, increments, dereferences or member reads): evaluating it for {@code __builtin_constant_p}
     * changes nothing, and inlining may make it constant. (A global never becomes constant; leaving its question
     * open would only keep both arms of every {@code bpf_htons(global)} until late, and make callers look too
     * big to inline.)
     */
    private boolean readsLocalsOnly(Expr e) {
        if (e instanceof Expr.Ident id) {
            return sema.model.symbolOf(id) instanceof ObjectSymbol o
                    && (o.kind() == ObjectSymbol.Kind.LOCAL || o.kind() == ObjectSymbol.Kind.PARAMETER);
        }
        if (e instanceof Expr.IntLiteral || e instanceof Expr.CharLiteral) return true;
        if (e instanceof Expr.Cast c) return readsLocalsOnly(c.operand);
        if (e instanceof Expr.Unary u) {
            return switch (u.op) {
                case PLUS, MINUS, NOT, BIT_NOT -> readsLocalsOnly(u.operand);
                default -> false;
            };
        }
        if (e instanceof Expr.Binary bin) return readsLocalsOnly(bin.lhs) && readsLocalsOnly(bin.rhs);
        if (e instanceof Expr.Conditional c) {
            return readsLocalsOnly(c.cond) && (c.then == null || readsLocalsOnly(c.then))
                    && readsLocalsOnly(c.otherwise);
        }
        return false;
    }
}
