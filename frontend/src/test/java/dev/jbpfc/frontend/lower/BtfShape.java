package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfType;
import dev.jbpfc.btf.BtfType.*;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders a BTF type graph from one id as text that does not depend on id numbering, so the BTF of a VAR or FUNC
 * built by jbpfc can be compared with clang's: {@code PTR(STRUCT node{next:PTR(^node),flag:INT unsigned int/4 :1@64})}.
 * A struct already being rendered is written {@code ^name} (recursive types terminate).
 */
final class BtfShape {
    private BtfShape() {}

    static String render(Btf btf, int id) {
        StringBuilder sb = new StringBuilder();
        render(btf, id, sb, new HashSet<>());
        return sb.toString();
    }

    /** Every VAR and FUNC by name, rendered, plus each DATASEC as its list of entry names. */
    static TreeMap<String, String> roots(Btf btf) {
        TreeMap<String, String> out = new TreeMap<>();
        for (int id = 1; id < btf.typeCount(); id++) {
            BtfType t = btf.type(id);
            if (t instanceof Var || t instanceof Func) out.put(t.kind() + " " + t.name(), render(btf, id));
            if (t instanceof DeclTag dt) {
                BtfType target = btf.type(dt.type());
                out.merge("DECL_TAG " + target.kind() + " " + target.name(), dt.name() + "@" + dt.componentIdx(),
                        (a, b) -> a + " " + b);
            }
            if (t instanceof Datasec d) {
                StringBuilder sb = new StringBuilder();
                for (SecInfo s : d.vars()) sb.append(btf.type(s.type()).name()).append('/').append(s.size()).append(' ');
                out.put("DATASEC " + d.name(), sb.toString().trim());
            }
        }
        return out;
    }

    private static void render(Btf btf, int id, StringBuilder sb, Set<Integer> open) {
        if (id == 0) { sb.append("void"); return; }
        BtfType t = btf.type(id);
        if (t instanceof Int i) sb.append("INT ").append(i.name()).append('/').append(i.size()).append('e').append(i.encoding());
        else if (t instanceof Ptr p) { sb.append("PTR("); render(btf, p.type(), sb, open); sb.append(')'); }
        else if (t instanceof Qualifier q) { sb.append(q.kind()).append('('); render(btf, q.type(), sb, open); sb.append(')'); }
        else if (t instanceof Typedef td) { sb.append("TYPEDEF ").append(td.name()).append('('); render(btf, td.type(), sb, open); sb.append(')'); }
        else if (t instanceof TypeTag tt) { sb.append("TAG ").append(tt.name()).append('('); render(btf, tt.type(), sb, open); sb.append(')'); }
        else if (t instanceof Array a) {
            sb.append("ARRAY[").append(a.nelems()).append("](");
            render(btf, a.elemType(), sb, open);
            sb.append(";");
            render(btf, a.indexType(), sb, open);
            sb.append(')');
        } else if (t instanceof Composite c) {
            sb.append(c.union() ? "UNION " : "STRUCT ").append(c.name()).append('/').append(c.size());
            if (!open.add(id)) { sb.append("^"); return; }
            sb.append('{');
            for (Member m : c.members()) {
                sb.append(m.name()).append(':');
                render(btf, m.type(), sb, open);
                if (m.bitfieldSize() != 0) sb.append(" :").append(m.bitfieldSize());
                sb.append('@').append(m.bitOffset()).append(',');
            }
            sb.append('}');
            open.remove(id);
        } else if (t instanceof Enum32 e) sb.append("ENUM ").append(e.name()).append('/').append(e.size()).append(e.signed() ? 's' : 'u').append(e.values());
        else if (t instanceof Enum64 e) sb.append("ENUM64 ").append(e.name()).append('/').append(e.size()).append(e.signed() ? 's' : 'u').append(e.values());
        else if (t instanceof Fwd f) sb.append("FWD ").append(f.union() ? "union " : "struct ").append(f.name());
        else if (t instanceof FuncProto fp) {
            sb.append("PROTO(");
            render(btf, fp.returnType(), sb, open);
            for (Param p : fp.params()) { sb.append(", ").append(p.name()).append(':'); render(btf, p.type(), sb, open); }
            sb.append(')');
        } else if (t instanceof Func f) { sb.append("FUNC ").append(f.name()).append(' ').append(f.linkage()).append(' '); render(btf, f.protoType(), sb, open); }
        else if (t instanceof Var v) { sb.append("VAR ").append(v.name()).append(' ').append(v.linkage()).append(' '); render(btf, v.type(), sb, open); }
        else if (t instanceof FloatType f) sb.append("FLOAT ").append(f.name()).append('/').append(f.size());
        else if (t instanceof DeclTag d) sb.append("DECL_TAG ").append(d.name()).append(' ').append(d.componentIdx());
        else sb.append(t.kind()).append(' ').append(t.name());
    }
}
