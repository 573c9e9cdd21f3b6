package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.ir.ExternFunction;
import dev.jbpfc.ir.FnAttr;
import dev.jbpfc.ir.Function;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Param;
import dev.jbpfc.ir.Type;
import dev.jbpfc.ir.pass.Inliner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops the bodies of inline definitions ({@link FnAttr#AVAILABLE_EXTERNALLY}) once the optimiser has inlined what
 * it chose to, as clang-22 does: such a function is defined in another object, so it gets no symbol and no BTF
 * FUNC here, and a call that is still there becomes a call of that external function (a relocation against the
 * undefined name; libbpf refuses the object unless it is linked with the definition, as with clang's object).
 * <pre>
 *   extern inline __attribute__((gnu_inline)) int twice(int x) { return x * 2; }
 *   int f(int a) { return twice(a); }
 *   -O2: twice is inlined into f and disappears;  -O0: f does "call twice" against the undefined symbol twice
 * </pre>
 * Taking such a function's address (clang: an R_BPF_64_64 against the undefined name) is refused: the backend
 * can address only functions of this object.
 */
final class InlineDefinitions {
    private InlineDefinitions() {}

    static void drop(Module module) {
        List<Function> dropped = new ArrayList<>();
        for (Function f : module.functions()) if (f.has(FnAttr.AVAILABLE_EXTERNALLY)) dropped.add(f);
        if (dropped.isEmpty()) return;
        module.functions().removeAll(dropped);
        // A static function only the dropped bodies called goes too (clang-22 emits no static it does not call).
        Inliner.removeDeadStatics(module);
        Set<String> called = new HashSet<>();
        for (Function f : module.functions()) {
            for (Instruction i : f.instructions()) {
                if (i.symbol == null) continue;
                if (i.op() == Opcode.CALL) called.add(i.symbol);
                else if (isDropped(dropped, i.symbol)) refuseAddress(i.symbol);
            }
        }
        for (Global g : module.globals()) {
            for (Global.Reloc r : g.relocs()) if (isDropped(dropped, r.symbol())) refuseAddress(r.symbol());
        }
        for (Function f : dropped) {
            if (!called.contains(f.name()) || module.extern(f.name()) != null) continue;
            List<Type> params = new ArrayList<>();
            for (Param p : f.params()) params.add(p.type());
            module.externs().add(new ExternFunction(ExternFunction.Kind.EXTERN, f.name(), f.returnType(), params, 0,
                    false));
        }
    }

    private static boolean isDropped(List<Function> dropped, String name) {
        for (Function f : dropped) if (f.name().equals(name)) return true;
        return false;
    }

    private static void refuseAddress(String name) {
        throw new CompileError(null, "taking the address of '" + name + "', an inline definition (extern inline "
                + "gnu_inline, or C99 inline) whose function is defined in another object, is not supported yet");
    }
}
