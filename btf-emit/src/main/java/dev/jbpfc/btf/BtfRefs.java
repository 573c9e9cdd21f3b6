package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfType.*;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Rewrites the type ids inside a record, for code that moves BTF between id spaces (copying one blob's types into
 * a {@link BtfBuilder}, comparing two graphs, appending a program's types after a base).
 *
 * <p>Example: {@code map(new Ptr(3), id -> id + 100)} is {@code Ptr(103)}; void (0) is passed to the function too.
 */
public final class BtfRefs {
    private BtfRefs() {}

    public static BtfType map(BtfType t, IntUnaryOperator f) {
        if (t instanceof Int || t instanceof Enum32 || t instanceof Enum64 || t instanceof Fwd || t instanceof FloatType) return t;
        if (t instanceof Ptr p) return new Ptr(f.applyAsInt(p.type()));
        if (t instanceof Qualifier q) return new Qualifier(q.kind(), f.applyAsInt(q.type()));
        if (t instanceof Typedef td) return new Typedef(td.name(), f.applyAsInt(td.type()));
        if (t instanceof TypeTag tt) return new TypeTag(tt.name(), f.applyAsInt(tt.type()), tt.attribute());
        if (t instanceof Array a) return new Array(f.applyAsInt(a.elemType()), f.applyAsInt(a.indexType()), a.nelems());
        if (t instanceof Composite c) {
            List<Member> ms = new ArrayList<>(c.members().size());
            for (Member m : c.members()) ms.add(new Member(m.name(), f.applyAsInt(m.type()), m.bitOffset(), m.bitfieldSize()));
            return new Composite(c.name(), c.union(), c.size(), c.kindFlag(), ms);
        }
        if (t instanceof Func fn) return new Func(fn.name(), f.applyAsInt(fn.protoType()), fn.linkage());
        if (t instanceof FuncProto fp) {
            List<Param> ps = new ArrayList<>(fp.params().size());
            for (Param p : fp.params()) ps.add(new Param(p.name(), f.applyAsInt(p.type())));
            return new FuncProto(f.applyAsInt(fp.returnType()), ps);
        }
        if (t instanceof Var v) return new Var(v.name(), f.applyAsInt(v.type()), v.linkage());
        if (t instanceof Datasec d) {
            List<SecInfo> vs = new ArrayList<>(d.vars().size());
            for (SecInfo v : d.vars()) vs.add(new SecInfo(f.applyAsInt(v.type()), v.offset(), v.size()));
            return new Datasec(d.name(), d.size(), vs);
        }
        if (t instanceof DeclTag d) return new DeclTag(d.name(), f.applyAsInt(d.type()), d.componentIdx(), d.attribute());
        throw new IllegalStateException("unhandled BTF record " + t);
    }
}
