package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Declarator;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.FunctionDef;
import dev.jbpfc.frontend.ast.Stmt;
import dev.jbpfc.frontend.types.CType;

import java.util.ArrayList;
import java.util.List;

/**
 * What sema learned about a translation unit, for lowering. The AST stays immutable except {@link Expr#type}; the
 * rest is here, keyed by node identity:
 * <ul>
 * <li>{@link #symbolOf(Expr.Ident)}: the variable, function or enumerator a name refers to;</li>
 * <li>{@link #declaredBy(Declarator)}: the symbol a declarator declares (parameters included);</li>
 * <li>{@link #conversionOf(Expr)}: the type an expression's value is implicitly converted to where it is used
 *     (array and function decay, usual arithmetic conversions, assignment, argument and return conversions);
 *     null when the value is used as is. Lvalue conversion (loading) is implicit;</li>
 * <li>{@link #memberOf(Expr.Member)}: the field path of a member access (CO-RE needs it);</li>
 * <li>{@link #constantOf(Expr)}: values of constant expressions sema evaluated (case labels, array sizes,
 *     choose_expr conditions, static initializers);</li>
 * <li>{@link #initializerOf(Object)}: the flattened initializer of an object or compound literal;</li>
 * <li>{@link #builtinOf(Expr.Call)}: the builtin a call invokes;</li>
 * <li>{@link #chosenOf(Expr)}: the expression a {@code _Generic} or {@code __builtin_choose_expr} selected.</li>
 * </ul>
 */
public final class SemanticModel {
    final Trail.Map<Expr.Ident, Symbol> references = new Trail.Map<>();
    final Trail.Map<Declarator, Symbol> declarations = new Trail.Map<>();
    final Trail.Map<FunctionDef, FunctionSymbol> functionDefs = new Trail.Map<>();
    final Trail.Map<Expr, CType> conversions = new Trail.Map<>();
    final Trail.Map<Expr.Member, MemberAccess> members = new Trail.Map<>();
    final Trail.Map<Expr, ConstValue> constants;
    final Trail.Map<Object, List<InitEntry>> initializers = new Trail.Map<>();
    final Trail.Map<Expr.Call, Builtins.Builtin> builtins = new Trail.Map<>();
    final Trail.Map<Expr, Expr> chosen = new Trail.Map<>();
    final Trail.Map<Stmt.Case, ConstValue> caseValues = new Trail.Map<>();
    final Trail.Map<Object, CType> declaredTypes = new Trail.Map<>();
    final Trail.Map<Stmt, String> labels = new Trail.Map<>();
    final Trail.Map<Stmt.Asm, List<String>> asmGotoLabels = new Trail.Map<>();
    final List<ObjectSymbol> globals = new ArrayList<>();
    final List<FunctionSymbol> functions = new ArrayList<>();
    public SemanticModel() { this(0); }

    /**
     * A model for a unit of {@code topLevelDecls} declarations: the constants map is made at about its final
     * size (vmlinux.h: ~1.9 constants per declaration, enumerator values and array sizes) instead of growing
     * through a dozen rehashes.
     */
    SemanticModel(int topLevelDecls) {
        constants = new Trail.Map<>(2 * topLevelDecls);
    }

    /** Records every change from now on (a batch analysis, see {@link AnalyzedPrefix}); null: none. */
    private Trail trail;

    void attach(Trail trail) {
        this.trail = trail;
        for (Trail.Map<?, ?> m : List.of(references, declarations, functionDefs, conversions, members, constants,
                initializers, builtins, chosen, caseValues, declaredTypes, labels, asmGotoLabels)) {
            m.trail = trail;
        }
    }

    void addGlobal(ObjectSymbol o) { add(globals, o); }

    void addFunction(FunctionSymbol f) { add(functions, f); }

    private <T> void add(List<T> list, T item) {
        list.add(item);
        if (trail != null) trail.add(() -> list.remove(list.size() - 1));
    }

    public Symbol symbolOf(Expr.Ident e) { return references.get(e); }

    public Symbol declaredBy(Declarator d) { return declarations.get(d); }

    public FunctionSymbol functionOf(FunctionDef def) { return functionDefs.get(def); }

    public CType conversionOf(Expr e) { return conversions.get(e); }

    public MemberAccess memberOf(Expr.Member e) { return members.get(e); }

    public ConstValue constantOf(Expr e) { return constants.get(e); }

    /** The value of a case label (converted to the switch's promoted type); for a range, of its first value. */
    public ConstValue caseValue(Stmt.Case c) { return caseValues.get(c); }

    /** Flattened initializer of an {@link ObjectSymbol} or {@link Expr.CompoundLiteral}; null if none. */
    public List<InitEntry> initializerOf(Object objectOrCompoundLiteral) { return initializers.get(objectOrCompoundLiteral); }

    public Builtins.Builtin builtinOf(Expr.Call e) { return builtins.get(e); }

    public Expr chosenOf(Expr genericOrChoose) { return chosen.get(genericOrChoose); }

    /** The type a TypeName, cast, sizeof or compound literal denotes (keyed by the TypeName node). */
    public CType typeOf(Object typeNameNode) { return declaredTypes.get(typeNameNode); }

    /**
     * The function-unique name of the label a {@link Stmt.Label} defines or a {@link Stmt.Goto} jumps to: the label's
     * name, or "name#N" for a GNU local label ({@code __label__}), which macros define once per expansion.
     */
    public String labelOf(Stmt labelOrGoto) { return labels.get(labelOrGoto); }

    /** The function-unique names (as {@link #labelOf}) of an {@code asm goto}'s label operands, in order. */
    public List<String> asmGotoLabelsOf(Stmt.Asm s) { return asmGotoLabels.get(s); }

    /** Objects with static storage (file-scope and static locals), in order of first declaration. */
    public List<ObjectSymbol> globals() { return globals; }

    /** Every function declared or defined, in order of first declaration. */
    public List<FunctionSymbol> functions() { return functions; }
}
