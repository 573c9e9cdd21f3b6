package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.sema.Builtins;
import dev.jbpfc.frontend.sema.ConstValue;
import dev.jbpfc.frontend.sema.EnumConstantSymbol;
import dev.jbpfc.frontend.sema.FunctionSymbol;
import dev.jbpfc.frontend.sema.MemberAccess;
import dev.jbpfc.frontend.sema.ObjectSymbol;
import dev.jbpfc.frontend.sema.Symbol;
import dev.jbpfc.frontend.types.ArrayType;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.Field;
import dev.jbpfc.frontend.types.FunctionType;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.frontend.types.PointerType;
import dev.jbpfc.frontend.types.QualifiedType;
import dev.jbpfc.frontend.types.RecordType;
import dev.jbpfc.frontend.types.TypeRelations;
import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.IrBuilder;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * Lowers expressions to IR in a function being built. Every expression has a "raw" value of its own type
 * ({@link #raw}; arrays and functions give their address, structs their address) and the value its use needs
 * after sema's recorded implicit conversion ({@link #rvalue}). Objects are reached through {@link LValue}s.
 *
 * <p>Worked example ({@code int a[4]; long s; char c;} locals in allocas):
 * <pre>
 *   s += a[c] / 2;
 *   %c0 = load i8 %c, align 1            ; c
 *   %c1 = sext i8 %c0 to i32             ; promoted to int
 *   %ix = sext i32 %c1 to i64            ; index scaled in 64 bits
 *   %of = mul i64 %ix, 4
 *   %pa = ptradd %a, %of                 ; &amp;a[c]
 *   %av = load i32 %pa, align 4
 *   %q  = sdiv i32 %av, 2
 *   %qw = sext i32 %q to i64             ; usual arithmetic conversion to long
 *   %s0 = load i64 %s, align 8
 *   %s1 = add i64 %s0, %qw
 *   store i64 %s1, %s, align 8
 * </pre>
 * {@code &&}, {@code ||} and {@code ?:} branch (an i1 cannot cross a phi: results are i32 0/1 phis).
 */
final class ExprLowering implements Expr.Visitor<Value> {
    final FunctionLowering fl;
    final UnitContext unit;
    final IrBuilder b;
    final BuiltinLowering builtins;
    final CoreAccess core;

    ExprLowering(FunctionLowering fl) {
        this.fl = fl;
        this.unit = fl.unit;
        this.b = fl.b;
        this.builtins = new BuiltinLowering(this);
        this.core = new CoreAccess(this);
    }

    // ---- entry points ---------------------------------------------------------------------------------------

    /** The type the use of {@code e} sees: its recorded conversion, else its own type without qualifiers. */
    CType useType(Expr e) {
        CType c = unit.model.conversionOf(e);
        return c != null ? c : e.type.unqualified();
    }

    /** The value of {@code e} after its implicit conversion (null for void). */
    Value rvalue(Expr e) {
        CType c = unit.model.conversionOf(e);
        Value folded = floatingConstantAsInteger(e, c);
        if (folded != null) return folded;
        Value v = raw(e);
        if (c == null || v == null) return v;
        return ValueConversions.convert(b, v, e.type, c);
    }

    /**
     * A floating constant used where an integer is wanted ({@code bpf_timer_start(t, 10E9, 0)}): C converts it
     * when it compiles, truncating toward zero, so no floating-point value reaches BPF code. Null when {@code e}
     * is not such a constant.
     */
    private Value floatingConstantAsInteger(Expr e, CType to) {
        if (to == null || !to.isInteger() || !e.type.isArithmetic() || e.type.isInteger()) return null;
        ConstValue k = unit.model.constantOf(e);
        if (k == null || !k.isFloat() || !Double.isFinite(k.floating())) return null;
        Type t = IrTypes.value(to);
        if (t == null) return null;
        ConstValue asInteger = to.isBool() ? ConstValue.ofInteger(k.floating() != 0 ? 1 : 0, to)
                : ConstValue.ofInteger(new java.math.BigDecimal(k.floating()).toBigInteger(), to);
        return Constant.of(t, asInteger.asLong());
    }

    /** The value of {@code e} converted to {@code to} (after its own implicit conversion). */
    Value rvalueAs(Expr e, CType to) {
        Value folded = floatingConstantAsInteger(e, to);
        if (folded != null) return folded;
        Value v = rvalue(e);
        return ValueConversions.convert(b, v, useType(e), to);
    }

    /** Evaluates {@code e} for its side effects only. */
    void discard(Expr e) {
        raw(e);
    }

    /** The raw value of {@code e} in its own type (aggregates and arrays: their address). */
    Value raw(Expr e) {
        ConstValue k = unit.model.constantOf(e);
        if (k != null && k.isInteger() && e.type.isInteger()) {
            Type t = IrTypes.value(e.type);
            if (t != null) return Constant.of(t, k.asLong());
        }
        if (!b.isTerminated()) b.setLoc(unit.loc(e.loc()));
        if (b.isTerminated()) fl.startDeadBlock();
        try {
            return e.accept(this);
        } catch (CompileError err) {
            // Errors raised below without a location belong to the innermost expression.
            if (err.location() != null) throw err;
            throw new CompileError(e.loc(), err.getMessage());
        }
    }

    /** An i1 that is true when the scalar expression {@code e} is nonzero. */
    Value condition(Expr e) {
        if (e instanceof Expr.Binary bin && bin.op.isComparison()) {
            return compare(bin);
        }
        if (e instanceof Expr.Unary u && u.op == Expr.UnaryOp.NOT) {
            // !x tests x itself with the inverse predicate: a NULL check must compare the pointer (VERIFIER.md).
            Value inner = condition(u.operand);
            return negateI1(inner);
        }
        Value v = rvalue(e);
        return nonZero(v);
    }

    /**
     * Lowers {@code e} as a jump to {@code ifTrue} when it is non-zero and to {@code ifFalse} otherwise, leaving the
     * block terminated: {@code &&}, {@code ||}, {@code !}, {@code ?:}, the comma operator and statement expressions
     * become control flow instead of a 0/1 value compared with 0 afterwards. libbpf's {@code bpf_for} tests
     * {@code ({ ...; (p && (v = *p, v >= a && v < b)) ? (i = v, 1) : 0; })}: as values, each {@code &&} and the
     * {@code ?:} cost the verifier a materialised boolean, a phi copy and a compare on every trip; as branches, the
     * range checks jump straight to the body or the exit, as in clang's objects. Operands are evaluated in the same
     * order, and each only where its value form would evaluate it.
     */
    void branch(Expr e, Block ifTrue, Block ifFalse) {
        if (b.isTerminated()) fl.startDeadBlock();
        if (e instanceof Expr.Binary bin && (bin.op == Expr.BinaryOp.LOG_AND || bin.op == Expr.BinaryOp.LOG_OR)) {
            boolean and = bin.op == Expr.BinaryOp.LOG_AND;
            Block rhs = fl.newBlock(and ? "land.rhs" : "lor.rhs");
            if (and) branch(bin.lhs, rhs, ifFalse);
            else branch(bin.lhs, ifTrue, rhs);
            fl.startBlock(rhs);
            branch(bin.rhs, ifTrue, ifFalse);
            return;
        }
        if (e instanceof Expr.Binary bin && bin.op == Expr.BinaryOp.COMMA) {
            discard(bin.lhs);
            branch(bin.rhs, ifTrue, ifFalse);
            return;
        }
        if (e instanceof Expr.Unary u && u.op == Expr.UnaryOp.NOT && isBranchShaped(u.operand)) {
            branch(u.operand, ifFalse, ifTrue);
            return;
        }
        // An arm is tested as written: converting it to the ?:'s type only widens an integer or makes a pointer
        // of it, neither of which changes whether it is zero.
        if (e instanceof Expr.Conditional c && c.then != null && !c.type.unqualified().isVoid()
                && !c.type.unqualified().isRecord()) {
            Block thenB = fl.newBlock("cond.true"), elseB = fl.newBlock("cond.false");
            branch(c.cond, thenB, elseB);
            fl.startBlock(thenB);
            branch(c.then, ifTrue, ifFalse);
            fl.startBlock(elseB);
            branch(c.otherwise, ifTrue, ifFalse);
            return;
        }
        if (e instanceof Expr.StmtExpr se && fl.statementExpressionBranch(se.body, ifTrue, ifFalse)) return;
        Value c = condition(e);
        if (c instanceof Constant k) b.br(k.value() != 0 ? ifTrue : ifFalse); // (i = v, 1): a jump, not a test
        else b.condbr(c, ifTrue, ifFalse);
    }

    /** Whether {@link #branch} lowers {@code e} as control flow of its own (else: one compare and one branch). */
    private static boolean isBranchShaped(Expr e) {
        if (e instanceof Expr.Binary bin) {
            return bin.op == Expr.BinaryOp.LOG_AND || bin.op == Expr.BinaryOp.LOG_OR || bin.op == Expr.BinaryOp.COMMA;
        }
        if (e instanceof Expr.Unary u) return u.op == Expr.UnaryOp.NOT && isBranchShaped(u.operand);
        return e instanceof Expr.Conditional || e instanceof Expr.StmtExpr;
    }

    Value nonZero(Value v) {
        if (v instanceof Constant k) return Constant.bool(k.value() != 0);
        Value zero = v.type() == Type.PTR ? Constant.nullPtr() : Constant.of(v.type(), 0);
        return b.cmp(Predicate.NE, v, zero);
    }

    // ---- lvalues ----------------------------------------------------------------------------------------------

    LValue lvalue(Expr e) {
        if (!b.isTerminated()) b.setLoc(unit.loc(e.loc()));
        if (e instanceof Expr.Ident id) {
            Symbol s = unit.model.symbolOf(id);
            if (s instanceof ObjectSymbol o) return fl.objectLValue(o, e);
            if (s instanceof FunctionSymbol f) {
                if (!f.isDefined() && unit.definitions.get(f) == null) unit.declareExtern(f);
                return LValue.of(b.addr(unit.symbolName(f)), f.type(), 1);
            }
            throw new CompileError(e.loc(), "'" + id.name + "' is not an object");
        }
        if (e instanceof Expr.Unary u && u.op == Expr.UnaryOp.DEREF) {
            Value p = rvalue(u.operand);
            CType t = e.type;
            return LValue.of(p, t, alignOf(t));
        }
        if (e instanceof Expr.Index ix) return index(ix);
        if (e instanceof Expr.Member m) return member(m);
        if (e instanceof Expr.StringLiteral sl) {
            return LValue.of(b.addr(unit.strings.symbolFor(unit.stringBytes(sl))), e.type, 1);
        }
        if (e instanceof Expr.CompoundLiteral cl) return fl.compoundLiteral(cl);
        if (e instanceof Expr.ChooseExpr || e instanceof Expr.Generic) return lvalue(unit.model.chosenOf(e));
        if (e instanceof Expr.Call c && unit.model.builtinOf(c) != null
                && unit.model.builtinOf(c).kind() == Builtins.Kind.PRESERVE_ACCESS_INDEX) {
            return core.inPreserveAccessIndex(() -> lvalue(c.args.get(0)));
        }
        if (e.type.isRecord()) {
            // An aggregate rvalue (assignment result, statement expression, ?:): its value lives at an address.
            Value addr = raw(e);
            return LValue.of(addr, e.type, alignOf(e.type));
        }
        throw new CompileError(e.loc(), "expression is not an lvalue");
    }

    static int alignOf(CType t) {
        try {
            return t.isComplete() ? t.align() : 1;
        } catch (RuntimeException ex) {
            return 1;
        }
    }

    private LValue index(Expr.Index ix) {
        Expr ptrSide = ix.base, intSide = ix.index;
        if (!useType(ptrSide).isPointer()) {
            ptrSide = ix.index;
            intSide = ix.base;
        }
        CType elem = ix.type;
        if (ptrSide.type.isArray() && ptrSide instanceof Expr.Member pm && (core.active()
                || (unit.model.memberOf(pm) != null && unit.model.memberOf(pm).record().preserveAccessIndex()))) {
            LValue viaCore = core.tryAccess(ix);
            if (viaCore != null) return viaCore;
        }
        if (ptrSide.type.isPointer() && core.indexesPreservedPointer(ptrSide)) {
            LValue viaCore = core.tryAccess(ix);
            if (viaCore != null) return viaCore;
        }
        Value base = rvalue(ptrSide);
        Value addr = scaledAdd(base, intSide, elem.isComplete() ? elem.size() : 1, false);
        return LValue.of(addr, elem, alignOf(elem));
    }

    /** {@code base + n * scale} (or minus) with {@code n} an integer expression. */
    Value scaledAdd(Value base, Expr n, long scale, boolean subtract) {
        Value idx = ValueConversions.widenTo64(b, rvalue(n), useType(n));
        return scaledAdd(base, idx, scale, subtract);
    }

    Value scaledAdd(Value base, Value idx64, long scale, boolean subtract) {
        Value off;
        if (idx64 instanceof Constant c) {
            off = Constant.of(Type.I64, (subtract ? -c.value() : c.value()) * scale);
            if (c.value() == 0) return base;
        } else {
            off = scale == 1 ? idx64 : b.binary(Opcode.MUL, idx64, Constant.of(Type.I64, scale));
            if (subtract) off = b.binary(Opcode.SUB, Constant.of(Type.I64, 0), off);
        }
        return b.ptradd(base, off);
    }

    private LValue member(Expr.Member m) {
        MemberAccess ma = unit.model.memberOf(m);
        if (ma == null) throw new CompileError(m.loc(), "unresolved member '" + m.member + "'");
        if (core.active() || ma.record().preserveAccessIndex()) {
            LValue viaCore = core.tryAccess(m);
            if (viaCore != null) return viaCore;
        }
        LValue base;
        if (m.arrow) {
            Value p = rvalue(m.base);
            base = LValue.of(p, ma.record(), alignOf(ma.record()));
            if (useType(m.base).unqualified() instanceof PointerType pt) {
                int space = QualifiedType.addressSpaceOf(pt.pointee());
                if (space != 0) base = inSpace(base, space);
            }
        } else {
            base = lvalue(m.base);
        }
        return fieldOf(base, ma);
    }

    /** The member {@code ma} of the record at {@code base} (constant offset; bit-fields get their storage unit). */
    LValue fieldOf(LValue base, MemberAccess ma) {
        Field f = ma.field();
        int space = QualifiedType.addressSpaceOf(base.type());
        if (space != 0) {
            LValue plain = new LValue(base.address(), base.type().unqualified(), base.align(), base.isVolatile(), 0, 0, -1);
            return inSpace(fieldOf(plain, ma), space);
        }
        boolean vol = base.isVolatile() || f.type.isVolatile();
        if (f.isBitfield()) {
            int unitBytes = (int) f.type.size();
            long unitBits = unitBytes * 8L;
            long bit = ma.bitOffset();
            long unitStart = (bit / unitBits) * unitBytes;
            int shift = (int) (bit - unitStart * 8);
            if (shift + f.bitWidth > unitBits) {
                // A packed bit-field crossing its type's unit: read the bytes that hold it as one wider unit.
                unitStart = bit / 8;
                shift = (int) (bit % 8);
                unitBytes = shift + f.bitWidth <= 32 ? 4 : 8;
                if (shift + f.bitWidth > 64) throw new CompileError(null, "this bit-field layout is not supported yet");
            }
            Value addr = unitStart == 0 ? base.address() : b.ptradd(base.address(), unitStart);
            int align = (int) Math.min(Math.max(1, gcdAlign(base.align(), unitStart)), unitBytes);
            return new LValue(addr, f.type, align, vol, unitBytes, shift, f.bitWidth);
        }
        long off = ma.byteOffset();
        Value addr = off == 0 ? base.address() : b.ptradd(base.address(), off);
        int align = (int) Math.min(gcdAlign(base.align(), off), Math.max(1, alignOf(f.type)));
        return new LValue(addr, f.type, Math.max(1, align), vol, 0, 0, -1);
    }

    /** {@code lv} with its type moved to address space {@code space} (a member of an object in that space). */
    private static LValue inSpace(LValue lv, int space) {
        CType t = QualifiedType.of(lv.type(), 0, space);
        return new LValue(lv.address(), t, lv.align(), lv.isVolatile(), lv.unitBytes(), lv.bitShift(), lv.bitWidth());
    }

    private static long gcdAlign(int align, long off) {
        if (off == 0) return align;
        long a = align;
        while (off % a != 0) a /= 2;
        return Math.max(1, a);
    }

    // ---- memory -----------------------------------------------------------------------------------------------

    /** Loads the scalar at {@code lv} as a value of its C type (aggregates and arrays: the address itself). */
    Value load(LValue lv) {
        CType t = lv.type();
        if (t.isArray() || t.isRecord() || t.isFunction()) return lv.address();
        if (!IrTypes.supported(t)) throw new CompileError(null, "values of type '" + t.spelling() + "' are not supported");
        lv = ArenaAccess.generic(b, lv);
        if (lv.isBitfield()) return BitfieldAccess.read(b, lv);
        Type mt = IrTypes.memory(t);
        Instruction ld = b.load(mt, lv.address(), Math.min(lv.align(), mt.bytes));
        ld.isVolatile = lv.isVolatile();
        return widenLoaded(ld, t);
    }

    Value widenLoaded(Value v, CType t) {
        Type mt = v.type();
        if (mt == Type.I8 || mt == Type.I16) return b.cast(t.isSigned() ? Opcode.SEXT : Opcode.ZEXT, v, Type.I32);
        return v;
    }

    /** Stores {@code v} (a value of C type lv.type()) to {@code lv}. */
    /** The store instruction (null for a bitfield, written by several instructions). */
    Instruction store(LValue lv, Value v) {
        CType t = lv.type();
        lv = ArenaAccess.generic(b, lv);
        if (lv.isBitfield()) {
            BitfieldAccess.write(b, lv, v);
            return null;
        }
        Type mt = IrTypes.memory(t);
        if (mt == null) throw new CompileError(null, "storing a value of type '" + t.spelling() + "' is not supported");
        Value sv = v;
        if ((mt == Type.I8 || mt == Type.I16) && v.type() == Type.I32) {
            sv = v instanceof Constant c ? Constant.of(mt, c.value()) : b.cast(Opcode.TRUNC, v, mt);
        }
        Instruction st = b.store(sv, lv.address(), Math.min(lv.align(), mt.bytes));
        st.isVolatile = lv.isVolatile();
        return st;
    }

    /**
     * Copies the aggregate at {@code src} (a generic address: {@link #aggregateSource}) to {@code dst} (struct
     * assignment, by-value copies).
     */
    void copy(LValue dst, Value src, CType t) {
        long size = t.size();
        if (size == 0) return;
        int align = Math.max(1, Math.min(dst.align(), alignOf(t)));
        b.memcpy(ArenaAccess.generic(b, dst).address(), src, size, align);
    }

    /** The address of the aggregate {@code e} to read it whole from: cast to the generic space if in an arena. */
    Value aggregateSource(Expr e) {
        return ArenaAccess.generic(b, lvalue(e)).address();
    }

    // ---- visitor: leaves --------------------------------------------------------------------------------------

    @Override
    public Value visitIdent(Expr.Ident e) {
        Symbol s = unit.model.symbolOf(e);
        if (s instanceof EnumConstantSymbol ec) return Constant.of(IrTypes.value(e.type), ec.value().longValue());
        if (s instanceof FunctionSymbol f) {
            if (!f.isDefined() && unit.definitions.get(f) == null) unit.declareExtern(f);
            return b.addr(unit.symbolName(f));
        }
        if (s instanceof ObjectSymbol o && o.helperId() > 0) {
            // libbpf's `static void *(* const bpf_map_lookup_elem)(...) = (void *) 1` read as a value (a helper
            // called through a pointer): the constant itself, which devirt turns back into callhelper 1 (a call
            // by the name is a helper call already: CallLowering).
            return b.cast(Opcode.INTTOPTR, Constant.of(Type.I64, o.helperId()), Type.PTR);
        }
        if (s instanceof ObjectSymbol o) return load(fl.objectLValue(o, e));
        throw new CompileError(e.loc(), "use of '" + e.name + "' is not supported");
    }

    @Override
    public Value visitIntLiteral(Expr.IntLiteral e) {
        ConstValue v = unit.model.constantOf(e);
        long x = v != null ? v.asLong() : LiteralValues.integer(e.spelling);
        return Constant.of(IrTypes.value(e.type), x);
    }

    @Override
    public Value visitFloatLiteral(Expr.FloatLiteral e) {
        throw new CompileError(e.loc(), "floating-point values are not supported by BPF");
    }

    @Override
    public Value visitCharLiteral(Expr.CharLiteral e) {
        ConstValue v = unit.model.constantOf(e);
        long x = v != null ? v.asLong() : LiteralValues.character(e.spelling);
        return Constant.of(Type.I32, x);
    }

    @Override
    public Value visitStringLiteral(Expr.StringLiteral e) {
        return b.addr(unit.strings.symbolFor(unit.stringBytes(e)));
    }

    // ---- operators --------------------------------------------------------------------------------------------

    @Override
    public Value visitUnary(Expr.Unary e) {
        switch (e.op) {
            case ADDRESS_OF -> {
                if (e.operand.type.isFunction()) return rvalue(e.operand);
                return lvalue(e.operand).address();
            }
            case DEREF -> {
                return load(lvalue(e));
            }
            case PLUS -> {
                return rvalue(e.operand);
            }
            case MINUS -> {
                Value v = rvalue(e.operand);
                if (v instanceof Constant c) return Constant.of(v.type(), -c.value());
                return b.binary(Opcode.SUB, Constant.of(v.type(), 0), v);
            }
            case BIT_NOT -> {
                Value v = rvalue(e.operand);
                if (v instanceof Constant c) return Constant.of(v.type(), ~c.value());
                return b.binary(Opcode.XOR, v, Constant.of(v.type(), -1));
            }
            case NOT -> {
                Value c = condition(e.operand);
                return b.cast(Opcode.ZEXT, negateI1(c), Type.I32);
            }
            default -> {
                boolean inc = e.op == Expr.UnaryOp.PRE_INC || e.op == Expr.UnaryOp.POST_INC;
                LValue lv = lvalue(e.operand);
                Value old = load(lv);
                Value neu = step(old, lv.type(), inc);
                store(lv, neu);
                Value result = e.op.isPostfix() ? old : neu;
                // The stored value re-read through its type (a char wraps).
                if (!e.op.isPostfix() && !lv.type().isPointer()) {
                    result = ValueConversions.convert(b, neu, lv.type(), lv.type());
                }
                return result;
            }
        }
    }

    private Value negateI1(Value c) {
        if (c instanceof Constant k) return Constant.bool(k.value() == 0);
        Instruction i = (Instruction) c;
        if (i.op() == Opcode.CMP) {
            Value inv = b.cmp(i.predicate.inverse(), i.operand(0), i.operand(1));
            // The original compare was made for this negation only: drop it (no unused compares left around).
            if (i.block() == b.block() && i.block().instructions().get(i.block().size() - 2) == i) i.remove();
            return inv;
        }
        return b.cmp(Predicate.EQ, b.cast(Opcode.ZEXT, c, Type.I32), Constant.of(Type.I32, 0));
    }

    /** {@code v + 1} or {@code v - 1} for ++/--: pointers move by the element size. */
    private Value step(Value v, CType t, boolean inc) {
        if (t.isPointer()) {
            CType pointee = t.asPointer().pointee();
            long size = pointee.isComplete() ? pointee.size() : 1;
            return b.ptradd(v, Constant.of(Type.I64, inc ? size : -size));
        }
        CType p = TypeRelations.promote(t);
        Value pv = ValueConversions.convert(b, v, t, p);
        Value r = b.binary(inc ? Opcode.ADD : Opcode.SUB, pv, Constant.of(pv.type(), 1));
        return ValueConversions.convert(b, r, p, t);
    }

    @Override
    public Value visitBinary(Expr.Binary e) {
        switch (e.op) {
            case COMMA -> {
                discard(e.lhs);
                return rvalue(e.rhs);
            }
            case LOG_AND, LOG_OR -> {
                return logical(e);
            }
            default -> { }
        }
        if (e.op.isComparison()) return b.cast(Opcode.ZEXT, compare(e), Type.I32);
        CType lt = useType(e.lhs), rt = useType(e.rhs);
        if (lt.isPointer() || rt.isPointer()) return pointerArith(e, lt, rt);
        Value l = rvalue(e.lhs);
        Value r = rvalue(e.rhs);
        return arithmetic(e.op, l, r, e.type, e);
    }

    /** {@code l op r} on two values already converted to the operation's type {@code t}. */
    Value arithmetic(Expr.BinaryOp op, Value l, Value r, CType t, Expr at) {
        boolean signed = t.isSigned();
        Opcode opc = switch (op) {
            case ADD -> Opcode.ADD;
            case SUB -> Opcode.SUB;
            case MUL -> Opcode.MUL;
            case DIV -> signed ? Opcode.SDIV : Opcode.UDIV;
            case MOD -> signed ? Opcode.SREM : Opcode.UREM;
            case BIT_AND -> Opcode.AND;
            case BIT_OR -> Opcode.OR;
            case BIT_XOR -> Opcode.XOR;
            case SHL -> Opcode.SHL;
            case SHR -> signed ? Opcode.ASHR : Opcode.LSHR;
            default -> throw new CompileError(at.loc(), "operator '" + op.spelling + "' is not supported here");
        };
        if ((opc == Opcode.SDIV || opc == Opcode.SREM) && unit.options.cpuVersion() < 4) {
            return SignedDivision.expand(b, opc == Opcode.SDIV, l, r);
        }
        if (opc == Opcode.SHL || opc == Opcode.ASHR || opc == Opcode.LSHR) {
            // The shift count has its own promoted type; the IR shifts in the left operand's width.
            if (r.type() != l.type()) {
                r = r instanceof Constant c ? Constant.of(l.type(), c.value())
                        : r.type() == Type.I64 ? b.cast(Opcode.TRUNC, r, Type.I32) : b.cast(Opcode.ZEXT, r, Type.I64);
            }
        }
        return b.binary(opc, l, r);
    }

    private Value pointerArith(Expr.Binary e, CType lt, CType rt) {
        if (e.op == Expr.BinaryOp.SUB && lt.isPointer() && rt.isPointer()) {
            Value l = b.cast(Opcode.PTRTOINT, rvalue(e.lhs), Type.I64);
            Value r = b.cast(Opcode.PTRTOINT, rvalue(e.rhs), Type.I64);
            Value d = b.binary(Opcode.SUB, l, r);
            long size = elementSize(lt);
            if (size == 1) return d;
            if (unit.options.cpuVersion() < 4) {
                // clang emits an exact signed division; BPF below v4 has none: shift when the size is a power of two.
                if (Long.bitCount(size) == 1) return b.binary(Opcode.ASHR, d, Constant.of(Type.I64, Long.numberOfTrailingZeros(size)));
                return b.binary(Opcode.UDIV, d, Constant.of(Type.I64, size));
            }
            return b.binary(Opcode.SDIV, d, Constant.of(Type.I64, size));
        }
        boolean ptrLeft = lt.isPointer();
        Expr pe = ptrLeft ? e.lhs : e.rhs, ie = ptrLeft ? e.rhs : e.lhs;
        Value p = rvalue(pe);
        return scaledAdd(p, ie, elementSize(useType(pe)), e.op == Expr.BinaryOp.SUB);
    }

    static long elementSize(CType ptr) {
        CType pointee = ptr.asPointer().pointee();
        if (pointee.isVoid() || pointee.isFunction() || !pointee.isComplete()) return 1;
        return pointee.size();
    }

    /** A comparison as an i1. */
    Value compare(Expr.Binary e) {
        Value l = rvalue(e.lhs);
        Value r = rvalue(e.rhs);
        CType t = useType(e.lhs);
        if (l.type() != r.type()) {
            // pointer compared with an integer constant (NULL written as 0): sema converted it; be lenient.
            if (l.type() == Type.PTR) r = ValueConversions.convert(b, r, useType(e.rhs), t);
            else if (r.type() == Type.PTR) l = ValueConversions.convert(b, l, t, useType(e.rhs));
        }
        boolean unsigned = t.isPointer() || !t.isSigned();
        Predicate p = switch (e.op) {
            case EQ -> Predicate.EQ;
            case NE -> Predicate.NE;
            case LT -> unsigned ? Predicate.ULT : Predicate.SLT;
            case LE -> unsigned ? Predicate.ULE : Predicate.SLE;
            case GT -> unsigned ? Predicate.UGT : Predicate.SGT;
            case GE -> unsigned ? Predicate.UGE : Predicate.SGE;
            default -> throw new IllegalStateException();
        };
        return b.cmp(p, l, r);
    }

    /** {@code a && b} / {@code a || b} as branches joining in an i32 phi of 0/1. */
    private Value logical(Expr.Binary e) {
        boolean and = e.op == Expr.BinaryOp.LOG_AND;
        Block rhsBlock = fl.newBlock(and ? "land.rhs" : "lor.rhs");
        Block end = fl.newBlock(and ? "land.end" : "lor.end");
        Value lc = condition(e.lhs);
        Block lhsEnd = b.block();
        if (and) b.condbr(lc, rhsBlock, end);
        else b.condbr(lc, end, rhsBlock);
        fl.startBlock(rhsBlock);
        Value rc = condition(e.rhs);
        Value rv = b.cast(Opcode.ZEXT, rc, Type.I32);
        Block rhsEnd = b.block();
        b.br(end);
        fl.startBlock(end);
        Instruction phi = Instruction.phi(Type.I32);
        phi.addIncoming(Constant.of(Type.I32, and ? 0 : 1), lhsEnd);
        phi.addIncoming(rv, rhsEnd);
        end.insert(0, phi);
        return phi;
    }

    @Override
    public Value visitAssign(Expr.Assign e) {
        CType tt = e.target.type.unqualified();
        if (e.op == null) {
            if (tt.isRecord()) {
                Value src = aggregateSource(e.value);
                LValue dst = lvalue(e.target);
                copy(dst, src, tt);
                return dst.address();
            }
            Value v = rvalueAs(e.value, tt);
            LValue dst = lvalue(e.target);
            store(dst, v);
            return reread(dst, v);
        }
        LValue dst = lvalue(e.target);
        Value old = load(dst);
        Value result;
        if (tt.isPointer()) {
            result = scaledAdd(old, e.value, elementSize(tt), e.op == Expr.BinaryOp.SUB);
        } else {
            CType ct;
            if (e.op == Expr.BinaryOp.SHL || e.op == Expr.BinaryOp.SHR) {
                ct = dst.isBitfield() ? TypeRelations.promoteBitfield(tt, dst.bitWidth()) : TypeRelations.promote(tt);
            } else {
                ct = TypeRelations.usualArithmetic(TypeRelations.promote(tt), TypeRelations.promote(useType(e.value)));
            }
            Value l = ValueConversions.convert(b, old, tt, ct);
            Value r = (e.op == Expr.BinaryOp.SHL || e.op == Expr.BinaryOp.SHR) ? rvalue(e.value) : rvalueAs(e.value, ct);
            Value v = arithmetic(e.op, l, r, ct, e);
            result = ValueConversions.convert(b, v, ct, tt);
        }
        store(dst, result);
        return reread(dst, result);
    }

    /** The value of an assignment expression: the stored value as the target's type holds it. */
    private Value reread(LValue dst, Value stored) {
        if (dst.isBitfield()) return BitfieldAccess.truncate(b, dst, stored);
        return stored;
    }

    @Override
    public Value visitConditional(Expr.Conditional e) {
        CType t = e.type.unqualified();
        Block thenB = fl.newBlock("cond.true"), elseB = fl.newBlock("cond.false"), end = fl.newBlock("cond.end");
        Value gnuCond = null;
        if (e.then == null) {
            // GNU a ?: b evaluates a once.
            gnuCond = rvalue(e.cond);
            b.condbr(nonZero(gnuCond), thenB, elseB);
        } else {
            b.condbr(condition(e.cond), thenB, elseB);
        }
        boolean aggregate = t.isRecord();
        fl.startBlock(thenB);
        Value tv = e.then == null ? ValueConversions.convert(b, gnuCond, useType(e.cond), t)
                : aggregate ? lvalue(e.then).address() : t.isVoid() ? rvalueVoid(e.then) : rvalue(e.then);
        Block thenEnd = b.isTerminated() ? null : b.block();
        if (thenEnd != null) b.br(end);
        fl.startBlock(elseB);
        Value ev = aggregate ? lvalue(e.otherwise).address() : t.isVoid() ? rvalueVoid(e.otherwise) : rvalue(e.otherwise);
        Block elseEnd = b.isTerminated() ? null : b.block();
        if (elseEnd != null) b.br(end);
        fl.startBlock(end);
        if (t.isVoid() || tv == null || ev == null) return null;
        if (thenEnd == null) return ev;
        if (elseEnd == null) return tv;
        Instruction phi = Instruction.phi(tv.type());
        phi.addIncoming(tv, thenEnd);
        phi.addIncoming(ev, elseEnd);
        end.insert(0, phi);
        return phi;
    }

    private Value rvalueVoid(Expr e) {
        discard(e);
        return null;
    }

    @Override
    public Value visitCast(Expr.Cast e) {
        CType to = unit.model.typeOf(e.typeName);
        if (to == null) to = e.type;
        if (to.isVoid()) {
            discard(e.operand);
            return null;
        }
        Value v = rvalue(e.operand);
        return ValueConversions.convert(b, v, useType(e.operand), to);
    }

    @Override
    public Value visitCompoundLiteral(Expr.CompoundLiteral e) {
        LValue lv = fl.compoundLiteral(e);
        return load(lv);
    }

    @Override
    public Value visitSizeofExpr(Expr.SizeofExpr e) { return constantOf(e); }

    @Override
    public Value visitSizeofType(Expr.SizeofType e) { return constantOf(e); }

    @Override
    public Value visitAlignofExpr(Expr.AlignofExpr e) { return constantOf(e); }

    @Override
    public Value visitAlignofType(Expr.AlignofType e) { return constantOf(e); }

    @Override
    public Value visitOffsetOf(Expr.OffsetOf e) { return constantOf(e); }

    @Override
    public Value visitTypesCompatible(Expr.TypesCompatible e) { return constantOf(e); }

    private Value constantOf(Expr e) {
        ConstValue v = unit.model.constantOf(e);
        if (v == null) throw new CompileError(e.loc(), "this expression is not supported yet");
        return Constant.of(IrTypes.value(e.type), v.asLong());
    }

    // ---- postfix ----------------------------------------------------------------------------------------------

    @Override
    public Value visitCall(Expr.Call e) {
        Builtins.Builtin bi = unit.model.builtinOf(e);
        if (bi == null) bi = libraryBuiltin(e);
        if (bi != null) return builtins.lower(e, bi);
        return CallLowering.lower(this, e);
    }

    /**
     * A call of memcpy/memmove/memset/memcmp declared but not defined by the program ({@link
     * Builtins#libraryBuiltin}): {@code memcmp(a, b, 4)} expands in place like {@code __builtin_memcmp(a, b, 4)}
     * (an extern call to memcmp left libbpf without a BTF for it). A size that is not a constant stays an error.
     */
    private Builtins.Builtin libraryBuiltin(Expr.Call e) {
        if (!(e.callee instanceof Expr.Ident id)) return null;
        if (!(unit.model.symbolOf(id) instanceof FunctionSymbol f)) return null;
        if (f.isDefined() || unit.definitions.get(f) != null || e.args.size() != 3) return null;
        return Builtins.libraryBuiltin(f.name());
    }

    @Override
    public Value visitIndex(Expr.Index e) {
        return load(lvalue(e));
    }

    @Override
    public Value visitMember(Expr.Member e) {
        if (!e.arrow && !isAddressable(e.base)) {
            // A member of an aggregate rvalue (a call result, a ?: of structs): its value is at an address too.
            return load(lvalue(e));
        }
        return load(lvalue(e));
    }

    private boolean isAddressable(Expr e) { return true; }

    // ---- GNU and C11 extras -----------------------------------------------------------------------------------

    @Override
    public Value visitStmtExpr(Expr.StmtExpr e) {
        return fl.statementExpression(e.body);
    }

    @Override
    public Value visitGeneric(Expr.Generic e) {
        Expr chosen = unit.model.chosenOf(e);
        return raw(chosen);
    }

    @Override
    public Value visitChooseExpr(Expr.ChooseExpr e) {
        Expr chosen = unit.model.chosenOf(e);
        return raw(chosen);
    }

    @Override
    public Value visitVaArg(Expr.VaArg e) {
        throw new CompileError(e.loc(), "variadic functions are not supported");
    }

    @Override
    public Value visitLabelAddress(Expr.LabelAddress e) {
        throw new CompileError(e.loc(), "taking the address of a label is not supported");
    }

    /** The pointee type of a pointer or the element type of an array. */
    static CType pointee(CType t) {
        if (t.isPointer()) return t.asPointer().pointee();
        if (t.isArray()) return t.asArray().element();
        return t;
    }

    static List<Value> list(Value... vs) {
        List<Value> l = new ArrayList<>();
        for (Value v : vs) l.add(v);
        return l;
    }

    static CType ptrTo(CType t) { return PointerType.to(t); }

    static boolean isRecord(CType t) { return t.unqualified() instanceof RecordType; }

    static boolean isArray(CType t) { return t.unqualified() instanceof ArrayType; }

    static boolean isInt(CType t) { return t.unqualified() instanceof IntegerType; }

    static boolean isFunction(CType t) { return t.unqualified() instanceof FunctionType; }
}
