package dev.jbpfc.frontend.sema;

import dev.jbpfc.diag.Diagnostics;
import dev.jbpfc.frontend.ast.AsmDecl;
import dev.jbpfc.frontend.ast.Attribute;
import dev.jbpfc.frontend.ast.Decl;
import dev.jbpfc.frontend.ast.DeclSpecifiers;
import dev.jbpfc.frontend.ast.Declaration;
import dev.jbpfc.frontend.ast.Declarator;
import dev.jbpfc.frontend.ast.ExternalDecl;
import dev.jbpfc.frontend.ast.FunctionDef;
import dev.jbpfc.frontend.ast.Pragma;
import dev.jbpfc.frontend.ast.StaticAssert;
import dev.jbpfc.frontend.ast.TranslationUnit;
import dev.jbpfc.frontend.ast.TypeSpec;
import dev.jbpfc.frontend.types.ArrayType;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.FunctionType;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.frontend.types.QualifiedType;
import dev.jbpfc.frontend.types.TypePrinter;
import dev.jbpfc.frontend.types.TypeRelations;
import dev.jbpfc.frontend.types.TypedefType;
import dev.jbpfc.source.SourceLocation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Semantic analysis of one translation unit: {@link #analyze} walks the AST in order, declares every name in its
 * scope (tags apart from ordinary identifiers), turns syntactic declarators into {@link CType}s, types every
 * expression, checks statements and initializers, evaluates constant expressions, and returns the
 * {@link SemanticModel} that lowering reads. Errors go to {@link Diagnostics} in clang's words; analysis goes on
 * after an error so that one run reports as much as clang does.
 *
 * <p>{@code #pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)} (vmlinux.h)
 * marks every struct and union defined until the matching pop for CO-RE.
 */
public final class Sema {
    final Diagnostics diags;
    final SemanticModel model;
    final AttributeReader attrs = new AttributeReader(this);
    final MachineMode modes = new MachineMode(this);
    final TypeResolver types = new TypeResolver(this);
    final ExprChecker exprs = new ExprChecker(this);
    final ConstantEvaluator consts = new ConstantEvaluator(this);
    final InitializerChecker inits = new InitializerChecker(this);
    final StmtChecker stmts = new StmtChecker(this);
    final BuiltinCalls builtinCalls = new BuiltinCalls(this);
    private final SectionConflicts sections;
    final Scope fileScope;
    Scope scope;
    private FunctionSymbol currentFunction;
    /** One entry per active {@code #pragma clang attribute push}: whether it pushed preserve_access_index. */
    private final Deque<Boolean> attributePushes;
    /** Batch analyses: the undo log of file-scope changes (see {@link AnalyzedPrefix}); null for one input. */
    private final Trail trail;
    /** Diagnostics a pragma dropped (a declaration that had one is not taken over by the next input). */
    private int ignoredDiagnostics;

    final DiagnosticPragmas pragmas;

    /** A fresh analysis; {@code trail} is null unless a batch's next input may take its state over. */
    private Sema(Diagnostics diags, DiagnosticPragmas pragmas, Trail trail, int topLevelDecls) {
        this.diags = diags;
        this.pragmas = pragmas;
        this.trail = trail;
        this.model = new SemanticModel(topLevelDecls);
        this.sections = new SectionConflicts(diags, new java.util.HashMap<>(), trail);
        this.fileScope = Scope.file(topLevelDecls);
        this.attributePushes = new ArrayDeque<>();
        this.scope = fileScope;
        // clang's BPF target: va_list is a plain pointer.
        fileScope.declare(new TypedefSymbol(new TypedefType("__builtin_va_list",
                dev.jbpfc.frontend.types.PointerType.to(dev.jbpfc.frontend.types.VoidType.VOID)), null));
        if (trail != null) {
            fileScope.trail = trail;
            model.attach(trail);
        }
    }

    /** An analysis that goes on from the state the previous one had before its declaration {@code k}. */
    private Sema(Diagnostics diags, DiagnosticPragmas pragmas, AnalyzedPrefix prefix, int k) {
        this.diags = diags;
        this.pragmas = pragmas;
        this.trail = prefix.trail;
        trail.undoTo(prefix.marks[k]);
        trail.retypeTo(prefix.typeMarks[k]);
        this.model = prefix.model;
        this.sections = new SectionConflicts(diags, prefix.sections, trail);
        this.fileScope = prefix.fileScope;
        this.attributePushes = prefix.attributePushes;
        this.scope = fileScope;
        stmts.localLabelCounter = prefix.labelCounters[k];
    }

    /** Analyzes {@code tu}; the returned model is complete even when errors were reported. */
    public static SemanticModel analyze(TranslationUnit tu, Diagnostics diags) {
        return analyze(tu, diags, DiagnosticPragmas.NONE);
    }

    /**
     * Analyzes {@code tu}, honouring {@code #pragma GCC diagnostic ignored} regions: pass
     * {@code DiagnosticPragmas.from(tokens)} with the preprocessor's tokens (libbpf's BPF_PROG needs it).
     */
    public static SemanticModel analyze(TranslationUnit tu, Diagnostics diags, DiagnosticPragmas pragmas) {
        Sema s = new Sema(diags, pragmas, (Trail) null, tu.decls().size());
        s.run(tu, 0, null);
        return s.model;
    }

    /**
     * Analyzes {@code tu} as one input of a batch: takes over the previous input's file-scope state for the
     * leading declarations both share, and leaves its own for the next input (see {@link AnalyzedPrefix}). The
     * previous input's model is not valid afterwards.
     */
    public static SemanticModel analyze(TranslationUnit tu, Diagnostics diags, DiagnosticPragmas pragmas,
                                        AnalyzedPrefix prefix) {
        if (prefix == null) return analyze(tu, diags, pragmas);
        int k = prefix.reusable(tu.decls());
        Sema s = k > 0 ? new Sema(diags, pragmas, prefix, k) : new Sema(diags, pragmas, new Trail(), tu.decls().size());
        s.run(tu, k, prefix);
        return s.model;
    }

    /** An error that clang lets {@code -Wno-FLAG} or a diagnostic pragma turn off (e.g. -Wint-conversion). */
    void errorUnlessIgnored(String flag, SourceLocation at, String message) {
        WarningFlags.Severity severity = pragmas.defaultError(flag, at);
        if (severity == WarningFlags.Severity.ERROR) diags.error(at, message); // -w does not hide it (clang-22)
        else report(severity, at, message);
    }

    /** A warning with its clang flag: dropped, kept or made an error as the -W flags and diagnostic pragmas say. */
    void warning(String flag, SourceLocation at, String message) {
        report(pragmas.warning(flag, at), at, message);
    }

    private void report(WarningFlags.Severity severity, SourceLocation at, String message) {
        switch (severity) {
            case IGNORED -> ignoredDiagnostics++;
            case WARNING -> diags.warningAsWarning(at, message);
            case ERROR -> diags.warningAsError(at, message);
        }
    }

    /** Everything reported or dropped so far: a declaration that changes it is not taken over by a next input. */
    private int diagnosticsSoFar() {
        return diags.errorCount() + diags.warningCount() + ignoredDiagnostics;
    }

    /**
     * Analyzes the declarations from {@code start} on (those before are taken over from {@code prefix}), then
     * completes tentative definitions; leaves the state for the next input in {@code prefix} if there is one.
     */
    private void run(TranslationUnit tu, int start, AnalyzedPrefix prefix) {
        List<ExternalDecl> decls = tu.decls();
        int n = decls.size();
        int[] marks = null, typeMarks = null, labelCounters = null;
        if (prefix != null) {
            marks = java.util.Arrays.copyOf(start > 0 ? prefix.marks : new int[0], n + 1);
            typeMarks = java.util.Arrays.copyOf(start > 0 ? prefix.typeMarks : new int[0], n + 1);
            labelCounters = java.util.Arrays.copyOf(start > 0 ? prefix.labelCounters : new int[0], n + 1);
        }
        int clean = start;
        int i = start;
        try {
            for (; i < n; i++) {
                if (prefix != null) {
                    marks[i] = trail.mark();
                    typeMarks[i] = trail.typeMark();
                    labelCounters[i] = stmts.localLabelCounter;
                }
                int reported = diagnosticsSoFar();
                ExternalDecl d = decls.get(i);
                if (d instanceof Declaration decl) declaration(decl);
                else if (d instanceof FunctionDef f) functionDefinition(f);
                else if (d instanceof StaticAssert sa) staticAssert(sa);
                else if (d instanceof Pragma p) pragma(p);
                else if (d instanceof AsmDecl) { /* file-scope asm is passed through by lowering */ }
                if (clean == i && diagnosticsSoFar() == reported) clean = i + 1;
            }
            if (prefix != null) {
                marks[n] = trail.mark();
                typeMarks[n] = trail.typeMark();
                labelCounters[n] = stmts.localLabelCounter;
            }
        } finally {
            if (prefix != null) {
                // Only declarations analyzed to the end (and without a diagnostic) can be taken over.
                prefix.decls = decls;
                prefix.clean = Math.min(clean, i);
                prefix.marks = marks;
                prefix.typeMarks = typeMarks;
                prefix.labelCounters = labelCounters;
                prefix.trail = trail;
                prefix.fileScope = fileScope;
                prefix.model = model;
                prefix.sections = sections.state();
                prefix.attributePushes = attributePushes;
            }
        }
        completeTentativeDefinitions();
    }

    /** At the end of the file, a definition without initializer (tentative) is a definition with zeros. */
    private void completeTentativeDefinitions() {
        for (ObjectSymbol g : model.globals) {
            if (g.isDefined() && !g.hasInitializer() && g.storage() != StorageClass.EXTERN) {
                sections.add(g, g.attributes.section); // a tentative definition is complete at the end of the file
            }
            if (g.isDefined() && !g.hasInitializer() && g.storage() != StorageClass.EXTERN && !g.type().isComplete()) {
                ArrayType a = g.type().asArray();
                if (a != null && a.length() == ArrayType.INCOMPLETE) {
                    diags.warning(g.location(), "tentative array definition assumed to have one element");
                    keep(g);
                    g.setType(new ArrayType(a.element(), 1));
                } else {
                    diags.error(g.location(), "tentative definition has type " + TypePrinter.quoted(g.type())
                            + " that is never completed");
                }
            }
        }
    }

    // ---- the trail of a batch analysis (see AnalyzedPrefix): what a change to an older object undoes ----

    /** Only file-scope objects can be older than the declaration at hand (locals live in one function). */
    void keep(ObjectSymbol o) { if (trail != null && o.kind() == ObjectSymbol.Kind.GLOBAL) trail.add(o.restorer()); }

    void keep(FunctionSymbol f) { if (trail != null) trail.add(f.restorer()); }

    void keep(dev.jbpfc.frontend.types.RecordType r) { if (trail != null) trail.add(r.restorer()); }

    void keep(dev.jbpfc.frontend.types.EnumType e) { if (trail != null) trail.add(e.restorer()); }

    /** Sets an expression's type (the one field of the AST that sema writes). */
    void setType(dev.jbpfc.frontend.ast.Expr e, CType t) {
        e.type = t;
        if (trail != null) trail.typed(e, t);
    }

    void addGlobal(ObjectSymbol o) { model.addGlobal(o); }

    // ---- scopes ----

    void pushScope(Scope.Kind kind) { scope = new Scope(kind, scope); }

    void popScope() { scope = scope.parent(); }

    /** Where a tag named in a declaration goes: prototype-scope tags go to the enclosing scope (see TypeResolver). */
    Scope tagScope() {
        Scope s = scope;
        while (s.kind() == Scope.Kind.PROTOTYPE) s = s.parent();
        return s;
    }

    boolean inFunction() { return currentFunction != null; }

    boolean preserveAccessIndexPushed() {
        for (boolean b : attributePushes) if (b) return true;
        return false;
    }

    private void pragma(Pragma p) {
        if (p.isAttributePush()) {
            // Spacing inside the pragma text varies (it is as written): compare without white space.
            String compact = p.text().replaceAll("\\s+", "");
            attributePushes.push(compact.contains("((preserve_access_index))")
                    || compact.contains("((__preserve_access_index__))")
                    || p.pushedAttributeNames().contains("preserve_access_index"));
            if (trail != null) trail.add(attributePushes::pop);
        } else if (p.isAttributePop()) {
            if (attributePushes.isEmpty()) diags.error(p.loc(), "'#pragma clang attribute pop' with no matching "
                    + "'#pragma clang attribute push'");
            else {
                boolean popped = attributePushes.pop();
                if (trail != null) trail.add(() -> attributePushes.push(popped));
            }
        }
    }

    // ---- _Static_assert ----

    void staticAssert(StaticAssert sa) {
        CType t = exprs.rvalue(sa.condition());
        if (!t.isInteger()) {
            diags.error(sa.condition().loc(), "static assertion expression is not an integral constant expression");
            return;
        }
        ConstValue v = consts.evaluateRequired(sa.condition());
        if (v == null || !v.isInteger()) {
            diags.error(sa.condition().loc(), "static assertion expression is not an integral constant expression");
            return;
        }
        if (!v.isZero()) return;
        String msg = null;
        if (sa.message() != null) {
            byte[] b = Literals.string(sa.message().pieces);
            msg = b == null ? null : new String(b, StandardCharsets.UTF_8);
        }
        // Like clang, name the first false operand of a && chain.
        dev.jbpfc.frontend.ast.Expr failed = sa.condition();
        while (failed instanceof dev.jbpfc.frontend.ast.Expr.Binary b && b.op == dev.jbpfc.frontend.ast.Expr.BinaryOp.LOG_AND) {
            ConstValue lv = consts.evaluateConverted(b.lhs);
            failed = lv != null && lv.isZero() ? b.lhs : b.rhs;
        }
        boolean trivial = failed instanceof dev.jbpfc.frontend.ast.Expr.IntLiteral;
        StringBuilder text = new StringBuilder("static assertion failed");
        if (!trivial) {
            String written = sourceText(failed);
            if (!balanced(written) || startOf(failed).expandedFrom() != null) written = new ExprPrinter(model).print(failed);
            text.append(" due to requirement '").append(written).append("'");
        }
        if (msg != null) text.append(": ").append(msg);
        diags.error(startOf(failed), text.toString());
    }

    /** The location of an expression's first token (binary and postfix nodes carry their operator's location). */
    static SourceLocation startOf(dev.jbpfc.frontend.ast.Expr e) {
        while (true) {
            if (e instanceof dev.jbpfc.frontend.ast.Expr.Binary b) e = b.lhs;
            else if (e instanceof dev.jbpfc.frontend.ast.Expr.Assign a) e = a.target;
            else if (e instanceof dev.jbpfc.frontend.ast.Expr.Conditional c) e = c.cond;
            else if (e instanceof dev.jbpfc.frontend.ast.Expr.Index i) e = i.base;
            else if (e instanceof dev.jbpfc.frontend.ast.Expr.Member m) e = m.base;
            else if (e instanceof dev.jbpfc.frontend.ast.Expr.Call c) e = c.callee;
            else if (e instanceof dev.jbpfc.frontend.ast.Expr.Unary u && u.op.isPostfix()) e = u.operand;
            else return e.loc();
        }
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (char c : s.toCharArray()) {
            if (c == '(' || c == '[') depth++;
            if (c == ')' || c == ']') depth--;
            if (depth < 0) return false;
        }
        return depth == 0 && !s.isEmpty();
    }

    /** An expression as written, from its first token to its last (spacing normalized). */
    private static String sourceText(dev.jbpfc.frontend.ast.Expr e) {
        SourceLocation start = startOf(e);
        SourceLocation last = ExprExtent.lastTokenOf(e);
        String text = start.file().text();
        int from = start.offset();
        int end = ExprExtent.endOfTokenAt(text, last.offset());
        if (last.file() != start.file() || end <= from) return "";
        return text.substring(from, end).trim().replaceAll("\\s+", " ");
    }

    // ---- declarations ----

    /** A declaration in a block (or a for statement's first clause). */
    void localDecl(Decl d) {
        if (d instanceof Declaration decl) declaration(decl);
        else if (d instanceof StaticAssert sa) staticAssert(sa);
    }

    private StorageClass storageOf(DeclSpecifiers ds) {
        StorageClass result = StorageClass.NONE;
        List<DeclSpecifiers.StorageClass> written = ds.storage();
        for (int i = 0; i < written.size(); i++) {
            DeclSpecifiers.StorageClass s = written.get(i);
            StorageClass sc = switch (s) {
                case TYPEDEF -> StorageClass.TYPEDEF;
                case EXTERN -> StorageClass.EXTERN;
                case STATIC -> StorageClass.STATIC;
                case AUTO -> StorageClass.AUTO;
                case REGISTER -> StorageClass.REGISTER;
                case THREAD_LOCAL -> null;
            };
            if (sc == null) {
                diags.error(ds.loc(), "thread-local storage is not supported yet");
                continue;
            }
            if (result != StorageClass.NONE && result != sc) {
                diags.error(ds.loc(), "cannot combine with previous '" + result.name().toLowerCase()
                        + "' declaration specifier");
                continue;
            }
            result = sc;
        }
        return result;
    }

    private void declaration(Declaration d) {
        DeclSpecifiers ds = d.specifiers();
        StorageClass storage = storageOf(ds);
        CType base = types.specifiers(ds, d.declarators().isEmpty());
        if (d.declarators().isEmpty()) {
            if (!(ds.typeSpec() instanceof TypeSpec.Record) && !(ds.typeSpec() instanceof TypeSpec.Enum)) {
                diags.warning(d.loc(), "declaration does not declare anything");
            }
            return;
        }
        List<Declaration.InitDeclarator> declarators = d.declarators();
        for (int i = 0; i < declarators.size(); i++) {
            Declaration.InitDeclarator id = declarators.get(i);
            Declarator dr = id.declarator();
            CType t = types.declarator(base, ds, dr, false);
            List<Attribute> attributes = AttributeReader.concat(ds.attributes(), dr.attributes(), id.attributes());
            if (t.isFunction()) modes.refuseOn(attributes);
            else t = modes.apply(t, attributes);
            SourceLocation at = dr.nameLoc() != null ? dr.nameLoc() : dr.loc();
            if (dr.name() == null) {
                diags.error(dr.loc(), "declaration does not declare anything");
                continue;
            }
            if (storage == StorageClass.TYPEDEF) {
                typedef(dr.name(), t, attributes, at, dr);
                if (id.initializer() != null) diags.error(id.initializer().loc(), "illegal initializer (only variables "
                        + "can be initialized)");
                continue;
            }
            if (t.isFunction()) {
                if (id.initializer() != null) {
                    diags.error(at, "illegal initializer (only variables can be initialized)");
                }
                FunctionSymbol f = declareFunction(dr.name(), (FunctionType) t.unqualified(), storage, ds.isInline(), at);
                if (f != null) {
                    if (id.asmLabel() != null) f.setAsmLabel(id.asmLabel());
                    if (!attributes.isEmpty()) keep(f);
                    attrs.read(attributes, f.attributes);
                    sections.add(f, f.attributes.section);
                    model.declarations.put(dr, f);
                }
                continue;
            }
            ObjectSymbol o = declareObject(dr.name(), t, storage, id.initializer() != null, at);
            if (o == null) continue;
            model.declarations.put(dr, o);
            keep(o);
            attrs.read(attributes, o.attributes);
            if (id.initializer() != null && o.hasStaticStorage()) sections.add(o, o.attributes.section);
            if (o.type() == TypeResolver.AUTO) {
                if (id.initializer() instanceof dev.jbpfc.frontend.ast.Expr e) {
                    o.setType(exprs.rvalue(e));
                } else {
                    diags.error(at, "'__auto_type' declaration must have an initializer");
                    o.setType(IntegerType.INT);
                }
            }
            if (id.initializer() != null) {
                initialize(o, id);
            } else if (!o.hasStaticStorage() || o.kind() == ObjectSymbol.Kind.STATIC_LOCAL) {
                if (!o.type().isComplete() && o.storage() != StorageClass.EXTERN) {
                    diags.error(at, "variable has incomplete type " + TypePrinter.quoted(o.type()));
                }
            }
        }
    }

    private void initialize(ObjectSymbol o, Declaration.InitDeclarator id) {
        keep(o);
        boolean isStatic = o.hasStaticStorage();
        if (o.storage() == StorageClass.EXTERN && !scope.isFile()) {
            diags.error(id.initializer().loc(), "declaration of block scope identifier with linkage cannot have an "
                    + "initializer");
            return;
        }
        if (o.hasInitializer() && o.kind() == ObjectSymbol.Kind.GLOBAL && model.initializers.containsKey(o)) {
            diags.error(id.declarator().nameLoc(), "redefinition of '" + o.name() + "'");
            return;
        }
        CType t = o.type();
        if (!t.isComplete() && !(t.isArray() && t.asArray().element().isComplete())) {
            diags.error(id.declarator().nameLoc(), "variable has incomplete type " + TypePrinter.quoted(t));
            return;
        }
        CType done = inits.check(o, t, id.initializer(), isStatic);
        if (done != t) o.setType(done);
        o.setHasInitializer(true);
        o.setDefined(true);
        if ((isStatic || done.isConst()) && id.initializer() instanceof dev.jbpfc.frontend.ast.Expr e
                && done.isScalar()) {
            ConstValue v = isStatic ? consts.evaluateRequired(e) : consts.evaluateConverted(e);
            if (v != null) o.setConstantValue(v);
        }
    }

    private void typedef(String name, CType t, List<Attribute> attributes, SourceLocation at, Declarator dr) {
        TypedefType td = new TypedefType(name, t, attrs.aligned(attributes), attrs.strings(attributes, "btf_decl_tag"));
        Symbol prev = scope.localOrdinary(name);
        if (prev != null) {
            if (prev instanceof TypedefSymbol ps) {
                if (!TypeRelations.compatible(ps.typedefType().aliased(), t)) {
                    diags.error(at, "typedef redefinition with different types (" + TypePrinter.quoted(t) + " vs "
                            + TypePrinter.quoted(ps.typedefType().aliased()) + ")");
                }
                model.declarations.put(dr, ps);
                return;
            }
            diags.error(at, "redefinition of '" + name + "' as different kind of symbol");
            return;
        }
        TypedefSymbol sym = new TypedefSymbol(td, at);
        scope.declare(sym);
        model.declarations.put(dr, sym);
    }

    /** The existing declaration with linkage of {@code name} at file scope, for block-scope extern declarations. */
    private Symbol linked(String name) {
        return fileScope.localOrdinary(name);
    }

    private FunctionSymbol declareFunction(String name, FunctionType t, StorageClass storage, boolean inline,
                                           SourceLocation at) {
        FunctionSymbol f = declareFunctionSymbol(name, t, storage, inline, at);
        if (f != null && scope.isFile()) f.noteFileScopeDeclaration(inline, storage == StorageClass.EXTERN, false);
        return f;
    }

    private FunctionSymbol declareFunctionSymbol(String name, FunctionType t, StorageClass storage, boolean inline,
                                                 SourceLocation at) {
        if (!scope.isFile() && storage == StorageClass.STATIC) {
            diags.error(at, "function declared in block scope cannot have 'static' storage class");
        }
        Symbol prev = scope.localOrdinary(name);
        if (prev == null && !scope.isFile()) prev = linked(name);
        if (prev != null && !(prev instanceof FunctionSymbol)) {
            diags.error(at, "redefinition of '" + name + "' as different kind of symbol");
            return null;
        }
        if (prev instanceof FunctionSymbol f) {
            keep(f);
            if (!TypeRelations.compatible(f.type(), t)) {
                diags.error(at, "conflicting types for '" + name + "'");
                diags.note(f.location(), "previous declaration is here");
                return f;
            }
            f.setType(TypeRelations.composite(f.type(), t));
            if (storage == StorageClass.STATIC && !f.isStatic()) {
                diags.error(at, "static declaration of '" + name + "' follows non-static declaration");
            }
            if (inline) f.setInline(true);
            if (scope.localOrdinary(name) == null) scope.declare(f);
            return f;
        }
        FunctionSymbol f = new FunctionSymbol(name, t, at, storage == StorageClass.STATIC ? StorageClass.STATIC
                : storage == StorageClass.EXTERN ? StorageClass.EXTERN : StorageClass.NONE);
        f.setInline(inline);
        scope.declare(f);
        if (!scope.isFile()) {
            // A block-scope function declaration has linkage: a later file-scope declaration is the same function.
            if (fileScope.localOrdinary(name) == null) fileScope.declare(f);
        }
        model.addFunction(f);
        return f;
    }

    private ObjectSymbol declareObject(String name, CType t, StorageClass storage, boolean hasInit, SourceLocation at) {
        if (t.isVoid() && storage != StorageClass.EXTERN) {
            diags.error(at, "variable has incomplete type 'void'");
            return null;
        }
        if (!scope.isFile() && storage != StorageClass.STATIC && storage != StorageClass.EXTERN
                && QualifiedType.objectAddressSpaceOf(t) != 0) {
            // The stack is generic memory: an arena local would be accessed through addr_space_cast of its address.
            diags.error(at, "automatic variable qualified with an address space");
            return null;
        }
        Symbol prev = scope.localOrdinary(name);
        if (scope.isFile()) {
            if (storage == StorageClass.AUTO || storage == StorageClass.REGISTER) {
                diags.error(at, "illegal storage class on file-scoped variable");
            }
            if (prev != null) {
                if (!(prev instanceof ObjectSymbol o)) {
                    diags.error(at, "redefinition of '" + name + "' as different kind of symbol");
                    return null;
                }
                if (!TypeRelations.compatible(o.type(), t)) {
                    diags.error(at, "redefinition of '" + name + "' with a different type: " + TypePrinter.quoted(t)
                            + " vs " + TypePrinter.quoted(o.type()));
                    return null;
                }
                keep(o);
                o.setType(TypeRelations.composite(o.type(), t));
                if (storage == StorageClass.STATIC && o.storage() != StorageClass.STATIC) {
                    diags.error(at, "static declaration of '" + name + "' follows non-static declaration");
                } else if (storage == StorageClass.NONE && o.storage() == StorageClass.STATIC) {
                    diags.error(at, "non-static declaration of '" + name + "' follows static declaration");
                } else if (storage != StorageClass.EXTERN && o.storage() == StorageClass.EXTERN) {
                    o.setStorage(storage);
                }
                if (hasInit && o.hasInitializer()) {
                    diags.error(at, "redefinition of '" + name + "'");
                    return null;
                }
                if (storage != StorageClass.EXTERN) o.setDefined(true);
                return o;
            }
            ObjectSymbol o = new ObjectSymbol(name, t, at, ObjectSymbol.Kind.GLOBAL, storage);
            o.setDefined(storage != StorageClass.EXTERN || hasInit);
            scope.declare(o);
            model.addGlobal(o);
            return o;
        }
        // Block scope.
        if (storage == StorageClass.EXTERN) {
            Symbol outer = linked(name);
            if (prev != null && prev != outer) {
                diags.error(at, "redefinition of '" + name + "'");
                return null;
            }
            if (outer instanceof ObjectSymbol o) {
                if (!TypeRelations.compatible(o.type(), t)) {
                    diags.error(at, "redefinition of '" + name + "' with a different type: " + TypePrinter.quoted(t)
                            + " vs " + TypePrinter.quoted(o.type()));
                }
                scope.declare(o);
                return o;
            }
            ObjectSymbol o = new ObjectSymbol(name, t, at, ObjectSymbol.Kind.GLOBAL, StorageClass.EXTERN);
            scope.declare(o);
            if (outer == null) fileScope.declare(o);
            model.addGlobal(o);
            return o;
        }
        if (prev != null) {
            diags.error(at, "redefinition of '" + name + "'");
            diags.note(prev.location(), "previous definition is here");
            return null;
        }
        ObjectSymbol.Kind kind = storage == StorageClass.STATIC ? ObjectSymbol.Kind.STATIC_LOCAL : ObjectSymbol.Kind.LOCAL;
        ObjectSymbol o = new ObjectSymbol(name, t, at, kind, storage);
        o.setDefined(true);
        scope.declare(o);
        if (kind == ObjectSymbol.Kind.STATIC_LOCAL) model.addGlobal(o);
        return o;
    }

    // ---- function definitions ----

    private void functionDefinition(FunctionDef def) {
        DeclSpecifiers ds = def.specifiers();
        StorageClass storage = storageOf(ds);
        CType base = types.specifiers(ds, false);
        Declarator.Function fpart = def.declarator().function();
        SourceLocation at = def.declarator().nameLoc() != null ? def.declarator().nameLoc() : def.loc();
        CType t = types.declarator(base, ds, def.declarator(), true);
        if (fpart == null || !(t.unqualified() instanceof FunctionType ft)) {
            diags.error(at, "expected a function declarator in a function definition");
            return;
        }
        FunctionSymbol f = declareFunction(def.name(), ft, storage, ds.isInline(), at);
        if (f == null) return;
        if (f.isDefined()) {
            diags.error(at, "redefinition of '" + def.name() + "'");
            diags.note(f.location(), "previous definition is here");
            return;
        }
        keep(f);
        f.setDefined(true);
        f.noteFileScopeDeclaration(ds.isInline(), storage == StorageClass.EXTERN, true);
        List<Attribute> attributes = AttributeReader.concat(ds.attributes(), def.declarator().attributes(),
                def.attributes());
        modes.refuseOn(attributes);
        attrs.read(attributes, f.attributes);
        sections.add(f, f.attributes.section);
        model.functionDefs.put(def, f);
        model.declarations.put(def.declarator(), f);
        CType ret = ft.returnType();
        if (!ret.isVoid() && !ret.isComplete()) {
            diags.error(at, "incomplete result type " + TypePrinter.quoted(ret) + " in function definition");
        }
        currentFunction = f;
        pushScope(Scope.Kind.FUNCTION);
        try {
            List<Declarator.Param> params = fpart.params();
            for (int i = 0; i < params.size(); i++) {
                Declarator.Param p = params.get(i);
                CType pt = ft.params().get(i).type();
                SourceLocation pat = p.declarator() != null && p.declarator().nameLoc() != null
                        ? p.declarator().nameLoc() : p.loc();
                // Unnamed parameters too: lowering lays out every parameter of a definition.
                if (!pt.isComplete()) {
                    diags.error(pat, "variable has incomplete type " + TypePrinter.quoted(pt));
                }
                if (QualifiedType.addressSpaceOf(pt) != 0) {
                    diags.error(pat, "parameter may not be qualified with an address space");
                }
                if (p.name() == null) continue;
                if (scope.localOrdinary(p.name()) != null) {
                    diags.error(pat, "redefinition of parameter '" + p.name() + "'");
                    continue;
                }
                ObjectSymbol o = new ObjectSymbol(p.name(), pt, pat, ObjectSymbol.Kind.PARAMETER, StorageClass.NONE);
                o.setDefined(true);
                attrs.read(p.attributes(), o.attributes);
                scope.declare(o);
                model.declarations.put(p.declarator(), o);
            }
            // The body's outermost block shares the function scope (C11 6.2.1p4: parameters and the body's
            // declarations are in the same block).
            stmts.functionBody(f, def.body());
        } finally {
            popScope();
            currentFunction = null;
        }
    }
}
