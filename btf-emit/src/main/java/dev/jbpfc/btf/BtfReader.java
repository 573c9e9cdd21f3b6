package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfType.*;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a .BTF blob (the section of an object file, or a whole {@code /sys/kernel/btf/vmlinux}) back into
 * {@link BtfType} records, the inverse of {@link BtfWriter}. Only little-endian, version 1, non-split BTF.
 *
 * <p>Example: the words {@code 5, 0x02000000, 3} after the header read as type {@code [n] PTR -> [3]}
 * (kind 2 in info bits 24-28; its name offset must be 0 in valid BTF but is not checked here: the kernel is the
 * checker, this is a reader).
 */
public final class BtfReader {
    private BtfReader() {}

    public static Btf read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    public static Btf read(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (data.length < BtfWriter.HEADER_LEN) throw new BtfFormatException("BTF shorter than its header: " + data.length + " bytes");
        int magic = b.getShort(0) & 0xffff;
        if (magic != BtfWriter.MAGIC) throw new BtfFormatException(String.format("bad BTF magic 0x%x (want 0xeb9f, little-endian)", magic));
        int version = b.get(2) & 0xff;
        if (version != BtfWriter.VERSION) throw new BtfFormatException("unsupported BTF version " + version);
        int hdrLen = b.getInt(4);
        int typeOff = b.getInt(8), typeLen = b.getInt(12), strOff = b.getInt(16), strLen = b.getInt(20);
        if (hdrLen < BtfWriter.HEADER_LEN || hdrLen > data.length) throw new BtfFormatException("bad BTF hdr_len " + hdrLen);
        checkRange("type", hdrLen, typeOff, typeLen, data.length);
        checkRange("string", hdrLen, strOff, strLen, data.length);
        byte[] strings = new byte[strLen];
        System.arraycopy(data, hdrLen + strOff, strings, 0, strLen);
        if (strLen == 0 || strings[0] != 0) throw new BtfFormatException("BTF string section must start with the empty string");

        List<BtfType> types = new ArrayList<>();
        Cursor c = new Cursor(b, hdrLen + typeOff, hdrLen + typeOff + typeLen, strings);
        while (c.pos < c.end) types.add(readType(c, types.size() + 1));
        return new Btf(types, strings);
    }

    private static void checkRange(String what, int hdrLen, int off, int len, int total) {
        if (off < 0 || len < 0 || (long) hdrLen + off + len > total)
            throw new BtfFormatException("BTF " + what + " section (off " + off + ", len " + len + ") runs past the " + total + "-byte blob");
    }

    /** Reads the type section word by word, bounds-checked. */
    private static final class Cursor {
        final ByteBuffer b;
        final int end;
        final byte[] strings;
        int pos;

        Cursor(ByteBuffer b, int pos, int end, byte[] strings) {
            this.b = b;
            this.pos = pos;
            this.end = end;
            this.strings = strings;
        }

        int u32() {
            if (pos + 4 > end) throw new BtfFormatException("BTF type record runs past the type section at byte " + pos);
            int v = b.getInt(pos);
            pos += 4;
            return v;
        }

        String str() {
            return Btf.cString(strings, u32());
        }
    }

    private static BtfType readType(Cursor c, int id) {
        String name = c.str();
        int info = c.u32();
        int sizeOrType = c.u32();
        int vlen = info & 0xffff;
        boolean kflag = (info >>> 31) != 0;
        BtfKind kind = BtfKind.ofNumber((info >>> 24) & 0x1f);
        if (kind == null) throw new BtfFormatException("type [" + id + "] has unknown kind " + ((info >>> 24) & 0x1f));
        switch (kind) {
            case INT: {
                int v = c.u32();
                return new Int(name, sizeOrType, (v >>> 24) & 0x0f, (v >>> 16) & 0xff, v & 0xff);
            }
            case PTR:
                return new Ptr(sizeOrType);
            case CONST: case VOLATILE: case RESTRICT:
                return new Qualifier(kind, sizeOrType);
            case TYPEDEF:
                return new Typedef(name, sizeOrType);
            case TYPE_TAG:
                return new TypeTag(name, sizeOrType, kflag);
            case ARRAY:
                return new Array(c.u32(), c.u32(), c.u32());
            case STRUCT: case UNION: {
                List<Member> ms = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    String mn = c.str();
                    int mt = c.u32();
                    int off = c.u32();
                    ms.add(kflag ? new Member(mn, mt, off & 0xffffff, off >>> 24) : new Member(mn, mt, off, 0));
                }
                return new Composite(name, kind == BtfKind.UNION, sizeOrType, kflag, ms);
            }
            case ENUM: {
                List<EnumValue> vs = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    String vn = c.str();
                    int v = c.u32();
                    vs.add(new EnumValue(vn, kflag ? v : v & 0xffffffffL));
                }
                return new Enum32(name, sizeOrType, kflag, vs);
            }
            case ENUM64: {
                List<EnumValue> vs = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) {
                    String vn = c.str();
                    long lo = c.u32() & 0xffffffffL;
                    long hi = c.u32() & 0xffffffffL;
                    vs.add(new EnumValue(vn, (hi << 32) | lo));
                }
                return new Enum64(name, sizeOrType, kflag, vs);
            }
            case FWD:
                return new Fwd(name, kflag);
            case FUNC: {
                if (vlen >= FuncLinkage.values().length) throw new BtfFormatException("FUNC [" + id + "] has unknown linkage " + vlen);
                return new Func(name, sizeOrType, FuncLinkage.values()[vlen]);
            }
            case FUNC_PROTO: {
                List<Param> ps = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) ps.add(new Param(c.str(), c.u32()));
                return new FuncProto(sizeOrType, ps);
            }
            case VAR: {
                int linkage = c.u32();
                if (linkage < 0 || linkage >= VarLinkage.values().length) throw new BtfFormatException("VAR [" + id + "] has unknown linkage " + linkage);
                return new Var(name, sizeOrType, VarLinkage.values()[linkage]);
            }
            case DATASEC: {
                List<SecInfo> vs = new ArrayList<>(vlen);
                for (int i = 0; i < vlen; i++) vs.add(new SecInfo(c.u32(), c.u32(), c.u32()));
                return new Datasec(name, sizeOrType, vs);
            }
            case FLOAT:
                return new FloatType(name, sizeOrType);
            case DECL_TAG:
                return new DeclTag(name, sizeOrType, c.u32(), kflag);
            default:
                throw new IllegalStateException("unhandled kind " + kind);
        }
    }
}
