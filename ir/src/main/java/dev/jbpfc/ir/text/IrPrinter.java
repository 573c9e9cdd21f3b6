package dev.jbpfc.ir.text;

import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.ExternFunction;
import dev.jbpfc.ir.FnAttr;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Param;
import dev.jbpfc.ir.Undef;
import dev.jbpfc.ir.Value;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints the text form of docs/ir.md. Values and blocks without a name get numbers ({@code %0}, {@code bb1});
 * duplicate names get a suffix, so the output always parses back ({@link IrParser}) and prints the same again.
 */
public final class IrPrinter {
    private final Map<Value, String> names = new HashMap<>();
    private final Map<Block, String> blockNames = new HashMap<>();
    private final StringBuilder out = new StringBuilder();

    private IrPrinter() {}

    public static String print(Module m) {
        IrPrinter p = new IrPrinter();
        p.module(m);
        return p.out.toString();
    }

    public static String print(Function f) {
        IrPrinter p = new IrPrinter();
        p.function(f);
        return p.out.toString();
    }

    /** One instruction, for debugging and error messages (names as far as known without the function). */
    public static String instructionToString(Instruction i) {
        IrPrinter p = new IrPrinter();
        if (i.block() != null && i.block().function() != null) p.nameValues(i.block().function());
        p.instruction(i);
        return p.out.toString();
    }

    private void module(Module m) {
        for (int i = 0; i < m.files().size(); i++) out.append("file ").append(i).append(' ').append(quote(m.files().get(i))).append('\n');
        if (!m.files().isEmpty()) out.append('\n');
        for (Global g : m.globals()) global(g);
        if (!m.globals().isEmpty()) out.append('\n');
        for (ExternFunction e : m.externs()) extern(e);
        if (!m.externs().isEmpty()) out.append('\n');
        boolean first = true;
        for (Function f : m.functions()) {
            if (!first) out.append('\n');
            first = false;
            function(f);
        }
    }

    private void global(Global g) {
        out.append("global ").append(g.linkage().spelling).append(" @").append(g.name())
           .append(" size ").append(g.size()).append(" align ").append(g.align())
           .append(" section ").append(quote(g.section()));
        if (g.hidden()) out.append(" hidden");
        if (g.btfType() != 0) out.append(" btf ").append(g.btfType());
        if (g.data().length > 0) out.append(" data ").append(quote(g.data()));
        for (Global.Reloc r : g.relocs()) {
            out.append(" reloc ").append(r.offset()).append(" @").append(r.symbol());
            if (r.addend() > 0) out.append('+').append(r.addend());
            else if (r.addend() < 0) out.append(r.addend());
        }
        out.append('\n');
    }

    private void extern(ExternFunction e) {
        out.append("declare ").append(e.kind().spelling).append(' ').append(e.returnType()).append(" @").append(e.name()).append('(');
        for (int i = 0; i < e.paramTypes().size(); i++) {
            if (i > 0) out.append(", ");
            out.append(e.paramTypes().get(i));
        }
        out.append(')');
        if (e.kind() == ExternFunction.Kind.HELPER) out.append(" id ").append(e.helperId());
        if (e.weak()) out.append(" weak");
        if (e.btfFuncId() != 0) out.append(" btf ").append(e.btfFuncId());
        out.append('\n');
    }

    private void function(Function f) {
        nameValues(f);
        out.append("define ").append(f.linkage().spelling).append(' ').append(f.returnType()).append(" @").append(f.name()).append('(');
        for (int i = 0; i < f.params().size(); i++) {
            if (i > 0) out.append(", ");
            Param p = f.params().get(i);
            out.append(p.type()).append(' ').append(valueName(p));
        }
        out.append(") section ").append(quote(f.section()));
        for (FnAttr a : f.attrs()) out.append(' ').append(a.spelling);
        if (f.btfFuncId() != 0) out.append(" btf ").append(f.btfFuncId());
        out.append(" {\n");
        for (Block b : f.blocks()) {
            out.append(blockName(b)).append(":\n");
            for (Instruction i : b.instructionsView()) {
                out.append("  ");
                instruction(i);
                out.append('\n');
            }
        }
        out.append("}\n");
    }

    private void nameValues(Function f) {
        Set<String> used = new HashSet<>();
        Set<String> usedBlocks = new HashSet<>();
        for (Param p : f.params()) if (p.name() != null) used.add(p.name());
        for (Block b : f.blocks()) {
            if (b.name() != null) usedBlocks.add(b.name());
            for (Instruction i : b.instructionsView()) if (i.name() != null) used.add(i.name());
        }
        Set<String> taken = new HashSet<>();
        int[] counter = {0};
        for (Param p : f.params()) names.put(p, pick(p.name(), taken, used, counter));
        for (Block b : f.blocks()) {
            for (Instruction i : b.instructionsView()) if (i.hasResult()) names.put(i, pick(i.name(), taken, used, counter));
        }
        Set<String> takenBlocks = new HashSet<>();
        int[] bc = {0};
        for (Block b : f.blocks()) {
            String n = b.name();
            if (n == null || takenBlocks.contains(n)) {
                String base = n == null ? "bb" : n + ".";
                do { n = base + (bc[0]++); } while (usedBlocks.contains(n) || takenBlocks.contains(n));
            }
            takenBlocks.add(n);
            blockNames.put(b, n);
        }
    }

    private static String pick(String name, Set<String> taken, Set<String> used, int[] counter) {
        String n = name;
        if (n == null || taken.contains(n)) {
            String base = n == null ? "" : n + ".";
            do { n = base + (counter[0]++); } while (used.contains(n) || taken.contains(n));
        }
        taken.add(n);
        return n;
    }

    private String valueName(Value v) {
        String n = names.get(v);
        if (n == null) n = v.name() != null ? v.name() : "?";
        return "%" + n;
    }

    private String blockName(Block b) {
        String n = blockNames.get(b);
        return n != null ? n : b == null ? "<null>" : String.valueOf(b.name());
    }

    /** An operand without its type: %name, an integer, null or undef. */
    private String operand(Value v) {
        if (v instanceof Constant || v instanceof Undef) return v.toString();
        return valueName(v);
    }

    private void instruction(Instruction i) {
        if (i.hasResult()) out.append(valueName(i)).append(" = ");
        Opcode op = i.op();
        List<Value> ops = i.operands();
        switch (op) {
            case CMP -> out.append("cmp ").append(i.predicate.spelling).append(' ').append(ops.get(0).type()).append(' ')
                           .append(operand(ops.get(0))).append(", ").append(operand(ops.get(1)));
            case ZEXT, SEXT, TRUNC, PTRTOINT, INTTOPTR -> out.append(op.spelling).append(' ').append(ops.get(0).type()).append(' ')
                           .append(operand(ops.get(0))).append(" to ").append(i.type());
            case PTRADD -> out.append("ptradd ").append(operand(ops.get(0))).append(", ").append(operand(ops.get(1)));
            case ADDRSPACECAST -> out.append(i.forAccess ? "addrspacecast access " : "addrspacecast ").append(operand(ops.get(0)))
                           .append(", ").append(i.fromSpace).append(" to ").append(i.toSpace);
            case SELECT -> out.append("select ").append(i.type()).append(' ').append(operand(ops.get(0))).append(", ")
                           .append(operand(ops.get(1))).append(", ").append(operand(ops.get(2)));
            case PHI -> {
                out.append("phi ").append(i.type());
                for (int k = 0; k < ops.size(); k++) {
                    out.append(k == 0 ? " " : ", ").append('[').append(operand(ops.get(k))).append(", ")
                       .append(blockName(i.targets().get(k))).append(']');
                }
            }
            case ADDR -> out.append("addr @").append(i.symbol);
            case ALLOCA -> out.append("alloca ").append(i.size).append(", align ").append(i.align);
            case LOAD -> out.append(i.isVolatile ? "load volatile " : "load ").append(i.ordered ? "acquire " : "").append(i.type()).append(' ')
                           .append(operand(ops.get(0))).append(", align ").append(i.align);
            case STORE -> out.append(i.isVolatile ? "store volatile " : "store ").append(i.ordered ? "release " : "").append(ops.get(0).type()).append(' ')
                           .append(operand(ops.get(0))).append(", ").append(operand(ops.get(1))).append(", align ").append(i.align);
            case ATOMICRMW -> out.append("atomicrmw ").append(i.fetch ? "fetch " : "").append(i.atomicOp.spelling).append(' ')
                           .append(ops.get(1).type()).append(' ').append(operand(ops.get(0))).append(", ").append(operand(ops.get(1)))
                           .append(", align ").append(i.align);
            case CMPXCHG -> out.append("cmpxchg ").append(i.type()).append(' ').append(operand(ops.get(0))).append(", ")
                           .append(operand(ops.get(1))).append(", ").append(operand(ops.get(2))).append(", align ").append(i.align);
            case MEMCPY, MEMSET -> out.append(op.spelling).append(' ').append(operand(ops.get(0))).append(", ")
                           .append(operand(ops.get(1))).append(", ").append(i.size).append(", align ").append(i.align);
            case CALL, CALLKFUNC -> {
                out.append(op.spelling).append(' ').append(i.type()).append(" @").append(i.symbol);
                args(ops);
            }
            case CALLIND -> {
                out.append("callind ").append(i.type()).append(' ').append(operand(ops.get(0)));
                args(ops.subList(1, ops.size()));
            }
            case CALLHELPER -> {
                out.append("callhelper ").append(i.type()).append(' ').append(i.size);
                args(ops);
            }
            case INLINE_ASM -> {
                out.append("inline_asm ").append(i.type()).append(' ').append(quote(i.asmTemplate)).append(", ")
                   .append(quote(i.asmConstraints));
                args(ops);
            }
            case CORE_FIELD -> out.append("core_field ").append(i.coreKind.spelling).append(' ').append(i.type())
                           .append(" btf ").append(i.btfTypeId).append(' ').append(quote(i.accessString));
            case BR -> out.append("br ").append(blockName(i.targets().get(0)));
            case CONDBR -> out.append("condbr ").append(ops.get(0).type()).append(' ').append(operand(ops.get(0))).append(", ")
                           .append(blockName(i.targets().get(0))).append(", ").append(blockName(i.targets().get(1)));
            case SWITCH -> {
                out.append("switch ").append(ops.get(0).type()).append(' ').append(operand(ops.get(0))).append(", ")
                   .append(blockName(i.targets().get(0))).append(" [");
                for (int k = 0; k < i.caseValues.length; k++) {
                    if (k > 0) out.append(", ");
                    out.append(i.caseValues[k]).append(": ").append(blockName(i.targets().get(k + 1)));
                }
                out.append(']');
            }
            case RET -> {
                if (ops.isEmpty()) out.append("ret void");
                else out.append("ret ").append(ops.get(0).type()).append(' ').append(operand(ops.get(0)));
            }
            case UNREACHABLE -> out.append("unreachable");
            default -> { // binary
                out.append(op.spelling).append(' ').append(i.type()).append(' ').append(operand(ops.get(0))).append(", ")
                   .append(operand(ops.get(1)));
            }
        }
        if (i.loopHint == Instruction.HINT_UNROLL) out.append(" !unroll");
        else if (i.loopHint == Instruction.HINT_NOUNROLL) out.append(" !nounroll");
        else if (i.loopHint > 0) out.append(" !unroll ").append(i.loopHint);
        if (i.loc != null) out.append(" !loc ").append(i.loc);
    }

    private void args(List<Value> ops) {
        out.append('(');
        for (int k = 0; k < ops.size(); k++) {
            if (k > 0) out.append(", ");
            out.append(ops.get(k).type()).append(' ').append(operand(ops.get(k)));
        }
        out.append(')');
    }

    static String quote(String s) {
        return quote(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Bytes as a quoted string: printable ASCII as is, everything else (and {@code "}, {@code \}) as \XX hex. */
    static String quote(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') sb.append((char) c);
            else sb.append('\\').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                   .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
        return sb.append('"').toString();
    }

}
