package dev.jbpfc.frontend.ast;

import dev.jbpfc.source.SourceLocation;

import java.util.List;

/**
 * Statements. A block's declarations are {@link DeclStmt}s among its statements. Labels, case and default own the
 * statement after them (an empty {@link Null} when a label ends a block). Loops carry the loop-hint pragmas that
 * stood right before them ({@code #pragma unroll}, {@code #pragma clang loop ...}).
 */
public sealed interface Stmt extends Node {

    <R> R accept(Visitor<R> v);

    interface Visitor<R> {
        R visitCompound(Compound s);
        R visitExprStmt(ExprStmt s);
        R visitNull(Null s);
        R visitDeclStmt(DeclStmt s);
        R visitIf(If s);
        R visitSwitch(Switch s);
        R visitWhile(While s);
        R visitDoWhile(DoWhile s);
        R visitFor(For s);
        R visitGoto(Goto s);
        R visitIndirectGoto(IndirectGoto s);
        R visitContinue(Continue s);
        R visitBreak(Break s);
        R visitReturn(Return s);
        R visitLabel(Label s);
        R visitCase(Case s);
        R visitDefault(Default s);
        R visitAsm(Asm s);
        R visitAttributed(Attributed s);
        R visitLocalLabels(LocalLabels s);
    }

    record Compound(List<Stmt> items, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitCompound(this); }
    }

    record ExprStmt(Expr expr, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitExprStmt(this); }
    }

    /** {@code ;} */
    record Null(SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitNull(this); }
    }

    record DeclStmt(Decl decl, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitDeclStmt(this); }
    }

    /** {@code otherwise} is null without an else. */
    record If(Expr cond, Stmt then, Stmt otherwise, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitIf(this); }
    }

    record Switch(Expr cond, Stmt body, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitSwitch(this); }
    }

    record While(Expr cond, Stmt body, List<Pragma> hints, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitWhile(this); }
    }

    record DoWhile(Stmt body, Expr cond, List<Pragma> hints, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitDoWhile(this); }
    }

    /** {@code init} is a DeclStmt, an ExprStmt or null; {@code cond} and {@code step} may be null. */
    record For(Stmt init, Expr cond, Expr step, Stmt body, List<Pragma> hints, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitFor(this); }
    }

    record Goto(String label, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitGoto(this); }
    }

    /** GNU {@code goto *target;} */
    record IndirectGoto(Expr target, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitIndirectGoto(this); }
    }

    record Continue(SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitContinue(this); }
    }

    record Break(SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitBreak(this); }
    }

    /** {@code value} is null for {@code return;}. */
    record Return(Expr value, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitReturn(this); }
    }

    record Label(String name, List<Attribute> attributes, Stmt body, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitLabel(this); }
    }

    /** {@code case value:} or GNU {@code case value ... rangeEnd:} */
    record Case(Expr value, Expr rangeEnd, Stmt body, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitCase(this); }
    }

    record Default(Stmt body, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitDefault(this); }
    }

    /**
     * {@code asm [volatile] [inline] [goto] (template : outputs : inputs : clobbers : labels);}
     */
    record Asm(boolean isVolatile, boolean isInline, boolean isGoto, Expr.StringLiteral template,
               List<AsmOperand> outputs, List<AsmOperand> inputs, List<Expr.StringLiteral> clobbers,
               List<String> labels, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitAsm(this); }
    }

    /** {@code [name] "constraint" (expr)}; {@code name} is null when not given. */
    record AsmOperand(String name, Expr.StringLiteral constraint, Expr expr, SourceLocation loc) implements Node {}

    /** A statement with attributes before it, e.g. {@code __attribute__((fallthrough));} (then a Null). */
    record Attributed(List<Attribute> attributes, Stmt stmt, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitAttributed(this); }
    }

    /** GNU {@code __label__ a, b;} */
    record LocalLabels(List<String> names, SourceLocation loc) implements Stmt {
        public <R> R accept(Visitor<R> v) { return v.visitLocalLabels(this); }
    }
}
