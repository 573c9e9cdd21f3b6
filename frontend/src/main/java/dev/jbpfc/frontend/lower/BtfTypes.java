package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfType;
import dev.jbpfc.btf.BtfType.EnumValue;
import dev.jbpfc.btf.BtfType.FuncLinkage;
import dev.jbpfc.btf.BtfType.Member;
import dev.jbpfc.btf.BtfType.Param;
import dev.jbpfc.btf.BtfType.VarLinkage;
import dev.jbpfc.frontend.types.ArrayType;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.EnumType;
import dev.jbpfc.frontend.types.Field;
import dev.jbpfc.frontend.types.FloatType;
import dev.jbpfc.frontend.types.FunctionType;
import dev.jbpfc.frontend.types.IntegerType;
import dev.jbpfc.frontend.types.PointerType;
import dev.jbpfc.frontend.types.QualifiedType;
import dev.jbpfc.frontend.types.RecordType;
import dev.jbpfc.frontend.types.TypedefType;
import dev.jbpfc.frontend.types.VoidType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns C types into BTF type ids the way clang-22 does for {@code -g} (checked against its .BTF with bpftool).
 *
 * <p>Worked example:
 * <pre>
 *   typedef unsigned int __u32;
 *   struct node { struct node *next; __u32 flag:1; const char *name; int v[2]; };
 * </pre>
 * {@code typeId(struct node)} gives
 * <pre>
 *   [1] STRUCT 'node' size=32 vlen=4 (kind_flag: it has a bitfield)
 *         'next' type_id=2 bits_offset=0
 *         'flag' type_id=3 bits_offset=64 bitfield_size=1
 *         'name' type_id=5 bits_offset=128
 *         'v' type_id=8 bits_offset=192
 *   [2] PTR -> 1            [3] TYPEDEF '__u32' -> 4   [4] INT 'unsigned int' size=4 encoding=(none)
 *   [5] PTR -> 6            [6] CONST -> 7             [7] INT 'char' size=1 encoding=SIGNED
 *   [8] ARRAY elem=9 index=10 nr_elems=2   [9] INT 'int'   [10] INT '__ARRAY_SIZE_TYPE__'
 * </pre>
 * Rules taken from clang's output: {@code char} and {@code signed char} are SIGNED, {@code unsigned char} has no
 * encoding, {@code _Bool} is BOOL; qualifiers nest const outside volatile outside restrict; a pointer's
 * btf_type_tags wrap its pointee in source order ({@code int __tag("a") __tag("b") *} is PTR -> b -> a -> int);
 * a struct with a bitfield sets kind_flag and gives each bitfield its width; an enum whose values need 64 bits is
 * ENUM64; an incomplete struct is FWD; an incomplete enum is an ENUM without values; a function type is a
 * FUNC_PROTO whose parameters are named only for a function definition ({@link #funcProto}); variadic adds a last
 * unnamed parameter of type void. Records are keyed by identity (one C struct is one BTF struct); all other types
 * are de-duplicated by {@link BtfBuilder}.
 */
public final class BtfTypes {
    private final BtfBuilder btf;
    private final Map<RecordType, Integer> records = new IdentityHashMap<>();
    private final Map<EnumType, Integer> enums = new IdentityHashMap<>();

    public BtfTypes(BtfBuilder btf) {
        this.btf = btf;
    }

    public BtfBuilder builder() { return btf; }

    /** The BTF id of {@code t}; 0 for void. */
    public int typeId(CType t) {
        if (t instanceof VoidType) return 0;
        if (t instanceof IntegerType i) return intType(i);
        if (t instanceof FloatType f) return btf.addFloat(f.spelling, f.bytes);
        if (t instanceof PointerType p) {
            int target = typeId(p.pointee());
            for (String tag : p.typeTags()) target = btf.addTypeTag(tag, target);
            return btf.addPointer(target);
        }
        if (t instanceof ArrayType a) {
            int elem = typeId(a.element());
            return btf.addArray(elem, a.length() < 0 ? 0 : (int) a.length());
        }
        if (t instanceof QualifiedType q) {
            int id = typeId(q.base());
            if ((q.quals() & QualifiedType.RESTRICT) != 0) id = btf.addRestrict(id);
            if ((q.quals() & QualifiedType.VOLATILE) != 0) id = btf.addVolatile(id);
            if ((q.quals() & QualifiedType.CONST) != 0) id = btf.addConst(id);
            return id;
        }
        if (t instanceof TypedefType td) {
            int id = btf.addTypedef(td.name(), typeId(td.aliased()));
            for (String tag : td.declTags()) btf.addDeclTag(tag, id, -1);
            return id;
        }
        if (t instanceof FunctionType f) return funcProto(f, null);
        if (t instanceof RecordType r) return record(r);
        if (t instanceof EnumType e) return enumType(e);
        throw new IllegalArgumentException("no BTF for " + t);
    }

    /** INT for a C integer type, named and encoded as clang does. */
    private int intType(IntegerType i) {
        return btf.addInt(i.spelling, i.bytes, i.signed, false, i == IntegerType.BOOL);
    }

    /**
     * FUNC_PROTO of {@code f}. {@code paramNames} are the parameter names of a function definition (null: unnamed,
     * as clang emits for declarations and function pointer types).
     */
    public int funcProto(FunctionType f, List<String> paramNames) {
        int ret = typeId(f.returnType());
        List<Param> params = new ArrayList<>();
        for (int i = 0; i < f.params().size(); i++) {
            String name = paramNames == null || i >= paramNames.size() || paramNames.get(i) == null
                    ? "" : paramNames.get(i);
            params.add(new Param(name, typeId(f.params().get(i).type())));
        }
        return btf.addFuncProto(ret, params, f.variadic());
    }

    /**
     * FUNC {@code name} for a function definition (parameter names from the definition) or an extern declaration
     * (kfunc: {@code paramNames} null, linkage EXTERN), with its btf_decl_tags.
     */
    public int func(String name, FunctionType f, List<String> paramNames, FuncLinkage linkage, List<String> declTags) {
        return func(name, f, paramNames, linkage, declTags, List.of());
    }

    /**
     * FUNC with the function's btf_decl_tags (component -1) and each parameter's (component = its index):
     * {@code void *ctx __arg_ctx} is {@code DECL_TAG 'arg:ctx' component_idx=0}, which tells the verifier of a
     * global function that the argument is the program's context.
     */
    public int func(String name, FunctionType f, List<String> paramNames, FuncLinkage linkage, List<String> declTags,
                    List<List<String>> paramTags) {
        int id = btf.addFunc(name, funcProto(f, paramNames), linkage);
        for (String tag : declTags) btf.addDeclTag(tag, id, -1);
        for (int i = 0; i < paramTags.size(); i++) {
            for (String tag : paramTags.get(i)) btf.addDeclTag(tag, id, i);
        }
        return id;
    }

    /**
     * FUNC for a function with more than five parameters under docs/calling-convention.md: parameters 1-4, then
     * {@code __args}, a pointer to {@code struct NAME__stack_args} holding parameters 5..n as 8-byte
     * {@code long long} slots, tagged {@code arg:nonnull} (component 4) so the verifier of a global function
     * knows the area is there.
     */
    public int funcWithStackArguments(String name, FunctionType f, List<String> paramNames, FuncLinkage linkage) {
        int ret = typeId(f.returnType());
        List<Param> params = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String n = paramNames != null && i < paramNames.size() && paramNames.get(i) != null ? paramNames.get(i) : "";
            params.add(new Param(n, typeId(f.params().get(i).type())));
        }
        int slot = btf.addInt("long long", 8, true, false, false);
        List<Member> members = new ArrayList<>();
        for (int i = 4; i < f.params().size(); i++) {
            String n = paramNames != null && i < paramNames.size() && paramNames.get(i) != null ? paramNames.get(i) : "arg" + (i + 1);
            members.add(Member.field(n, slot, (i - 4) * 64));
        }
        int area = btf.addStruct(name + "__stack_args", members.size() * 8, members);
        params.add(new Param("__args", btf.addPointer(area)));
        int id = btf.addFunc(name, btf.addFuncProto(ret, params, false), linkage);
        btf.addDeclTag("arg:nonnull", id, 4);
        return id;
    }

    /** VAR {@code name} of type {@code t} with its btf_decl_tags. */
    public int var(String name, CType t, VarLinkage linkage, List<String> declTags) {
        int id = btf.addVar(name, typeId(t), linkage);
        for (String tag : declTags) btf.addDeclTag(tag, id, -1);
        return id;
    }

    private int record(RecordType r) {
        Integer known = records.get(r);
        if (known != null) return known;
        String name = r.tag() == null ? "" : r.tag();
        if (!r.isComplete()) {
            int id = btf.addFwd(name.isEmpty() ? "(anon)" : name, r.isUnionType());
            records.put(r, id);
            return id;
        }
        int id = r.isUnionType() ? btf.declareUnion(name) : btf.declareStruct(name);
        records.put(r, id);
        List<Member> members = new ArrayList<>();
        List<Field> described = new ArrayList<>();
        for (Field f : r.fields()) {
            // Unnamed bit-fields are padding: clang's debug info (and so its BTF) leaves them out.
            if (f.isBitfield() && f.name == null) continue;
            described.add(f);
            int type = typeId(f.type);
            String fname = f.name == null ? "" : f.name;
            int off = (int) f.bitOffset();
            members.add(f.isBitfield() ? Member.bitfield(fname, type, off, f.bitWidth) : Member.field(fname, type, off));
        }
        btf.defineComposite(id, (int) r.size(), members);
        for (String tag : r.declTags()) btf.addDeclTag(tag, id, -1);
        for (int i = 0; i < described.size(); i++) {
            for (String tag : described.get(i).declTags) btf.addDeclTag(tag, id, i);
        }
        return id;
    }

    private int enumType(EnumType e) {
        Integer known = enums.get(e);
        if (known != null) return known;
        String name = e.tag() == null ? "" : e.tag();
        int id;
        if (!e.isComplete()) {
            // clang writes size 0 here; the kernel wants 1, 2, 4 or 8, so an incomplete enum is a 4-byte one.
            id = btf.addEnum(name, 4, false, List.of());
        } else {
            IntegerType u = e.underlying();
            List<EnumValue> values = new ArrayList<>();
            // An 8-byte enum is ENUM64 whatever its values (clang-22: mode(word), `enum e : long`).
            boolean wide = u.bytes > 4;
            for (EnumType.Enumerator en : e.enumerators()) {
                BigInteger v = en.value();
                // ENUM holds 32-bit values (signed or unsigned per kind_flag); anything wider needs ENUM64.
                if (v.bitLength() > (u.signed ? 31 : 32)) wide = true;
                values.add(new EnumValue(en.name(), v.longValue()));
            }
            id = wide ? btf.addEnum64(name, (int) u.bytes, u.signed, values)
                      : btf.addEnum(name, (int) u.bytes, u.signed, values);
        }
        enums.put(e, id);
        return id;
    }

    /** The kind of the record behind {@code id} (tests and the DATASEC code use it). */
    public BtfType type(int id) { return btf.type(id); }
}
