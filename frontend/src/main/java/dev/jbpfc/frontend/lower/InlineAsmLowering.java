package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.Stmt;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * GNU inline assembly becomes one opaque {@code inline_asm} instruction; the backend parses the template and the
 * constraints (clang's spelling):
 * <pre>
 *   asm volatile("%0 = %1 + 1" : "=r"(x) : "r"(y) : "memory");
 *   %y = ...
 *   %r = inline_asm i64 "%0 = %1 + 1", "=r,r,~{memory}"(i64 %y)
 *   store i64 %r, %x, align 8
 * </pre>
 * At most one output operand is supported (the instruction has one result); {@code "+r"} outputs are passed in as
 * well, as a tied input ({@code "0"}).
 */
final class InlineAsmLowering {
    private InlineAsmLowering() {}

    static void lower(FunctionLowering fl, Stmt.Asm s) {
        ExprLowering x = fl.exprs;
        if (s.outputs().size() > 1) {
            throw new CompileError(s.loc(), "inline asm with more than one output operand is not supported yet");
        }
        if (s.isGoto()) throw new CompileError(s.loc(), "asm goto is not supported yet");
        String template = new String(LiteralValues.string(s.template().pieces), java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> constraints = new ArrayList<>();
        List<Value> args = new ArrayList<>();
        LValue out = null;
        Type ret = Type.VOID;
        boolean tied = false;
        if (!s.outputs().isEmpty()) {
            Stmt.AsmOperand o = s.outputs().get(0);
            String c = constraint(o.constraint());
            out = x.lvalue(o.expr());
            CType t = out.type();
            ret = IrTypes.value(t);
            if (ret == null) throw new CompileError(o.loc(), "inline asm output of type '" + t.spelling() + "' is not supported");
            if (c.startsWith("+")) {
                tied = true;
                c = "=" + c.substring(1);
            }
            constraints.add(c);
        }
        for (Stmt.AsmOperand in : s.inputs()) {
            constraints.add(constraint(in.constraint()));
            CType t = x.useType(in.expr());
            if (constraint(in.constraint()).contains("m")) args.add(x.lvalue(in.expr()).address());
            else args.add(x.rvalue(in.expr()));
        }
        if (tied) {
            constraints.add("0");
            args.add(x.load(out));
        }
        for (Expr.StringLiteral clob : s.clobbers()) {
            String c = new String(LiteralValues.string(clob.pieces), java.nio.charset.StandardCharsets.ISO_8859_1);
            constraints.add("~{" + c + "}");
        }
        fl.b.setLoc(fl.unit.loc(s.loc()));
        Instruction asm = fl.b.emit(Instruction.inlineAsm(ret, template, String.join(",", constraints), args));
        if (out != null) x.store(out, asm);
    }

    private static String constraint(Expr.StringLiteral sl) {
        return new String(LiteralValues.string(sl.pieces), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
