package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.ExternalDecl;
import dev.jbpfc.frontend.ast.FunctionDef;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.sema.FunctionSymbol;
import dev.jbpfc.frontend.sema.ObjectSymbol;
import dev.jbpfc.frontend.sema.SemanticModel;
import dev.jbpfc.frontend.sema.StorageClass;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Module;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point of the lowering: a checked translation unit in, an IR module and its BTF out (see
 * package-info.java for a worked example).
 *
 * <p>What is emitted: every non-static function definition and global object; static ones only when something that
 * is emitted refers to them (or they carry a {@code section}/{@code used} attribute), as clang drops unused statics;
 * kfuncs and extern functions when called; {@code __kconfig}/{@code __ksym} variables when used. Errors in one
 * function are reported and the next function is lowered, so one run reports as much as it can.
 */
public final class Lowering {
    private Lowering() {}

    public static LoweredUnit lower(TranslationUnit tu, SemanticModel model, LowerOptions options, Diagnostics diags) {
        return lower(tu, model, options, diags, m -> { });
    }

    /**
     * Lowers, then runs {@code optimize} on the module before the BTF DATASECs are emitted, so that kfuncs the
     * optimiser introduces (the loop lowering's iterator kfuncs) get their BTF FUNCs ({@link CompilerKfuncs}), and so do
     * the functions it makes (the loop lowering's bpf_loop callbacks, {@link CompilerFunctions}).
     */
    public static LoweredUnit lower(TranslationUnit tu, SemanticModel model, LowerOptions options, Diagnostics diags,
                                    java.util.function.Consumer<Module> optimize) {
        Module module = new Module();
        BtfBuilder btf = new BtfBuilder();
        UnitContext unit = new UnitContext(module, model, new BtfTypes(btf), diags, options);

        // Clang's order, which decides the layout of each section: globals with an initializer at their
        // definition, everything else when first referenced by code emitted before it, unreferenced tentative
        // definitions at the end. unit.symbolName records that first-reference order.
        List<FunctionSymbol> order = new ArrayList<>();
        for (ExternalDecl d : tu.decls()) {
            if (d instanceof FunctionDef def) {
                FunctionSymbol f = model.functionOf(def);
                if (f != null) unit.definitions.put(f, def);
            }
        }
        for (ExternalDecl d : tu.decls()) {
            if (d instanceof FunctionDef def) {
                FunctionSymbol f = model.functionOf(def);
                if (f == null) continue;
                order.add(f);
                if (!f.isStatic() || f.attributes.section != null || f.attributes.used) unit.symbolName(f);
            } else if (d instanceof dev.jbpfc.frontend.ast.Declaration decl) {
                for (dev.jbpfc.frontend.ast.Declaration.InitDeclarator id : decl.declarators()) {
                    if (id.initializer() == null) continue;
                    if (model.declaredBy(id.declarator()) instanceof ObjectSymbol g && g.kind() == ObjectSymbol.Kind.GLOBAL
                            && (!g.isInternal() || g.attributes.section != null || g.attributes.used)) {
                        nameInitializerTargets(unit, g);
                        unit.symbolName(g);
                    }
                }
            }
            drain(unit, diags);
        }
        for (ObjectSymbol g : model.globals()) {
            if (g.kind() != ObjectSymbol.Kind.GLOBAL || !g.isDefined() || g.storage() == StorageClass.EXTERN) continue;
            if (!g.isInternal() || g.attributes.section != null || g.attributes.used) unit.symbolName(g);
        }
        drain(unit, diags);
        CodeDataSections.check(module, unit.names, diags);
        sortLikeSource(module, order, unit);
        addDataSections(module, unit);
        if (!diags.hasErrors()) optimize.accept(module);
        InlineDefinitions.drop(module);
        java.util.Set<dev.jbpfc.ir.Function> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        kept.addAll(module.functions());
        for (var f : unit.deferredFuncs.entrySet()) {
            if (kept.contains(f.getKey())) f.getKey().setBtfFuncId(f.getValue().getAsInt());
        }
        CompilerKfuncs.declare(module, btf, unit.sections);
        CompilerFunctions.declare(module, btf);
        unit.sections.emit(btf);
        return new LoweredUnit(module, btf);
    }

    /** Emits every queued object and function (emitting one may queue more). */
    /**
     * Clang creates the globals an initializer points at while it evaluates the initializer, so they come before
     * the global being defined: {@code outer = { .values = { &inner } }} puts inner first in .maps even when inner
     * is a tentative definition. libbpf relies on it: it fills a map-in-map slot right after creating the outer
     * map, so the inner map must have been created (come earlier in .maps) by then.
     */
    private static void nameInitializerTargets(UnitContext unit, ObjectSymbol g) {
        List<dev.jbpfc.frontend.sema.InitEntry> entries = unit.model.initializerOf(g);
        if (entries == null) return;
        for (dev.jbpfc.frontend.sema.InitEntry en : entries) {
            if (en.value() == null) continue;
            dev.jbpfc.frontend.sema.ConstValue v = unit.model.constantOf(en.value());
            if (v != null && v.isAddress() && v.base() instanceof ObjectSymbol target && target != g
                    && target.kind() == ObjectSymbol.Kind.GLOBAL) {
                unit.symbolName(target);
            }
        }
    }

    private static void drain(UnitContext unit, Diagnostics diags) {
        Module module = unit.module;
        while (!unit.pendingFunctions.isEmpty() || !unit.pendingObjects.isEmpty()) {
            if (!unit.pendingObjects.isEmpty()) {
                ObjectSymbol o = unit.pendingObjects.pop();
                try {
                    if (o.isDefined() && o.storage() != StorageClass.EXTERN) unit.defineStatic(o, unit.symbolName(o), o.location());
                    else unit.declareExternObject(o);
                } catch (CompileError e) {
                    diags.error(e.location() != null ? e.location() : o.location(), e.getMessage());
                }
                continue;
            }
            FunctionSymbol f = unit.pendingFunctions.pop();
            FunctionDef def = unit.definitions.get(f);
            if (def == null) continue;
            try {
                Function fn = new FunctionLowering(unit, f, def).lower(def);
                module.functions().add(fn);
            } catch (CompileError e) {
                diags.error(e.location() != null ? e.location() : def.loc(), e.getMessage());
            } catch (RuntimeException e) {
                // A bug in the lowering must not end the compiler with a stack trace: report it at the function.
                diags.error(def.loc(), "internal error while lowering '" + f.name() + "': " + e);
            }
        }
    }

    /**
     * Functions in definition order; globals in the order of their first reference ({@link UnitContext#symbolName}),
     * static locals where their function is, string literals last.
     */
    private static void sortLikeSource(Module module, List<FunctionSymbol> order, UnitContext unit) {
        Map<String, Integer> fnRank = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            String n = unit.names.get(order.get(i));
            if (n != null) fnRank.put(n, i);
        }
        module.functions().sort(Comparator.comparingInt(f -> fnRank.getOrDefault(f.name(), Integer.MAX_VALUE)));
        Map<String, Integer> gRank = new HashMap<>();
        int i = 0;
        for (String n : unit.referenceOrder) gRank.putIfAbsent(n, i++);
        List<Global> sorted = new ArrayList<>(module.globals());
        sorted.sort(Comparator.comparingInt(g -> gRank.getOrDefault(g.name(), Integer.MAX_VALUE)));
        module.globals().clear();
        module.globals().addAll(sorted);
    }

    /** One DATASEC entry per global with a VAR, at its offset when the section is laid out in module order. */
    private static void addDataSections(Module module, UnitContext unit) {
        Map<String, Long> ends = new HashMap<>();
        for (Global g : module.globals()) {
            if (g.btfType() == 0) continue;
            if (g.linkage().isExtern()) {
                if (!g.section().isEmpty()) unit.sections.add(g.section(), g.btfType(), 0, g.size());
                continue;
            }
            long end = ends.getOrDefault(g.section(), 0L);
            long off = (end + g.align() - 1) / g.align() * g.align();
            ends.put(g.section(), off + g.size());
            unit.sections.add(g.section(), g.btfType(), off, g.size());
        }
    }

}
