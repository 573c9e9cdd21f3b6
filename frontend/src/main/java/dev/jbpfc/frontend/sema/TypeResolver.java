package dev.jbpfc.frontend.sema;

import dev.jbpfc.frontend.ast.Attribute;
import dev.jbpfc.frontend.ast.DeclSpecifiers;
import dev.jbpfc.frontend.ast.Declarator;
import dev.jbpfc.frontend.ast.Expr;
import dev.jbpfc.frontend.ast.RecordMember;
import dev.jbpfc.frontend.ast.StaticAssert;
import dev.jbpfc.frontend.ast.TypeName;
import dev.jbpfc.frontend.ast.TypeSpec;
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
import dev.jbpfc.frontend.types.TypePrinter;
import dev.jbpfc.frontend.types.VoidType;
import dev.jbpfc.source.SourceLocation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the AST's syntactic types (declaration specifiers + declarator parts) into {@link CType}s, declaring and
 * defining struct/union/enum tags on the way. Example: {@code const struct foo *a[3]} is specifiers (const,
 * struct foo) and parts [Pointer, Array 3]: QualifiedType(CONST, struct foo), then a pointer to it, then an array
 * of 3 of those.
 */
final class TypeResolver {
    /** Stands for {@code __auto_type} until the initializer gives the type. */
    static final CType AUTO = new dev.jbpfc.frontend.types.TypedefType("__auto_type", IntegerType.INT);

    private final Sema sema;

    TypeResolver(Sema sema) { this.sema = sema; }

    /** The type of a type name (casts, sizeof, compound literals). */
    CType typeName(TypeName tn) {
        CType base = specifiers(tn.specifiers(), false);
        CType t = tn.declarator() == null ? base : declarator(base, tn.specifiers(), tn.declarator(), false);
        sema.model.declaredTypes.put(tn, t);
        return t;
    }

    /**
     * The type the specifiers name, qualifiers included. {@code declaresNothing} is true for a declaration without
     * declarators ({@code struct foo;}), which declares the tag in the current scope even if an outer one has it.
     */
    CType specifiers(DeclSpecifiers ds, boolean declaresNothing) {
        CType t = basicType(ds, declaresNothing);
        int quals = qualifierBits(ds.qualifiers());
        int addressSpace = addressSpace(ds.attributes());
        if (quals != 0 || addressSpace != 0) {
            if (t instanceof ArrayType a) {
                t = new ArrayType(QualifiedType.of(a.element(), quals, addressSpace), a.length());
            } else {
                t = QualifiedType.of(t, quals, addressSpace);
            }
        }
        return t;
    }

    /** The bits of a set of qualifiers (the set is nearly always empty: then no iterator is made). */
    static int qualifierBits(java.util.Set<DeclSpecifiers.Qualifier> qs) {
        if (qs.isEmpty()) return 0;
        int quals = 0;
        for (DeclSpecifiers.Qualifier q : qs) quals |= qualifierBit(q);
        return quals;
    }

    static int qualifierBit(DeclSpecifiers.Qualifier q) {
        return switch (q) {
            case CONST -> QualifiedType.CONST;
            case VOLATILE -> QualifiedType.VOLATILE;
            case RESTRICT -> QualifiedType.RESTRICT;
            case ATOMIC -> QualifiedType.ATOMIC;
        };
    }

    private int addressSpace(List<Attribute> attrs) {
        if (attrs == null) return 0;
        for (int i = 0; i < attrs.size(); i++) {
            Attribute a = attrs.get(i);
            if (a.is("address_space") && !a.args().isEmpty()) {
                BigInteger v = sema.exprs.integerConstant(a.args().get(0), "address_space attribute argument");
                if (v != null) return v.intValue();
            }
        }
        return 0;
    }

    private CType basicType(DeclSpecifiers ds, boolean declaresNothing) {
        TypeSpec spec = ds.typeSpec();
        List<String> words = ds.typeWords();
        if (spec != null) {
            if (!words.isEmpty()) {
                sema.diags.error(ds.loc(), "cannot combine with previous '" + words.get(0) + "' declaration specifier");
            }
            return typeSpec(spec, declaresNothing);
        }
        if (words.isEmpty()) {
            sema.diags.error(ds.loc(), "type specifier missing, defaults to 'int'; ISO C99 and later do not support "
                    + "implicit int");
            return IntegerType.INT;
        }
        int signed = 0, unsigned = 0, shorts = 0, longs = 0, ints = 0, chars = 0, voids = 0, bools = 0, floats = 0,
                doubles = 0, int128 = 0, other = 0;
        for (int i = 0; i < words.size(); i++) {
            switch (words.get(i)) {
                case "signed" -> signed++;
                case "unsigned" -> unsigned++;
                case "short" -> shorts++;
                case "long" -> longs++;
                case "int" -> ints++;
                case "char" -> chars++;
                case "void" -> voids++;
                case "_Bool" -> bools++;
                case "float" -> floats++;
                case "double" -> doubles++;
                case "__int128" -> int128++;
                default -> other++;
            }
        }
        if (other > 0) {
            sema.diags.error(ds.loc(), "type '" + String.join(" ", words) + "' is not supported yet");
            return IntegerType.INT;
        }
        int kinds = (chars > 0 ? 1 : 0) + (voids > 0 ? 1 : 0) + (bools > 0 ? 1 : 0) + (floats > 0 ? 1 : 0)
                + (doubles > 0 ? 1 : 0) + (int128 > 0 ? 1 : 0);
        boolean bad = kinds > 1 || (signed > 0 && unsigned > 0) || longs > 2 || shorts > 1 || ints > 1
                || (shorts > 0 && longs > 0) || chars > 1 || voids > 1 || bools > 1 || floats > 1 || doubles > 1
                || int128 > 1;
        if (!bad && kinds == 1) {
            bad = (chars > 0 && (shorts + longs + ints) > 0)
                    || ((voids + bools + floats) > 0 && (signed + unsigned + shorts + longs + ints) > 0)
                    || (doubles > 0 && (signed + unsigned + shorts + ints > 0 || longs > 1))
                    || (int128 > 0 && (shorts + longs + ints) > 0);
        }
        if (bad) {
            sema.diags.error(ds.loc(), "cannot combine declaration specifiers '" + String.join(" ", words) + "'");
            return IntegerType.INT;
        }
        boolean u = unsigned > 0;
        if (voids > 0) return VoidType.VOID;
        if (bools > 0) return IntegerType.BOOL;
        if (floats > 0) return FloatType.FLOAT;
        if (doubles > 0) return longs > 0 ? FloatType.LONG_DOUBLE : FloatType.DOUBLE;
        if (chars > 0) return signed > 0 ? IntegerType.SCHAR : u ? IntegerType.UCHAR : IntegerType.CHAR;
        if (int128 > 0) return u ? IntegerType.UINT128 : IntegerType.INT128;
        if (shorts > 0) return u ? IntegerType.USHORT : IntegerType.SHORT;
        if (longs == 1) return u ? IntegerType.ULONG : IntegerType.LONG;
        if (longs == 2) return u ? IntegerType.ULONGLONG : IntegerType.LONGLONG;
        return u ? IntegerType.UINT : IntegerType.INT;
    }

    private CType typeSpec(TypeSpec spec, boolean declaresNothing) {
        if (spec instanceof TypeSpec.Record r) return record(r, declaresNothing);
        if (spec instanceof TypeSpec.Enum e) return enumType(e, declaresNothing);
        if (spec instanceof TypeSpec.TypedefName n) {
            Symbol s = sema.scope.lookupOrdinary(n.name());
            if (s instanceof TypedefSymbol td) return td.type();
            sema.diags.error(n.loc(), "unknown type name '" + n.name() + "'");
            return IntegerType.INT;
        }
        if (spec instanceof TypeSpec.Typeof t) {
            CType r;
            if (t.type() != null) {
                r = typeName(t.type());
            } else {
                r = sema.exprs.checkUnevaluated(t.expr());
            }
            if (t.unqual()) r = stripQualifiers(r);
            return r;
        }
        if (spec instanceof TypeSpec.Atomic a) return QualifiedType.of(typeName(a.type()), QualifiedType.ATOMIC);
        if (spec instanceof TypeSpec.AutoType) return AUTO;
        sema.diags.error(spec.loc(), "type specifier is not supported yet");
        return IntegerType.INT;
    }

    /** The type without top-level qualifiers but with its typedef name kept when unqualified. */
    static CType stripQualifiers(CType t) {
        if (t instanceof QualifiedType q) return q.base();
        if (t.qualifiers() != 0) return t.unqualified();
        return t;
    }

    // ---- structs and unions ----

    /** How many preserve_access_index record bodies are being resolved around the current declaration. */
    private int insidePreserveAccessIndexBody;

    private CType record(TypeSpec.Record r, boolean declaresNothing) {
        String kw = r.isUnion() ? "union" : "struct";
        RecordType type = null;
        if (r.tag() != null) {
            CType existing = r.hasBody() || declaresNothing ? sema.scope.localTag(r.tag()) : sema.scope.lookupTag(r.tag());
            if (existing != null) {
                if (!(existing instanceof RecordType rt) || rt.isUnionType() != r.isUnion()) {
                    sema.diags.error(r.loc(), "use of '" + r.tag() + "' with tag type that does not match previous "
                            + "declaration");
                } else {
                    type = rt;
                }
            }
        }
        if (type == null) {
            type = r.tag() == null ? RecordType.anonymous(r.isUnion(), r.loc()) : new RecordType(r.isUnion(), r.tag(), null);
            if (r.tag() != null) sema.tagScope().declareTag(r.tag(), type);
        }
        if (!r.hasBody()) return type;
        if (type.isComplete()) {
            sema.diags.error(r.loc(), "redefinition of '" + r.tag() + "'");
            if (type.definedAt() != null) sema.diags.note(type.definedAt(), "previous definition is here");
            type = new RecordType(r.isUnion(), r.tag(), null); // keep checking the members against a fresh one
        }
        sema.keep(type);
        type.setDefinedAt(r.loc());
        sema.modes.refuseOn(r.attributes());
        type.setPacked(sema.attrs.has(r.attributes(), "packed"));
        type.setAlignedAttr(sema.attrs.aligned(r.attributes()));
        type.setPreserveAccessIndex(sema.attrs.has(r.attributes(), "preserve_access_index")
                || sema.preserveAccessIndexPushed() || insidePreserveAccessIndexBody > 0);
        type.setDeclTags(sema.attrs.strings(r.attributes(), "btf_decl_tag"));
        // Records defined inside a preserve_access_index record's body inherit the attribute, as in clang:
        // with `struct h { struct in { int q; } in; } __attribute__((preserve_access_index))`, h->in.q and
        // a `struct in *` access are relocated too.
        boolean preserveBody = type.preserveAccessIndex();
        if (preserveBody) insidePreserveAccessIndexBody++;
        try {
            return recordBody(r, type, kw);
        } finally {
            if (preserveBody) insidePreserveAccessIndexBody--;
        }
    }

    private RecordType recordBody(TypeSpec.Record r, RecordType type, String kw) {
        List<Field> fields = new ArrayList<>();
        MemberNames names = new MemberNames();
        List<RecordMember> members = r.members();
        for (int mi = 0; mi < members.size(); mi++) {
            RecordMember m = members.get(mi);
            if (m instanceof StaticAssert sa) {
                sema.staticAssert(sa);
                continue;
            }
            RecordMember.Fields fs = (RecordMember.Fields) m;
            CType base = specifiers(fs.specifiers(), fs.fields().isEmpty());
            if (fs.fields().isEmpty()) {
                if (base.unqualified() instanceof RecordType inner
                        && (inner.tag() == null || fs.specifiers().typeSpec() instanceof TypeSpec.Record tr && tr.hasBody())) {
                    if (inner.tag() != null) {
                        sema.diags.warning(fs.loc(), "declaration does not declare anything");
                        continue;
                    }
                    for (int i = 0; i < inner.fields().size(); i++) addName(inner.fields().get(i), names, fs.loc());
                    fields.add(new Field(null, base, Field.NOT_BITFIELD, false, 0, List.of()));
                } else {
                    sema.diags.warning(fs.loc(), "declaration does not declare anything");
                }
                continue;
            }
            for (int fi = 0; fi < fs.fields().size(); fi++) {
                RecordMember.Field f = fs.fields().get(fi);
                boolean last = mi == members.size() - 1 && fi == fs.fields().size() - 1;
                Field field = member(fs, f, base, kw, r.isUnion(), last, type);
                if (field == null) continue;
                if (field.name != null && !names.add(field.name)) {
                    sema.diags.error(f.loc(), "duplicate member '" + field.name + "'");
                    continue;
                }
                fields.add(field);
            }
        }
        type.complete(fields);
        return type;
    }

    private void addName(Field f, MemberNames names, SourceLocation at) {
        if (f.name != null) {
            if (!names.add(f.name)) sema.diags.error(at, "duplicate member '" + f.name + "'");
        } else if (f.isAnonymousRecord()) {
            List<Field> inner = f.type.asRecord().fields();
            for (int i = 0; i < inner.size(); i++) addName(inner.get(i), names, at);
        }
    }

    /**
     * The member names of one record so far, to find duplicates. Most records have a few members, which a scan
     * of their (cached) hash codes checks faster than a hash set is even made; a long one (vmlinux.h has structs
     * of hundreds of members) switches to a set.
     */
    private static final class MemberNames {
        private static final int SCAN_LIMIT = 16;
        private final String[] names = new String[SCAN_LIMIT];
        private final int[] hashes = new int[SCAN_LIMIT];
        private int count;
        private Set<String> set;

        /** Adds {@code name}; false if it was already there. */
        boolean add(String name) {
            if (set != null) return set.add(name);
            int h = name.hashCode();
            for (int i = 0; i < count; i++) if (hashes[i] == h && names[i].equals(name)) return false;
            if (count == SCAN_LIMIT) {
                set = new HashSet<>(java.util.Arrays.asList(names));
                return set.add(name);
            }
            names[count] = name;
            hashes[count++] = h;
            return true;
        }
    }

    private Field member(RecordMember.Fields fs, RecordMember.Field f, CType base, String kw, boolean union,
                         boolean last, RecordType owner) {
        Declarator d = f.declarator();
        CType t = d == null ? base : declarator(base, fs.specifiers(), d, false);
        String name = d == null ? null : d.name();
        SourceLocation at = d != null && d.nameLoc() != null ? d.nameLoc() : f.loc();
        List<Attribute> attrs = AttributeReader.concat(fs.specifiers().attributes(), d == null ? null : d.attributes(),
                f.attributes());
        if (!t.isFunction()) t = sema.modes.apply(t, attrs);
        boolean packed = sema.attrs.has(attrs, "packed");
        int aligned = sema.attrs.aligned(attrs);
        List<String> tags = sema.attrs.strings(attrs, "btf_decl_tag");
        if (f.bitWidth() != null) {
            if (!t.isInteger()) {
                sema.diags.error(at, "bit-field '" + (name == null ? "" : name) + "' has non-integral type "
                        + TypePrinter.quoted(t));
                return null;
            }
            BigInteger w = sema.exprs.integerConstant(f.bitWidth(), "bit-field width");
            if (w == null) return null;
            if (w.signum() < 0) {
                sema.diags.error(f.bitWidth().loc(), bitfieldName(name) + " has negative width (" + w + ")");
                return null;
            }
            if (w.compareTo(BigInteger.valueOf(t.size() * 8)) > 0) {
                sema.diags.error(f.bitWidth().loc(), "width of " + bitfieldName(name) + " (" + w + " bits) exceeds the width of its "
                        + "type (" + t.size() * 8 + " bits)");
                return null;
            }
            if (w.signum() == 0 && name != null) {
                sema.diags.error(at, "named bit-field '" + name + "' has zero width");
                return null;
            }
            return new Field(name, t, w.intValue(), packed, aligned, tags);
        }
        if (t.isFunction()) {
            sema.diags.error(at, "field '" + name + "' declared as a function");
            return null;
        }
        if (!t.isComplete()) {
            boolean flexible = t.unqualified() instanceof ArrayType a && a.length() == ArrayType.INCOMPLETE;
            if (flexible && !last) {
                sema.diags.error(at, "flexible array member '" + name + "' with type " + TypePrinter.quoted(t)
                        + " is not at the end of " + kw);
                return null;
            }
            if (!flexible) {
                sema.diags.error(at, "field has incomplete type " + TypePrinter.quoted(t));
                return null;
            }
        }
        if (t.unqualified() == owner) {
            sema.diags.error(at, "field has incomplete type " + TypePrinter.quoted(t));
            return null;
        }
        if (QualifiedType.objectAddressSpaceOf(t) != 0) {
            // A struct is in one space as a whole: a member cannot be in another.
            sema.diags.error(at, "field may not be qualified with an address space");
            return null;
        }
        return new Field(name, t, Field.NOT_BITFIELD, packed, aligned, tags);
    }

    // The names messages give, made only when a message is (most declarators are fine; a string made for each
    // array or bit-field of vmlinux.h would be thousands of allocations for nothing).

    private static String bitfieldName(String name) {
        return name == null ? "anonymous bit-field" : "bit-field '" + name + "'";
    }

    private static String arrayName(Declarator d) {
        return d.name() != null ? "'" + d.name() + "'" : "type name";
    }

    // ---- enums ----

    private CType enumType(TypeSpec.Enum e, boolean declaresNothing) {
        EnumType type = null;
        if (e.tag() != null) {
            CType existing = e.hasBody() || declaresNothing ? sema.scope.localTag(e.tag()) : sema.scope.lookupTag(e.tag());
            if (existing != null) {
                if (existing instanceof EnumType et) {
                    type = et;
                } else {
                    sema.diags.error(e.loc(), "use of '" + e.tag() + "' with tag type that does not match previous "
                            + "declaration");
                }
            }
        }
        if (type == null) {
            type = e.tag() == null ? EnumType.anonymous(e.loc()) : new EnumType(e.tag(), null);
            if (e.tag() != null) sema.tagScope().declareTag(e.tag(), type);
        }
        if (!e.hasBody()) return type;
        if (type.isComplete()) {
            sema.diags.error(e.loc(), "redefinition of '" + e.tag() + "'");
            if (type.definedAt() != null) sema.diags.note(type.definedAt(), "previous definition is here");
            type = new EnumType(e.tag(), null);
        }
        sema.keep(type);
        type.setDefinedAt(e.loc());
        type.setPacked(sema.attrs.has(e.attributes(), "packed"));
        IntegerType moded = sema.modes.enumUnderlying(e.attributes());
        IntegerType fixed = null;
        if (e.fixedType() != null) {
            CType ft = typeName(e.fixedType());
            fixed = ft.asInteger();
            if (fixed == null || ft.isEnum()) {
                sema.diags.error(e.fixedType().loc(), "non-integral type " + TypePrinter.quoted(ft)
                        + " is an invalid underlying type");
                fixed = IntegerType.INT;
            }
        }
        List<EnumType.Enumerator> values = new ArrayList<>();
        List<EnumConstantSymbol> symbols = new ArrayList<>();
        BigInteger next = BigInteger.ZERO;
        List<TypeSpec.Enumerator> enumerators = e.enumerators();
        for (int i = 0; i < enumerators.size(); i++) {
            TypeSpec.Enumerator en = enumerators.get(i);
            BigInteger v = next;
            if (en.value() != null) {
                BigInteger given = sema.exprs.integerConstant(en.value(), "enumerator value");
                if (given != null) v = given;
            }
            Symbol prev = sema.scope.localOrdinary(en.name());
            if (prev != null) {
                sema.diags.error(en.loc(), "redefinition of enumerator '" + en.name() + "'");
            }
            CType constType = fixed != null ? type : IntegerType.INT.canRepresent(v) ? IntegerType.INT : type;
            // An enumerator that does not fit int has the enum's type: with a mode, a narrower one that wraps it
            // (clang-22: U = 0x80000000u in an enum of mode QI is 0).
            if (moded != null && fixed == null && constType == type) v = wrap(v, moded);
            EnumConstantSymbol sym = new EnumConstantSymbol(en.name(), constType, v, type, en.loc());
            sema.scope.declare(sym);
            symbols.add(sym);
            values.add(new EnumType.Enumerator(en.name(), v));
            next = v.add(BigInteger.ONE);
        }
        if (fixed != null) type.complete(values, fixed);
        else if (moded != null) type.complete(values, moded);
        else type.complete(values);
        return type;
    }

    // ---- declarators ----

    /**
     * Applies a declarator's parts to the specifiers' type. {@code forDefinition}: the declarator of a function
     * definition, whose parameters are declared in the function's scope by the caller.
     */
    CType declarator(CType base, DeclSpecifiers ds, Declarator d, boolean forDefinition) {
        CType t = base;
        List<String> pendingTags = sema.attrs.strings(ds.attributes(), "btf_type_tag");
        List<Declarator.Part> parts = d.parts();
        for (int i = 0; i < parts.size(); i++) {
            Declarator.Part part = parts.get(i);
            if (part instanceof Declarator.Pointer p) {
                int quals = qualifierBits(p.qualifiers());
                int as = addressSpace(p.attributes());
                t = QualifiedType.of(new PointerType(t, pendingTags), quals, as);
                pendingTags = sema.attrs.strings(p.attributes(), "btf_type_tag");
            } else if (part instanceof Declarator.Array a) {
                t = array(t, a, d, sema.scope.isFile() || ds.has(DeclSpecifiers.StorageClass.STATIC)
                        || ds.has(DeclSpecifiers.StorageClass.EXTERN));
                pendingTags = List.of();
            } else if (part instanceof Declarator.Function f) {
                t = function(t, f, d);
                pendingTags = List.of();
            }
        }
        return t;
    }

    /** {@code fixedLength}: an array that may not be variable length (file scope, static or extern storage). */
    private CType array(CType element, Declarator.Array a, Declarator d, boolean fixedLength) {
        if (element.isFunction()) {
            sema.diags.error(a.loc(), arrayName(d) + " declared as array of functions of type " + TypePrinter.quoted(element));
            return ArrayType.incomplete(IntegerType.INT);
        }
        if (!element.isComplete()) {
            sema.diags.error(a.loc(), "array has incomplete element type " + TypePrinter.quoted(element));
            return ArrayType.incomplete(IntegerType.INT);
        }
        if (element.size() % element.align() != 0) {
            sema.diags.error(a.loc(), "size of array element of type " + TypePrinter.quoted(element) + " ("
                    + element.size() + " bytes) isn't a multiple of its alignment (" + element.align() + " bytes)");
        }
        long length = ArrayType.INCOMPLETE;
        if (a.isStar()) {
            sema.diags.error(a.loc(), "variable length arrays are not supported yet");
        } else if (a.size() != null) {
            int errorsBefore = sema.diags.errorCount();
            CType st = sema.exprs.check(a.size());
            if (!st.isInteger()) {
                sema.diags.error(a.size().loc(), "size of array has non-integer type " + TypePrinter.quoted(st));
            } else {
                ConstValue v = sema.consts.evaluate(a.size());
                if (v == null || !v.isInteger()) {
                    // a size already diagnosed (such as the address of a bit-field) is not also a VLA
                    if (sema.diags.errorCount() == errorsBefore) {
                        sema.diags.error(a.size().loc(), "variable length arrays are not supported yet");
                    } else {
                        length = 1; // complete, so no follow-up "tentative array definition" warning
                    }
                } else if (v.integer().signum() < 0) {
                    sema.diags.error(a.size().loc(), arrayName(d) + " declared as an array with a negative size");
                    length = 1; // keep going with a complete type: no follow-up "incomplete" diagnostics
                } else {
                    length = v.integer().longValue();
                    // Such an array cannot be variable length: clang folds offsetof-like sizes and says so.
                    if (fixedLength && FoldedConstant.addressToInteger(a.size()) != null) {
                        sema.warning("-Wgnu-folding-constant", d != null && d.nameLoc() != null ? d.nameLoc() : a.loc(),
                                "variable length array folded to constant array as an extension");
                    }
                }
            }
        }
        // Qualifiers inside [] only mean something for parameters: adjustParameter reads them from the declarator.
        return new ArrayType(element, length);
    }

    private CType function(CType ret, Declarator.Function f, Declarator d) {
        if (ret.isFunction()) {
            sema.diags.error(f.loc(), "function cannot return function type " + TypePrinter.quoted(ret));
            ret = IntegerType.INT;
        } else if (ret.isArray()) {
            sema.diags.error(f.loc(), "function cannot return array type " + TypePrinter.quoted(ret));
            ret = IntegerType.INT;
        }
        List<FunctionType.Param> params = new ArrayList<>();
        Scope saved = sema.scope;
        sema.scope = new Scope(Scope.Kind.PROTOTYPE, saved);
        try {
            List<Declarator.Param> ps = f.params();
            for (int i = 0; i < ps.size(); i++) {
                Declarator.Param p = ps.get(i);
                CType pt = paramType(p);
                params.add(new FunctionType.Param(p.name(), pt));
            }
        } finally {
            sema.scope = saved;
        }
        return new FunctionType(ret, params, f.isVariadic(), f.hasPrototype());
    }

    /** {@code v} as a value of {@code t} (two's complement wrap-around). */
    private static BigInteger wrap(BigInteger v, IntegerType t) {
        BigInteger m = v.and(BigInteger.ONE.shiftLeft(t.bits()).subtract(BigInteger.ONE));
        return t.signed && m.testBit(t.bits() - 1) ? m.subtract(BigInteger.ONE.shiftLeft(t.bits())) : m;
    }

    /** A parameter's type after adjustment: arrays and functions become pointers (C11 6.7.6.3p7-8). */
    CType paramType(Declarator.Param p) {
        CType base = specifiers(p.specifiers(), false);
        CType t = p.declarator() == null ? base : declarator(base, p.specifiers(), p.declarator(), false);
        if (!t.isFunction()) {
            t = sema.modes.apply(t, AttributeReader.concat(p.specifiers().attributes(),
                    p.declarator() == null ? null : p.declarator().attributes(), p.attributes()));
        }
        return adjustParameter(t, p.declarator());
    }

    static CType adjustParameter(CType t, Declarator d) {
        CType u = t instanceof QualifiedType q ? q.base() : t;
        if (u instanceof ArrayType a) {
            int quals = 0;
            if (d != null) {
                for (Declarator.Part part : d.parts()) {
                    if (part instanceof Declarator.Array arr) {
                        for (DeclSpecifiers.Qualifier q : arr.qualifiers()) quals |= qualifierBit(q);
                    }
                }
            }
            return QualifiedType.of(PointerType.to(a.element()), quals);
        }
        if (t.isFunction()) return PointerType.to(t);
        return t;
    }
}
