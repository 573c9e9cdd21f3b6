package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.BtfType.FuncLinkage;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.frontend.ast.Declaration;
import dev.jbpfc.frontend.ast.Declarator;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.FunctionDef;
import dev.jbpfc.frontend.ast.Pragma;
import dev.jbpfc.frontend.ast.Stmt;
import dev.jbpfc.frontend.sema.Builtins;
import dev.jbpfc.frontend.sema.ConstValue;
import dev.jbpfc.frontend.sema.FunctionSymbol;
import dev.jbpfc.frontend.sema.InitEntry;
import dev.jbpfc.frontend.sema.ObjectSymbol;
import dev.jbpfc.frontend.sema.StorageClass;
import dev.jbpfc.frontend.sema.Symbol;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.FunctionType;
import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.FnAttr;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.IrBuilder;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Param;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lowers one function definition: parameters and every local get an {@code alloca} in the entry block (mem2reg
 * promotes them later), statements become blocks and branches, expressions go through {@link ExprLowering}.
 *
 * <p>Worked example:
 * <pre>
 *   SEC("xdp") int f(struct xdp_md *ctx) {
 *       int n = 0;
 *       #pragma unroll
 *       for (int i = 0; i &lt; 4; i++) n += i;
 *       return n;
 *   }
 * </pre>
 * becomes
 * <pre>
 *   define global i32 @f(ptr %ctx) section "xdp" btf 5 {
 *   entry:
 *     %ctx.addr = alloca 8, align 8
 *     %n = alloca 4, align 4
 *     %i = alloca 4, align 4
 *     store ptr %ctx, %ctx.addr, align 8
 *     store i32 0, %n, align 4
 *     store i32 0, %i, align 4
 *     br for.cond
 *   for.cond:  ... %c = cmp slt i32 %iv, 4 ; condbr i1 %c, for.body, for.end
 *   for.body:  ... n += i ... ; br for.inc
 *   for.inc:   ... i++ ...    ; br for.cond !unroll
 *   for.end:   %r = load i32 %n, align 4 ; ret i32 %r
 *   }
 * </pre>
 * Functions with more than five parameters take parameters 1-4 in registers and a pointer to parameters 5..n
 * (8-byte slots in the caller's frame) as the fifth; they are loaded into the locals at entry
 * (docs/calling-convention.md). Blocks left unreachable (code after {@code return}, {@code break}) are removed at the
 * end: the kernel rejects dead code.
 */
final class FunctionLowering implements Stmt.Visitor<Void> {
    final UnitContext unit;
    final Function fn;
    final IrBuilder b;
    final ExprLowering exprs;
    private final FunctionSymbol symbol;
    private final Map<ObjectSymbol, LValue> locals = new IdentityHashMap<>();
    private final Map<String, Block> labels = new HashMap<>();
    private final Deque<Block> breakTargets = new ArrayDeque<>();
    private final Deque<Block> continueTargets = new ArrayDeque<>();
    /** Scope depth at each break/continue target: a jump there runs the cleanups of the scopes it leaves. */
    private final Deque<Integer> breakDepths = new ArrayDeque<>();
    private final Deque<Integer> continueDepths = new ArrayDeque<>();
    /** Open block scopes, each with its {@code __attribute__((cleanup(fn)))} variables in declaration order. */
    private final List<List<Cleanup>> scopes = new ArrayList<>();

    /** A variable whose cleanup function runs with its address when its scope ends. */
    private record Cleanup(FunctionSymbol function, Value address, dev.jbpfc.source.SourceLocation loc) {}
    private final Deque<Map<Stmt, Block>> switchCases = new ArrayDeque<>();
    private final CType returnType;
    /** The hidden first parameter of a function returning a struct: where {@code return e;} copies e. */
    private Value sretAddress;

    FunctionLowering(UnitContext unit, FunctionSymbol symbol, FunctionDef def) {
        this.unit = unit;
        this.symbol = symbol;
        FunctionType ft = symbol.functionType();
        this.returnType = ft.returnType();
        if (UnitContext.returnsViaPointer(ft) && !symbol.isStatic()) {
            // clang's BPF backend refuses aggregate returns it cannot inline away, and a global function's BTF
            // prototype would not match its hidden-pointer calling convention.
            throw new CompileError(def.loc(), "returning '" + ft.returnType().spelling()
                    + "' by value from a global function is not supported");
        }
        this.fn = new Function(unit.symbolName(symbol), UnitContext.definedReturnType(ft, def.loc()));
        this.b = new IrBuilder(fn);
        this.exprs = new ExprLowering(this);
    }

    Function lower(FunctionDef def) {
        FunctionType ft = symbol.functionType();
        fn.setSection(symbol.attributes.section != null ? symbol.attributes.section : ".text");
        fn.setLinkage(symbol.isStatic() ? Linkage.STATIC : symbol.attributes.weak ? Linkage.WEAK : Linkage.GLOBAL);
        if (symbol.attributes.alwaysInline) fn.attrs().add(FnAttr.ALWAYS_INLINE);
        if (symbol.attributes.noinline) fn.attrs().add(FnAttr.NOINLINE);
        if (symbol.attributes.naked) fn.attrs().add(FnAttr.NAKED);
        if (symbol.attributes.used && symbol.isStatic()) fn.attrs().add(FnAttr.USED);
        if (symbol.attributes.isHidden() && !symbol.isStatic()) fn.attrs().add(FnAttr.HIDDEN);
        boolean inlineDefinition = symbol.isInlineDefinition();
        if (inlineDefinition) fn.attrs().add(FnAttr.AVAILABLE_EXTERNALLY);
        Declarator.Function proto = def.declarator().function();
        List<String> names = new ArrayList<>();
        List<ObjectSymbol> paramSymbols = new ArrayList<>();
        if (proto != null) {
            for (Declarator.Param p : proto.params()) {
                names.add(p.name());
                Symbol s = p.declarator() != null ? unit.model.declaredBy(p.declarator()) : null;
                paramSymbols.add(s instanceof ObjectSymbol o ? o : null);
            }
        }
        if (ft.variadic()) throw new CompileError(def.loc(), "variadic functions are not supported");
        FuncLinkage linkage = symbol.isStatic() ? FuncLinkage.STATIC : FuncLinkage.GLOBAL;
        List<List<String>> tags = paramTags(paramSymbols);
        java.util.function.IntSupplier btfFunc = () -> ft.params().size() > CallLowering.MAX_REGISTER_ARGS
                ? unit.btf.funcWithStackArguments(fn.name(), ft, names, linkage)
                : unit.btf.func(fn.name(), ft, names, linkage, symbol.attributes.btfDeclTags, tags);
        // A static function's FUNC (and the types of its prototype) waits for the optimiser: one it inlines away
        // gets none, as with clang-22 (Lowering.lower declares the survivors').
        // An inline definition gets none: it is never emitted (InlineDefinitions drops it after the optimiser).
        if (symbol.isStatic() || inlineDefinition) unit.deferredFuncs.put(fn, btfFunc);
        else fn.setBtfFuncId(btfFunc.getAsInt());

        Block entry = fn.addBlock("entry");
        b.setBlock(entry);
        b.setLoc(unit.loc(def.loc()));
        // Each C parameter takes one IR parameter, a small struct one or two i64 slots.
        List<Type> slotTypes = new ArrayList<>();
        List<String> slotNames = new ArrayList<>();
        boolean sret = UnitContext.returnsViaPointer(ft);
        if (sret) {
            slotTypes.add(Type.PTR);
            slotNames.add("agg.result");
        }
        for (int i = 0; i < ft.params().size(); i++) {
            CType pt = ft.params().get(i).type();
            String name = i < names.size() && names.get(i) != null ? names.get(i) : "arg" + i;
            int k = UnitContext.paramSlots(pt, def.loc());
            for (int j = 0; j < k; j++) {
                slotTypes.add(UnitContext.slotType(pt, def.loc()));
                slotNames.add(k == 1 ? name : name + "." + j);
            }
        }
        int n = slotTypes.size();
        boolean packed = n > CallLowering.MAX_REGISTER_ARGS;
        if (packed && sret) {
            throw new CompileError(def.loc(), "returning '" + ft.returnType().spelling()
                    + "' by value from a function with more than four parameter registers is not supported yet");
        }
        List<Value> incoming = new ArrayList<>();
        for (int i = 0; i < n && (!packed || i < CallLowering.MAX_REGISTER_ARGS - 1); i++) {
            incoming.add(fn.addParam(fn.uniqueValueName(slotNames.get(i)), slotTypes.get(i)));
        }
        if (packed) {
            Param rest = fn.addParam(fn.uniqueValueName("args"), Type.PTR);
            for (int i = CallLowering.MAX_REGISTER_ARGS - 1; i < n; i++) {
                Type it = slotTypes.get(i);
                long off = 8L * (i - (CallLowering.MAX_REGISTER_ARGS - 1));
                Value slot = off == 0 ? rest : b.ptradd(rest, off);
                Value whole = b.load(it == Type.PTR ? Type.PTR : Type.I64, slot, 8);
                incoming.add(it == Type.I32 ? b.cast(dev.jbpfc.ir.Opcode.TRUNC, whole, Type.I32) : whole);
            }
        }
        int next = 0;
        if (sret) sretAddress = incoming.get(next++);
        for (int i = 0; i < ft.params().size(); i++) {
            ObjectSymbol ps = i < paramSymbols.size() ? paramSymbols.get(i) : null;
            CType pt = ft.params().get(i).type();
            String name = i < names.size() && names.get(i) != null ? names.get(i) : "arg" + i;
            int k = UnitContext.paramSlots(pt, def.loc());
            LValue lv;
            if (UnitContext.isIndirect(pt)) {
                lv = LValue.of(incoming.get(next), pt, ExprLowering.alignOf(pt));
            } else if (pt.isRecord()) {
                int align = Math.max(8, ExprLowering.alignOf(pt));
                Instruction slot = b.alloca(8L * k, align);
                b.named(slot, name + ".addr");
                for (int j = 0; j < k; j++) {
                    Value at = j == 0 ? slot : b.ptradd(slot, 8L * j);
                    b.store(incoming.get(next + j), at, 8);
                }
                lv = LValue.of(slot, pt, align);
            } else {
                Instruction slot = b.alloca(pt.size(), ExprLowering.alignOf(pt));
                b.named(slot, name + ".addr");
                lv = LValue.of(slot, pt, ExprLowering.alignOf(pt));
                exprs.store(lv, incoming.get(next));
            }
            next += k;
            if (ps != null) locals.put(ps, lv);
        }
        def.body().accept(this);
        if (!b.isTerminated()) {
            b.setLoc(unit.loc(closingBrace(def)));
            // A naked function's assembly ends it (with its own exit); nothing may follow, as in clang.
            if (fn.has(FnAttr.NAKED)) b.unreachable();
            else returnDefault();
        }
        removeUnreachableBlocks();
        return fn;
    }

    private static dev.jbpfc.source.SourceLocation closingBrace(FunctionDef def) {
        List<Stmt> items = def.body().items();
        return items.isEmpty() ? def.body().loc() : items.get(items.size() - 1).loc();
    }

    private void returnDefault() {
        if (fn.returnType() == Type.VOID) b.ret(null);
        else b.ret(fn.returnType() == Type.PTR ? Constant.nullPtr() : Constant.of(fn.returnType(), 0));
    }

    // ---- blocks -----------------------------------------------------------------------------------------------

    Block newBlock(String name) {
        return new Block(fn.uniqueBlockName(name));
    }

    /** Continues in {@code blk}, falling through from the current block if it is still open. */
    void startBlock(Block blk) {
        if (!b.isTerminated()) b.br(blk);
        if (blk.function() == null) addBlock(blk);
        b.setBlock(blk);
    }

    private void addBlock(Block blk) {
        fn.insertBlockAfter(null, blk);
    }

    /** Code after a return/break/goto: goes to a fresh block nobody jumps to (removed at the end). */
    void startDeadBlock() {
        Block dead = newBlock("dead");
        addBlock(dead);
        b.setBlock(dead);
    }

    private void removeUnreachableBlocks() {
        Set<Block> reached = new HashSet<>();
        Deque<Block> work = new ArrayDeque<>();
        work.add(fn.entry());
        while (!work.isEmpty()) {
            Block blk = work.pop();
            if (!reached.add(blk)) continue;
            if (blk.terminator() == null) {
                b.setBlock(blk);
                returnDefault();
            }
            work.addAll(blk.successors());
        }
        for (Block blk : new ArrayList<>(fn.blocks())) {
            if (reached.contains(blk)) continue;
            for (Block succ : blk.successors()) {
                if (!reached.contains(succ)) continue;
                for (Instruction phi : succ.phis()) phi.removeIncoming(blk);
            }
            fn.removeBlock(blk);
        }
    }

    // ---- objects ----------------------------------------------------------------------------------------------

    LValue objectLValue(ObjectSymbol o, Expr at) {
        LValue lv = locals.get(o);
        if (lv != null) return lv;
        if (o.kind() == ObjectSymbol.Kind.LOCAL || o.kind() == ObjectSymbol.Kind.PARAMETER) {
            throw new CompileError(at.loc(), "use of '" + o.name() + "' before its declaration is not supported");
        }
        String name;
        if (o.kind() == ObjectSymbol.Kind.STATIC_LOCAL) {
            name = unit.names.get(o);
            if (name == null) throw new CompileError(at.loc(), "static local '" + o.name() + "' is not defined yet");
        } else {
            name = unit.symbolName(o);
        }
        return LValue.of(b.addr(name), o.type(), ExprLowering.alignOf(o.type()));
    }

    /** A compound literal in a function: a stack object initialized like a local. */
    LValue compoundLiteral(Expr.CompoundLiteral cl) {
        CType t = unit.model.typeOf(cl.typeName);
        if (t == null) t = cl.type;
        Instruction slot = b.alloca(t.size(), ExprLowering.alignOf(t));
        LValue lv = LValue.of(slot, t, ExprLowering.alignOf(t));
        initialize(lv, unit.model.initializerOf(cl), true);
        return lv;
    }

    /** Zeroes the object (when {@code zeroFirst}) and writes each initializer entry. */
    private void initialize(LValue lv, List<InitEntry> entries, boolean zeroFirst) {
        CType t = lv.type();
        if (zeroFirst && t.isComplete() && t.size() > 0) {
            b.memset(lv.address(), Constant.of(Type.I8, 0), t.size(), lv.align());
        }
        if (entries == null) return;
        for (InitEntry en : entries) {
            Value addr = en.byteOffset() == 0 ? lv.address() : b.ptradd(lv.address(), en.byteOffset());
            CType et = en.type();
            if (en.stringBytes() != null) {
                byte[] bytes = en.stringBytes();
                if (bytes.length > 0) {
                    Value src = b.addr(unit.strings.symbolFor(bytes));
                    b.memcpy(addr, src, bytes.length, 1);
                }
                continue;
            }
            if (en.bitfield() != null) {
                long unitBits = en.bitfield().type.size() * 8;
                long bit = en.bitOffset();
                long unitStart = (bit / unitBits) * (unitBits / 8);
                int shift = (int) (bit - unitStart * 8);
                int unitBytes = (int) (unitBits / 8);
                if (shift + en.bitfield().bitWidth > unitBits) {
                    unitStart = bit / 8;
                    shift = (int) (bit % 8);
                    unitBytes = shift + en.bitfield().bitWidth <= 32 ? 4 : 8;
                }
                Value ua = unitStart == 0 ? lv.address() : b.ptradd(lv.address(), unitStart);
                LValue bf = new LValue(ua, en.bitfield().type, 1, false, unitBytes, shift, en.bitfield().bitWidth);
                exprs.store(bf, exprs.rvalueAs(en.value(), en.bitfield().type));
                continue;
            }
            LValue dst = LValue.of(addr, et, ExprLowering.alignOf(et));
            if (et.isRecord()) {
                Value src = exprs.aggregateSource(en.value());
                exprs.copy(dst, src, et);
            } else if (et.isArray()) {
                Value src = exprs.aggregateSource(en.value());
                exprs.copy(dst, src, et);
            } else {
                exprs.store(dst, exprs.rvalueAs(en.value(), et));
            }
        }
    }

    // ---- statements -------------------------------------------------------------------------------------------

    private void stmt(Stmt s) {
        if (b.isTerminated() && !(s instanceof Stmt.Label) && !(s instanceof Stmt.Case) && !(s instanceof Stmt.Default)
                && !(s instanceof Stmt.Null) && !(s instanceof Stmt.DeclStmt)) {
            startDeadBlock();
        }
        if (!b.isTerminated()) b.setLoc(unit.loc(s.loc()));
        s.accept(this);
    }

    @Override
    public Void visitCompound(Stmt.Compound s) {
        pushScope();
        for (Stmt item : s.items()) stmt(item);
        popScope();
        return null;
    }

    private void pushScope() { scopes.add(new ArrayList<>()); }

    /** Closes the innermost scope, running its cleanups if control reaches its end. */
    private void popScope() {
        if (!b.isTerminated()) runCleanups(scopes.size() - 1);
        scopes.remove(scopes.size() - 1);
    }

    /** Calls the cleanup functions of every scope at index {@code depth} or deeper, innermost first. */
    private void runCleanups(int depth) {
        for (int i = scopes.size() - 1; i >= depth && i >= 0; i--) {
            List<Cleanup> cs = scopes.get(i);
            for (int j = cs.size() - 1; j >= 0; j--) {
                Cleanup c = cs.get(j);
                b.setLoc(unit.loc(c.loc()));
                FunctionSymbol f = c.function();
                Type ret = UnitContext.returnType(f.functionType(), c.loc());
                if (!f.isDefined() && unit.definitions.get(f) == null) {
                    unit.declareExtern(f);
                    if (UnitContext.isKfunc(f)) {
                        b.callKfunc(ret, f.name(), List.of(c.address()));
                        continue;
                    }
                }
                b.call(ret, unit.symbolName(f), List.of(c.address()));
            }
        }
    }

    /** The function named by a {@code cleanup(fn)} attribute among {@code attrs}, or null. */
    private FunctionSymbol cleanupFunction(List<dev.jbpfc.frontend.ast.Attribute> attrs) {
        for (dev.jbpfc.frontend.ast.Attribute a : attrs) {
            if (!a.is("cleanup") || a.args().isEmpty() || !(a.args().get(0) instanceof Expr.Ident id)) continue;
            Symbol s = unit.model.symbolOf(id);
            if (s instanceof FunctionSymbol f) return f;
            for (FunctionSymbol f : unit.model.functions()) if (f.name().equals(id.name)) return f;
            throw new CompileError(a.loc(), "cleanup function '" + id.name + "' not found");
        }
        return null;
    }

    /** Lowers a statement expression's block; its value is the last expression statement's. */
    Value statementExpression(Stmt.Compound body) {
        pushScope();
        try {
            List<Stmt> items = body.items();
            for (int i = 0; i < items.size() - 1; i++) stmt(items.get(i));
            if (items.isEmpty()) return null;
            Stmt last = items.get(items.size() - 1);
            // ({ ...; l_true: ret; }) (bpf_cmp_likely's macro): the labels start blocks, the value is still ret.
            while (last instanceof Stmt.Label l && l.body() instanceof Stmt.ExprStmt inner && inner.expr() != null) {
                startBlock(label(labelName(l, l.name())));
                last = l.body();
            }
            if (last instanceof Stmt.ExprStmt es && es.expr() != null) {
                if (b.isTerminated()) startDeadBlock();
                if (es.expr().type.isRecord()) return exprs.lvalue(es.expr()).address();
                return exprs.rvalue(es.expr());
            }
            stmt(last);
            return null;
        } finally {
            popScope();
        }
    }

    /**
     * A statement expression used as a condition: its statements, then {@link ExprLowering#branch} on its last
     * expression. When a declaration in it has a cleanup, the value is computed and the cleanups run before the
     * branch, as for any statement expression. False, with nothing lowered, when its last item is not an
     * expression (a label, a declaration) or is a struct.
     */
    boolean statementExpressionBranch(Stmt.Compound body, Block ifTrue, Block ifFalse) {
        List<Stmt> items = body.items();
        if (items.isEmpty() || !(items.get(items.size() - 1) instanceof Stmt.ExprStmt last) || last.expr() == null
                || last.expr().type.isRecord()) return false;
        pushScope();
        List<Cleanup> cleanups = scopes.get(scopes.size() - 1);
        for (int i = 0; i < items.size() - 1; i++) stmt(items.get(i));
        if (b.isTerminated()) startDeadBlock();
        if (cleanups.isEmpty()) {
            exprs.branch(last.expr(), ifTrue, ifFalse);
            popScope();
            return true;
        }
        Value v = exprs.rvalue(last.expr());
        popScope();
        if (b.isTerminated()) startDeadBlock();
        b.condbr(exprs.nonZero(v), ifTrue, ifFalse);
        return true;
    }

    @Override
    public Void visitExprStmt(Stmt.ExprStmt s) {
        if (s.expr() == null) return null;
        Expr e = s.expr();
        if (e instanceof Expr.Call c) {
            Builtins.Builtin bi = unit.model.builtinOf(c);
            if (bi != null && (bi.kind() == Builtins.Kind.SYNC_FETCH || bi.kind() == Builtins.Kind.ATOMIC_FETCH)) {
                exprs.builtins.resultUnused = true;
            }
        }
        exprs.discard(e);
        return null;
    }

    @Override
    public Void visitNull(Stmt.Null s) { return null; }

    @Override
    public Void visitDeclStmt(Stmt.DeclStmt s) {
        if (!(s.decl() instanceof Declaration d)) return null;
        for (Declaration.InitDeclarator id : d.declarators()) {
            Symbol sym = unit.model.declaredBy(id.declarator());
            if (!(sym instanceof ObjectSymbol o)) continue;
            if (o.kind() == ObjectSymbol.Kind.STATIC_LOCAL) {
                String name = unit.nameStaticLocal(o, fn.name());
                unit.defineStatic(o, name, id.loc());
                continue;
            }
            if (o.storage() == StorageClass.EXTERN) continue;
            if (o.kind() != ObjectSymbol.Kind.LOCAL) continue;
            CType t = o.type();
            if (!t.isComplete()) throw new CompileError(id.loc(), "variable-length or incomplete local '" + o.name() + "' is not supported");
            if (b.isTerminated()) startDeadBlock();
            b.setLoc(unit.loc(id.loc()));
            int align = Math.max(ExprLowering.alignOf(t), o.attributes.aligned);
            Instruction slot = b.alloca(Math.max(1, t.size()), align);
            b.named(slot, o.name());
            LValue lv = LValue.of(slot, t, align);
            locals.put(o, lv);
            List<dev.jbpfc.frontend.ast.Attribute> attrs = new ArrayList<>(id.attributes());
            attrs.addAll(id.declarator().attributes());
            attrs.addAll(d.specifiers().attributes());
            FunctionSymbol cleanup = cleanupFunction(attrs);
            if (cleanup != null && !scopes.isEmpty()) scopes.get(scopes.size() - 1).add(new Cleanup(cleanup, slot, id.loc()));
            if (id.initializer() == null) continue;
            List<InitEntry> entries = unit.model.initializerOf(o);
            boolean scalarExpr = id.initializer() instanceof Expr && !t.isAggregate();
            if (scalarExpr) {
                exprs.store(lv, exprs.rvalueAs((Expr) id.initializer(), t));
            } else if (id.initializer() instanceof Expr e && t.isRecord()) {
                exprs.copy(lv, exprs.aggregateSource(e), t);
            } else {
                initialize(lv, entries, true);
            }
        }
        return null;
    }

    @Override
    public Void visitIf(Stmt.If s) {
        Block thenB = newBlock("if.then"), end = newBlock("if.end");
        Block elseB = s.otherwise() != null ? newBlock("if.else") : end;
        exprs.branch(s.cond(), thenB, elseB);
        startBlock(thenB);
        stmt(s.then());
        if (s.otherwise() != null) {
            if (!b.isTerminated()) b.br(end);
            startBlock(elseB);
            stmt(s.otherwise());
        }
        startBlock(end);
        return null;
    }

    @Override
    public Void visitWhile(Stmt.While s) {
        Block cond = newBlock("while.cond"), body = newBlock("while.body"), end = newBlock("while.end");
        startBlock(cond);
        exprs.branch(s.cond(), body, end);
        startBlock(body);
        loopBody(s.body(), end, cond);
        Instruction back = closeLoop(cond);
        if (back != null) back.loopHint = loopHint(s.hints());
        startBlock(end);
        return null;
    }

    @Override
    public Void visitDoWhile(Stmt.DoWhile s) {
        Block body = newBlock("do.body"), cond = newBlock("do.cond"), end = newBlock("do.end");
        startBlock(body);
        loopBody(s.body(), end, cond);
        startBlock(cond);
        Instruction back = b.condbr(exprs.condition(s.cond()), body, end);
        back.loopHint = loopHint(s.hints());
        startBlock(end);
        return null;
    }

    @Override
    public Void visitFor(Stmt.For s) {
        pushScope();
        if (s.init() != null) stmt(s.init());
        Block cond = newBlock("for.cond"), body = newBlock("for.body"), inc = newBlock("for.inc"), end = newBlock("for.end");
        startBlock(cond);
        if (s.cond() != null) exprs.branch(s.cond(), body, end);
        else b.br(body);
        startBlock(body);
        loopBody(s.body(), end, inc);
        startBlock(inc);
        if (s.step() != null) exprs.discard(s.step());
        Instruction back = closeLoop(cond);
        if (back != null) back.loopHint = loopHint(s.hints());
        startBlock(end);
        popScope();
        return null;
    }

    private void loopBody(Stmt body, Block breakTo, Block continueTo) {
        breakTargets.push(breakTo);
        continueTargets.push(continueTo);
        breakDepths.push(scopes.size());
        continueDepths.push(scopes.size());
        stmt(body);
        breakTargets.pop();
        continueTargets.pop();
        breakDepths.pop();
        continueDepths.pop();
    }

    private Instruction closeLoop(Block header) {
        if (b.isTerminated()) return null;
        return b.br(header);
    }

    /** The IR loop hint of a loop's pragmas ({@code #pragma unroll}, {@code #pragma clang loop unroll(full)}...). */
    static int loopHint(List<Pragma> hints) {
        int hint = Instruction.HINT_NONE;
        if (hints == null) return hint;
        for (Pragma p : hints) {
            String t = p.text().replace(" ", "");
            if (t.startsWith("nounroll") || t.contains("unroll(disable)")) hint = Instruction.HINT_NOUNROLL;
            else if (t.equals("unroll") || t.contains("unroll(full)") || t.contains("unroll(enable)")) hint = Instruction.HINT_UNROLL;
            else if (t.startsWith("unroll") || t.contains("unroll_count(")) {
                String digits = t.replaceAll("[^0-9]", "");
                hint = digits.isEmpty() ? Instruction.HINT_UNROLL : Integer.parseInt(digits);
            }
        }
        return hint;
    }

    @Override
    public Void visitSwitch(Stmt.Switch s) {
        Value v = exprs.rvalue(s.cond());
        CType ct = exprs.useType(s.cond());
        Block end = newBlock("sw.end");
        Map<Stmt, Block> cases = new IdentityHashMap<>();
        List<Long> values = new ArrayList<>();
        List<Block> dests = new ArrayList<>();
        Block[] deflt = {end};
        collectCases(s.body(), cases, values, dests, deflt, ct);
        b.emit(Instruction.switchOf(v, deflt[0], values.stream().mapToLong(Long::longValue).toArray(), dests));
        switchCases.push(cases);
        breakTargets.push(end);
        breakDepths.push(scopes.size());
        startDeadBlock();
        stmt(s.body());
        breakTargets.pop();
        breakDepths.pop();
        switchCases.pop();
        startBlock(end);
        return null;
    }

    private void collectCases(Stmt s, Map<Stmt, Block> cases, List<Long> values, List<Block> dests, Block[] deflt,
                              CType ct) {
        if (s == null || s instanceof Stmt.Switch) return;
        if (s instanceof Stmt.Case c) {
            Block blk = newBlock("sw.case");
            cases.put(c, blk);
            ConstValue first = unit.model.caseValue(c);
            long lo = first != null ? first.asLong() : LiteralValues.integer(((Expr.IntLiteral) c.value()).spelling);
            long hi = lo;
            if (c.rangeEnd() != null) {
                ConstValue last = unit.model.constantOf(c.rangeEnd());
                if (last == null) throw new CompileError(c.loc(), "case range end is not a constant");
                hi = last.asLong();
                if (hi - lo > 1024) throw new CompileError(c.loc(), "case ranges wider than 1024 values are not supported yet");
            }
            for (long k = lo; k <= hi; k++) {
                values.add(normalize(k, ct));
                dests.add(blk);
            }
            collectCases(c.body(), cases, values, dests, deflt, ct);
        } else if (s instanceof Stmt.Default d) {
            Block blk = newBlock("sw.default");
            cases.put(d, blk);
            deflt[0] = blk;
            collectCases(d.body(), cases, values, dests, deflt, ct);
        } else if (s instanceof Stmt.Compound c) {
            for (Stmt i : c.items()) collectCases(i, cases, values, dests, deflt, ct);
        } else if (s instanceof Stmt.If i) {
            collectCases(i.then(), cases, values, dests, deflt, ct);
            collectCases(i.otherwise(), cases, values, dests, deflt, ct);
        } else if (s instanceof Stmt.While w) {
            collectCases(w.body(), cases, values, dests, deflt, ct);
        } else if (s instanceof Stmt.DoWhile w) {
            collectCases(w.body(), cases, values, dests, deflt, ct);
        } else if (s instanceof Stmt.For f) {
            collectCases(f.body(), cases, values, dests, deflt, ct);
        } else if (s instanceof Stmt.Label l) {
            collectCases(l.body(), cases, values, dests, deflt, ct);
        } else if (s instanceof Stmt.Attributed a) {
            collectCases(a.stmt(), cases, values, dests, deflt, ct);
        }
    }

    private static long normalize(long v, CType t) {
        return t.size() <= 4 ? (long) (int) v : v;
    }

    private Block caseBlock(Stmt s) {
        for (Map<Stmt, Block> m : switchCases) {
            Block blk = m.get(s);
            if (blk != null) return blk;
        }
        throw new CompileError(s.loc(), "'case' statement not in switch statement");
    }

    @Override
    public Void visitCase(Stmt.Case s) {
        startBlock(caseBlock(s));
        stmt(s.body());
        return null;
    }

    @Override
    public Void visitDefault(Stmt.Default s) {
        startBlock(caseBlock(s));
        stmt(s.body());
        return null;
    }

    @Override
    public Void visitGoto(Stmt.Goto s) {
        b.br(label(labelName(s, s.label())));
        return null;
    }

    /** The block of a label, by its function-unique name (see {@link #labelName}). */
    Block label(String name) {
        return labels.computeIfAbsent(name, n -> newBlock("label." + n.replace('#', '.')));
    }

    /** Sema's function-unique name of a label (GNU local labels get one per macro expansion), else as written. */
    private String labelName(Stmt s, String written) {
        String key = unit.model.labelOf(s);
        return key != null ? key : written;
    }

    @Override
    public Void visitLabel(Stmt.Label s) {
        startBlock(label(labelName(s, s.name())));
        stmt(s.body());
        return null;
    }

    @Override
    public Void visitIndirectGoto(Stmt.IndirectGoto s) {
        throw new CompileError(s.loc(), "indirect goto is not supported by BPF");
    }

    @Override
    public Void visitContinue(Stmt.Continue s) {
        if (continueTargets.isEmpty()) throw new CompileError(s.loc(), "'continue' statement not in loop statement");
        runCleanups(continueDepths.peek());
        b.br(continueTargets.peek());
        return null;
    }

    @Override
    public Void visitBreak(Stmt.Break s) {
        if (breakTargets.isEmpty()) throw new CompileError(s.loc(), "'break' statement not in loop or switch statement");
        runCleanups(breakDepths.peek());
        b.br(breakTargets.peek());
        return null;
    }

    @Override
    public Void visitReturn(Stmt.Return s) {
        if (s.value() == null || returnType.isVoid()) {
            if (s.value() != null) exprs.discard(s.value());
            runCleanups(0);
            b.setLoc(unit.loc(s.loc()));
            if (fn.returnType() == Type.VOID) b.ret(null);
            else returnDefault();
            return null;
        }
        if (sretAddress != null) {
            // `return e;` of a struct: copy e to the caller's storage, then return nothing.
            CType rt = returnType.unqualified();
            Value src = exprs.aggregateSource(s.value());
            exprs.copy(LValue.of(sretAddress, rt, Math.max(1, ExprLowering.alignOf(rt))), src, rt);
            runCleanups(0);
            b.setLoc(unit.loc(s.loc()));
            b.ret(null);
            return null;
        }
        Value v = exprs.rvalueAs(s.value(), returnType);
        runCleanups(0);
        b.setLoc(unit.loc(s.loc()));
        b.ret(v);
        return null;
    }

    @Override
    public Void visitAsm(Stmt.Asm s) {
        InlineAsmLowering.lower(this, s);
        return null;
    }

    @Override
    public Void visitAttributed(Stmt.Attributed s) {
        stmt(s.stmt());
        return null;
    }

    @Override
    public Void visitLocalLabels(Stmt.LocalLabels s) { return null; }

    /** Each parameter's btf_decl_tags ({@code __arg_ctx}, {@code __arg_nonnull}, ...), in order. */
    private static List<List<String>> paramTags(List<ObjectSymbol> params) {
        List<List<String>> out = new ArrayList<>();
        for (ObjectSymbol p : params) out.add(p == null ? List.of() : List.copyOf(p.attributes.btfDeclTags));
        return out;
    }
}
