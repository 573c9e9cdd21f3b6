package dev.jbpfc.backend.btf;

import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfType;

import java.util.ArrayList;
import java.util.List;

/**
 * The BTF side of jbpfc's >5-argument convention ({@link dev.jbpfc.backend.isel.StackArguments}) for global
 * functions, which the kernel verifies from their BTF alone. For {@code int g(int a, int b, int c, int d, int e,
 * long f)} the FUNC_PROTO becomes
 * <pre>
 *   int (int a, int b, int c, int d, struct g__stack_args *__args)
 *   struct g__stack_args { long e; long f; }         ; 8 bytes per argument, as the caller stores them
 *   DECL_TAG "arg:nonnull" on FUNC g, component_idx 4   ; r5 is never NULL
 * </pre>
 * so the verifier treats r5 as a non-null pointer to 8 * (n - 4) bytes of initialised memory.
 */
public final class StackArgumentsBtf {
    private StackArgumentsBtf() {}

    /** The FUNC_PROTO for a function with {@code params} (more than five) under the convention. */
    public static int funcProto(BtfBuilder btf, String functionName, int returnType, List<BtfType.Param> params) {
        if (params.size() <= 5) return btf.addFuncProto(returnType, params, false);
        int slot = btf.addInt("long long", 8, true, false, false);
        List<BtfType.Member> members = new ArrayList<>();
        for (int k = 4; k < params.size(); k++) {
            String name = params.get(k).name().isEmpty() ? "arg" + (k + 1) : params.get(k).name();
            members.add(BtfType.Member.field(name, slot, (k - 4) * 64));
        }
        int struct = btf.addStruct(functionName + "__stack_args", members.size() * 8, members);
        List<BtfType.Param> proto = new ArrayList<>(params.subList(0, 4));
        proto.add(new BtfType.Param("__args", btf.addPointer(struct)));
        return btf.addFuncProto(returnType, proto, false);
    }

    /** Marks the stacked-arguments pointer of FUNC {@code funcId} non-null (call after addFunc). */
    public static void tagNonNull(BtfBuilder btf, int funcId) { btf.addDeclTag("arg:nonnull", funcId, 4); }
}
