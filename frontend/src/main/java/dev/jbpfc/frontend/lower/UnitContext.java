package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.BtfType.FuncLinkage;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.FunctionDef;
import dev.jbpfc.frontend.sema.FunctionSymbol;
import dev.jbpfc.frontend.sema.ObjectSymbol;
import dev.jbpfc.frontend.sema.SemanticModel;
import dev.jbpfc.frontend.sema.Symbol;
import dev.jbpfc.frontend.types.FunctionType;
import dev.jbpfc.ir.DebugLoc;
import dev.jbpfc.ir.ExternFunction;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Type;
import dev.jbpfc.source.SourceLocation;

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
 * What the lowering of one translation unit shares between functions: the module being built, sema's model, the BTF
 * types, the symbol names of static objects, and the work lists of static functions and objects that are emitted
 * only once something refers to them (as clang drops unused static functions and variables, which matters for the
 * many {@code static inline} functions of libbpf's and the kernel's headers).
 */
final class UnitContext {
    final Module module;
    final SemanticModel model;
    final BtfTypes btf;
    final BtfSections sections = new BtfSections();
    final StringPool strings;
    final GlobalData globals;
    final Diagnostics diags;
    final LowerOptions options;
    final Map<FunctionSymbol, FunctionDef> definitions = new IdentityHashMap<>();
    final Map<Symbol, String> names = new IdentityHashMap<>();
    final Set<String> usedNames = new HashSet<>();
    /**
     * The suffix of the last name made unique: one counter for the whole unit, as clang-22 has (its module's symbol
     * table), so a second static local {@code ____fmt} of bpf_printk in a second function is {@code b.____fmt.2}
     * after {@code a.____fmt.1}, and string literals ({@code .str.N}) advance it too. The names show in the
     * symbol table and as BTF VARs of .rodata.
     */
    private int lastUnique;
    /** Static objects by first reference (clang's module order, hence the section layout). */
    final List<String> referenceOrder = new ArrayList<>();
    final Deque<FunctionSymbol> pendingFunctions = new ArrayDeque<>();
    final Set<FunctionSymbol> queuedFunctions = new HashSet<>();
    final Deque<ObjectSymbol> pendingObjects = new ArrayDeque<>();
    final Set<ObjectSymbol> queuedObjects = new HashSet<>();
    final Map<Object, String> compoundLiterals = new IdentityHashMap<>();
    /** The BTF FUNC of each static function, made after optimisation if the function is still there. */
    final Map<dev.jbpfc.ir.Function, java.util.function.IntSupplier> deferredFuncs = new java.util.LinkedHashMap<>();

    UnitContext(Module module, SemanticModel model, BtfTypes btf, Diagnostics diags, LowerOptions options) {
        this.module = module;
        this.model = model;
        this.btf = btf;
        this.diags = diags;
        this.options = options;
        this.strings = new StringPool(module, this::uniqueName);
        this.globals = new GlobalData(module, strings, this::symbolOfBase);
    }

    /** The IR symbol of a function or static object; referring to it queues it for emission. */
    String symbolName(Symbol s) {
        if (s instanceof FunctionSymbol f) {
            if (queuedFunctions.add(f)) pendingFunctions.add(f);
        } else if (s instanceof ObjectSymbol o && o.kind() == ObjectSymbol.Kind.GLOBAL) {
            if (queuedObjects.add(o)) pendingObjects.add(o);
        }
        String n = names.get(s);
        if (n == null) {
            n = s.name();
            names.put(s, n);
            usedNames.add(n);
            if (s instanceof ObjectSymbol) referenceOrder.add(n);
        }
        return n;
    }

    /** Gives a static local its clang name {@code function.variable} (uniquified). */
    String nameStaticLocal(ObjectSymbol o, String function) {
        String n = uniqueName(function + "." + o.name());
        names.put(o, n);
        referenceOrder.add(n);
        return n;
    }

    /** {@code base}, or {@code base.N} with the unit's next free suffix if base is taken; reserved from now on. */
    String uniqueName(String base) {
        String n = base;
        while (usedNames.contains(n)) n = base + "." + ++lastUnique;
        usedNames.add(n);
        return n;
    }

    /** Defines the static object {@code o} as global {@code name} from sema's evaluated initializer. */
    dev.jbpfc.ir.Global defineStatic(ObjectSymbol o, String name, SourceLocation at) {
        dev.jbpfc.ir.Global known = module.global(name);
        if (known != null) return known;
        List<InitPiece> pieces = new ArrayList<>();
        List<dev.jbpfc.frontend.sema.InitEntry> entries = model.initializerOf(o);
        if (entries != null) {
            for (dev.jbpfc.frontend.sema.InitEntry en : entries) {
                if (en.stringBytes() != null) {
                    pieces.add(InitPiece.string(en.byteOffset(), en.type(), en.stringBytes()));
                    continue;
                }
                dev.jbpfc.frontend.sema.ConstValue v = model.constantOf(en.value());
                if (v == null && en.value() instanceof Expr.StringLiteral sl) {
                    v = dev.jbpfc.frontend.sema.ConstValue.ofAddress(sl, 0, en.type());
                }
                if (v == null) throw new CompileError(en.value().loc(), "initializer element is not a compile-time constant");
                if (en.bitfield() != null) pieces.add(InitPiece.bitfield(en.bitOffset(), en.bitfield().bitWidth, en.type(), v));
                else pieces.add(InitPiece.scalar(en.byteOffset(), en.type(), v));
            }
        }
        Linkage linkage = o.kind() == ObjectSymbol.Kind.STATIC_LOCAL || o.isInternal() ? Linkage.STATIC
                : o.attributes.weak ? Linkage.WEAK : Linkage.GLOBAL;
        dev.jbpfc.ir.Global g = globals.define(name, o.type(), linkage, o.attributes.section, o.attributes.aligned, pieces, at);
        g.setHidden(linkage != Linkage.STATIC && o.attributes.isHidden());
        int var = btf.var(name, o.type(), linkage == Linkage.STATIC ? dev.jbpfc.btf.BtfType.VarLinkage.STATIC
                : dev.jbpfc.btf.BtfType.VarLinkage.GLOBAL_ALLOCATED, o.attributes.btfDeclTags);
        g.setBtfType(var);
        return g;
    }

    /** Declares an extern object ({@code __kconfig}, {@code __ksym} variables) resolved by libbpf. */
    dev.jbpfc.ir.Global declareExternObject(ObjectSymbol o) {
        dev.jbpfc.ir.Global known = module.global(o.name());
        if (known != null) return known;
        dev.jbpfc.ir.Global g = globals.declareExtern(o.name(), o.type(), o.attributes.weak, o.attributes.section, o.location());
        int var = btf.var(o.name(), o.type(), dev.jbpfc.btf.BtfType.VarLinkage.GLOBAL_EXTERN, o.attributes.btfDeclTags);
        g.setBtfType(var);
        return g;
    }

    private String symbolOfBase(Object base) {
        if (base instanceof Symbol s) return symbolName(s);
        if (base instanceof Expr.StringLiteral sl) return strings.symbolFor(stringBytes(sl));
        throw new CompileError(null, "this address constant is not supported yet");
    }

    /** The bytes of a string literal including its terminating NUL. */
    byte[] stringBytes(Expr.StringLiteral sl) {
        byte[] b = LiteralValues.string(sl.pieces);
        if (b == null) throw new CompileError(sl.loc(), "wide string literals are not supported yet");
        byte[] out = java.util.Arrays.copyOf(b, b.length + 1);
        return out;
    }

    /** The IR debug location of a source location ({@code !loc FILE:LINE:COL}). */
    DebugLoc loc(SourceLocation at) {
        if (at == null || at.file() == null) return null;
        while (at.expandedFrom() != null) at = at.expandedFrom();
        int file = module.addFile(at.file());
        return new DebugLoc(file, at.line(), at.column());
    }

    /** Whether a declared, undefined function is a kfunc ({@code extern ... __ksym}: section ".ksyms"). */
    static boolean isKfunc(FunctionSymbol f) {
        return ".ksyms".equals(f.attributes.section);
    }

    /** Declares an extern function (kfunc or BPF function of another object) in the module once. */
    ExternFunction declareExtern(FunctionSymbol f) {
        String name = f.name();
        ExternFunction known = module.extern(name);
        if (known != null) return known;
        FunctionType ft = f.functionType();
        List<Type> params = new ArrayList<>();
        for (FunctionType.Param p : ft.params()) {
            int slots = paramSlots(p.type(), f.location());
            for (int j = 0; j < slots; j++) params.add(slotType(p.type(), f.location()));
        }
        Type ret = returnType(ft, f.location());
        boolean kfunc = isKfunc(f);
        ExternFunction ef = new ExternFunction(kfunc ? ExternFunction.Kind.KFUNC : ExternFunction.Kind.EXTERN, name,
                ret, params, 0, f.attributes.weak);
        int id = btf.func(name, ft, null, FuncLinkage.EXTERN, f.attributes.btfDeclTags);
        ef.setBtfFuncId(id);
        if (kfunc) sections.add(".ksyms", id, 0, 0);
        module.externs().add(ef);
        return ef;
    }

    /**
     * Whether a function of type {@code ft} returns a struct or union: it then returns void and takes, as a hidden
     * first argument, the address of caller-provided storage that {@code return e;} copies {@code e} into (an
     * "sret" pointer, as clang does). Only for functions defined in this unit: an extern, kfunc or helper
     * returning a struct stays an error ({@link #returnType}).
     */
    static boolean returnsViaPointer(FunctionType ft) {
        return ft.returnType().isRecord();
    }

    /** The IR return type of a function defined here: void when it returns a struct ({@link #returnsViaPointer}). */
    static Type definedReturnType(FunctionType ft, SourceLocation at) {
        return returnsViaPointer(ft) ? Type.VOID : returnType(ft, at);
    }

    static Type returnType(FunctionType ft, SourceLocation at) {
        if (ft.returnType().isVoid()) return Type.VOID;
        Type t = IrTypes.value(ft.returnType());
        if (t == null || !IrTypes.supported(ft.returnType())) {
            throw new CompileError(at, "returning '" + ft.returnType().spelling() + "' by value is not supported yet");
        }
        return t;
    }

    /**
     * How many 64-bit argument registers a parameter of type {@code t} takes: 1 for scalars; a struct or union of
     * up to 16 bytes is passed by value in one or two (as clang does for BPF); a larger one is passed as a pointer
     * to a copy the caller makes ({@link #isIndirect}).
     */
    static int paramSlots(dev.jbpfc.frontend.types.CType t, SourceLocation at) {
        if (!t.isRecord()) return 1;
        long size = t.size();
        return size <= 8 || size > 16 ? 1 : 2;
    }

    /** Whether a parameter of type {@code t} is passed as a pointer to a copy (a struct larger than 16 bytes). */
    static boolean isIndirect(dev.jbpfc.frontend.types.CType t) {
        return t.isRecord() && t.size() > 16;
    }

    /** The IR type of each register slot of a parameter of type {@code t}. */
    static Type slotType(dev.jbpfc.frontend.types.CType t, SourceLocation at) {
        if (isIndirect(t)) return Type.PTR;
        return t.isRecord() ? Type.I64 : paramType(t, at);
    }

    static Type paramType(dev.jbpfc.frontend.types.CType t, SourceLocation at) {
        Type it = IrTypes.value(t);
        if (it == null || !IrTypes.supported(t)) {
            throw new CompileError(at, "passing '" + t.spelling() + "' by value is not supported yet");
        }
        return it;
    }
}
