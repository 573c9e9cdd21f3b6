package dev.jbpfc.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A function the module calls but does not define. A {@code HELPER} is called by number ({@code callhelper N});
 * its declaration only names the number for readers. A {@code KFUNC} is a {@code __ksym} function resolved by
 * libbpf to a kernel BTF id ({@code callkfunc @name}); {@code btfFuncId} is its BTF FUNC id in our .BTF (libbpf
 * needs it). An {@code EXTERN} is a BPF function defined in another object ({@code call @name}), for static linking.
 */
public final class ExternFunction {
    public enum Kind {
        HELPER("helper"), KFUNC("kfunc"), EXTERN("extern");

        public final String spelling;

        Kind(String spelling) { this.spelling = spelling; }

        public static Kind parse(String s) {
            for (Kind k : values()) if (k.spelling.equals(s)) return k;
            return null;
        }
    }

    private final Kind kind;
    private final String name;
    private final Type returnType;
    private final List<Type> paramTypes;
    /** Helper number for HELPER; unused otherwise. */
    private final long helperId;
    private final boolean weak;
    private int btfFuncId;

    public ExternFunction(Kind kind, String name, Type returnType, List<Type> paramTypes, long helperId, boolean weak) {
        this.kind = kind;
        this.name = name;
        this.returnType = returnType;
        this.paramTypes = new ArrayList<>(paramTypes);
        this.helperId = helperId;
        this.weak = weak;
    }

    public Kind kind() { return kind; }

    public String name() { return name; }

    public Type returnType() { return returnType; }

    public List<Type> paramTypes() { return paramTypes; }

    public long helperId() { return helperId; }

    public boolean weak() { return weak; }

    public int btfFuncId() { return btfFuncId; }

    public void setBtfFuncId(int id) { this.btfFuncId = id; }
}
