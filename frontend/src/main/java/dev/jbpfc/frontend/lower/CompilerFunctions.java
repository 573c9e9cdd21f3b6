package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfType.FuncLinkage;
import dev.jbpfc.btf.BtfType.Param;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Type;

import java.util.ArrayList;
import java.util.List;

/**
 * BTF FUNCs for the functions the optimiser itself makes (it leaves them with btf 0): the loop lowering's
 * {@code bpf_loop} callbacks. With .BTF.ext func_info the kernel wants a FUNC for every subprogram, and clang gives a
 * callback the prototype the helper documents, static:
 * <pre>
 *   static long f__bpf_loop(unsigned long long index, void *ctx);     // FUNC 'f__bpf_loop' linkage=static
 * </pre>
 * The types come from the IR signature: i64 parameters are {@code unsigned long long}, an i64 result {@code long},
 * i32 {@code int}, ptr {@code void *}. Runs after the pass pipeline.
 */
final class CompilerFunctions {
    private CompilerFunctions() {}

    static void declare(Module module, BtfBuilder btf) {
        for (Function f : module.functions()) {
            if (f.btfFuncId() != 0) continue;
            List<Param> params = new ArrayList<>();
            for (dev.jbpfc.ir.Param p : f.params()) params.add(new Param(p.name(), type(btf, p.type(), false)));
            int proto = btf.addFuncProto(type(btf, f.returnType(), true), params, false);
            f.setBtfFuncId(btf.addFunc(f.name(), proto, FuncLinkage.STATIC));
        }
    }

    private static int type(BtfBuilder btf, Type t, boolean result) {
        return switch (t) {
            case VOID -> 0;
            case PTR -> btf.addPointer(0);
            case I64 -> result ? btf.addInt("long", 8, true, false, false) : btf.addInt("unsigned long long", 8, false, false, false);
            default -> btf.addInt("int", 4, true, false, false);
        };
    }
}
