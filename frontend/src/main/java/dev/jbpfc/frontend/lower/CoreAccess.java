package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.sema.ConstValue;
import dev.jbpfc.frontend.sema.MemberAccess;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.EnumType;
import dev.jbpfc.frontend.types.Field;
import dev.jbpfc.frontend.types.RecordType;
import dev.jbpfc.ir.CoreKind;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.Value;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * CO-RE: member accesses through records marked {@code preserve_access_index} (all of vmlinux.h) and everything
 * inside {@code __builtin_preserve_access_index(...)} get their byte offset from a relocation the loader patches
 * for the running kernel, instead of a constant:
 * <pre>
 *   struct task_struct *t; ... t-&gt;real_parent-&gt;tgid
 *   %o1 = core_field byte_offset i64 btf 12 "0:57"    ; task_struct, member 57 (real_parent)
 *   %a1 = ptradd %t, %o1
 *   %rp = load ptr %a1, align 8
 *   %o2 = core_field byte_offset i64 btf 12 "0:40"    ; task_struct, member 40 (tgid)
 *   %a2 = ptradd %rp, %o2
 *   %v  = load i32 %a2, align 4
 * </pre>
 * One relocation per access chain that ends at a pointer dereference (each {@code ->} starts a new chain, as in
 * clang); the access string is {@code "0"} (the base pointer's element) then one index per member step (members
 * of anonymous structs/unions add their own index) and per constant array index. The root id is the BTF type of the
 * record the chain starts from, named as the source spells it (its typedef, if any: see {@link #rootType}). Also {@code __builtin_preserve_field_info}, {@code __builtin_preserve_type_info},
 * {@code __builtin_preserve_enum_value} and {@code __builtin_btf_type_id} (kind numbers as in llvm_reloc.rst).
 */
final class CoreAccess {
    private final ExprLowering x;
    private int depth;

    CoreAccess(ExprLowering x) {
        this.x = x;
    }

    boolean active() { return depth > 0; }

    <T> T inPreserveAccessIndex(Supplier<T> body) {
        depth++;
        try {
            return body.get();
        } finally {
            depth--;
        }
    }

    /** A chain: where it starts and the access string from there. */
    private record Chain(Expr rootExpr, boolean rootIsPointer, RecordType root, CType rootType, String access,
                         CType result, MemberAccess last) {}

    /**
     * The lvalue of a member or array access through a relocated offset, or null if the access is not a CO-RE one
     * (no preserve_access_index record at its root, or a non-constant array index on the way).
     */
    LValue tryAccess(Expr e) {
        Chain c = chain(e);
        if (c == null) return null;
        Value base = c.rootIsPointer ? x.rvalue(c.rootExpr) : x.lvalue(c.rootExpr).address();
        x.b.setLoc(x.unit.loc(e.loc()));
        int id = x.unit.btf.typeId(c.rootType);
        Value off = x.b.coreField(Type.I64, CoreKind.FIELD_BYTE_OFFSET, id, c.access);
        Value addr = x.b.ptradd(base, off);
        if (c.last != null && c.last.field().isBitfield()) {
            // libbpf relocates a bit-field's byte_offset to the start of its storage unit (the member type's size,
            // aligned): the unit is loaded there and the bits are taken out with this build's shifts, as clang does.
            var f = c.last.field();
            int unitBytes = (int) f.type.size();
            long bit = c.last.bitOffset();
            long unitStart = (bit / (unitBytes * 8L)) * unitBytes;
            int shift = (int) (bit - unitStart * 8);
            if (shift + f.bitWidth > unitBytes * 8) {
                throw new CompileError(e.loc(), "CO-RE access to bit-field '" + f.name + "' crossing its storage unit is not supported");
            }
            return new LValue(addr, f.type, unitBytes, c.result.isVolatile(), unitBytes, shift, f.bitWidth);
        }
        return new LValue(addr, c.result, Math.max(1, ExprLowering.alignOf(c.result)), c.result.isVolatile(), 0, 0, -1);
    }

    private Chain chain(Expr e) {
        Deque<String> steps = new ArrayDeque<>();
        CType result = e.type;
        MemberAccess last = null;
        RecordType inner = null;
        Expr cur = e;
        while (true) {
            if (cur instanceof Expr.Member m) {
                MemberAccess ma = x.unit.model.memberOf(m);
                if (ma == null) return null;
                boolean relocated = ma.record().preserveAccessIndex() || active();
                if (!relocated) {
                    // A record without preserve_access_index ends the chain: it is the base the chain starts from.
                    if (inner == null) return null;
                    steps.addFirst("0");
                    return new Chain(cur, false, inner, rootType(cur.type, inner), String.join(":", steps), result, last);
                }
                if (last == null) last = ma;
                inner = ma.record();
                List<Integer> btfPath = btfPath(ma.record(), ma.path());
                for (int i = btfPath.size() - 1; i >= 0; i--) steps.addFirst(String.valueOf(btfPath.get(i)));
                if (m.arrow) {
                    steps.addFirst("0");
                    CType pointee = m.base.type.isPointer() ? m.base.type.asPointer().pointee() : null;
                    return new Chain(m.base, true, inner, rootType(pointee, inner), String.join(":", steps), result, last);
                }
                if (!(m.base instanceof Expr.Member) && !(m.base instanceof Expr.Index)) {
                    steps.addFirst("0");
                    return new Chain(m.base, false, inner, rootType(m.base.type, inner), String.join(":", steps), result, last);
                }
                cur = m.base;
            } else if (cur instanceof Expr.Index ix) {
                if (!ix.base.type.isArray() && !ix.base.type.isPointer()) return null;
                ConstValue k = x.unit.model.constantOf(ix.index);
                Long idx = k != null && k.isInteger() ? Long.valueOf(k.asLong()) : constantIndex(ix.index);
                if (idx == null) {
                    // A variable index ends the chain here: the element is reached by ordinary arithmetic.
                    if (inner == null) return null;
                    steps.addFirst("0");
                    return new Chain(cur, false, inner, rootType(cur.type, inner), String.join(":", steps), result, last);
                }
                if (ix.base.type.isPointer()) {
                    // p[i].x: the first index of the access string is the pointer's element.
                    CType rt = ix.base.type.asPointer().pointee();
                    if (!(rt.unqualified() instanceof RecordType r)) return null;
                    if (steps.isEmpty()) {
                        // The subscript alone (aux->func_info[0].type_id, where the element's record has no
                        // preserve_access_index): relocated as an index-only access, "N" on the element's record.
                        if (!indexesPreservedPointer(ix.base)) return null;
                    } else if (!r.preserveAccessIndex() && !active()) {
                        return null;
                    }
                    // clang names the record itself here, not a typedef the pointer was declared with: p[1].x
                    // with `named_t *p` relocates against `struct named` (checked against clang-22).
                    steps.addFirst(String.valueOf(idx));
                    return new Chain(ix.base, true, r, r, String.join(":", steps), result, last);
                }
                steps.addFirst(String.valueOf(idx));
                cur = ix.base;
                if (!(cur instanceof Expr.Member)) return null;
            } else {
                return null;
            }
        }
    }

    /**
     * Whether a subscript of the pointer {@code base} is itself a CO-RE access, as clang-22 makes it (checked with
     * llvm-objdump on its objects): when the pointer is read from a member of a {@code preserve_access_index} record
     * ({@code aux->func_info[1]}, even if the element's own record has no such attribute), is a variable or
     * parameter pointing to such a record ({@code p[1]}), or is inside {@code __builtin_preserve_access_index}.
     * The relocation names the element's record with the index alone as access string ({@code "1"}): the loader
     * then scales the index by the running kernel's size of that record. A pointer from anywhere else (a call, a
     * local copy of the member) is indexed with this build's size, as in clang.
     */
    boolean indexesPreservedPointer(Expr base) {
        if (!base.type.isPointer() || !(base.type.asPointer().pointee().unqualified() instanceof RecordType pointee)) {
            return false;
        }
        if (active()) return true;
        if (base instanceof Expr.Member m) {
            MemberAccess ma = x.unit.model.memberOf(m);
            return ma != null && ma.record().preserveAccessIndex();
        }
        if (base instanceof Expr.Ident id) {
            return x.unit.model.symbolOf(id) instanceof dev.jbpfc.frontend.sema.ObjectSymbol
                    && pointee.preserveAccessIndex();
        }
        return false;
    }

    /**
     * The type a chain's relocation names: the root record as the source spells it, a typedef kept and top-level
     * qualifiers dropped, as clang does. It matters for a typedef of an anonymous record, all over vmlinux.h
     * ({@code typedef struct { u64 key[2]; } siphash_key_t;}): libbpf finds the kernel's candidates for a
     * relocation by its type's name and refuses one with none ("target candidate search failed for [N] struct"),
     * so {@code key->key[0]} must relocate against {@code siphash_key_t}, not the unnamed struct under it.
     * A typedef of a named record is named the same way (clang does, and libbpf then finds the kernel's typedef).
     */
    private static CType rootType(CType written, RecordType record) {
        if (written == null) return record;
        CType t = withoutQualifiers(written);
        return t.unqualified() == record ? t : record;
    }

    /**
     * The path of BTF member indices for a path of field indices: an unnamed bit-field ({@code long: 64;}, all
     * over vmlinux.h) has no BTF member (BtfTypes skips it), so it must not be counted in the access string
     * either, or the loader relocates the access to the member after the one meant.
     */
    static List<Integer> btfPath(RecordType record, List<Integer> path) {
        List<Integer> out = new ArrayList<>(path.size());
        RecordType r = record;
        for (int idx : path) {
            int btf = 0;
            for (int j = 0; j < idx; j++) {
                Field f = r.fields().get(j);
                if (!(f.isBitfield() && f.name == null)) btf++;
            }
            out.add(btf);
            Field f = r.fields().get(idx);
            if (f.isAnonymousRecord()) r = f.type.asRecord();
        }
        return out;
    }

    private static Long constantIndex(Expr e) {
        if (e instanceof Expr.IntLiteral lit) return LiteralValues.integer(lit.spelling);
        return null;
    }

    /** __builtin_preserve_field_info(access, kind): kind 0..5 = byte_offset, byte_size, exists, signed, lshift, rshift. */
    Value fieldInfo(Expr.Call e) {
        Expr access = e.args.get(0);
        long kind = constArg(e, 1);
        Chain c = inPreserveAccessIndex(() -> chain(access));
        if (c == null) throw new CompileError(access.loc(), "__builtin_preserve_field_info needs a member access");
        CoreKind k = switch ((int) kind) {
            case 0 -> CoreKind.FIELD_BYTE_OFFSET;
            case 1 -> CoreKind.FIELD_BYTE_SIZE;
            case 2 -> CoreKind.FIELD_EXISTS;
            case 3 -> CoreKind.FIELD_SIGNED;
            case 4 -> CoreKind.FIELD_LSHIFT_U64;
            case 5 -> CoreKind.FIELD_RSHIFT_U64;
            default -> throw new CompileError(e.loc(), "invalid field info kind " + kind);
        };
        x.b.setLoc(x.unit.loc(e.loc()));
        return x.b.coreField(Type.I32, k, x.unit.btf.typeId(c.rootType), c.access);
    }

    /** __builtin_preserve_type_info(*(T *)0, kind): 0 = exists, 1 = size, 2 = matches. */
    Value typeInfo(Expr.Call e) {
        CType t = e.args.get(0).type;
        long kind = constArg(e, 1);
        CoreKind k = switch ((int) kind) {
            case 0 -> CoreKind.TYPE_EXISTS;
            case 1 -> CoreKind.TYPE_SIZE;
            case 2 -> CoreKind.TYPE_MATCHES;
            default -> throw new CompileError(e.loc(), "invalid type info kind " + kind);
        };
        x.b.setLoc(x.unit.loc(e.loc()));
        return x.b.coreField(Type.I32, k, x.unit.btf.typeId(withoutQualifiers(t)), "0");
    }

    /** __builtin_preserve_enum_value(*(enum E *)VALUE, kind): 0 = exists, 1 = value. */
    Value enumValue(Expr.Call e) {
        Expr arg = e.args.get(0);
        CType t = arg.type;
        if (!(t.unqualified() instanceof EnumType en)) {
            throw new CompileError(arg.loc(), "__builtin_preserve_enum_value needs *(enum E *)VALUE");
        }
        Expr inner = arg instanceof Expr.Unary u ? u.operand : arg;
        if (inner instanceof Expr.Cast c) inner = c.operand;
        ConstValue v = x.unit.model.constantOf(inner);
        Long value = v != null ? Long.valueOf(v.asLong()) : constantIndex(inner);
        if (value == null && inner instanceof Expr.Ident id
                && x.unit.model.symbolOf(id) instanceof dev.jbpfc.frontend.sema.EnumConstantSymbol ec) {
            value = ec.value().longValue();
        }
        if (value == null) throw new CompileError(arg.loc(), "__builtin_preserve_enum_value needs a constant enumerator");
        int index = -1;
        for (int i = 0; i < en.enumerators().size(); i++) {
            if (en.enumerators().get(i).value().longValue() == value) { index = i; break; }
        }
        if (index < 0) throw new CompileError(arg.loc(), "value " + value + " is not an enumerator of " + t.spelling());
        long kind = constArg(e, 1);
        CoreKind k = kind == 0 ? CoreKind.ENUMVAL_EXISTS : CoreKind.ENUMVAL_VALUE;
        x.b.setLoc(x.unit.loc(e.loc()));
        // An enumerator relocation's access string is the enumerator's index alone, with no leading "0:" (the
        // type is the enum itself, not a pointer into it): libbpf refuses "0:N" ("parsing [id] enum E + 0:N
        // failed: -22"), as it read "0" as the enumerator and ":N" as a step into a type with no members.
        return x.b.coreField(Type.I64, k, x.unit.btf.typeId(withoutQualifiers(t)), Integer.toString(index));
    }

    /** __builtin_btf_type_id(expr, flag): 0 = local type id, 1 = target (kernel) type id. */
    Value btfTypeId(Expr.Call e) {
        CType t = e.args.get(0).type;
        long flag = constArg(e, 1);
        x.b.setLoc(x.unit.loc(e.loc()));
        return x.b.coreField(Type.I64, flag == 0 ? CoreKind.TYPE_ID_LOCAL : CoreKind.TYPE_ID_TARGET,
                x.unit.btf.typeId(withoutQualifiers(t)), "0");
    }

    /** Type relocations name the type without top-level qualifiers, keeping typedef names. */
    private static CType withoutQualifiers(CType t) {
        while (t instanceof dev.jbpfc.frontend.types.QualifiedType q) t = q.base();
        return t;
    }

    private long constArg(Expr.Call e, int i) {
        Expr a = e.args.get(i);
        ConstValue v = x.unit.model.constantOf(a);
        if (v != null) return v.asLong();
        Long lit = constantIndex(a);
        if (lit != null) return lit;
        Value val = x.rvalue(a);
        if (val instanceof dev.jbpfc.ir.Constant c) return c.value();
        throw new CompileError(a.loc(), "the kind argument must be a constant");
    }
}
