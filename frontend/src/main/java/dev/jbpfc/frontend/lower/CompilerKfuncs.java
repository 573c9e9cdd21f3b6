package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfType.FuncLinkage;
import dev.jbpfc.btf.BtfType.Member;
import dev.jbpfc.btf.BtfType.Param;
import dev.jbpfc.ir.ExternFunction;
import dev.jbpfc.ir.Module;
import dev.jbpfc.ir.pass.LoopLowering;

import java.util.List;

/**
 * BTF for the kfuncs the optimiser itself calls (it declares them in the IR with btf 0): libbpf resolves a kfunc
 * only through an extern FUNC of that name listed in the {@code .ksyms} DATASEC, and checks its prototype against
 * the kernel's. The loop lowering's iterator loops call
 * <pre>
 *   int  bpf_iter_num_new(struct bpf_iter_num *, int, int);
 *   int *bpf_iter_num_next(struct bpf_iter_num *);
 *   void bpf_iter_num_destroy(struct bpf_iter_num *);
 *   struct bpf_iter_num { unsigned long long __opaque[1]; };     // 8 bytes, 8-aligned: the kernel knows the
 *                                                                 // iterator argument by this struct's name
 * </pre>
 * Runs after the pass pipeline and before the DATASECs are emitted, so only kfuncs that some code still calls get
 * a FUNC (libbpf fails on a .ksyms entry without an ELF symbol, and the ELF symbol exists only for a call).
 */
final class CompilerKfuncs {
    private CompilerKfuncs() {}

    static void declare(Module module, BtfBuilder btf, BtfSections sections) {
        int intType = 0, iterPtr = 0;
        for (ExternFunction ef : module.externs()) {
            if (ef.kind() != ExternFunction.Kind.KFUNC || ef.btfFuncId() != 0 || !isCalled(module, ef.name())) continue;
            if (intType == 0) {
                intType = btf.addInt("int", 4, true, false, false);
                int u64 = btf.addInt("unsigned long long", 8, false, false, false);
                int opaque = btf.addArray(u64, 1);
                int iter = btf.addStruct("bpf_iter_num", 8, List.of(Member.field("__opaque", opaque, 0)));
                iterPtr = btf.addPointer(iter);
            }
            int proto = switch (ef.name()) {
                case LoopLowering.ITER_NEW -> btf.addFuncProto(intType,
                        List.of(new Param("", iterPtr), new Param("", intType), new Param("", intType)), false);
                case LoopLowering.ITER_NEXT -> btf.addFuncProto(btf.addPointer(intType), List.of(new Param("", iterPtr)), false);
                case LoopLowering.ITER_DESTROY -> btf.addFuncProto(0, List.of(new Param("", iterPtr)), false);
                default -> throw new IllegalStateException("the optimiser declared an unknown kfunc " + ef.name());
            };
            int id = btf.addFunc(ef.name(), proto, FuncLinkage.EXTERN);
            ef.setBtfFuncId(id);
            sections.add(".ksyms", id, 0, 0);
        }
        module.externs().removeIf(ef -> ef.kind() == ExternFunction.Kind.KFUNC && ef.btfFuncId() == 0);
    }

    private static boolean isCalled(Module module, String name) {
        for (dev.jbpfc.ir.Function f : module.functions()) {
            for (dev.jbpfc.ir.Block b : f.blocks()) {
                for (dev.jbpfc.ir.Instruction i : b.instructions()) {
                    if (i.op() == dev.jbpfc.ir.Opcode.CALLKFUNC && name.equals(i.symbol)) return true;
                }
            }
        }
        return false;
    }
}
