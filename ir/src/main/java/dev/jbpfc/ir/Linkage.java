package dev.jbpfc.ir;

/**
 * ELF binding of a symbol. {@code EXTERN} is a declaration resolved by libbpf (a {@code __kconfig} or
 * {@code __ksym} variable, a kfunc); {@code EXTERN_WEAK} one that may be missing at load time.
 */
public enum Linkage {
    STATIC("static"), GLOBAL("global"), WEAK("weak"), EXTERN("extern"), EXTERN_WEAK("extern_weak");

    public final String spelling;

    Linkage(String spelling) { this.spelling = spelling; }

    public boolean isExtern() { return this == EXTERN || this == EXTERN_WEAK; }

    public static Linkage parse(String s) {
        for (Linkage l : values()) if (l.spelling.equals(s)) return l;
        return null;
    }
}
