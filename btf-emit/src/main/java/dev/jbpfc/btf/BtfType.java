package dev.jbpfc.btf;

import java.util.List;

/**
 * One BTF type record, as {@link BtfBuilder} makes it and {@link BtfReader} reads it back: one Java record per kind
 * of btf.rst section 2.2, with names as strings and references to other types as type ids (0 is void). Records are
 * values: two records with equal fields describe the same BTF, which is what the builder's de-duplication keys on.
 *
 * <p>An anonymous name is the empty string (string offset 0).
 */
public sealed interface BtfType {
    BtfKind kind();

    /** The record's name ("" when anonymous; the tag's value for DECL_TAG and TYPE_TAG). */
    String name();

    /** Every type id this record refers to, in encoding order (void = 0 included). */
    int[] refs();

    /** Encoding bits of INT ({@code BTF_INT_ENCODING}). */
    int INT_SIGNED = 1, INT_CHAR = 2, INT_BOOL = 4;

    /** INT: {@code size} bytes holding {@code bits} bits from {@code bitOffset}; {@code encoding} is one INT_* bit or 0. */
    record Int(String name, int size, int encoding, int bitOffset, int bits) implements BtfType {
        public BtfKind kind() { return BtfKind.INT; }
        public int[] refs() { return new int[0]; }
    }

    /** PTR to {@code type}. */
    record Ptr(int type) implements BtfType {
        public BtfKind kind() { return BtfKind.PTR; }
        public String name() { return ""; }
        public int[] refs() { return new int[] {type}; }
    }

    /** CONST, VOLATILE or RESTRICT applied to {@code type}. */
    record Qualifier(BtfKind kind, int type) implements BtfType {
        public Qualifier {
            if (kind != BtfKind.CONST && kind != BtfKind.VOLATILE && kind != BtfKind.RESTRICT)
                throw new IllegalArgumentException("not a qualifier kind: " + kind);
        }
        public String name() { return ""; }
        public int[] refs() { return new int[] {type}; }
    }

    /** TYPEDEF {@code name} for {@code type}. */
    record Typedef(String name, int type) implements BtfType {
        public BtfKind kind() { return BtfKind.TYPEDEF; }
        public int[] refs() { return new int[] {type}; }
    }

    /**
     * TYPE_TAG: {@code btf_type_tag("value")} on {@code type} (the tag's text is the record's name); with
     * {@code attribute} (kind_flag, kernels after 6.12) the text is an {@code __attribute__} to re-emit verbatim.
     */
    record TypeTag(String name, int type, boolean attribute) implements BtfType {
        public TypeTag(String name, int type) {
            this(name, type, false);
        }
        public BtfKind kind() { return BtfKind.TYPE_TAG; }
        public int[] refs() { return new int[] {type}; }
    }

    /** ARRAY of {@code nelems} {@code elemType}, indexed by the int {@code indexType}. */
    record Array(int elemType, int indexType, int nelems) implements BtfType {
        public BtfKind kind() { return BtfKind.ARRAY; }
        public String name() { return ""; }
        public int[] refs() { return new int[] {elemType, indexType}; }
    }

    /**
     * A struct or union member. {@code bitfieldSize} is 0 for an ordinary member; with the record's kind_flag set
     * it is the bitfield's width, stored in the offset word's top 8 bits.
     */
    record Member(String name, int type, int bitOffset, int bitfieldSize) {
        public static Member field(String name, int type, int bitOffset) {
            return new Member(name, type, bitOffset, 0);
        }
        public static Member bitfield(String name, int type, int bitOffset, int bits) {
            return new Member(name, type, bitOffset, bits);
        }
    }

    /** STRUCT or UNION; {@code kindFlag} says member offsets carry bitfield sizes (set when any member is a bitfield). */
    record Composite(String name, boolean union, int size, boolean kindFlag, List<Member> members) implements BtfType {
        public Composite {
            members = List.copyOf(members);
        }
        public BtfKind kind() { return union ? BtfKind.UNION : BtfKind.STRUCT; }
        public int[] refs() { return members.stream().mapToInt(Member::type).toArray(); }
    }

    /** An enumerator; ENUM keeps the low 32 bits of {@code value}, ENUM64 all 64. */
    record EnumValue(String name, long value) {}

    /** ENUM (values up to 32 bits) of {@code size} bytes; {@code signed} is kind_flag. */
    record Enum32(String name, int size, boolean signed, List<EnumValue> values) implements BtfType {
        public Enum32 {
            values = List.copyOf(values);
        }
        public BtfKind kind() { return BtfKind.ENUM; }
        public int[] refs() { return new int[0]; }
    }

    /** ENUM64 (values up to 64 bits) of {@code size} bytes; {@code signed} is kind_flag. */
    record Enum64(String name, int size, boolean signed, List<EnumValue> values) implements BtfType {
        public Enum64 {
            values = List.copyOf(values);
        }
        public BtfKind kind() { return BtfKind.ENUM64; }
        public int[] refs() { return new int[0]; }
    }

    /** FWD: a struct or union declared but never defined. */
    record Fwd(String name, boolean union) implements BtfType {
        public BtfKind kind() { return BtfKind.FWD; }
        public int[] refs() { return new int[0]; }
    }

    /** A function's linkage, stored in FUNC's vlen (btf.rst 2.3.1). */
    enum FuncLinkage {
        STATIC, GLOBAL, EXTERN;
        public String dumpName() { return name().toLowerCase(); }
    }

    /** A variable's linkage, stored in VAR's trailing word (btf.rst 2.3.2). */
    enum VarLinkage {
        STATIC("static"), GLOBAL_ALLOCATED("global"), GLOBAL_EXTERN("extern");
        private final String dumpName;
        VarLinkage(String dumpName) { this.dumpName = dumpName; }
        public String dumpName() { return dumpName; }
    }

    /** FUNC {@code name}: a subprogram whose signature is the FUNC_PROTO {@code protoType}. */
    record Func(String name, int protoType, FuncLinkage linkage) implements BtfType {
        public BtfKind kind() { return BtfKind.FUNC; }
        public int[] refs() { return new int[] {protoType}; }
    }

    /** A FUNC_PROTO parameter; the variadic marker "..." is {@code ("", 0)}, always last. */
    record Param(String name, int type) {
        public static final Param VARARGS = new Param("", 0);
    }

    /** FUNC_PROTO returning {@code returnType} (0 = void). */
    record FuncProto(int returnType, List<Param> params) implements BtfType {
        public FuncProto {
            params = List.copyOf(params);
        }
        public BtfKind kind() { return BtfKind.FUNC_PROTO; }
        public String name() { return ""; }
        public int[] refs() {
            int[] r = new int[params.size() + 1];
            r[0] = returnType;
            for (int i = 0; i < params.size(); i++) r[i + 1] = params.get(i).type();
            return r;
        }
        public boolean varargs() {
            return !params.isEmpty() && params.get(params.size() - 1).equals(Param.VARARGS);
        }
    }

    /** VAR {@code name} of {@code type}. */
    record Var(String name, int type, VarLinkage linkage) implements BtfType {
        public BtfKind kind() { return BtfKind.VAR; }
        public int[] refs() { return new int[] {type}; }
    }

    /** One variable of a DATASEC: the VAR's id, its offset in the ELF section and its size in bytes. */
    record SecInfo(int type, int offset, int size) {}

    /** DATASEC {@code name} (the ELF section); {@code size} is 0 at compile time, libbpf fills it in. */
    record Datasec(String name, int size, List<SecInfo> vars) implements BtfType {
        public Datasec {
            vars = List.copyOf(vars);
        }
        public BtfKind kind() { return BtfKind.DATASEC; }
        public int[] refs() { return vars.stream().mapToInt(SecInfo::type).toArray(); }
    }

    /** FLOAT of {@code size} bytes. */
    record FloatType(String name, int size) implements BtfType {
        public BtfKind kind() { return BtfKind.FLOAT; }
        public int[] refs() { return new int[0]; }
    }

    /**
     * DECL_TAG {@code btf_decl_tag("value")} on {@code type}: on the whole declaration when {@code componentIdx} is
     * -1, else on member / parameter number {@code componentIdx} (counted from 0) of a struct, union or FUNC. With
     * {@code attribute} (kind_flag, kernels after 6.12) the text is an {@code __attribute__} to re-emit verbatim.
     */
    record DeclTag(String name, int type, int componentIdx, boolean attribute) implements BtfType {
        public DeclTag(String name, int type, int componentIdx) {
            this(name, type, componentIdx, false);
        }
        public BtfKind kind() { return BtfKind.DECL_TAG; }
        public int[] refs() { return new int[] {type}; }
    }
}
