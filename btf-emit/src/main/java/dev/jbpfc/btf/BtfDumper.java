package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfType.*;

/**
 * Prints BTF in the text format of {@code bpftool btf dump file X} (bpftool 7.1), one type per line with
 * tab-indented members, so a test can compare our reading of a blob with bpftool's, and a human can read what
 * {@link BtfBuilder} produced.
 *
 * <p>Example: {@code [2] STRUCT 'foo' size=8 vlen=2}, then {@code \t'a' type_id=3 bits_offset=0}.
 */
public final class BtfDumper {
    private BtfDumper() {}

    public static String dump(Btf btf) {
        StringBuilder out = new StringBuilder();
        for (int id = 1; id < btf.typeCount(); id++) {
            dumpType(out, btf, id);
            out.append('\n');
        }
        return out.toString();
    }

    private static String anon(String name) {
        return name.isEmpty() ? "(anon)" : name;
    }

    private static String intEncoding(int enc) {
        switch (enc) {
            case 0: return "(none)";
            case BtfType.INT_SIGNED: return "SIGNED";
            case BtfType.INT_CHAR: return "CHAR";
            case BtfType.INT_BOOL: return "BOOL";
            default: return "UNKN";
        }
    }

    private static void dumpType(StringBuilder o, Btf btf, int id) {
        BtfType t = btf.type(id);
        o.append('[').append(id).append("] ").append(t.kind()).append(" '").append(anon(t.name())).append('\'');
        if (t instanceof Int i) {
            o.append(" size=").append(i.size()).append(" bits_offset=").append(i.bitOffset())
             .append(" nr_bits=").append(i.bits()).append(" encoding=").append(intEncoding(i.encoding()));
        } else if (t instanceof Ptr || t instanceof Qualifier || t instanceof Typedef || t instanceof TypeTag) {
            o.append(" type_id=").append(Integer.toUnsignedString(t.refs()[0]));
        } else if (t instanceof Array a) {
            o.append(" type_id=").append(Integer.toUnsignedString(a.elemType()))
             .append(" index_type_id=").append(Integer.toUnsignedString(a.indexType()))
             .append(" nr_elems=").append(Integer.toUnsignedString(a.nelems()));
        } else if (t instanceof Composite c) {
            o.append(" size=").append(Integer.toUnsignedString(c.size())).append(" vlen=").append(c.members().size());
            for (Member m : c.members()) {
                o.append("\n\t'").append(anon(m.name())).append("' type_id=").append(Integer.toUnsignedString(m.type()))
                 .append(" bits_offset=").append(Integer.toUnsignedString(m.bitOffset()));
                if (m.bitfieldSize() != 0) o.append(" bitfield_size=").append(m.bitfieldSize());
            }
        } else if (t instanceof Enum32 e) {
            o.append(" encoding=").append(e.signed() ? "SIGNED" : "UNSIGNED")
             .append(" size=").append(Integer.toUnsignedString(e.size())).append(" vlen=").append(e.values().size());
            for (EnumValue v : e.values()) {
                o.append("\n\t'").append(anon(v.name())).append("' val=")
                 .append(e.signed() ? Integer.toString((int) v.value()) : Integer.toUnsignedString((int) v.value()));
            }
        } else if (t instanceof Enum64 e) {
            o.append(" encoding=").append(e.signed() ? "SIGNED" : "UNSIGNED")
             .append(" size=").append(Integer.toUnsignedString(e.size())).append(" vlen=").append(e.values().size());
            for (EnumValue v : e.values()) {
                o.append("\n\t'").append(anon(v.name())).append("' val=")
                 .append(e.signed() ? v.value() + "LL" : Long.toUnsignedString(v.value()) + "ULL");
            }
        } else if (t instanceof Fwd f) {
            o.append(" fwd_kind=").append(f.union() ? "union" : "struct");
        } else if (t instanceof Func f) {
            o.append(" type_id=").append(Integer.toUnsignedString(f.protoType())).append(" linkage=").append(f.linkage().dumpName());
        } else if (t instanceof FuncProto fp) {
            o.append(" ret_type_id=").append(Integer.toUnsignedString(fp.returnType())).append(" vlen=").append(fp.params().size());
            for (Param p : fp.params())
                o.append("\n\t'").append(anon(p.name())).append("' type_id=").append(Integer.toUnsignedString(p.type()));
        } else if (t instanceof Var v) {
            o.append(" type_id=").append(Integer.toUnsignedString(v.type())).append(", linkage=").append(v.linkage().dumpName());
        } else if (t instanceof Datasec d) {
            o.append(" size=").append(Integer.toUnsignedString(d.size())).append(" vlen=").append(d.vars().size());
            for (SecInfo v : d.vars()) {
                o.append("\n\ttype_id=").append(Integer.toUnsignedString(v.type()))
                 .append(" offset=").append(Integer.toUnsignedString(v.offset()))
                 .append(" size=").append(Integer.toUnsignedString(v.size()));
                if (v.type() >= 0 && v.type() < btf.typeCount()) {
                    BtfType vt = btf.type(v.type());
                    o.append(" (").append(vt == null ? "UNKN" : vt.kind()).append(" '").append(vt == null ? "(anon)" : anon(vt.name())).append("')");
                }
            }
        } else if (t instanceof FloatType f) {
            o.append(" size=").append(Integer.toUnsignedString(f.size()));
        } else if (t instanceof DeclTag d) {
            o.append(" type_id=").append(Integer.toUnsignedString(d.type())).append(" component_idx=").append(d.componentIdx());
        }
    }
}
