package dev.jbpfc.backend.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays an {@link ObjectFile} out as an ELF64 relocatable object for EM_BPF (247), little-endian, in the shape
 * clang gives its objects (which is what libbpf and bpftool expect):
 * <pre>
 *   [0] NULL   [1] .strtab (section and symbol names)
 *   [2] .text  [3] xdp  [4] .relxdp  [5] .data  [6] .rel.data  ... [n] .BTF  .BTF.ext  .rel.BTF.ext
 *   [last] .symtab: null, FILE, then the LOCAL symbols (section symbols first in each section), then
 *          GLOBAL/WEAK ones; sh_info = index of the first non-local symbol.
 * </pre>
 * Each {@code .rel<name>} follows its section, links to .symtab and names its section in sh_info.
 */
public final class ElfObjectWriter {
    public static final int EM_BPF = 247;

    private static final int SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_NOBITS = 8, SHT_REL = 9;
    private static final long SHF_WRITE = 1, SHF_ALLOC = 2, SHF_EXECINSTR = 4, SHF_INFO_LINK = 0x40;

    private ElfObjectWriter() {}

    private static final class Header {
        String name;
        int nameOffset;
        int type;
        long flags;
        long offset;
        long size;
        int link;
        int info;
        long align;
        long entsize;
        byte[] data;
    }

    public static byte[] write(ObjectFile object) {
        StringTable strings = new StringTable();
        List<ObjectSymbol> order = symbolOrder(object);
        Map<ObjectSymbol, Integer> symbolIndex = new HashMap<>();
        for (int i = 0; i < order.size(); i++) symbolIndex.put(order.get(i), i + 1);
        int firstGlobal = 1;
        for (ObjectSymbol s : order) if (s.isLocal()) firstGlobal++;

        List<Header> headers = new ArrayList<>();
        headers.add(new Header()); // SHN_UNDEF
        Header strtab = header(".strtab", SHT_STRTAB, 0, 1, null);
        headers.add(strtab);
        Map<ObjectSection, Integer> sectionIndex = new HashMap<>();
        List<Header> relHeaders = new ArrayList<>();
        List<ObjectSection> relOwners = new ArrayList<>();
        for (ObjectSection section : object.sections()) {
            Header h = header(section.name, section.kind == ObjectSection.Kind.BSS ? SHT_NOBITS : SHT_PROGBITS,
                    flags(section.kind), section.alignment, section.data());
            h.size = section.size();
            sectionIndex.put(section, headers.size());
            headers.add(h);
            if (!section.relocations.isEmpty()) {
                Header rel = header(".rel" + section.name, SHT_REL, SHF_INFO_LINK, 8, null);
                rel.entsize = 16;
                rel.info = headers.size() - 1;
                relHeaders.add(rel);
                relOwners.add(section);
                headers.add(rel);
            }
        }
        Header symtab = header(".symtab", SHT_SYMTAB, 0, 8, null);
        symtab.entsize = 24;
        symtab.link = 1;
        symtab.info = firstGlobal;
        int symtabIndex = headers.size();
        headers.add(symtab);

        for (int i = 0; i < relHeaders.size(); i++) {
            Header rel = relHeaders.get(i);
            rel.link = symtabIndex;
            ByteBuffer b = le(relOwners.get(i).relocations.size() * 16);
            for (Relocation r : relOwners.get(i).relocations) {
                Integer sym = symbolIndex.get(r.symbol);
                if (sym == null) throw new IllegalStateException("relocation to a symbol not in this object: " + r);
                b.putLong(r.offset);
                b.putLong(((long) sym << 32) | r.type.code);
            }
            rel.data = b.array();
            rel.size = rel.data.length;
        }

        ByteBuffer syms = le((order.size() + 1) * 24);
        syms.position(24);
        for (ObjectSymbol s : order) {
            syms.putInt(s.type == ObjectSymbol.Type.SECTION ? 0 : strings.add(s.name));
            syms.put((byte) ((s.binding.code << 4) | s.type.code));
            syms.put((byte) s.visibility.code);
            int shndx = s.type == ObjectSymbol.Type.FILE ? 0xfff1 /* SHN_ABS */
                    : s.section == null ? 0 : sectionIndex.get(s.section);
            syms.putShort((short) shndx);
            syms.putLong(s.value);
            syms.putLong(s.size);
        }
        symtab.data = syms.array();
        symtab.size = symtab.data.length;

        for (Header h : headers) if (h.name != null) h.nameOffset = strings.add(h.name);
        strtab.data = strings.bytes();
        strtab.size = strtab.data.length;

        // Lay out: ELF header, section contents (each at its alignment), then the section header table.
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(new byte[64]);
        for (int i = 1; i < headers.size(); i++) {
            Header h = headers.get(i);
            long align = Math.max(1, h.align);
            while (file.size() % align != 0) file.write(0);
            h.offset = file.size();
            if (h.type != SHT_NOBITS) file.writeBytes(h.data);
        }
        while (file.size() % 8 != 0) file.write(0);
        long shoff = file.size();
        for (Header h : headers) {
            ByteBuffer b = le(64);
            b.putInt(h.nameOffset).putInt(h.type).putLong(h.flags).putLong(0).putLong(h.offset).putLong(h.size)
                    .putInt(h.link).putInt(h.info).putLong(h.align).putLong(h.entsize);
            file.writeBytes(b.array());
        }
        byte[] out = file.toByteArray();
        ByteBuffer eh = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        eh.put(new byte[] {0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* little-endian */, 1 /* EV_CURRENT */, 0});
        eh.position(16);
        eh.putShort((short) 1 /* ET_REL */).putShort((short) EM_BPF).putInt(1).putLong(0).putLong(0).putLong(shoff)
                .putInt(0).putShort((short) 64).putShort((short) 0).putShort((short) 0).putShort((short) 64)
                .putShort((short) headers.size()).putShort((short) 1 /* .strtab names the sections */);
        return out;
    }

    /** FILE, then per section its section symbol and its local symbols, then the global and weak ones. */
    private static List<ObjectSymbol> symbolOrder(ObjectFile object) {
        List<ObjectSymbol> order = new ArrayList<>();
        if (object.sourceName() != null) {
            order.add(new ObjectSymbol(object.sourceName(), null, 0, 0, ObjectSymbol.Type.FILE, ObjectSymbol.Binding.LOCAL));
        }
        // Local symbols grouped by section first: a walk of all symbols per section is sections x symbols.
        Map<ObjectSection, List<ObjectSymbol>> localsOf = new IdentityHashMap<>();
        for (ObjectSymbol s : object.symbols()) {
            if (s.isLocal() && s.section != null) localsOf.computeIfAbsent(s.section, k -> new ArrayList<>()).add(s);
        }
        for (ObjectSection section : object.sections()) {
            List<ObjectSymbol> locals = localsOf.getOrDefault(section, List.of());
            for (ObjectSymbol s : locals) if (s.type == ObjectSymbol.Type.SECTION) order.add(s);
            for (ObjectSymbol s : locals) if (s.type != ObjectSymbol.Type.SECTION) order.add(s);
        }
        for (ObjectSymbol s : object.symbols()) if (s.isLocal() && s.section == null) order.add(s);
        for (ObjectSymbol s : object.symbols()) if (!s.isLocal()) order.add(s);
        return order;
    }

    private static long flags(ObjectSection.Kind kind) {
        switch (kind) {
            case CODE: return SHF_ALLOC | SHF_EXECINSTR;
            case DATA: case BSS: return SHF_ALLOC | SHF_WRITE;
            case RODATA: return SHF_ALLOC;
            default: return 0;
        }
    }

    private static Header header(String name, int type, long flags, long align, byte[] data) {
        Header h = new Header();
        h.name = name;
        h.type = type;
        h.flags = flags;
        h.align = align;
        h.data = data == null ? new byte[0] : data;
        h.size = h.data.length;
        return h;
    }

    private static ByteBuffer le(int size) { return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN); }

    /** A string table with the empty string at offset 0 and each distinct name stored once. */
    private static final class StringTable {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Map<String, Integer> offsets = new HashMap<>();

        StringTable() {
            bytes.write(0);
            offsets.put("", 0);
        }

        int add(String s) {
            Integer at = offsets.get(s);
            if (at != null) return at;
            int offset = bytes.size();
            bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
            offsets.put(s, offset);
            return offset;
        }

        byte[] bytes() { return bytes.toByteArray(); }
    }
}
