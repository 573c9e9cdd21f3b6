package dev.jbpfc.backend.btf;

import dev.jbpfc.backend.mir.CoreRelocation;
import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfType;
import dev.jbpfc.btf.CoreAccessString;
import dev.jbpfc.diag.CompileError;

/**
 * The local value of a CO-RE relocation: what the constant is for the program's own types. The loader checks
 * the instruction still holds it, then patches in the value for the running kernel. Example, with
 * {@code struct task_struct { ...; int pid /* at byte 2456 *&#47;; }} and access string "0:27":
 * <pre>
 *   byte_offset  0:27  ->  0 * sizeof(struct task_struct) + offset of member 27 = 2456   (r1 = 2456)
 *   byte_size    0:27  ->  4          field_exists -> 1          type_size -> sizeof the type
 * </pre>
 */
public final class CoreLocalValue {
    private CoreLocalValue() {}

    public static long of(BtfBuilder btf, CoreRelocation r) {
        int root = r.btfTypeId();
        int[] access = CoreAccessString.parse(r.accessString());
        switch (r.kind()) {
            case TYPE_ID_LOCAL: case TYPE_ID_TARGET: return root;
            case TYPE_EXISTS: case TYPE_MATCHES: case FIELD_EXISTS: case ENUMVAL_EXISTS: return 1;
            case TYPE_SIZE: return sizeOf(btf, root);
            case ENUMVAL_VALUE: {
                BtfType t = btf.type(strip(btf, root));
                if (t instanceof BtfType.Enum32) return ((BtfType.Enum32) t).values().get(access[0]).value();
                if (t instanceof BtfType.Enum64) return ((BtfType.Enum64) t).values().get(access[0]).value();
                throw new CompileError(null, "CO-RE enum relocation on BTF type " + root + ", which is not an enum");
            }
            default: break;
        }
        // Field relocations: walk the access string from the root.
        int type = strip(btf, root);
        long bitOffset = access[0] * sizeOf(btf, type) * 8L;
        int bitfieldSize = 0;
        for (int k = 1; k < access.length; k++) {
            BtfType t = btf.type(type);
            if (t instanceof BtfType.Composite) {
                BtfType.Member m = ((BtfType.Composite) t).members().get(access[k]);
                bitOffset += m.bitOffset();
                bitfieldSize = m.bitfieldSize();
                type = strip(btf, m.type());
            } else if (t instanceof BtfType.Array) {
                BtfType.Array a = (BtfType.Array) t;
                int elem = strip(btf, a.elemType());
                bitOffset += (long) access[k] * sizeOf(btf, elem) * 8L;
                bitfieldSize = 0;
                type = elem;
            } else {
                throw new CompileError(null, "CO-RE access string \"" + r.accessString() + "\" steps into BTF type "
                        + type + ", which has no members");
            }
        }
        long size = sizeOf(btf, type);
        long byteOffset = bitfieldSize == 0 ? bitOffset / 8 : (bitOffset / (size * 8)) * size;
        long bitInUnit = bitOffset - byteOffset * 8;
        int bits = bitfieldSize == 0 ? (int) size * 8 : bitfieldSize;
        switch (r.kind()) {
            case FIELD_BYTE_OFFSET: return byteOffset;
            case FIELD_BYTE_SIZE: return size;
            case FIELD_SIGNED: return isSigned(btf.type(type)) ? 1 : 0;
            case FIELD_LSHIFT_U64: return 64 - (bitInUnit + bits);
            case FIELD_RSHIFT_U64: return 64 - bits;
            default: throw new IllegalStateException(r.kind().toString());
        }
    }

    private static boolean isSigned(BtfType t) {
        if (t instanceof BtfType.Int) return (((BtfType.Int) t).encoding() & BtfType.INT_SIGNED) != 0;
        if (t instanceof BtfType.Enum32) return ((BtfType.Enum32) t).signed();
        if (t instanceof BtfType.Enum64) return ((BtfType.Enum64) t).signed();
        return false;
    }

    /** The type behind typedefs, qualifiers and type tags. */
    static int strip(BtfBuilder btf, int id) {
        for (int guard = 0; guard < 64 && id != 0; guard++) {
            BtfType t = btf.type(id);
            if (t instanceof BtfType.Typedef) id = ((BtfType.Typedef) t).type();
            else if (t instanceof BtfType.Qualifier) id = ((BtfType.Qualifier) t).type();
            else if (t instanceof BtfType.TypeTag) id = ((BtfType.TypeTag) t).type();
            else return id;
        }
        return id;
    }

    static long sizeOf(BtfBuilder btf, int id) {
        id = strip(btf, id);
        if (id == 0) return 0;
        BtfType t = btf.type(id);
        if (t instanceof BtfType.Int) return ((BtfType.Int) t).size();
        if (t instanceof BtfType.Ptr) return 8;
        if (t instanceof BtfType.Composite) return ((BtfType.Composite) t).size();
        if (t instanceof BtfType.Enum32) return ((BtfType.Enum32) t).size();
        if (t instanceof BtfType.Enum64) return ((BtfType.Enum64) t).size();
        if (t instanceof BtfType.Array) {
            BtfType.Array a = (BtfType.Array) t;
            return a.nelems() * sizeOf(btf, a.elemType());
        }
        return 0;
    }
}
