package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfType.*;
import java.util.List;

/**
 * Encodes type records and a string table as a .BTF section (btf.rst 2): a 24-byte header
 * {@code magic=0xeB9F version=1 flags=0 hdr_len=24 type_off=0 type_len str_off=type_len str_len}, then each type's
 * 12-byte {@code btf_type} plus its kind-specific words, then the strings. Little-endian throughout.
 *
 * <p>Example: {@code [1] INT 'int' size=4 nr_bits=32 SIGNED}, with "int" at string offset 1, is the four words
 * {@code 1, 0x01000000 (kind 1 << 24), 4, 0x01000020 (SIGNED << 24 | 32 bits)}.
 */
public final class BtfWriter {
    public static final int MAGIC = 0xeB9F;
    public static final int VERSION = 1;
    public static final int HEADER_LEN = 24;

    private BtfWriter() {}

    /** The .BTF bytes for {@code types} (type id i+1 at index i); their strings are added to {@code strings}. */
    public static byte[] write(List<BtfType> types, BtfStrings strings) {
        LeBuffer body = new LeBuffer();
        for (BtfType t : types) writeType(body, t, strings);
        byte[] str = strings.toBytes();
        strings.markEncoded();
        LeBuffer out = new LeBuffer();
        out.u16(MAGIC);
        out.u8(VERSION);
        out.u8(0);
        out.u32(HEADER_LEN);
        out.u32(0);
        out.u32(body.size());
        out.u32(body.size());
        out.u32(str.length);
        out.bytes(body.toBytes());
        out.bytes(str);
        return out.toBytes();
    }

    private static void head(LeBuffer b, BtfStrings s, String name, BtfKind kind, boolean kindFlag, int vlen,
                             int sizeOrType) {
        if (vlen < 0 || vlen > 0xffff) throw new IllegalArgumentException(kind + " '" + name + "' has " + vlen + " entries, BTF allows 65535");
        b.u32(s.add(name));
        b.u32(((kindFlag ? 1L : 0L) << 31) | ((long) kind.number << 24) | vlen);
        b.u32(sizeOrType & 0xffffffffL);
    }

    private static void writeType(LeBuffer b, BtfType t, BtfStrings s) {
        if (t instanceof Int i) {
            head(b, s, i.name(), BtfKind.INT, false, 0, i.size());
            b.u32(((long) i.encoding() << 24) | ((long) i.bitOffset() << 16) | i.bits());
        } else if (t instanceof Ptr p) {
            head(b, s, "", BtfKind.PTR, false, 0, p.type());
        } else if (t instanceof Qualifier q) {
            head(b, s, "", q.kind(), false, 0, q.type());
        } else if (t instanceof Typedef td) {
            head(b, s, td.name(), BtfKind.TYPEDEF, false, 0, td.type());
        } else if (t instanceof TypeTag tt) {
            head(b, s, tt.name(), BtfKind.TYPE_TAG, tt.attribute(), 0, tt.type());
        } else if (t instanceof Array a) {
            head(b, s, "", BtfKind.ARRAY, false, 0, 0);
            b.u32(a.elemType());
            b.u32(a.indexType());
            b.u32(a.nelems() & 0xffffffffL);
        } else if (t instanceof Composite c) {
            head(b, s, c.name(), c.kind(), c.kindFlag(), c.members().size(), c.size());
            for (Member m : c.members()) {
                b.u32(s.add(m.name()));
                b.u32(m.type());
                b.u32(c.kindFlag() ? ((long) m.bitfieldSize() << 24) | m.bitOffset() : m.bitOffset() & 0xffffffffL);
            }
        } else if (t instanceof Enum32 e) {
            head(b, s, e.name(), BtfKind.ENUM, e.signed(), e.values().size(), e.size());
            for (EnumValue v : e.values()) {
                b.u32(s.add(v.name()));
                b.u32(v.value() & 0xffffffffL);
            }
        } else if (t instanceof Enum64 e) {
            head(b, s, e.name(), BtfKind.ENUM64, e.signed(), e.values().size(), e.size());
            for (EnumValue v : e.values()) {
                b.u32(s.add(v.name()));
                b.u32(v.value() & 0xffffffffL);
                b.u32(v.value() >>> 32);
            }
        } else if (t instanceof Fwd f) {
            head(b, s, f.name(), BtfKind.FWD, f.union(), 0, 0);
        } else if (t instanceof Func f) {
            head(b, s, f.name(), BtfKind.FUNC, false, f.linkage().ordinal(), f.protoType());
        } else if (t instanceof FuncProto fp) {
            head(b, s, "", BtfKind.FUNC_PROTO, false, fp.params().size(), fp.returnType());
            for (Param p : fp.params()) {
                b.u32(s.add(p.name()));
                b.u32(p.type());
            }
        } else if (t instanceof Var v) {
            head(b, s, v.name(), BtfKind.VAR, false, 0, v.type());
            b.u32(v.linkage().ordinal());
        } else if (t instanceof Datasec d) {
            head(b, s, d.name(), BtfKind.DATASEC, false, d.vars().size(), d.size());
            for (SecInfo v : d.vars()) {
                b.u32(v.type());
                b.u32(v.offset() & 0xffffffffL);
                b.u32(v.size() & 0xffffffffL);
            }
        } else if (t instanceof FloatType f) {
            head(b, s, f.name(), BtfKind.FLOAT, false, 0, f.size());
        } else if (t instanceof DeclTag d) {
            head(b, s, d.name(), BtfKind.DECL_TAG, d.attribute(), 0, d.type());
            b.u32(d.componentIdx() & 0xffffffffL);
        } else {
            throw new IllegalStateException("unhandled BTF record " + t);
        }
    }
}
