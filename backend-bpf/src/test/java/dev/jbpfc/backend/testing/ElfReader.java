package dev.jbpfc.backend.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads sections, symbols and relocations of a little-endian ELF64 object back (for tests). */
public final class ElfReader {
    public static final class Section {
        public String name;
        public int type;
        public long flags;
        public int link;
        public int info;
        public long entsize;
        public long align;
        public byte[] data;
    }

    public static final class Symbol {
        public String name;
        public int info;
        public int shndx;
        public long value;
        public long size;

        public int bind() { return info >> 4; }

        public int type() { return info & 0xf; }
    }

    public static final class Reloc {
        public long offset;
        public int symbol;
        public int type;
    }

    public final List<Section> sections = new ArrayList<>();
    public final int machine;

    public ElfReader(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file[0] != 0x7f || file[1] != 'E' || file[2] != 'L' || file[3] != 'F') throw new IllegalArgumentException("not ELF");
        machine = b.getShort(18) & 0xffff;
        long shoff = b.getLong(40);
        int shentsize = b.getShort(58) & 0xffff;
        int shnum = b.getShort(60) & 0xffff;
        int shstrndx = b.getShort(62) & 0xffff;
        long[] nameOffsets = new long[shnum];
        for (int i = 0; i < shnum; i++) {
            int base = (int) (shoff + (long) i * shentsize);
            Section s = new Section();
            nameOffsets[i] = b.getInt(base) & 0xffffffffL;
            s.type = b.getInt(base + 4);
            s.flags = b.getLong(base + 8);
            long offset = b.getLong(base + 24);
            long size = b.getLong(base + 32);
            s.link = b.getInt(base + 40);
            s.info = b.getInt(base + 44);
            s.align = b.getLong(base + 48);
            s.entsize = b.getLong(base + 56);
            s.data = s.type == 8 /* NOBITS */ ? new byte[0] : Arrays.copyOfRange(file, (int) offset, (int) (offset + size));
            sections.add(s);
        }
        byte[] names = sections.get(shstrndx).data;
        for (int i = 0; i < shnum; i++) sections.get(i).name = cString(names, (int) nameOffsets[i]);
    }

    public Section section(String name) {
        for (Section s : sections) if (s.name.equals(name)) return s;
        return null;
    }

    public List<Symbol> symbols() {
        List<Symbol> out = new ArrayList<>();
        for (Section s : sections) {
            if (s.type != 2) continue;
            byte[] strtab = sections.get(s.link).data;
            ByteBuffer b = ByteBuffer.wrap(s.data).order(ByteOrder.LITTLE_ENDIAN);
            for (int p = 0; p + 24 <= s.data.length; p += 24) {
                Symbol sym = new Symbol();
                sym.name = cString(strtab, b.getInt(p));
                sym.info = s.data[p + 4] & 0xff;
                sym.shndx = b.getShort(p + 6) & 0xffff;
                sym.value = b.getLong(p + 8);
                sym.size = b.getLong(p + 16);
                out.add(sym);
            }
        }
        return out;
    }

    public List<Reloc> relocations(String relSectionName) {
        List<Reloc> out = new ArrayList<>();
        Section s = section(relSectionName);
        if (s == null) return out;
        ByteBuffer b = ByteBuffer.wrap(s.data).order(ByteOrder.LITTLE_ENDIAN);
        for (int p = 0; p + 16 <= s.data.length; p += 16) {
            Reloc r = new Reloc();
            r.offset = b.getLong(p);
            long info = b.getLong(p + 8);
            r.symbol = (int) (info >>> 32);
            r.type = (int) info;
            out.add(r);
        }
        return out;
    }

    private static String cString(byte[] data, int offset) {
        int end = offset;
        while (end < data.length && data[end] != 0) end++;
        return new String(data, offset, end - offset, StandardCharsets.ISO_8859_1);
    }
}
