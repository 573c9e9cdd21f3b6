package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfType.*;
import java.util.ArrayList;
import java.util.List;

/**
 * What libbpf changes in an object's BTF before BPF_BTF_LOAD (libbpf.c: btf_fixup_datasec, the .ksyms extern
 * handling), redone for tests that hand compiler-shaped BTF straight to the kernel: DATASEC sizes and global
 * variables' offsets (clang leaves them 0), extern FUNCs and VARs (the kernel accepts neither linkage, nor unnamed
 * parameters of a FUNC), the entries of .ksyms (made ints, FUNCs replaced by an int VAR).
 */
final class LibbpfFixups {
    private LibbpfFixups() {}

    static List<BtfType> forKernel(List<BtfType> in) {
        List<BtfType> out = new ArrayList<>(in);
        for (int i = 0; i < out.size(); i++) {
            BtfType t = out.get(i);
            if (t instanceof Func f && f.linkage() == FuncLinkage.EXTERN) {
                // libbpf makes extern kfuncs GLOBAL and names their unnamed parameters "dummy_ksym".
                out.set(i, new Func(f.name(), f.protoType(), FuncLinkage.GLOBAL));
                FuncProto fp = (FuncProto) out.get(f.protoType() - 1);
                List<Param> ps = new ArrayList<>();
                for (Param p : fp.params()) ps.add(p.type() != 0 && p.name().isEmpty() ? new Param("dummy_ksym", p.type()) : p);
                out.set(f.protoType() - 1, new FuncProto(fp.returnType(), ps));
            }
            if (t instanceof Var v && v.linkage() == VarLinkage.GLOBAL_EXTERN) out.set(i, new Var(v.name(), v.type(), VarLinkage.GLOBAL_ALLOCATED));
        }
        int intId = 0, dummy = 0;
        for (int i = 0; i < out.size(); i++) {
            if (!(out.get(i) instanceof Datasec d)) continue;
            boolean ksyms = d.name().equals(".ksyms");
            List<SecInfo> vs = new ArrayList<>();
            int end = 0;
            for (SecInfo v : d.vars()) {
                int type = v.type(), size = v.size();
                if (ksyms) {
                    // libbpf turns every .ksyms entry into an int: VARs keep their name, FUNCs point at "dummy_ksym".
                    if (intId == 0) {
                        out.add(new Int("int", 4, BtfType.INT_SIGNED, 0, 32));
                        intId = out.size();
                    }
                    if (out.get(type - 1) instanceof Var var) {
                        out.set(type - 1, new Var(var.name(), intId, VarLinkage.GLOBAL_ALLOCATED));
                    } else {
                        if (dummy == 0) {
                            out.add(new Var("dummy_ksym", intId, VarLinkage.GLOBAL_ALLOCATED));
                            dummy = out.size();
                        }
                        type = dummy;
                    }
                    size = 4;
                }
                int off = Math.max(v.offset(), (end + 7) & ~7);
                vs.add(new SecInfo(type, off, size));
                end = off + size;
            }
            out.set(i, new Datasec(d.name(), Math.max(d.size(), Math.max(end, 1)), vs));
        }
        return out;
    }

    static byte[] encodeForKernel(List<BtfType> types, BtfStrings strings) {
        return BtfWriter.write(forKernel(types), strings);
    }
}
