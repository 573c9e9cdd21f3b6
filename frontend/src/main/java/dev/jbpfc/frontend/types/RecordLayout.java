package dev.jbpfc.frontend.types;

import java.util.List;

/**
 * The layout clang uses for structs and unions on the BPF target (the generic, SysV-like rules; BPF has no
 * {@code #pragma ms_struct} and honours bit-field type alignment). Example:
 * <pre>
 * struct s { char c; int a : 3; int b : 30; short d; } __attribute__((aligned(8)));
 *   c @ bit 0; a @ bit 8 (fits the int unit at 0..31 after c); b @ bit 32 (8+3+30 would cross the unit);
 *   d @ byte 8 (ordinary members start on a byte boundary, aligned to 2); align max(4, 8) = 8; size 16.
 * </pre>
 * The rules, all in bits:
 * <ul>
 * <li>An ordinary member starts at the next byte, aligned to its type's alignment, or 1 byte if the member or the
 *     record is packed, raised to any {@code aligned(N)} on the member. A flexible array member has size 0.</li>
 * <li>A bit-field of declared type T goes at the next free bit if it stays within one T-aligned unit of sizeof(T);
 *     otherwise it starts the next T-aligned unit. Packed bit-fields (member or record) never skip bits.
 *     A zero-width bit-field moves to the next T-aligned unit.</li>
 * <li>Unnamed bit-fields (including zero-width ones) do not raise the record's alignment; named ones raise it to
 *     T's alignment (1 byte when packed).</li>
 * <li>In a union every member is at offset 0 and the size is the largest member, bit-fields rounded up to bytes.</li>
 * <li>The record's alignment is the largest member alignment, at least {@code aligned(N)} of the record; the size is
 *     the end of the last member rounded up to that alignment.</li>
 * </ul>
 * These rules are checked against clang-22 by a seeded generator of random records ({@code RecordLayoutOracleTest})
 * and against every struct of the running kernel's vmlinux.h ({@code VmlinuxLayoutTest}).
 */
public final class RecordLayout {
    private final long size;
    private final int align;

    private RecordLayout(long size, int align) {
        this.size = size;
        this.align = align;
    }

    /** Size in bytes, a multiple of {@link #align()}. */
    public long size() { return size; }

    /** Alignment in bytes. */
    public int align() { return align; }

    /** Lays out {@code record}'s members, storing each member's bit offset in its {@link Field}. */
    static RecordLayout compute(RecordType record) {
        List<Field> fields = record.fields();
        boolean union = record.isUnionType();
        long next = 0;        // first free bit (structs)
        long end = 0;         // end of the furthest member, in bits
        long alignBits = 8;   // record alignment so far
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            boolean packed = record.packed() || f.packed;
            long explicit = f.alignedAttr * 8L;
            long offset;
            if (f.isBitfield()) {
                long typeBits = f.type.size() * 8;
                long typeAlign = f.type.align() * 8L;
                long fieldAlign = packed ? 1 : typeAlign;
                if (explicit > 0) fieldAlign = Math.max(fieldAlign, explicit);
                long width = f.bitWidth;
                if (union) {
                    offset = 0;
                    end = Math.max(end, roundUp(width, 8));
                } else {
                    offset = next;
                    if (width == 0) {
                        offset = roundUp(offset, Math.max(typeAlign, explicit));
                    } else if (!packed && (offset % fieldAlign) + width > typeBits) {
                        offset = roundUp(offset, fieldAlign);
                    } else if (explicit > 0) {
                        offset = roundUp(offset, explicit);
                    }
                    next = offset + width;
                    end = Math.max(end, next);
                }
                if (f.name != null) alignBits = Math.max(alignBits, fieldAlign);
            } else {
                long fieldAlign = packed ? 8 : f.type.align() * 8L;
                if (explicit > 0) fieldAlign = Math.max(fieldAlign, explicit);
                long bits = f.type.isComplete() ? f.type.size() * 8 : 0;
                if (union) {
                    offset = 0;
                    end = Math.max(end, bits);
                } else {
                    offset = roundUp(roundUp(next, 8), fieldAlign);
                    next = offset + bits;
                    end = Math.max(end, next);
                }
                alignBits = Math.max(alignBits, fieldAlign);
            }
            f.bitOffset = offset;
        }
        if (record.alignedAttr() > 0) alignBits = Math.max(alignBits, record.alignedAttr() * 8L);
        long sizeBits = roundUp(roundUp(end, 8), alignBits);
        return new RecordLayout(sizeBits / 8, (int) (alignBits / 8));
    }

    private static long roundUp(long v, long to) {
        return (v + to - 1) / to * to;
    }

    @Override
    public String toString() { return "size " + size + " align " + align; }
}
