package dev.jbpfc.ir;

/**
 * The kinds of CO-RE relocation (Documentation/bpf/llvm_reloc.rst, "CO-RE Relocations"; libbpf's
 * {@code enum bpf_core_relo_kind}), with the number that goes into the .BTF.ext record.
 */
public enum CoreKind {
    FIELD_BYTE_OFFSET("byte_offset", 0),
    FIELD_BYTE_SIZE("byte_size", 1),
    FIELD_EXISTS("field_exists", 2),
    FIELD_SIGNED("signed", 3),
    FIELD_LSHIFT_U64("lshift_u64", 4),
    FIELD_RSHIFT_U64("rshift_u64", 5),
    TYPE_ID_LOCAL("type_id_local", 6),
    TYPE_ID_TARGET("type_id_target", 7),
    TYPE_EXISTS("type_exists", 8),
    TYPE_SIZE("type_size", 9),
    ENUMVAL_EXISTS("enumval_exists", 10),
    ENUMVAL_VALUE("enumval_value", 11),
    TYPE_MATCHES("type_matches", 12);

    public final String spelling;
    /** The relocation kind number in .BTF.ext. */
    public final int code;

    CoreKind(String spelling, int code) {
        this.spelling = spelling;
        this.code = code;
    }

    public static CoreKind parse(String s) {
        for (CoreKind k : values()) if (k.spelling.equals(s)) return k;
        return null;
    }
}
