package dev.jbpfc.ir;

/** Operations of {@code atomicrmw}: BPF_ATOMIC's ADD, OR, AND, XOR (optionally with BPF_FETCH) and XCHG. */
public enum AtomicOp {
    ADD, OR, AND, XOR, XCHG;

    public final String spelling = name().toLowerCase();

    public static AtomicOp parse(String s) {
        for (AtomicOp o : values()) if (o.spelling.equals(s)) return o;
        return null;
    }
}
