package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.Stmt;
import dev.jbpfc.frontend.sema.ConstValue;
import dev.jbpfc.frontend.sema.InitEntry;
import dev.jbpfc.frontend.sema.AsmImmediates;
import dev.jbpfc.frontend.sema.ObjectSymbol;
import dev.jbpfc.frontend.sema.Symbol;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GNU inline assembly becomes one opaque {@code inline_asm} instruction; the backend parses the template and the
 * constraints (clang's spelling). Named operands are numbered here ({@link AsmOperandNames}):
 * <pre>
 *   asm volatile("%0 = %1 + 1" : "=r"(x) : "r"(y) : "memory");
 *   %y = ...
 *   %r = inline_asm i64 "%0 = %1 + 1", "=r,r,~{memory}"(i64 %y)
 *   store i64 %r, %x, align 8
 *
 *   asm volatile("call %[bpf_map_lookup_elem]" :: __imm(bpf_map_lookup_elem));   // helper pointer (void *)1
 *   inline_asm void "call %0", "i"(i64 1)
 * </pre>
 * At most one output operand is supported (the instruction has one result); {@code "+r"} outputs are passed in as
 * well, as a tied input ({@code "0"}). "i" operands that name a libbpf helper pointer
 * ({@code static void *(*const f)(...) = (void *) 1}) are that helper's number, as in clang, which folds the const
 * pointer. Alternatives ("ri", "g") are left to the backend, which sees the optimised operand.
 *
 * <p>{@code asm goto} has no IR terminator of its own: the instruction returns which way the assembly left (0 =
 * fell through, k = jumped to label operand k, written {@code "!i"} in the constraints, the label's operand index
 * is the {@code %lN} of the template) and a switch on it follows:
 * <pre>
 *   asm volatile goto("may_goto %l[l_break]" :::: l_break);
 *   %w = inline_asm i64 "may_goto %l0", "!i"()
 *   switch i64 %w, %fallthrough [1: %label.l_break]
 * </pre>
 */
final class InlineAsmLowering {
    private InlineAsmLowering() {}

    static void lower(FunctionLowering fl, Stmt.Asm s) {
        ExprLowering x = fl.exprs;
        if (s.outputs().size() > 1) {
            throw new CompileError(s.loc(), "inline asm with more than one output operand is not supported yet");
        }
        if (s.isGoto() && !s.outputs().isEmpty()) {
            throw new CompileError(s.loc(), "asm goto with output operands is not supported yet");
        }
        String template = text(s.template());
        List<String> constraints = new ArrayList<>();
        List<Value> args = new ArrayList<>();
        List<String> names = new ArrayList<>();
        LValue out = null;
        Type ret = Type.VOID;
        boolean tied = false;
        if (!s.outputs().isEmpty()) {
            Stmt.AsmOperand o = s.outputs().get(0);
            String c = text(o.constraint());
            out = x.lvalue(o.expr());
            CType t = out.type();
            ret = IrTypes.value(t);
            if (ret == null) throw new CompileError(o.loc(), "inline asm output of type '" + t.spelling() + "' is not supported");
            if (c.startsWith("+")) {
                tied = true;
                c = "=" + c.substring(1);
            }
            constraints.add(c);
            names.add(o.name());
        }
        for (Stmt.AsmOperand in : s.inputs()) {
            String c = text(in.constraint());
            names.add(in.name());
            if (c.contains("m")) {
                constraints.add(c);
                args.add(x.lvalue(in.expr()).address());
                continue;
            }
            boolean immediate = c.contains("i") || c.contains("n");
            Value v = immediate ? immediate(x, in.expr()) : null;
            if (v == null) v = x.rvalue(in.expr());
            constraints.add(c);
            args.add(v);
        }
        if (tied) {
            constraints.add("0");
            args.add(x.load(out));
        }
        Map<String, Integer> operandIndex = new HashMap<>();
        AsmOperandNames.index(names, 0, operandIndex);
        Map<String, Integer> labelIndex = new HashMap<>();
        int labelBase = constraints.size();
        for (int k = 0; k < s.labels().size(); k++) {
            labelIndex.putIfAbsent(s.labels().get(k), labelBase + k);
            constraints.add("!i");
        }
        template = AsmOperandNames.rewrite(template, operandIndex, labelIndex,
                s.outputs().size() + s.inputs().size(), labelBase, s.loc());
        for (Expr.StringLiteral clob : s.clobbers()) constraints.add("~{" + text(clob) + "}");
        fl.b.setLoc(fl.unit.loc(s.loc()));
        if (s.isGoto()) {
            lowerGoto(fl, s, template, String.join(",", constraints), args);
            return;
        }
        Instruction asm = fl.b.emit(Instruction.inlineAsm(ret, template, String.join(",", constraints), args));
        if (out != null) x.store(out, asm);
    }

    /** The asm as a value saying where it left, then a switch to the label blocks. */
    private static void lowerGoto(FunctionLowering fl, Stmt.Asm s, String template, String constraints, List<Value> args) {
        List<String> keys = fl.unit.model.asmGotoLabelsOf(s);
        if (keys == null) keys = s.labels();
        Instruction way = fl.b.emit(Instruction.inlineAsm(Type.I64, template, constraints, args));
        Block fallthrough = fl.newBlock("asm.fallthrough");
        long[] values = new long[keys.size()];
        List<Block> dests = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            values[k] = k + 1;
            dests.add(fl.label(keys.get(k)));
        }
        fl.b.switchOf(way, fallthrough, values, dests);
        fl.startBlock(fallthrough);
    }

    /**
     * The constant an "i" operand stands for: its value as a C constant expression (sema evaluated it), or, where C
     * would not call it a constant, a libbpf helper pointer's helper number. Null when lowered the ordinary way.
     */
    private static Value immediate(ExprLowering x, Expr e) {
        ConstValue value = x.unit.model.constantOf(e);
        if (value != null && value.isInteger()) {
            Type t = e.type != null && e.type.size() <= 4 ? Type.I32 : Type.I64;
            return Constant.of(t, value.asLong());
        }
        Expr.CompoundLiteral punned = AsmImmediates.punnedCompoundLiteral(e);
        if (punned != null) return punnedBits(x, punned, e);
        Expr inner = e;
        while (inner instanceof Expr.Cast c) inner = c.operand;
        if (inner instanceof Expr.Ident id) {
            Symbol sym = x.unit.model.symbolOf(id);
            if (sym instanceof ObjectSymbol o && o.helperId() >= 0) return Constant.of(Type.I64, o.helperId());
        }
        return null;
    }

    /** The first 8 bytes of a constant compound literal read as a little-endian long, or null if not constant. */
    private static Value punnedBits(ExprLowering x, Expr.CompoundLiteral cl, Expr whole) {
        List<InitEntry> entries = x.unit.model.initializerOf(cl);
        CType t = x.unit.model.typeOf(cl.typeName);
        if (t == null) t = cl.type;
        if (entries == null || t == null || whole.type == null || t.size() < whole.type.size() || whole.type.size() > 8) return null;
        StaticImage image = new StaticImage(t.size());
        for (InitEntry en : entries) {
            ConstValue v = en.value() == null ? null : x.unit.model.constantOf(en.value());
            if (v == null || !v.isInteger() || en.stringBytes() != null) return null;
            if (en.bitfield() != null) image.putBits(en.bitOffset(), en.bitfield().bitWidth, v.asLong());
            else image.putInt(en.byteOffset(), (int) Math.min(8, en.type().size()), v.asLong());
        }
        byte[] bytes = image.trimmedBytes();
        long bits = 0;
        for (int k = 0; k < whole.type.size() && k < bytes.length; k++) bits |= (bytes[k] & 0xffL) << (8 * k);
        return Constant.of(whole.type.size() <= 4 ? Type.I32 : Type.I64, bits);
    }

    private static String text(Expr.StringLiteral sl) {
        return new String(LiteralValues.string(sl.pieces), StandardCharsets.ISO_8859_1);
    }
}
