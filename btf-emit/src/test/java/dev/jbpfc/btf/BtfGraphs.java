package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfType.*;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test helpers over whole type graphs: whether two BTF blobs describe the same types with ids numbered differently,
 * and copying one blob's types into a {@link BtfBuilder} through its public API in a scrambled order.
 */
final class BtfGraphs {
    private BtfGraphs() {}

    /** A record with its type references blanked: what must be equal between matched types. */
    private static BtfType shape(BtfType t) {
        return BtfRefs.map(t, id -> id == 0 ? 0 : -1);
    }

    /**
     * Null when {@code b} is {@code a} with its ids renumbered and identical records possibly merged (clang repeats
     * equal FUNC_PROTOs and arrays, BtfBuilder stores each once), else a message saying where they differ.
     * Formally: there is a map from every type of {@code a} onto the types of {@code b} (all of them) under which
     * each record equals its image once references are mapped.
     */
    static String difference(Btf a, Btf b) {
        int na = a.types().size(), nb = b.types().size();
        int[] ab = new int[na + 1];
        boolean[] hit = new boolean[nb + 1];
        Deque<int[]> work = new ArrayDeque<>();
        // Roots: names unique (per kind) in b.
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int id = 1; id <= nb; id++) {
            BtfType t = b.type(id);
            if (!t.name().isEmpty()) byName.computeIfAbsent(t.kind() + " " + t.name(), k -> new ArrayList<>()).add(id);
        }
        for (int id = 1; id <= na; id++) {
            BtfType t = a.type(id);
            List<Integer> cands = byName.get(t.kind() + " " + t.name());
            if (t.name().isEmpty()) continue;
            if (cands == null) return "no counterpart for " + describe(a, id);
            if (cands.size() == 1) work.add(new int[] {id, cands.get(0)});
        }
        while (true) {
            while (!work.isEmpty()) {
                int[] p = work.pop();
                int x = p[0], y = p[1];
                if (x == 0 || y == 0) {
                    if (x != y) return "void matched with a type: " + describe(a, x) + " vs " + describe(b, y);
                    continue;
                }
                if (ab[x] != 0) {
                    if (ab[x] != y) return describe(a, x) + " matches both " + describe(b, ab[x]) + " and " + describe(b, y);
                    continue;
                }
                BtfType tx = a.type(x), ty = b.type(y);
                if (!shape(tx).equals(shape(ty))) return "different records: " + describe(a, x) + " vs " + describe(b, y);
                ab[x] = y;
                hit[y] = true;
                int[] rx = tx.refs(), ry = ty.refs();
                for (int i = 0; i < rx.length; i++) work.push(new int[] {rx[i], ry[i]});
            }
            // Types no named root reaches (decl tags, anonymous leftovers): match one whose shape and mapped
            // references agree, then propagate again.
            boolean progress = false;
            for (int x = 1; x <= na && !progress; x++) {
                if (ab[x] != 0) continue;
                BtfType tx = a.type(x);
                int[] rx = tx.refs();
                if (Arrays.stream(rx).anyMatch(r -> r != 0 && ab[r] == 0)) continue;
                // Candidates nothing matched yet come first (b may keep two equal anonymous structs apart).
                for (int k = 0; k < 2 * nb; k++) {
                    int y = k % nb + 1;
                    if (k < nb && hit[y]) continue;
                    BtfType ty = b.type(y);
                    if (!shape(tx).equals(shape(ty))) continue;
                    int[] ry = ty.refs();
                    boolean same = true;
                    for (int i = 0; i < rx.length && same; i++) same = (rx[i] == 0 ? 0 : ab[rx[i]]) == ry[i];
                    if (same) {
                        work.add(new int[] {x, y});
                        progress = true;
                        break;
                    }
                }
            }
            if (!progress) break;
        }
        for (int x = 1; x <= na; x++) if (ab[x] == 0) return "no counterpart for " + describe(a, x);
        for (int y = 1; y <= nb; y++) if (!hit[y]) return "nothing corresponds to " + describe(b, y);
        return null;
    }

    private static String describe(Btf btf, int id) {
        return id == 0 ? "void" : "[" + id + "] " + btf.type(id);
    }

    /**
     * Copies every type of {@code src} into {@code b} via the builder's public API, visiting types in a random
     * order (composites declared first, as a lowering meets recursive structs); returns the id map.
     */
    static int[] copy(Btf src, BtfBuilder b, Random rnd) {
        int n = src.types().size();
        int[] map = new int[n + 1];
        List<Integer> order = new ArrayList<>();
        for (int id = 1; id <= n; id++) order.add(id);
        Collections.shuffle(order, rnd);
        for (int id : order) {
            if (src.type(id) instanceof Composite c) map[id] = c.union() ? b.declareUnion(c.name()) : b.declareStruct(c.name());
        }
        for (int id : order) build(src, b, id, map);
        for (int id : order) {
            if (src.type(id) instanceof Composite c) {
                List<Member> ms = new ArrayList<>();
                for (Member m : c.members()) ms.add(new Member(m.name(), map[m.type()], m.bitOffset(), m.bitfieldSize()));
                b.defineComposite(map[id], c.size(), ms);
            }
        }
        return map;
    }

    private static int build(Btf src, BtfBuilder b, int id, int[] map) {
        if (id == 0 || map[id] != 0) return map[id];
        BtfType t = src.type(id);
        for (int r : t.refs()) build(src, b, r, map);
        int out;
        if (t instanceof Int i) out = b.addIntBits(i.name(), i.size(), i.encoding(), i.bitOffset(), i.bits());
        else if (t instanceof Ptr p) out = b.addPointer(map[p.type()]);
        else if (t instanceof Qualifier q) {
            int target = map[q.type()];
            out = q.kind() == BtfKind.CONST ? b.addConst(target) : q.kind() == BtfKind.VOLATILE ? b.addVolatile(target) : b.addRestrict(target);
        } else if (t instanceof Typedef td) out = b.addTypedef(td.name(), map[td.type()]);
        else if (t instanceof TypeTag tt) out = b.addTypeTag(tt.name(), map[tt.type()], tt.attribute());
        else if (t instanceof Array a) out = b.addArray(map[a.elemType()], map[a.indexType()], a.nelems());
        else if (t instanceof Enum32 e && e.size() == 0 && e.values().isEmpty()) out = b.addEnumFwd(e.name());
        else if (t instanceof Enum32 e) out = b.addEnum(e.name(), e.size(), e.signed(), e.values());
        else if (t instanceof Enum64 e) out = b.addEnum64(e.name(), e.size(), e.signed(), e.values());
        else if (t instanceof Fwd f) out = b.addFwd(f.name(), f.union());
        else if (t instanceof Func f) out = b.addFunc(f.name(), map[f.protoType()], f.linkage());
        else if (t instanceof FuncProto fp) {
            List<Param> ps = new ArrayList<>();
            for (Param p : fp.params()) if (!p.equals(Param.VARARGS)) ps.add(new Param(p.name(), map[p.type()]));
            out = b.addFuncProto(map[fp.returnType()], ps, fp.varargs());
        } else if (t instanceof Var v) out = b.addVar(v.name(), map[v.type()], v.linkage());
        else if (t instanceof Datasec d) {
            List<SecInfo> vs = new ArrayList<>();
            for (SecInfo v : d.vars()) vs.add(new SecInfo(map[v.type()], v.offset(), v.size()));
            out = b.addDatasec(d.name(), d.size(), vs);
        } else if (t instanceof FloatType f) out = b.addFloat(f.name(), f.size());
        else if (t instanceof DeclTag d) out = b.addDeclTag(d.name(), map[d.type()], d.componentIdx(), d.attribute());
        else throw new IllegalStateException("unhandled " + t);
        map[id] = out;
        return out;
    }
}
