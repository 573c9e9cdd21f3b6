package dev.jbpfc.loophints.object;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfExt;
import dev.jbpfc.btf.BtfExtReader;
import dev.jbpfc.btf.BtfReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A relocatable BPF object (ELF64, little-endian, {@code e_machine} 247) read for the template loop checker: its
 * section headers and names, its symbol table, its code sections (SHF_EXECINSTR), the functions defined in them,
 * and its {@code .BTF} / {@code .BTF.ext}. The project's one ELF reader: the testsuite's interpreter loader and loop
 * benchmark and the backend's tests read objects through it too. The bytes are untrusted input: every offset, size and index is checked
 * against what it points into before it is used, and anything that does not fit is an {@link
 * ObjectFormatException} with a one-line message, never an index exception. Nothing is relocated or linked.
 *
 * <p>Example: clang-22's object for one XDP program calling one static function has, among others, the sections
 * {@code .text} (flags AX, the callee), {@code xdp} (AX, the program), {@code .symtab} (linked to {@code .strtab}),
 * {@code .BTF} and {@code .BTF.ext}; the symbols {@code helper} (FUNC, LOCAL, section .text, value 0, size 24)
 * and {@code prog} (FUNC, GLOBAL, section xdp, value 0, size 96). {@link #functions()} gives both, with their
 * bytes at {@link #code(FunctionSymbol)}; {@code prog} is a program, {@code helper} a subprogram.
 *
 * <p>The layout read here is the System V ABI's ELF64 (header of 64 bytes, section headers of 64, symbols of 24),
 * with the extended section numbering ({@code e_shnum = 0} or {@code e_shstrndx = SHN_XINDEX}, the real values in
 * section 0) accepted. Symbols whose section index is {@code SHN_XINDEX} are kept but belong to no section here.
 *
 * <p>A FUNC symbol of size 0 (hand-written assembly) is taken to run to the next function symbol of its section or
 * to the section's end. Symbols must lie inside their section; a FUNC symbol that does not is an error. Bytes of a
 * code section that no FUNC symbol covers are not a function: libbpf never loads them (it copies each program and
 * subprogram by its symbol's range).
 */
public final class BpfObjectFile {
    public static final int EM_BPF = 247;
    public static final int SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_NOBITS = 8, SHT_REL = 9;
    public static final long SHF_EXECINSTR = 0x4;
    public static final int STT_FUNC = 2, STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;
    public static final int SHN_UNDEF = 0, SHN_LORESERVE = 0xff00, SHN_XINDEX = 0xffff;

    private static final int EHDR_SIZE = 64, SHDR_SIZE = 64, SYM_SIZE = 24;

    /**
     * One section header, with its name resolved. {@code offset}/{@code size} are checked to lie in the file;
     * {@code align} is {@code sh_addralign} as written.
     */
    public record Section(int index, String name, int type, long flags, long offset, long size, int link, int info,
                          long align, long entsize) {
        /** Whether this is a code section: PROGBITS with SHF_EXECINSTR. */
        public boolean executable() {
            return type == SHT_PROGBITS && (flags & SHF_EXECINSTR) != 0;
        }
    }

    /** One symbol table entry. {@code sectionIndex} is the raw {@code st_shndx}. */
    public record Symbol(int index, String name, int type, int binding, int sectionIndex, long value, long size) {
        public boolean isFunction() {
            return type == STT_FUNC;
        }
    }

    /** One ELF64 REL entry of a section: where, against which symbol (an index into {@link #symbols()}), its type. */
    public record Relocation(long offset, int symbol, int type) {}

    /** A FUNC symbol defined in a code section: {@code [offset, offset + size)} of {@code section}, in bytes. */
    public record FunctionSymbol(String name, Section section, int offset, int size, boolean global) {
        /** A program's entry function (libbpf's rule: functions of code sections other than {@code .text}). */
        public boolean isProgram() {
            return !section.name().equals(".text");
        }
    }

    private final byte[] data;
    private final List<Section> sections;
    private final List<Symbol> symbols;
    private final List<FunctionSymbol> functions;
    private final Btf btf;
    private final BtfExt btfExt;

    private BpfObjectFile(byte[] data, List<Section> sections, List<Symbol> symbols, List<FunctionSymbol> functions,
                          Btf btf, BtfExt btfExt) {
        this.data = data;
        this.sections = List.copyOf(sections);
        this.symbols = List.copyOf(symbols);
        this.functions = List.copyOf(functions);
        this.btf = btf;
        this.btfExt = btfExt;
    }

    /** Reads and parses a file; an I/O failure is an {@link IOException}, bad contents an ObjectFormatException. */
    public static BpfObjectFile read(Path file) throws IOException, ObjectFormatException {
        return parse(Files.readAllBytes(file));
    }

    /** Parses the bytes of an object (kept, not copied: do not change them afterwards). */
    public static BpfObjectFile parse(byte[] data) throws ObjectFormatException {
        return new Parser(data).parse();
    }

    public List<Section> sections() {
        return sections;
    }

    /** The first section of that name. */
    public Optional<Section> section(String name) {
        for (Section s : sections) if (s.name().equals(name)) return Optional.of(s);
        return Optional.empty();
    }

    /** A copy of a section's bytes (empty for NOBITS). */
    public byte[] contents(Section s) {
        if (s.type() == SHT_NOBITS) return new byte[0];
        byte[] out = new byte[(int) s.size()];
        System.arraycopy(data, (int) s.offset(), out, 0, out.length);
        return out;
    }

    public List<Symbol> symbols() {
        return symbols;
    }

    /**
     * The REL entries that apply to {@code target} (from every SHT_REL section whose sh_info names it), in file
     * order. Entries whose symbol index is out of range are left out: nothing here is trusted.
     */
    public List<Relocation> relocations(Section target) {
        List<Relocation> out = new ArrayList<>();
        for (Section rel : sections) {
            if (rel.type() != SHT_REL || rel.info() != target.index()) continue;
            byte[] b = contents(rel);
            for (int p = 0; p + 16 <= b.length; p += 16) {
                long offset = le64(b, p), info = le64(b, p + 8);
                long sym = info >>> 32;
                if (sym < symbols.size()) out.add(new Relocation(offset, (int) sym, (int) info));
            }
        }
        return out;
    }

    private static long le64(byte[] b, int p) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[p + i] & 0xff);
        return v;
    }

    /** The code sections in section-header order. */
    public List<Section> codeSections() {
        List<Section> out = new ArrayList<>();
        for (Section s : sections) if (s.executable()) out.add(s);
        return out;
    }

    /** Every FUNC symbol defined in a code section, by section index and then offset. */
    public List<FunctionSymbol> functions() {
        return functions;
    }

    /** A copy of a function's instruction bytes. */
    public byte[] code(FunctionSymbol f) {
        byte[] out = new byte[f.size()];
        System.arraycopy(data, (int) (f.section().offset() + f.offset()), out, 0, out.length);
        return out;
    }

    /** The parsed {@code .BTF}, when the object has one. */
    public Optional<Btf> btf() {
        return Optional.ofNullable(btf);
    }

    /** The parsed {@code .BTF.ext}, when the object has one (and a .BTF). */
    public Optional<BtfExt> btfExt() {
        return Optional.ofNullable(btfExt);
    }

    /** Reads the file front to back; every read goes through a bounds-checked accessor. */
    private static final class Parser {
        private final byte[] d;

        Parser(byte[] d) {
            this.d = d;
        }

        BpfObjectFile parse() throws ObjectFormatException {
            if (d.length < EHDR_SIZE) throw new ObjectFormatException("not an ELF object: " + d.length + " bytes, shorter than an ELF64 header");
            if (d[0] != 0x7f || d[1] != 'E' || d[2] != 'L' || d[3] != 'F') throw new ObjectFormatException("not an ELF object (bad magic)");
            if (d[4] != 2) throw new ObjectFormatException("not a 64-bit ELF object (EI_CLASS " + (d[4] & 0xff) + ")");
            if (d[5] != 1) throw new ObjectFormatException("not a little-endian ELF object (EI_DATA " + (d[5] & 0xff) + "); only little-endian BPF is supported");
            if (d[6] != 1) throw new ObjectFormatException("unsupported ELF version " + (d[6] & 0xff));
            int type = u16(16);
            if (type != 1) throw new ObjectFormatException("not a relocatable object (e_type " + type + ", want ET_REL 1)");
            int machine = u16(18);
            if (machine != EM_BPF) throw new ObjectFormatException("not a BPF object (e_machine " + machine + ", want " + EM_BPF + ")");
            long shoff = u64(40);
            int shentsize = u16(58);
            long shnum = u16(60);
            long shstrndx = u16(62);
            if (shoff == 0) {
                if (shnum != 0) throw new ObjectFormatException("e_shoff is 0 but e_shnum is " + shnum);
                throw new ObjectFormatException("the object has no section headers");
            }
            if (shentsize != SHDR_SIZE) throw new ObjectFormatException("bad e_shentsize " + shentsize + " (want " + SHDR_SIZE + ")");
            if (!fits(shoff, SHDR_SIZE)) throw new ObjectFormatException("section headers at offset " + Long.toUnsignedString(shoff) + " lie outside the " + d.length + "-byte file");
            if (shnum == 0) shnum = u64(shoff + 32);                       // extended numbering: section 0's sh_size
            if (shstrndx == SHN_XINDEX) shstrndx = u32(shoff + 40);        // ... and sh_link
            if (shnum <= 0 || shnum > (d.length - shoff) / SHDR_SIZE)
                throw new ObjectFormatException(Long.toUnsignedString(shnum) + " section headers at offset " + shoff + " run past the end of the " + d.length + "-byte file");
            int n = (int) shnum;

            long[][] raw = new long[n][];
            for (int i = 0; i < n; i++) {
                long h = shoff + (long) i * SHDR_SIZE;
                raw[i] = new long[] {u32(h), u32(h + 4), u64(h + 8), u64(h + 24), u64(h + 32), u32(h + 40), u32(h + 44), u64(h + 48),
                        u64(h + 56)};
                long off = raw[i][3], size = raw[i][4];
                if (i != 0 && raw[i][1] != SHT_NOBITS && raw[i][1] != 0 && !fits(off, size))
                    throw new ObjectFormatException("section " + i + " runs past the end of the file: offset " + Long.toUnsignedString(off)
                            + " + size " + Long.toUnsignedString(size) + " > " + d.length + " bytes");
            }
            if (shstrndx <= 0 || shstrndx >= n) throw new ObjectFormatException("section name table index " + shstrndx + " is not a section (" + n + " sections)");
            int strtabType = (int) raw[(int) shstrndx][1];
            if (strtabType != SHT_STRTAB) throw new ObjectFormatException("section name table (section " + shstrndx + ") is not a string table (type " + strtabType + ")");
            long namesOff = raw[(int) shstrndx][3], namesSize = raw[(int) shstrndx][4];

            List<Section> sections = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long[] r = raw[i];
                String name = i == 0 ? "" : string(namesOff, namesSize, r[0], "name of section " + i);
                int stype = (int) r[1];
                long size = (i == 0 || stype == 0) ? 0 : r[4];
                sections.add(new Section(i, name, stype, r[2], r[3], size, (int) r[5], (int) r[6], r[7], r[8]));
            }

            List<Symbol> symbols = readSymbols(sections);
            List<FunctionSymbol> functions = functions(sections, symbols);
            Btf btf = null;
            BtfExt ext = null;
            Section btfSection = find(sections, ".BTF");
            if (btfSection != null) {
                btf = readBtf(btfSection);
                Section extSection = find(sections, ".BTF.ext");
                if (extSection != null) ext = readBtfExt(extSection, btf);
            }
            return new BpfObjectFile(d, sections, symbols, functions, btf, ext);
        }

        private List<Symbol> readSymbols(List<Section> sections) throws ObjectFormatException {
            Section symtab = null;
            for (Section s : sections) {
                if (s.type() != SHT_SYMTAB) continue;
                if (symtab != null) throw new ObjectFormatException("more than one symbol table (sections " + symtab.index() + " and " + s.index() + ")");
                symtab = s;
            }
            if (symtab == null) return List.of();
            String where = "symbol table (section " + symtab.index() + ")";
            if (symtab.entsize() != SYM_SIZE) throw new ObjectFormatException(where + " has entry size " + symtab.entsize() + " (want " + SYM_SIZE + ")");
            if (symtab.size() % SYM_SIZE != 0) throw new ObjectFormatException(where + " size " + symtab.size() + " is not a multiple of " + SYM_SIZE);
            int link = symtab.link();
            if (link <= 0 || link >= sections.size() || sections.get(link).type() != SHT_STRTAB)
                throw new ObjectFormatException(where + " links to section " + Integer.toUnsignedString(link) + ", which is not a string table");
            Section strtab = sections.get(link);
            int count = (int) (symtab.size() / SYM_SIZE);
            List<Symbol> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long p = symtab.offset() + (long) i * SYM_SIZE;
                String name = string(strtab.offset(), strtab.size(), u32(p), "name of symbol " + i);
                int info = u8(p + 4);
                out.add(new Symbol(i, name, info & 0xf, info >>> 4, u16(p + 6), u64(p + 8), u64(p + 16)));
            }
            return out;
        }

        private static List<FunctionSymbol> functions(List<Section> sections, List<Symbol> symbols) throws ObjectFormatException {
            List<Symbol> funcs = new ArrayList<>();
            for (Symbol s : symbols) {
                if (!s.isFunction() || s.sectionIndex() == SHN_UNDEF || s.sectionIndex() >= SHN_LORESERVE) continue;
                String what = "function symbol '" + s.name() + "' (symbol " + s.index() + ")";
                if (s.sectionIndex() >= sections.size()) throw new ObjectFormatException(what + " is in section " + s.sectionIndex() + ", which does not exist");
                Section sec = sections.get(s.sectionIndex());
                if (!sec.executable()) continue;                            // not code: nothing to check
                if (Long.compareUnsigned(s.value(), sec.size()) > 0 || Long.compareUnsigned(s.size(), sec.size() - s.value()) > 0)
                    throw new ObjectFormatException(what + " at offset " + Long.toUnsignedString(s.value()) + " size " + Long.toUnsignedString(s.size())
                            + " lies outside its section " + sec.name() + " (" + sec.size() + " bytes)");
                funcs.add(s);
            }
            funcs.sort(Comparator.comparingInt(Symbol::sectionIndex).thenComparingLong(Symbol::value).thenComparingInt(Symbol::index));
            List<FunctionSymbol> out = new ArrayList<>(funcs.size());
            for (int i = 0; i < funcs.size(); i++) {
                Symbol s = funcs.get(i);
                Section sec = sections.get(s.sectionIndex());
                long size = s.size();
                if (size == 0) {                                            // to the next function or the section end
                    long next = sec.size();
                    for (int j = i + 1; j < funcs.size() && funcs.get(j).sectionIndex() == s.sectionIndex(); j++) {
                        if (funcs.get(j).value() > s.value()) {
                            next = funcs.get(j).value();
                            break;
                        }
                    }
                    size = next - s.value();
                }
                if (size > Integer.MAX_VALUE) throw new ObjectFormatException("function '" + s.name() + "' is too large (" + size + " bytes)");
                out.add(new FunctionSymbol(s.name(), sec, (int) s.value(), (int) size, s.binding() != STB_LOCAL));
            }
            return Collections.unmodifiableList(out);
        }

        private Btf readBtf(Section s) throws ObjectFormatException {
            if (s.type() != SHT_PROGBITS) throw new ObjectFormatException(".BTF (section " + s.index() + ") is not PROGBITS (type " + s.type() + ")");
            try {
                return BtfReader.read(slice(s));
            } catch (RuntimeException e) {                                  // BtfFormatException, or any slip of the reader
                throw new ObjectFormatException("malformed .BTF: " + message(e));
            }
        }

        private BtfExt readBtfExt(Section s, Btf btf) throws ObjectFormatException {
            if (s.type() != SHT_PROGBITS) throw new ObjectFormatException(".BTF.ext (section " + s.index() + ") is not PROGBITS (type " + s.type() + ")");
            try {
                return BtfExtReader.read(slice(s), btf);
            } catch (RuntimeException e) {
                throw new ObjectFormatException("malformed .BTF.ext: " + message(e));
            }
        }

        private static String message(RuntimeException e) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }

        private byte[] slice(Section s) {
            byte[] out = new byte[(int) s.size()];
            System.arraycopy(d, (int) s.offset(), out, 0, out.length);
            return out;
        }

        private static Section find(List<Section> sections, String name) {
            for (Section s : sections) if (s.name().equals(name)) return s;
            return null;
        }

        /** The NUL-terminated string at {@code off} of the string table at [{@code base}, {@code base + size}). */
        private String string(long base, long size, long off, String what) throws ObjectFormatException {
            if (off >= size) throw new ObjectFormatException(what + ": string offset " + off + " outside its string table (" + size + " bytes)");
            int start = (int) (base + off), end = start, limit = (int) (base + size);
            while (end < limit && d[end] != 0) end++;
            if (end == limit) throw new ObjectFormatException(what + ": string at offset " + off + " is not NUL-terminated inside its string table");
            return new String(d, start, end - start, StandardCharsets.UTF_8);
        }

        /** Whether [{@code off}, {@code off + len}) lies in the file (both unsigned). */
        private boolean fits(long off, long len) {
            return off >= 0 && len >= 0 && off <= d.length && len <= d.length - off;
        }

        private int u8(long p) throws ObjectFormatException {
            check(p, 1);
            return d[(int) p] & 0xff;
        }

        private int u16(long p) throws ObjectFormatException {
            check(p, 2);
            int i = (int) p;
            return (d[i] & 0xff) | (d[i + 1] & 0xff) << 8;
        }

        private long u32(long p) throws ObjectFormatException {
            check(p, 4);
            int i = (int) p;
            return ((d[i] & 0xff) | (d[i + 1] & 0xff) << 8 | (d[i + 2] & 0xff) << 16 | (long) (d[i + 3] & 0xff) << 24);
        }

        private long u64(long p) throws ObjectFormatException {
            return u32(p) | u32(p + 4) << 32;
        }

        private void check(long p, int len) throws ObjectFormatException {
            if (!fits(p, len)) throw new ObjectFormatException("read of " + len + " bytes at offset " + p + " runs past the end of the " + d.length + "-byte file");
        }
    }
}
