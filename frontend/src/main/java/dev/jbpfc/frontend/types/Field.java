package dev.jbpfc.frontend.types;

import java.util.List;

/**
 * One member of a struct or union. {@code name} is null for an anonymous struct/union member (whose own members
 * are found through it) and for an unnamed bit-field. {@code bitWidth} is {@link #NOT_BITFIELD} for an ordinary
 * member. {@code bitOffset} is filled in by {@link RecordLayout} when the record is completed.
 */
public final class Field {
    public static final int NOT_BITFIELD = -1;

    public final String name;
    public final CType type;
    public final int bitWidth;
    /** {@code __attribute__((packed))} on the member. */
    public final boolean packed;
    /** {@code __attribute__((aligned(N)))} on the member; 0 if none. */
    public final int alignedAttr;
    public final List<String> declTags;
    long bitOffset = -1;

    public Field(String name, CType type, int bitWidth, boolean packed, int alignedAttr, List<String> declTags) {
        this.name = name;
        this.type = type;
        this.bitWidth = bitWidth;
        this.packed = packed;
        this.alignedAttr = alignedAttr;
        this.declTags = List.copyOf(declTags);
    }

    public Field(String name, CType type) {
        this(name, type, NOT_BITFIELD, false, 0, List.of());
    }

    public static Field bitfield(String name, CType type, int width) {
        return new Field(name, type, width, false, 0, List.of());
    }

    public boolean isBitfield() { return bitWidth != NOT_BITFIELD; }

    /** An anonymous struct or union member, whose members belong to the enclosing record's namespace. */
    public boolean isAnonymousRecord() { return name == null && !isBitfield() && type.isRecord(); }

    /** Offset from the start of the record in bits (bytes * 8 for ordinary members). */
    public long bitOffset() { return bitOffset; }

    /** Offset in bytes of an ordinary member (the byte holding the first bit of a bit-field). */
    public long byteOffset() { return bitOffset / 8; }

    @Override
    public String toString() {
        return (name == null ? "<anon>" : name) + ": " + type.spelling() + (isBitfield() ? " : " + bitWidth : "")
                + " @" + bitOffset;
    }
}
