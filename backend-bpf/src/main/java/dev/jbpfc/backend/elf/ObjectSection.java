package dev.jbpfc.backend.elf;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A section of the object being built: its bytes (or, for .bss, just a size), its ELF type and flags, and the
 * relocations that apply to it (written as {@code .rel<name>} right after it).
 */
public final class ObjectSection {
    /** What a section holds decides its ELF type, flags and alignment. */
    public enum Kind {
        /** A program section (SEC("xdp")) or .text: PROGBITS, alloc + exec, 8-aligned. */
        CODE,
        /** .data, .data.*, license, .maps: PROGBITS, alloc + write. */
        DATA,
        /** .rodata, .rodata.*: PROGBITS, alloc. */
        RODATA,
        /** .bss, .bss.*: NOBITS, alloc + write. */
        BSS,
        /** .BTF, .BTF.ext and other non-allocated metadata: PROGBITS, no flags. */
        METADATA
    }

    public final String name;
    public final Kind kind;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long bssSize;
    public long alignment;
    final List<Relocation> relocations = new ArrayList<>();
    ObjectSymbol sectionSymbol;

    ObjectSection(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
        this.alignment = kind == Kind.CODE ? 8 : kind == Kind.METADATA ? 4 : 1;
    }

    /** Appends bytes, padding first to {@code align}; returns the offset they start at. */
    public long append(byte[] data, int align) {
        if (kind == Kind.BSS) throw new IllegalStateException(".bss holds no bytes");
        pad(align);
        long at = bytes.size();
        bytes.writeBytes(data);
        return at;
    }

    /** Reserves zero-filled space (the way .bss grows); returns its offset. */
    public long reserve(long size, int align) {
        if (kind != Kind.BSS) {
            pad(align);
            long at = bytes.size();
            bytes.writeBytes(new byte[(int) size]);
            return at;
        }
        bssSize = (bssSize + align - 1) / align * align;
        alignment = Math.max(alignment, align);
        long at = bssSize;
        bssSize += size;
        return at;
    }

    private void pad(int align) {
        alignment = Math.max(alignment, align);
        while (bytes.size() % align != 0) bytes.write(0);
    }

    /** Replaces bytes already in the section (initial values of globals laid out earlier). */
    public void overwrite(long offset, byte[] data) {
        if (kind == Kind.BSS) throw new IllegalStateException(".bss holds no bytes");
        byte[] all = bytes.toByteArray();
        System.arraycopy(data, 0, all, (int) offset, data.length);
        bytes.reset();
        bytes.writeBytes(all);
    }

    public long size() { return kind == Kind.BSS ? bssSize : bytes.size(); }

    public byte[] data() { return kind == Kind.BSS ? new byte[0] : bytes.toByteArray(); }

    public List<Relocation> relocations() { return relocations; }

    public void addRelocation(long offset, ObjectSymbol symbol, RelocationType type) {
        relocations.add(new Relocation(offset, symbol, type));
    }
}
