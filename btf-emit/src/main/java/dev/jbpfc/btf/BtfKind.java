package dev.jbpfc.btf;

/**
 * The BTF record kinds with the numbers the kernel's {@code btf_type.info} bits 24-28 carry (Documentation/bpf/btf.rst
 * section 2.2) and the upper-case names bpftool prints in {@code bpftool btf dump}.
 */
public enum BtfKind {
    INT(1), PTR(2), ARRAY(3), STRUCT(4), UNION(5), ENUM(6), FWD(7), TYPEDEF(8), VOLATILE(9), CONST(10),
    RESTRICT(11), FUNC(12), FUNC_PROTO(13), VAR(14), DATASEC(15), FLOAT(16), DECL_TAG(17), TYPE_TAG(18), ENUM64(19);

    private static final BtfKind[] BY_NUMBER = new BtfKind[20];
    static {
        for (BtfKind k : values()) BY_NUMBER[k.number] = k;
    }

    /** The value stored in {@code info} bits 24-28. */
    public final int number;

    BtfKind(int number) {
        this.number = number;
    }

    /** The kind with this number, or null when the number is not a kind this encoder knows (0 is UNKN). */
    public static BtfKind ofNumber(int number) {
        return number > 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }
}
