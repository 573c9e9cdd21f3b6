package dev.jbpfc.btf;

/**
 * The kinds of CO-RE relocation ({@code enum bpf_core_relo_kind}, Documentation/bpf/llvm_reloc.rst), with the value
 * stored in a .BTF.ext {@code bpf_core_relo.kind} and the short name llvm-objdump prints ({@code CO-RE <byte_off>}).
 *
 * <p>Example: {@code s->b} on a {@code preserve_access_index} struct is a FIELD_BYTE_OFFSET relocation with access
 * string "0:1" on the LDX that reads it; {@code __builtin_preserve_type_info(*s, 1)} is a TYPE_SIZE relocation with
 * access string "0" on a MOV of the size.
 */
public enum CoreReloKind {
    FIELD_BYTE_OFFSET(0, "byte_off", Group.FIELD),
    FIELD_BYTE_SIZE(1, "byte_sz", Group.FIELD),
    FIELD_EXISTS(2, "field_exists", Group.FIELD),
    FIELD_SIGNED(3, "signed", Group.FIELD),
    FIELD_LSHIFT_U64(4, "lshift_u64", Group.FIELD),
    FIELD_RSHIFT_U64(5, "rshift_u64", Group.FIELD),
    TYPE_ID_LOCAL(6, "local_type_id", Group.TYPE),
    TYPE_ID_TARGET(7, "target_type_id", Group.TYPE),
    TYPE_EXISTS(8, "type_exists", Group.TYPE),
    TYPE_SIZE(9, "type_size", Group.TYPE),
    ENUMVAL_EXISTS(10, "enumval_exists", Group.ENUM),
    ENUMVAL_VALUE(11, "enumval_value", Group.ENUM),
    TYPE_MATCHES(12, "type_matches", Group.TYPE);

    /** What the access string addresses: a field path, the whole type ("0"), or an enumerator's index. */
    public enum Group { FIELD, TYPE, ENUM }

    /** The value in {@code bpf_core_relo.kind}. */
    public final int value;
    /** llvm-objdump's name for the kind. */
    public final String shortName;
    public final Group group;

    CoreReloKind(int value, String shortName, Group group) {
        this.value = value;
        this.shortName = shortName;
        this.group = group;
    }

    /** The kind with this value; throws for an unknown value (a newer libbpf's kind, or garbage). */
    public static CoreReloKind ofValue(int value) {
        for (CoreReloKind k : values()) if (k.value == value) return k;
        throw new BtfFormatException("unknown CO-RE relocation kind " + value);
    }
}
