package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfType.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A seeded generator of valid C-shaped BTF, built the way a lowering would build it. */
final class RandomBtf {
    private RandomBtf() {}

    static BtfBuilder generate(Random rnd) {
        BtfBuilder b = new BtfBuilder();
        List<int[]> scalars = new ArrayList<>(); // {id, size}
        scalars.add(new int[] {b.addInt("char", 1, true, false, false), 1});
        scalars.add(new int[] {b.addInt("short", 2, true, false, false), 2});
        scalars.add(new int[] {b.addInt("unsigned int", 4, false, false, false), 4});
        scalars.add(new int[] {b.addInt("long", 8, true, false, false), 8});
        scalars.add(new int[] {b.addFloat("double", 8), 8});
        List<int[]> sized = new ArrayList<>(scalars); // every complete type with its size
        int uint = scalars.get(2)[0];
        int structs = 1 + rnd.nextInt(6);
        List<Integer> declared = new ArrayList<>();
        for (int s = 0; s < structs; s++) declared.add(rnd.nextBoolean() ? b.declareStruct("s" + s) : b.declareUnion("u" + s));
        for (int s = 0; s < structs; s++) {
            int id = declared.get(s);
            boolean union = b.type(id) instanceof Fwd f && f.union();
            List<Member> ms = new ArrayList<>();
            int bit = 0, size = 0;
            int n = 1 + rnd.nextInt(6);
            for (int m = 0; m < n; m++) {
                int choice = rnd.nextInt(6);
                int type, bytes;
                if (choice == 0) {
                    type = b.addPointer(declared.get(rnd.nextInt(structs)));
                    bytes = 8;
                } else if (choice == 1) {
                    int[] e = sized.get(rnd.nextInt(sized.size()));
                    int len = rnd.nextInt(5);
                    type = b.addArray(e[0], len);
                    bytes = e[1] * len;
                } else if (choice == 2 && !union) {
                    int width = 1 + rnd.nextInt(31);
                    int at = bit + width > (bit / 32 + 1) * 32 ? (bit / 32 + 1) * 32 : bit;
                    ms.add(Member.bitfield("m" + m, uint, at, width));
                    bit = at + width;
                    size = Math.max(size, (bit + 31) / 32 * 4);
                    continue;
                } else if (choice == 3) {
                    int[] e = sized.get(rnd.nextInt(sized.size()));
                    type = b.addTypedef("t" + rnd.nextInt(4), rnd.nextBoolean() ? b.addConst(e[0]) : b.addVolatile(e[0]));
                    bytes = e[1];
                } else {
                    int[] e = sized.get(rnd.nextInt(sized.size()));
                    type = e[0];
                    bytes = e[1];
                }
                int align = Math.min(8, Math.max(1, Integer.highestOneBit(Math.max(1, bytes))));
                int at = union ? 0 : ((bit + 7) / 8 + align - 1) / align * align * 8;
                ms.add(Member.field("m" + m, type, at));
                bit = union ? 0 : at + bytes * 8;
                size = Math.max(size, union ? bytes : (at / 8 + bytes));
            }
            size = (size + 7) / 8 * 8;
            b.defineComposite(id, size, ms);
            sized.add(new int[] {id, size});
        }
        int ret = scalars.get(rnd.nextInt(4))[0];
        List<Param> params = new ArrayList<>();
        for (int p = 0; p < rnd.nextInt(6); p++) params.add(new Param("a" + p, b.addPointer(sized.get(rnd.nextInt(sized.size()))[0])));
        int fn = b.addFunc("f", b.addFuncProto(ret, params, false), rnd.nextBoolean() ? FuncLinkage.GLOBAL : FuncLinkage.STATIC);
        if (!params.isEmpty()) b.addDeclTag("param_tag", fn, rnd.nextInt(params.size()));
        List<SecInfo> vars = new ArrayList<>();
        int off = 0;
        for (int v = 0; v < 1 + rnd.nextInt(4); v++) {
            int[] t = sized.get(rnd.nextInt(sized.size()));
            if (t[1] == 0) continue;
            int var = b.addVar("v" + v, t[0], rnd.nextBoolean() ? VarLinkage.GLOBAL_ALLOCATED : VarLinkage.STATIC);
            vars.add(new SecInfo(var, off, t[1]));
            off += (t[1] + 7) / 8 * 8;
        }
        if (!vars.isEmpty()) b.addDatasec(".data", off, vars);
        return b;
    }
}
