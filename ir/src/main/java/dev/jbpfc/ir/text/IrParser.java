package dev.jbpfc.ir.text;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.ir.AtomicOp;
import dev.jbpfc.ir.Block;
import dev.jbpfc.ir.Constant;
import dev.jbpfc.ir.CoreKind;
import dev.jbpfc.ir.DebugLoc;
import dev.jbpfc.ir.ExternFunction;
import dev.jbpfc.ir.FnAttr;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Param;
import dev.jbpfc.ir.Predicate;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Undef;
import dev.jbpfc.ir.Value;
import dev.jbpfc.source.SourceFile;
import dev.jbpfc.source.SourceLocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the text form of docs/ir.md into a {@link Module}. Malformed input is a {@link CompileError} located at
 * the offending token ({@code file.ir:12:7: error: expected ','}). Values and blocks may be used before they are
 * defined (phis, loops); what never gets defined is an error at its first use. The parser checks syntax and
 * names only; {@link dev.jbpfc.ir.IrVerifier} checks types and SSA rules.
 */
public final class IrParser {
    private final SourceFile file;
    private final List<IrLexer.Token> toks;
    private int pos;

    // per function
    private Map<String, Value> values;
    private Map<String, Forward> forwards;
    private Map<String, Block> blocks;
    private Map<String, IrLexer.Token> blockFirstUse;
    private Function fn;

    /** A use of a value not yet defined: replaced when the function ends. */
    private static final class Forward extends Value {
        final Type type;
        final IrLexer.Token at;

        Forward(Type type, IrLexer.Token at) {
            this.type = type;
            this.at = at;
        }

        @Override
        public Type type() { return type; }
    }

    private IrParser(SourceFile file) {
        this.file = file;
        this.toks = IrLexer.lex(file);
    }

    public static Module parse(SourceFile file) {
        return new IrParser(file).module();
    }

    public static Module parse(String path, String text) {
        return parse(new SourceFile(path, text));
    }

    // ---- token helpers ----

    private IrLexer.Token peek() { return toks.get(pos); }

    private IrLexer.Token peek(int k) { return toks.get(Math.min(pos + k, toks.size() - 1)); }

    private IrLexer.Token next() { return toks.get(pos++); }

    private CompileError error(IrLexer.Token at, String msg) {
        return new CompileError(new SourceLocation(file, at.offset()), msg);
    }

    private boolean accept(String s) {
        if (peek().is(s)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String s) {
        if (!accept(s)) throw error(peek(), "expected '" + s + "', found " + peek());
    }

    private String word() {
        IrLexer.Token t = next();
        if (t.kind() != IrLexer.Kind.WORD) throw error(t, "expected a name, found " + t);
        return t.text();
    }

    private long integer() {
        IrLexer.Token t = next();
        if (t.kind() != IrLexer.Kind.INT) throw error(t, "expected an integer, found " + t);
        return parseInt(t);
    }

    private long parseInt(IrLexer.Token t) {
        String s = t.text();
        try {
            boolean neg = s.startsWith("-");
            String body = neg ? s.substring(1) : s;
            long v = body.startsWith("0x") || body.startsWith("0X") ? Long.parseUnsignedLong(body.substring(2), 16)
                    : Long.parseUnsignedLong(body);
            return neg ? -v : v;
        } catch (NumberFormatException e) {
            throw error(t, "invalid integer '" + s + "'");
        }
    }

    private int smallInt() {
        IrLexer.Token t = peek();
        long v = integer();
        if (v < 0 || v > Integer.MAX_VALUE) throw error(t, "integer out of range");
        return (int) v;
    }

    private String string() {
        IrLexer.Token t = next();
        if (t.kind() != IrLexer.Kind.STRING) throw error(t, "expected a string, found " + t);
        return t.text();
    }

    private String globalName() {
        IrLexer.Token t = next();
        if (t.kind() != IrLexer.Kind.GLOBAL) throw error(t, "expected '@name', found " + t);
        return t.text();
    }

    private Type type() {
        IrLexer.Token t = next();
        Type ty = t.kind() == IrLexer.Kind.WORD ? Type.parse(t.text()) : null;
        if (ty == null) throw error(t, "expected a type (i1, i8, i16, i32, i64, ptr, void), found " + t);
        return ty;
    }

    private Type valueType() {
        IrLexer.Token t = peek();
        Type ty = type();
        if (ty == Type.VOID) throw error(t, "'void' is not a value type");
        return ty;
    }

    // ---- module ----

    private Module module() {
        Module m = new Module();
        while (peek().kind() != IrLexer.Kind.EOF) {
            IrLexer.Token t = peek();
            if (accept("file")) {
                IrLexer.Token at = peek();
                int idx = smallInt();
                if (idx != m.files().size()) throw error(at, "file indices must count up from 0");
                m.files().add(string());
            } else if (accept("global")) {
                Global g = global();
                if (m.hasSymbol(g.name())) throw error(t, "redefinition of '@" + g.name() + "'");
                m.globals().add(g);
            } else if (accept("declare")) {
                ExternFunction e = declare();
                if (m.hasSymbol(e.name())) throw error(t, "redefinition of '@" + e.name() + "'");
                m.externs().add(e);
            } else if (accept("define")) {
                Function f = function();
                if (m.hasSymbol(f.name())) throw error(t, "redefinition of '@" + f.name() + "'");
                m.functions().add(f);
            } else {
                throw error(t, "expected 'file', 'global', 'declare' or 'define', found " + t);
            }
        }
        return m;
    }

    private Linkage linkage() {
        IrLexer.Token t = next();
        Linkage l = t.kind() == IrLexer.Kind.WORD ? Linkage.parse(t.text()) : null;
        if (l == null) throw error(t, "expected a linkage (static, global, weak, extern, extern_weak), found " + t);
        return l;
    }

    private Global global() {
        Linkage l = linkage();
        String name = globalName();
        expect("size");
        long size = integer();
        expect("align");
        int align = smallInt();
        expect("section");
        String section = string();
        Global g = new Global(name, size, align, section, l);
        while (true) {
            if (accept("btf")) g.setBtfType(smallInt());
            else if (accept("hidden")) g.setHidden(true);
            else if (accept("data")) {
                IrLexer.Token t = next();
                if (t.kind() != IrLexer.Kind.STRING) throw error(t, "expected a string, found " + t);
                if (t.bytes().length > size) throw error(t, "data is longer than the global's size");
                g.setData(t.bytes());
            } else if (accept("reloc")) {
                IrLexer.Token at = peek();
                long off = integer();
                if (off < 0 || off + 8 > size) throw error(at, "relocation offset outside the global");
                String sym = globalName();
                long addend = 0;
                if (accept("+")) addend = integer();
                else if (peek().kind() == IrLexer.Kind.INT && peek().text().startsWith("-")) addend = integer();
                g.relocs().add(new Global.Reloc(off, sym, addend));
            } else break;
        }
        return g;
    }

    private ExternFunction declare() {
        IrLexer.Token kt = next();
        ExternFunction.Kind kind = kt.kind() == IrLexer.Kind.WORD ? ExternFunction.Kind.parse(kt.text()) : null;
        if (kind == null) throw error(kt, "expected 'helper', 'kfunc' or 'extern', found " + kt);
        Type ret = type();
        String name = globalName();
        expect("(");
        List<Type> params = new ArrayList<>();
        if (!accept(")")) {
            do params.add(valueType()); while (accept(","));
            expect(")");
        }
        long id = 0;
        if (kind == ExternFunction.Kind.HELPER) {
            expect("id");
            id = integer();
        }
        boolean weak = accept("weak");
        int btf = 0;
        if (accept("btf")) btf = smallInt();
        ExternFunction e = new ExternFunction(kind, name, ret, params, id, weak);
        e.setBtfFuncId(btf);
        return e;
    }

    // ---- functions ----

    private Function function() {
        Linkage l = linkage();
        Type ret = type();
        String name = globalName();
        fn = new Function(name, ret);
        fn.setLinkage(l);
        values = new HashMap<>();
        forwards = new LinkedHashMap<>();
        blocks = new HashMap<>();
        blockFirstUse = new LinkedHashMap<>();
        expect("(");
        if (!accept(")")) {
            do {
                Type t = valueType();
                IrLexer.Token nt = next();
                if (nt.kind() != IrLexer.Kind.LOCAL) throw error(nt, "expected '%name', found " + nt);
                if (values.containsKey(nt.text())) throw error(nt, "redefinition of '%" + nt.text() + "'");
                Param p = fn.addParam(nt.text(), t);
                values.put(nt.text(), p);
            } while (accept(","));
            expect(")");
        }
        expect("section");
        fn.setSection(string());
        while (true) {
            IrLexer.Token t = peek();
            if (accept("btf")) fn.setBtfFuncId(smallInt());
            else if (t.kind() == IrLexer.Kind.WORD && FnAttr.parse(t.text()) != null) {
                pos++;
                fn.attrs().add(FnAttr.parse(t.text()));
            } else break;
        }
        expect("{");
        Block cur = null;
        while (!accept("}")) {
            IrLexer.Token t = peek();
            if (t.kind() == IrLexer.Kind.EOF) throw error(t, "expected '}' at the end of function '@" + name + "'");
            if (t.kind() == IrLexer.Kind.WORD && peek(1).is(":")) {
                pos += 2;
                Block b = blockRef(t);
                if (b.function() != null) throw error(t, "redefinition of block '" + t.text() + "'");
                fn.insertBlockAfter(null, b);
                blockFirstUse.remove(t.text());
                cur = b;
                continue;
            }
            if (cur == null) throw error(t, "expected a block label before the first instruction");
            Instruction i = instruction();
            cur.append(i);
        }
        if (fn.blocks().isEmpty()) throw error(peek(), "function '@" + name + "' has no blocks");
        for (Map.Entry<String, IrLexer.Token> e : blockFirstUse.entrySet()) {
            throw error(e.getValue(), "use of undefined block '" + e.getKey() + "'");
        }
        // resolve forward references
        Map<Value, Value> repl = new HashMap<>();
        for (Map.Entry<String, Forward> e : forwards.entrySet()) {
            Value def = values.get(e.getKey());
            Forward fw = e.getValue();
            if (def == null || def instanceof Forward) throw error(fw.at, "use of undefined value '%" + e.getKey() + "'");
            if (def.type() != fw.type) {
                throw error(fw.at, "'%" + e.getKey() + "' is " + def.type() + " but is used as " + fw.type);
            }
            repl.put(fw, def);
        }
        fn.replaceAllUses(repl);
        return fn;
    }

    private Block blockRef(IrLexer.Token t) {
        Block b = blocks.get(t.text());
        if (b == null) {
            b = new Block(t.text());
            blocks.put(t.text(), b);
            blockFirstUse.put(t.text(), t);
        }
        return b;
    }

    private Block blockName() {
        IrLexer.Token t = next();
        if (t.kind() != IrLexer.Kind.WORD) throw error(t, "expected a block name, found " + t);
        return blockRef(t);
    }

    /** An operand of a known type: %name, an integer, null or undef. */
    private Value value(Type type) {
        IrLexer.Token t = next();
        switch (t.kind()) {
            case LOCAL -> {
                Value v = values.get(t.text());
                if (v != null) {
                    if (v.type() != type) throw error(t, "'%" + t.text() + "' is " + v.type() + " but is used as " + type);
                    return v;
                }
                Forward fw = forwards.get(t.text());
                if (fw == null) {
                    fw = new Forward(type, t);
                    forwards.put(t.text(), fw);
                } else if (fw.type != type) {
                    throw error(t, "'%" + t.text() + "' is used as " + fw.type + " and as " + type);
                }
                return fw;
            }
            case INT -> {
                long v = parseInt(t);
                if (type == Type.PTR) {
                    if (v != 0) throw error(t, "a ptr constant must be 'null' (use inttoptr for addresses)");
                    return Constant.nullPtr();
                }
                if (!type.isInt()) throw error(t, "no constants of type " + type);
                return Constant.of(type, v);
            }
            case WORD -> {
                if (t.text().equals("null")) {
                    if (type != Type.PTR) throw error(t, "'null' is a ptr constant, expected " + type);
                    return Constant.nullPtr();
                }
                if (t.text().equals("undef")) return Undef.of(type);
                if (t.text().equals("true") && type == Type.I1) return Constant.bool(true);
                if (t.text().equals("false") && type == Type.I1) return Constant.bool(false);
            }
            default -> { }
        }
        throw error(t, "expected a value, found " + t);
    }

    private Value typedValue() {
        Type t = valueType();
        return value(t);
    }

    private int alignClause() {
        expect(",");
        expect("align");
        return smallInt();
    }

    private List<Value> args() {
        List<Value> a = new ArrayList<>();
        expect("(");
        if (!accept(")")) {
            do a.add(typedValue()); while (accept(","));
            expect(")");
        }
        return a;
    }

    private Instruction instruction() {
        IrLexer.Token nameTok = null;
        if (peek().kind() == IrLexer.Kind.LOCAL) {
            nameTok = next();
            expect("=");
        }
        IrLexer.Token opTok = next();
        Opcode op = opTok.kind() == IrLexer.Kind.WORD ? Opcode.parse(opTok.text()) : null;
        if (op == null) throw error(opTok, "unknown instruction " + opTok);
        Instruction i = body(op, opTok);
        // suffixes
        while (accept("!")) {
            IrLexer.Token s = next();
            switch (s.text()) {
                case "unroll" -> i.loopHint = peek().kind() == IrLexer.Kind.INT ? smallInt() : Instruction.HINT_UNROLL;
                case "nounroll" -> i.loopHint = Instruction.HINT_NOUNROLL;
                case "loc" -> {
                    int f = smallInt();
                    expect(":");
                    int line = smallInt();
                    expect(":");
                    int col = smallInt();
                    i.loc = new DebugLoc(f, line, col);
                }
                default -> throw error(s, "unknown annotation '!" + s.text() + "'");
            }
        }
        if (i.hasResult() != (nameTok != null)) {
            if (nameTok == null) throw error(opTok, "the result of '" + op.spelling + "' needs a name ('%x = ...')");
            throw error(nameTok, "'" + op.spelling + "' produces no value to name");
        }
        if (nameTok != null) {
            Value old = values.get(nameTok.text());
            if (old != null) throw error(nameTok, "redefinition of '%" + nameTok.text() + "'");
            i.setName(nameTok.text());
            values.put(nameTok.text(), i);
        }
        return i;
    }

    private Instruction body(Opcode op, IrLexer.Token opTok) {
        switch (op) {
            case CMP -> {
                IrLexer.Token pt = next();
                Predicate p = Predicate.parse(pt.text());
                if (p == null) throw error(pt, "expected a predicate (eq ne ult ule ugt uge slt sle sgt sge), found " + pt);
                Type t = valueType();
                Value a = value(t);
                expect(",");
                return Instruction.cmp(p, a, value(t));
            }
            case ZEXT, SEXT, TRUNC, PTRTOINT, INTTOPTR -> {
                Value x = typedValue();
                expect("to");
                return Instruction.cast(op, x, valueType());
            }
            case PTRADD -> {
                Value p = value(Type.PTR);
                expect(",");
                return Instruction.ptradd(p, value(Type.I64));
            }
            case ADDRSPACECAST -> {
                boolean forAccess = accept("access");
                Value p = value(Type.PTR);
                expect(",");
                int from = (int) integer();
                expect("to");
                return Instruction.addrSpaceCast(p, from, (int) integer(), forAccess);
            }
            case SELECT -> {
                Type t = valueType();
                Value c = value(Type.I1);
                expect(",");
                Value a = value(t);
                expect(",");
                return Instruction.select(c, a, value(t));
            }
            case PHI -> {
                Instruction phi = Instruction.phi(valueType());
                do {
                    expect("[");
                    Value v = value(phi.type());
                    expect(",");
                    Block b = blockName();
                    expect("]");
                    phi.addIncoming(v, b);
                } while (accept(","));
                return phi;
            }
            case ADDR -> { return Instruction.addr(globalName()); }
            case ALLOCA -> {
                long size = integer();
                return Instruction.alloca(size, alignClause());
            }
            case LOAD -> {
                boolean vol = accept("volatile");
                boolean acquire = accept("acquire");
                Type t = valueType();
                Value p = value(Type.PTR);
                Instruction i = Instruction.load(t, p, alignClause());
                i.isVolatile = vol;
                i.ordered = acquire;
                return i;
            }
            case STORE -> {
                boolean vol = accept("volatile");
                boolean release = accept("release");
                Value v = typedValue();
                expect(",");
                Value p = value(Type.PTR);
                Instruction i = Instruction.store(v, p, alignClause());
                i.isVolatile = vol;
                i.ordered = release;
                return i;
            }
            case ATOMICRMW -> {
                boolean fetch = accept("fetch");
                IrLexer.Token at = next();
                AtomicOp aop = AtomicOp.parse(at.text());
                if (aop == null) throw error(at, "expected an atomic operation (add or and xor xchg), found " + at);
                Type t = valueType();
                Value p = value(Type.PTR);
                expect(",");
                Instruction i = Instruction.atomicRmw(aop, fetch, p, value(t));
                i.align = alignClause();
                return i;
            }
            case CMPXCHG -> {
                Type t = valueType();
                Value p = value(Type.PTR);
                expect(",");
                Value e = value(t);
                expect(",");
                Instruction i = Instruction.cmpxchg(p, e, value(t));
                i.align = alignClause();
                return i;
            }
            case MEMCPY, MEMSET -> {
                Value d = value(Type.PTR);
                expect(",");
                Value s = value(op == Opcode.MEMCPY ? Type.PTR : Type.I8);
                expect(",");
                long size = integer();
                int align = alignClause();
                return op == Opcode.MEMCPY ? Instruction.memcpy(d, s, size, align) : Instruction.memset(d, s, size, align);
            }
            case CALL, CALLKFUNC -> {
                Type ret = type();
                String callee = globalName();
                List<Value> a = args();
                return op == Opcode.CALL ? Instruction.call(ret, callee, a) : Instruction.callKfunc(ret, callee, a);
            }
            case CALLIND -> {
                Type ret = type();
                Value callee = value(Type.PTR);
                return Instruction.callIndirect(ret, callee, args());
            }
            case CALLHELPER -> {
                Type ret = type();
                long id = integer();
                return Instruction.callHelper(ret, id, args());
            }
            case INLINE_ASM -> {
                Type ret = type();
                String tmpl = string();
                expect(",");
                String cons = string();
                return Instruction.inlineAsm(ret, tmpl, cons, args());
            }
            case CORE_FIELD -> {
                IrLexer.Token kt = next();
                CoreKind k = CoreKind.parse(kt.text());
                if (k == null) throw error(kt, "unknown CO-RE relocation kind " + kt);
                Type t = valueType();
                expect("btf");
                int id = smallInt();
                return Instruction.coreField(t, k, id, string());
            }
            case BR -> { return Instruction.br(blockName()); }
            case CONDBR -> {
                Value c = typedValue();
                expect(",");
                Block a = blockName();
                expect(",");
                return Instruction.condbr(c, a, blockName());
            }
            case SWITCH -> {
                Type t = valueType();
                Value v = value(t);
                expect(",");
                Block d = blockName();
                expect("[");
                List<Long> vals = new ArrayList<>();
                List<Block> dests = new ArrayList<>();
                if (!accept("]")) {
                    do {
                        vals.add(t.normalize(integer()));
                        expect(":");
                        dests.add(blockName());
                    } while (accept(","));
                    expect("]");
                }
                return Instruction.switchOf(v, d, vals.stream().mapToLong(Long::longValue).toArray(), dests);
            }
            case RET -> {
                if (accept("void")) return Instruction.ret(null);
                return Instruction.ret(typedValue());
            }
            case UNREACHABLE -> { return Instruction.unreachable(); }
            default -> {
                if (!op.isBinary()) throw error(opTok, "unknown instruction " + opTok);
                Type t = valueType();
                Value a = value(t);
                expect(",");
                return Instruction.binary(op, a, value(t));
            }
        }
    }
}
