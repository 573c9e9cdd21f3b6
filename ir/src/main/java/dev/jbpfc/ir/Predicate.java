package dev.jbpfc.ir;

/** Comparison predicates of {@code cmp}; each maps to one BPF conditional jump (JEQ, JNE, JLT, JSLT, ...). */
public enum Predicate {
    EQ, NE, ULT, ULE, UGT, UGE, SLT, SLE, SGT, SGE;

    public final String spelling = name().toLowerCase();

    public static Predicate parse(String s) {
        for (Predicate p : values()) if (p.spelling.equals(s)) return p;
        return null;
    }

    /** The predicate that holds when this one does not ({@code !(a < b)} is {@code a >= b}). */
    public Predicate inverse() {
        return switch (this) {
            case EQ -> NE; case NE -> EQ;
            case ULT -> UGE; case UGE -> ULT; case ULE -> UGT; case UGT -> ULE;
            case SLT -> SGE; case SGE -> SLT; case SLE -> SGT; case SGT -> SLE;
        };
    }

    /** The predicate with the operands exchanged ({@code a < b} is {@code b > a}). */
    public Predicate swapped() {
        return switch (this) {
            case EQ, NE -> this;
            case ULT -> UGT; case UGT -> ULT; case ULE -> UGE; case UGE -> ULE;
            case SLT -> SGT; case SGT -> SLT; case SLE -> SGE; case SGE -> SLE;
        };
    }

    public boolean isSigned() { return this == SLT || this == SLE || this == SGT || this == SGE; }

    /** Evaluates the predicate on two values of {@code type} (normalised as {@link Type#normalize} keeps them). */
    public boolean evaluate(Type type, long a, long b) {
        long ua = type.unsigned(a), ub = type.unsigned(b);
        return switch (this) {
            case EQ -> a == b;
            case NE -> a != b;
            case ULT -> Long.compareUnsigned(ua, ub) < 0;
            case ULE -> Long.compareUnsigned(ua, ub) <= 0;
            case UGT -> Long.compareUnsigned(ua, ub) > 0;
            case UGE -> Long.compareUnsigned(ua, ub) >= 0;
            case SLT -> a < b;
            case SLE -> a <= b;
            case SGT -> a > b;
            case SGE -> a >= b;
        };
    }
}
