package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfType.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a .BTF section: hands out type ids for type records, keeps the shared string table, and encodes both.
 * The frontend's lowering calls it to turn each C type, function and global it emits into a BTF id; nothing here
 * knows about the frontend's classes.
 *
 * <p>Worked example. For
 * <pre>
 *   struct node { struct node *next; unsigned flag:1; };
 *   int count(struct node *n) { ... }
 * </pre>
 * the lowering calls
 * <pre>
 *   int node = b.declareStruct("node");                       // [1] reserved: next refers to it
 *   int ptr  = b.addPointer(node);                            // [2] PTR '(anon)' type_id=1
 *   int uint = b.addInt("unsigned int", 4, false, false, false); // [3] INT 'unsigned int' size=4 nr_bits=32 encoding=(none)
 *   b.defineComposite(node, 16, List.of(Member.field("next", ptr, 0), Member.bitfield("flag", uint, 64, 1)));
 *                                                             // [1] STRUCT 'node' size=16 vlen=2 (kind_flag=1)
 *                                                             //     'next' type_id=2 bits_offset=0
 *                                                             //     'flag' type_id=3 bits_offset=64 bitfield_size=1
 *   int i    = b.addInt("int", 4, true, false, false);        // [4] INT 'int' size=4 nr_bits=32 encoding=SIGNED
 *   int fp   = b.addFuncProto(i, List.of(new Param("n", ptr)), false); // [5] FUNC_PROTO ret_type_id=4 vlen=1 ('n' type_id=2)
 *   int fn   = b.addFunc("count", fp, FuncLinkage.GLOBAL);    // [6] FUNC 'count' type_id=5 linkage=global
 *   byte[] btf = b.encode();                                  // header + 6 records + "\0node\0unsigned int\0next\0..."
 * </pre>
 * and {@code fn} goes into the function's func_info record ({@link BtfExtBuilder#addFuncInfo}).
 *
 * <p>De-duplication: adding a record equal to one added before returns the earlier id, so the lowering may ask for
 * {@code int *} as often as it meets it. Records are compared on their fields, with referenced types compared by
 * id, which makes equal ids mean equal structure for everything built bottom-up. A recursive struct cannot be built
 * bottom-up: {@link #declareStruct} reserves its id first (pointers to it can then be made) and
 * {@link #defineComposite} fills it in; a reserved id is never merged with another type, so two different recursive
 * structs never collapse into one (full graph-isomorphism merging, as libbpf's btf__dedup does, is not attempted:
 * one translation unit has one definition per struct tag anyway). A struct declared and never defined is encoded as
 * FWD, as for {@code struct fwdonly *p;} in C.
 *
 * <p>Misuse (an unknown type id, a 300-bit bitfield) is a compiler bug, reported with IllegalArgumentException.
 */
public final class BtfBuilder {
    private BtfStrings strings;
    /** Type id i+1 at index i; null while a declared composite waits for its definition. */
    private final List<BtfType> types = new ArrayList<>();
    private final Map<Integer, Fwd> declared = new HashMap<>();
    private final Map<BtfType, Integer> ids = new HashMap<>();
    private int arrayIndexType;

    public BtfBuilder() {
        this(new BtfStrings());
    }

    /** A builder over an existing string table (a test re-creating another compiler's exact string offsets). */
    public BtfBuilder(BtfStrings strings) {
        this.strings = strings;
    }

    /** The shared string table (.BTF.ext records put their strings here too). */
    public BtfStrings strings() {
        return strings;
    }

    /** Adds a string to the string table and returns its offset. */
    public int addString(String s) {
        return strings.add(s);
    }

    // ---- scalars ----------------------------------------------------------------------------------------------

    /**
     * INT {@code name} of {@code bytes} bytes using all its bits. The kernel allows one encoding: BOOL when
     * {@code isBool}, else SIGNED when {@code signed}, else CHAR when {@code isChar}, else none. (clang encodes
     * {@code char} and {@code signed char} as SIGNED and {@code unsigned char} as none: to match it pass
     * isChar=false.)
     */
    public int addInt(String name, int bytes, boolean signed, boolean isChar, boolean isBool) {
        int enc = isBool ? BtfType.INT_BOOL : signed ? BtfType.INT_SIGNED : isChar ? BtfType.INT_CHAR : 0;
        return addIntBits(name, bytes, enc, 0, bytes * 8);
    }

    /** INT with explicit encoding bits and bit range (for bitfield base types in kind_flag=0 structs). */
    public int addIntBits(String name, int bytes, int encoding, int bitOffset, int bits) {
        if (bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8 && bytes != 16)
            throw new IllegalArgumentException("INT '" + name + "' of " + bytes + " bytes");
        if (encoding != 0 && encoding != BtfType.INT_SIGNED && encoding != BtfType.INT_CHAR && encoding != BtfType.INT_BOOL)
            throw new IllegalArgumentException("INT '" + name + "' encoding " + encoding + " (one of SIGNED, CHAR, BOOL at most)");
        if (bits < 1 || bits > 128 || bitOffset < 0 || bitOffset > 255 || bitOffset + bits > bytes * 8)
            throw new IllegalArgumentException("INT '" + name + "' bits " + bits + " at offset " + bitOffset + " in " + bytes + " bytes");
        return intern(new Int(name, bytes, encoding, bitOffset, bits));
    }

    /** FLOAT {@code name} of {@code bytes} bytes (2, 4, 8, 12 or 16). */
    public int addFloat(String name, int bytes) {
        if (bytes != 2 && bytes != 4 && bytes != 8 && bytes != 12 && bytes != 16)
            throw new IllegalArgumentException("FLOAT '" + name + "' of " + bytes + " bytes");
        return intern(new FloatType(name, bytes));
    }

    // ---- references to one type -------------------------------------------------------------------------------

    public int addPointer(int target) {
        return intern(new Ptr(ref(target, true)));
    }

    public int addConst(int target) {
        return intern(new Qualifier(BtfKind.CONST, ref(target, true)));
    }

    public int addVolatile(int target) {
        return intern(new Qualifier(BtfKind.VOLATILE, ref(target, true)));
    }

    public int addRestrict(int target) {
        return intern(new Qualifier(BtfKind.RESTRICT, ref(target, true)));
    }

    public int addTypedef(String name, int target) {
        return intern(new Typedef(nonEmpty(name, "TYPEDEF"), ref(target, true)));
    }

    /** TYPE_TAG {@code btf_type_tag(value)} on {@code target} (the kernel expects it between a PTR and its pointee). */
    public int addTypeTag(String value, int target) {
        return addTypeTag(value, target, false);
    }

    /** TYPE_TAG with kind_flag {@code attribute} (an {@code __attribute__} text; needs a kernel newer than 6.12). */
    public int addTypeTag(String value, int target, boolean attribute) {
        return intern(new TypeTag(nonEmpty(value, "TYPE_TAG"), ref(target, true), attribute));
    }

    /** The index type of arrays, an INT '__ARRAY_SIZE_TYPE__' of 4 bytes as clang emits it; added on first use. */
    public int arrayIndexType() {
        if (arrayIndexType == 0) arrayIndexType = addInt("__ARRAY_SIZE_TYPE__", 4, false, false, false);
        return arrayIndexType;
    }

    /** ARRAY of {@code nelems} {@code elem} indexed by {@link #arrayIndexType()} ({@code int a[5][6]}: build [6] first). */
    public int addArray(int elem, int nelems) {
        return addArray(elem, arrayIndexType(), nelems);
    }

    public int addArray(int elem, int indexType, int nelems) {
        if (nelems < 0) throw new IllegalArgumentException("ARRAY of " + nelems + " elements");
        return intern(new Array(ref(elem, false), ref(indexType, false), nelems));
    }

    // ---- enums ------------------------------------------------------------------------------------------------

    /**
     * ENUM (values of up to 32 bits; a value is stored as its low 32 bits) of {@code bytes} bytes; {@code signed}
     * when the enum's underlying integer type is signed (clang: it has a negative enumerator).
     */
    public int addEnum(String name, int bytes, boolean signed, List<EnumValue> values) {
        checkEnumSize(name, bytes);
        for (EnumValue v : values) {
            boolean fits = signed ? v.value() == (int) v.value() : (v.value() >>> 32) == 0 || v.value() == (int) v.value();
            if (!fits) throw new IllegalArgumentException("enum '" + name + "' value " + v + " needs ENUM64");
        }
        return intern(new Enum32(name, bytes, signed, values));
    }

    /**
     * An enum declared and never defined ({@code enum Z;}): clang writes an ENUM of size 0 without values (libbpf
     * reads that as a forward declaration; the kernel refuses it, as it does clang's).
     */
    public int addEnumFwd(String name) {
        return intern(new Enum32(nonEmpty(name, "an enum forward declaration"), 0, false, List.of()));
    }

    /** ENUM64 (values of up to 64 bits) of {@code bytes} bytes. */
    public int addEnum64(String name, int bytes, boolean signed, List<EnumValue> values) {
        checkEnumSize(name, bytes);
        return intern(new Enum64(name, bytes, signed, values));
    }

    private static void checkEnumSize(String name, int bytes) {
        if (bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8)
            throw new IllegalArgumentException("enum '" + name + "' of " + bytes + " bytes");
    }

    // ---- structs and unions -----------------------------------------------------------------------------------

    /** FWD: a struct ({@code union}=false) or union known only by name. */
    public int addFwd(String name, boolean union) {
        return intern(new Fwd(nonEmpty(name, "FWD"), union));
    }

    /** A struct whose members are all known (not self-referential): de-duplicated like any record. */
    public int addStruct(String name, int bytes, List<Member> members) {
        return intern(composite(name, false, bytes, members));
    }

    public int addUnion(String name, int bytes, List<Member> members) {
        return intern(composite(name, true, bytes, members));
    }

    /** Reserves an id for struct {@code name} ("" if anonymous) to be defined later with {@link #defineComposite}. */
    public int declareStruct(String name) {
        return declare(name, false);
    }

    public int declareUnion(String name) {
        return declare(name, true);
    }

    private int declare(String name, boolean union) {
        strings.add(name);
        types.add(null);
        int id = types.size();
        declared.put(id, new Fwd(name, union));
        return id;
    }

    /** Whether {@code id} was declared and not yet defined. */
    public boolean isPending(int id) {
        return declared.containsKey(id);
    }

    /** Gives a declared struct or union its size and members. */
    public void defineComposite(int id, int bytes, List<Member> members) {
        Fwd decl = declared.remove(id);
        if (decl == null) throw new IllegalArgumentException("type id " + id + " was not declared with declareStruct/declareUnion, or is already defined");
        Composite c = composite(decl.name(), decl.union(), bytes, members);
        names(c);
        types.set(id - 1, c);
        ids.putIfAbsent(c, id);
    }

    private Composite composite(String name, boolean union, int bytes, List<Member> members) {
        if (bytes < 0) throw new IllegalArgumentException("struct '" + name + "' of " + bytes + " bytes");
        boolean kindFlag = false;
        for (Member m : members) {
            ref(m.type(), false);
            if (m.bitfieldSize() < 0 || m.bitfieldSize() > 255)
                throw new IllegalArgumentException("member '" + m.name() + "' bitfield of " + m.bitfieldSize() + " bits");
            if (m.bitfieldSize() > 0) kindFlag = true;
            if (m.bitOffset() < 0) throw new IllegalArgumentException("member '" + m.name() + "' at bit offset " + m.bitOffset());
        }
        if (kindFlag) {
            for (Member m : members) {
                if (m.bitOffset() > 0xffffff)
                    throw new IllegalArgumentException("member '" + m.name() + "' at bit offset " + m.bitOffset() + " (kind_flag BTF holds 24 bits)");
            }
        }
        return new Composite(name, union, bytes, kindFlag, members);
    }

    // ---- functions, variables, sections ------------------------------------------------------------------------

    /** FUNC_PROTO returning {@code ret} (0 = void); {@code varargs} appends the unnamed void parameter "...". */
    public int addFuncProto(int ret, List<Param> params, boolean varargs) {
        List<Param> all = new ArrayList<>(params.size() + 1);
        for (Param p : params) {
            if (p.equals(Param.VARARGS)) throw new IllegalArgumentException("varargs is a flag of addFuncProto, not a parameter");
            ref(p.type(), false);
            all.add(p);
        }
        if (varargs) all.add(Param.VARARGS);
        return intern(new FuncProto(ref(ret, true), all));
    }

    /** FUNC {@code name} with the FUNC_PROTO {@code proto}. */
    public int addFunc(String name, int proto, FuncLinkage linkage) {
        requireKind(proto, BtfKind.FUNC_PROTO, "FUNC '" + name + "'");
        return intern(new Func(nonEmpty(name, "FUNC"), proto, linkage));
    }

    /** VAR {@code name} of {@code type}. */
    public int addVar(String name, int type, VarLinkage linkage) {
        return intern(new Var(nonEmpty(name, "VAR"), ref(type, false), linkage));
    }

    /**
     * DATASEC for ELF section {@code name} ({@code .data}, {@code .bss}, {@code .rodata}, {@code .maps},
     * {@code .ksyms}, {@code license}...) with its VARs (FUNCs too in {@code .ksyms}: extern kfuncs). Like clang,
     * pass {@code size} 0: libbpf sets it from the ELF section and, for global variables, the offsets from their
     * symbols; the offsets of static variables are kept as given, so give true in-section offsets.
     */
    public int addDatasec(String name, int size, List<SecInfo> vars) {
        for (SecInfo v : vars) {
            BtfType t = typeOrNull(ref(v.type(), false));
            if (!(t instanceof Var) && !(t instanceof Func))
                throw new IllegalArgumentException("DATASEC '" + name + "' entry " + v.type() + " is not a VAR or FUNC");
        }
        return intern(new Datasec(nonEmpty(name, "DATASEC"), size, vars));
    }

    /**
     * DECL_TAG {@code btf_decl_tag(value)} on {@code target}: a struct, union, FUNC, VAR or TYPEDEF;
     * {@code componentIdx} -1 tags the declaration itself, i &gt;= 0 tags member i or parameter i. Any string can
     * be the value: the loop-hint encoding rides on this.
     */
    public int addDeclTag(String value, int target, int componentIdx) {
        return addDeclTag(value, target, componentIdx, false);
    }

    /** DECL_TAG with kind_flag {@code attribute} (an {@code __attribute__} text; needs a kernel newer than 6.12). */
    public int addDeclTag(String value, int target, int componentIdx, boolean attribute) {
        BtfType t = typeOrNull(ref(target, false));
        if (componentIdx < -1) throw new IllegalArgumentException("DECL_TAG component_idx " + componentIdx);
        if (componentIdx >= 0) {
            int count = -1;
            if (t instanceof Composite c) count = c.members().size();
            else if (t instanceof Func f && typeOrNull(f.protoType()) instanceof FuncProto fp) count = fp.params().size();
            else if (t instanceof Var || t instanceof Typedef)
                throw new IllegalArgumentException("DECL_TAG on a " + t.kind() + " takes component_idx -1");
            if (count >= 0 && componentIdx >= count)
                throw new IllegalArgumentException("DECL_TAG component_idx " + componentIdx + " but the target has " + count);
        }
        return intern(new DeclTag(nonEmpty(value, "DECL_TAG"), target, componentIdx, attribute));
    }

    // ---- results ----------------------------------------------------------------------------------------------

    /** Number of type ids handed out, void excluded. */
    public int size() {
        return types.size();
    }

    /** The record of {@code id} (a still-pending declaration reads as its FWD). */
    public BtfType type(int id) {
        if (id < 1 || id > types.size()) throw new IllegalArgumentException("no type id " + id);
        BtfType t = types.get(id - 1);
        return t != null ? t : declared.get(id);
    }

    /** All records in id order, pending declarations as FWD. */
    public List<BtfType> types() {
        List<BtfType> out = new ArrayList<>(types.size());
        for (int id = 1; id <= types.size(); id++) out.add(type(id));
        return out;
    }

    /** The .BTF section bytes. Add every .BTF.ext string (via {@link BtfExtBuilder}) before calling this. */
    public byte[] encode() {
        return BtfWriter.write(types(), strings);
    }

    /** What {@link #encode} would hold, as a parsed {@link Btf} (for dumping). */
    public Btf snapshot() {
        List<BtfType> ts = types();
        for (BtfType t : ts) names(t);
        return new Btf(ts, strings.toBytes());
    }

    /**
     * Keeps only the types the object carries, as clang-22 chooses them ({@link UsedTypes}): what the FUNCs, VARs,
     * DATASECs and {@code extraRoots} (the .BTF.ext's CO-RE relocation types) reach, with a named struct or union
     * that only pointers inside other structs' members reach cut down to a FWD. Survivors keep their order and are
     * numbered again from 1; FWDs of one name and kind become one, and a FWD of a struct kept in full is that
     * struct. The string table starts afresh with the survivors' names, so call this once every type and DECL_TAG
     * is added and before any .BTF.ext record is made: records take the new ids and the new table. Returns
     * old id to new id (index 0 is void; 0 for a dropped type).
     *
     * <p>Example: with {@code [1] STRUCT 's' ('next' -> 3)}, {@code [2] STRUCT 'lk'}, {@code [3] PTR -> 2},
     * {@code [4] PTR -> 1}, {@code [5] INT 'int'}, {@code [6] FUNC_PROTO (x: 4)}, {@code [7] FUNC 'f' -> 6} the
     * result is {@code [1] STRUCT 's'}, {@code [2] FWD 'lk'}, {@code [3] PTR -> 2}, {@code [4] PTR -> 1},
     * {@code [5] FUNC_PROTO}, {@code [6] FUNC} ({@code int} is reached by nothing) and the map
     * {0,1,2,3,4,0,5,6}.
     */
    public int[] retainUsed(int... extraRoots) {
        List<BtfType> old = types();
        UsedTypes.Fate[] fates = UsedTypes.of(old, extraRoots);
        Map<Fwd, Integer> fullByName = new HashMap<>();
        int[] newId = new int[old.size() + 1];
        List<BtfType> kept = new ArrayList<>();
        List<Integer> pendingFwds = new ArrayList<>();
        for (int id = 1; id <= old.size(); id++) {
            if (fates[id] == UsedTypes.Fate.KEPT && old.get(id - 1) instanceof Composite c && !c.name().isEmpty())
                fullByName.putIfAbsent(new Fwd(c.name(), c.union()), id);
        }
        Map<Fwd, Integer> fwds = new HashMap<>();
        for (int id = 1; id <= old.size(); id++) {
            if (fates[id] == UsedTypes.Fate.DROPPED) continue;
            BtfType t = old.get(id - 1);
            if (fates[id] == UsedTypes.Fate.FORWARD && t instanceof Composite c) t = new Fwd(c.name(), c.union());
            if (t instanceof Fwd f) {
                Integer full = fullByName.get(f);
                if (full != null) {
                    pendingFwds.add(id); // numbered below, once the full struct has its new id
                    continue;
                }
                Integer known = fwds.get(f);
                if (known != null) {
                    newId[id] = known;
                    continue;
                }
            }
            kept.add(t);
            newId[id] = kept.size();
            if (t instanceof Fwd f) fwds.put(f, newId[id]);
        }
        for (int id : pendingFwds) {
            BtfType t = old.get(id - 1);
            Fwd f = t instanceof Composite c ? new Fwd(c.name(), c.union()) : (Fwd) t;
            newId[id] = newId[fullByName.get(f)];
        }
        types.clear();
        ids.clear();
        declared.clear();
        strings = new BtfStrings();
        for (BtfType t : kept) {
            BtfType moved = BtfRefs.map(t, r -> {
                if (r != 0 && newId[r] == 0) throw new IllegalStateException("kept type " + t + " refers to dropped type " + r);
                return newId[r];
            });
            names(moved);
            types.add(moved);
            ids.putIfAbsent(moved, types.size());
        }
        arrayIndexType = newId[arrayIndexType];
        return newId;
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private int intern(BtfType t) {
        Integer known = ids.get(t);
        if (known != null) return known;
        names(t);
        types.add(t);
        int id = types.size();
        ids.put(t, id);
        return id;
    }

    /** Puts a record's strings in the table now, so string offsets follow type creation order. */
    private void names(BtfType t) {
        strings.add(t.name());
        if (t instanceof Composite c) for (Member m : c.members()) strings.add(m.name());
        else if (t instanceof Enum32 e) for (EnumValue v : e.values()) strings.add(v.name());
        else if (t instanceof Enum64 e) for (EnumValue v : e.values()) strings.add(v.name());
        else if (t instanceof FuncProto fp) for (Param p : fp.params()) strings.add(p.name());
    }

    private int ref(int id, boolean voidOk) {
        if (id == 0 && voidOk) return 0;
        if (id < 1 || id > types.size())
            throw new IllegalArgumentException("type id " + id + " does not exist" + (id == 0 ? " (void is not allowed here)" : ""));
        return id;
    }

    private BtfType typeOrNull(int id) {
        return id == 0 ? null : type(id);
    }

    private void requireKind(int id, BtfKind kind, String what) {
        BtfType t = typeOrNull(ref(id, false));
        if (t.kind() != kind) throw new IllegalArgumentException(what + " needs a " + kind + ", got " + t.kind() + " [" + id + "]");
    }

    private static String nonEmpty(String name, String what) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException(what + " needs a name");
        return name;
    }
}
