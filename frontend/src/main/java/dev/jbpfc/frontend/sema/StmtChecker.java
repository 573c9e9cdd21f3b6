package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.Stmt;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.frontend.types.TypePrinter;
import dev.jbpfc.frontend.types.TypeRelations;
import dev.jbpfc.frontend.types.VoidType;
import dev.jbpfc.source.SourceLocation;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks statements inside a function body: conditions are scalar, break/continue/case/default sit in a loop or
 * switch, case values are distinct constants converted to the switch's promoted type, labels are defined once and
 * every goto names one, return values convert to the function's result type. Blocks open scopes.
 */
final class StmtChecker implements Stmt.Visitor<Void> {
    private final Sema sema;
    private FunctionSymbol function;
    private int loops;
    private final Deque<SwitchContext> switches = new ArrayDeque<>();
    private final Map<String, SourceLocation> labelsDefined = new HashMap<>();
    private final Map<String, SourceLocation> labelsUsed = new LinkedHashMap<>();
    /**
     * GNU local labels ({@code __label__ l;}): one entry per block that declared some, mapping each name to a unique
     * key ("l#3") under which its definition and uses are tracked, so that a macro like libbpf's {@code can_loop}
     * can define the same label in every statement expression it expands to.
     */
    private final Deque<Map<String, String>> localLabels = new ArrayDeque<>();
    /** Numbers GNU local labels through the whole unit (taken over by a batch's next input, see AnalyzedPrefix). */
    int localLabelCounter;

    private static final class SwitchContext {
        final CType type;
        final Map<BigInteger, SourceLocation> values = new HashMap<>();
        boolean hasDefault;

        SwitchContext(CType type) { this.type = type; }
    }

    StmtChecker(Sema sema) { this.sema = sema; }

    /** Checks a function body (its parameters are already declared in the current scope). */
    void functionBody(FunctionSymbol f, Stmt.Compound body) {
        function = f;
        loops = 0;
        switches.clear();
        labelsDefined.clear();
        labelsUsed.clear();
        localLabels.clear();
        localLabels.push(new HashMap<>());
        for (Stmt s : body.items()) s.accept(this);
        for (Map.Entry<String, SourceLocation> use : labelsUsed.entrySet()) {
            if (!labelsDefined.containsKey(use.getKey())) {
                String name = use.getKey().contains("#") ? use.getKey().substring(0, use.getKey().indexOf('#'))
                        : use.getKey();
                sema.diags.error(use.getValue(), "use of undeclared label '" + name + "'");
            }
        }
        function = null;
    }

    void labelUsed(String name, SourceLocation at) {
        labelsUsed.putIfAbsent(labelKey(name), at);
    }

    private String labelKey(String name) {
        for (Map<String, String> m : localLabels) {
            String k = m.get(name);
            if (k != null) return k;
        }
        return name;
    }

    /** A GNU statement expression: a block whose value is its last expression statement's. */
    CType statementExpression(Stmt.Compound body) {
        if (function == null) {
            sema.diags.error(body.loc(), "statement expression not allowed at file scope");
            return IntegerType.INT;
        }
        sema.pushScope(Scope.Kind.BLOCK);
        localLabels.push(new HashMap<>());
        try {
            CType result = VoidType.VOID;
            for (int i = 0; i < body.items().size(); i++) {
                Stmt s = body.items().get(i);
                // The value is the last expression statement's, also when labels stand before it ("l: ret;").
                Stmt last = s;
                while (last instanceof Stmt.Label l) {
                    sema.model.labels.put(l, labelKey(l.name()));
                    SourceLocation prev = labelsDefined.putIfAbsent(labelKey(l.name()), l.loc());
                    if (prev != null) sema.diags.error(l.loc(), "redefinition of label '" + l.name() + "'");
                    last = l.body();
                }
                if (i == body.items().size() - 1 && last instanceof Stmt.ExprStmt es) {
                    result = sema.exprs.rvalue(es.expr());
                } else if (last != s) {
                    last.accept(this);
                } else {
                    s.accept(this);
                }
            }
            return result;
        } finally {
            localLabels.pop();
            sema.popScope();
        }
    }

    private void condition(Expr e) {
        CType t = sema.exprs.rvalue(e);
        sema.exprs.warnAlwaysTrue(e);
        if (!t.isScalar()) {
            sema.diags.error(e.loc(), "statement requires expression of scalar type (" + TypePrinter.quoted(t)
                    + " invalid)");
        }
    }

    @Override
    public Void visitCompound(Stmt.Compound s) {
        sema.pushScope(Scope.Kind.BLOCK);
        localLabels.push(new HashMap<>());
        try {
            for (Stmt st : s.items()) st.accept(this);
        } finally {
            localLabels.pop();
            sema.popScope();
        }
        return null;
    }

    @Override
    public Void visitExprStmt(Stmt.ExprStmt s) {
        sema.exprs.rvalue(s.expr());
        return null;
    }

    @Override
    public Void visitNull(Stmt.Null s) { return null; }

    @Override
    public Void visitDeclStmt(Stmt.DeclStmt s) {
        sema.localDecl(s.decl());
        return null;
    }

    @Override
    public Void visitIf(Stmt.If s) {
        condition(s.cond());
        s.then().accept(this);
        if (s.otherwise() != null) s.otherwise().accept(this);
        return null;
    }

    @Override
    public Void visitSwitch(Stmt.Switch s) {
        CType t = sema.exprs.rvalue(s.cond());
        CType promoted = IntegerType.INT;
        if (!t.isInteger()) {
            sema.diags.error(s.cond().loc(), "statement requires expression of integer type (" + TypePrinter.quoted(t)
                    + " invalid)");
        } else {
            promoted = TypeRelations.promote(t);
            sema.exprs.convert(s.cond(), promoted);
        }
        switches.push(new SwitchContext(promoted));
        try {
            s.body().accept(this);
        } finally {
            switches.pop();
        }
        return null;
    }

    @Override
    public Void visitWhile(Stmt.While s) {
        condition(s.cond());
        loop(s.body());
        return null;
    }

    @Override
    public Void visitDoWhile(Stmt.DoWhile s) {
        loop(s.body());
        condition(s.cond());
        return null;
    }

    @Override
    public Void visitFor(Stmt.For s) {
        sema.pushScope(Scope.Kind.BLOCK);
        try {
            if (s.init() != null) s.init().accept(this);
            if (s.cond() != null) condition(s.cond());
            if (s.step() != null) sema.exprs.rvalue(s.step());
            loop(s.body());
        } finally {
            sema.popScope();
        }
        return null;
    }

    private void loop(Stmt body) {
        loops++;
        Deque<SwitchContext> saved = new ArrayDeque<>(switches);
        try {
            body.accept(this);
        } finally {
            loops--;
        }
        switches.clear();
        switches.addAll(saved);
    }

    @Override
    public Void visitGoto(Stmt.Goto s) {
        sema.model.labels.put(s, labelKey(s.label()));
        labelUsed(s.label(), s.loc());
        return null;
    }

    @Override
    public Void visitIndirectGoto(Stmt.IndirectGoto s) {
        sema.exprs.rvalue(s.target());
        sema.diags.error(s.loc(), "indirect goto is not supported yet");
        return null;
    }

    @Override
    public Void visitContinue(Stmt.Continue s) {
        if (loops == 0) sema.diags.error(s.loc(), "'continue' statement not in loop statement");
        return null;
    }

    @Override
    public Void visitBreak(Stmt.Break s) {
        if (loops == 0 && switches.isEmpty()) {
            sema.diags.error(s.loc(), "'break' statement not in loop or switch statement");
        }
        return null;
    }

    @Override
    public Void visitReturn(Stmt.Return s) {
        CType ret = function.functionType().returnType();
        if (s.value() == null) {
            if (!ret.isVoid()) {
                sema.diags.error(s.loc(), "non-void function '" + function.name() + "' should return a value");
            }
            return null;
        }
        CType t = sema.exprs.rvalue(s.value());
        if (ret.isVoid()) {
            if (!t.isVoid()) {
                sema.diags.error(s.value().loc(), "void function '" + function.name() + "' should not return a value");
            }
            return null;
        }
        sema.exprs.assignment(ret, s.value(), t, ExprChecker.AssignContext.RETURN, s.value().loc(), function.name());
        return null;
    }

    @Override
    public Void visitLabel(Stmt.Label s) {
        sema.model.labels.put(s, labelKey(s.name()));
        SourceLocation prev = labelsDefined.putIfAbsent(labelKey(s.name()), s.loc());
        if (prev != null) sema.diags.error(s.loc(), "redefinition of label '" + s.name() + "'");
        s.body().accept(this);
        return null;
    }

    @Override
    public Void visitCase(Stmt.Case s) {
        SwitchContext sw = switches.peek();
        if (sw == null) {
            sema.diags.error(s.loc(), "'case' statement not in switch statement");
            sema.exprs.rvalue(s.value());
        } else {
            BigInteger v = sema.exprs.integerConstant(s.value(), "case value");
            BigInteger end = s.rangeEnd() == null ? v : sema.exprs.integerConstant(s.rangeEnd(), "case value");
            if (v != null && end != null) {
                dev.jbpfc.frontend.types.IntegerType it = sw.type.asInteger();
                BigInteger cv = ConstValue.wrap(v, it);
                BigInteger ce = ConstValue.wrap(end, it);
                sema.model.caseValues.put(s, ConstValue.ofInteger(cv, sw.type));
                if (ce.subtract(cv).compareTo(BigInteger.valueOf(1 << 16)) > 0) {
                    sema.diags.error(s.loc(), "case range is too large to be supported yet");
                } else {
                    for (BigInteger x = cv; x.compareTo(ce) <= 0; x = x.add(BigInteger.ONE)) {
                        if (sw.values.putIfAbsent(x, s.loc()) != null) {
                            sema.diags.error(s.value().loc(), "duplicate case value '" + x + "'");
                            break;
                        }
                    }
                }
            }
        }
        s.body().accept(this);
        return null;
    }

    @Override
    public Void visitDefault(Stmt.Default s) {
        SwitchContext sw = switches.peek();
        if (sw == null) {
            sema.diags.error(s.loc(), "'default' statement not in switch statement");
        } else if (sw.hasDefault) {
            sema.diags.error(s.loc(), "multiple default labels in one switch");
        } else {
            sw.hasDefault = true;
        }
        s.body().accept(this);
        return null;
    }

    @Override
    public Void visitAsm(Stmt.Asm s) {
        for (Stmt.AsmOperand o : s.outputs()) {
            sema.exprs.check(o.expr());
            if (!sema.exprs.isLvalue(o.expr())) {
                sema.diags.error(o.expr().loc(), "invalid lvalue in asm output");
            }
        }
        for (Stmt.AsmOperand o : s.inputs()) {
            sema.exprs.rvalue(o.expr());
            // An "i" operand is folded the way clang folds it (offsetof(struct __sk_buff, data) is a number even
            // on a preserve_access_index type): lowering reads the value recorded here.
            String c = new String(Literals.string(o.constraint().pieces), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (c.indexOf('i') >= 0 || c.indexOf('n') >= 0) {
                sema.consts.evaluate(o.expr());
                Expr.CompoundLiteral punned = AsmImmediates.punnedCompoundLiteral(o.expr());
                if (punned != null && sema.model.initializerOf(punned) != null) {
                    for (InitEntry en : sema.model.initializerOf(punned)) {
                        if (en.value() != null) sema.consts.evaluate(en.value());
                    }
                }
            }
        }
        List<String> keys = new ArrayList<>();
        for (String l : s.labels()) {
            labelUsed(l, s.loc());
            keys.add(labelKey(l));
        }
        sema.model.asmGotoLabels.put(s, keys);
        return null;
    }

    @Override
    public Void visitAttributed(Stmt.Attributed s) {
        s.stmt().accept(this);
        return null;
    }

    @Override
    public Void visitLocalLabels(Stmt.LocalLabels s) {
        Map<String, String> scope = localLabels.peek();
        if (scope == null) return null;
        for (String n : s.names()) scope.put(n, n + "#" + (++localLabelCounter));
        return null;
    }
}
