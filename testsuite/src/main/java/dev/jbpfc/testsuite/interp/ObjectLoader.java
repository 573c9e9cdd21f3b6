package dev.jbpfc.testsuite.interp;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfReader;
import dev.jbpfc.btf.BtfType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a loader the interpreter needs, written for it alone (to be replaced by the shared
 * {@code BpfObjectFile} reader of loop-hints once that exists): reads a relocatable little-endian ELF64 BPF object,
 * lays every executable section out in one {@link Code} image, creates its maps in a {@link Memory} and resolves
 * the relocations the programs need.
 *
 * <ul>
 *   <li>Maps: BTF-defined ones from {@code .maps} (the DATASEC's variables; each a struct whose members
 *       {@code type}, {@code max_entries}, {@code key_size}, {@code value_size} are pointers to arrays whose
 *       length is the number, and {@code key}, {@code value} pointers to the types), legacy ones from
 *       {@code maps} (20-byte {@code struct bpf_map_def}s), and one single-element array per global data section
 *       ({@code .data*}, {@code .rodata*} (read-only), {@code .bss*}) holding the section's initial bytes.
 *   <li>{@code ld_imm64} relocated against a map symbol loads the map's handle; against a data section or a
 *       variable in one, the address of the section's value plus the symbol's offset plus the instruction's own
 *       immediate (the addend the compiler leaves there).
 *   <li>A BPF-to-BPF call relocated against a function enters the target section at
 *       {@code symbol offset / 8 + imm + 1}; an unrelocated one is pc-relative in its own section.
 * </ul>
 * Example: clang's {@code r1 = results ll} with {@code R_BPF_64_64 results} in {@code .relxdp} loads the handle of
 * map {@code results}; {@code r1 = .bss ll} with imm 8 loads the address of byte 8 of the {@code .bss} value.
 */
public final class ObjectLoader {
    private static final int SHT_SYMTAB = 2, SHT_NOBITS = 8, SHT_REL = 9;
    private static final long SHF_EXECINSTR = 4;

    /** A loaded object: its code image, its maps by name, and where each function symbol starts in the image. */
    public record Loaded(Code code, Memory memory, Map<String, InterpMap> maps, Map<String, Integer> functions,
                         Map<String, String> functionSections) {
        public int entry(String function) {
            Integer e = functions.get(function);
            if (e == null) throw new IllegalArgumentException("no function " + function + " (have " + functions.keySet() + ")");
            return e;
        }
    }

    private record Section(int index, String name, int type, long flags, long offset, long size, int link, int info) {}

    private record Symbol(String name, long value, int shndx, int type) {}

    private final byte[] elf;
    private final ByteBuffer b;
    private final List<Section> sections = new ArrayList<>();
    private final List<Symbol> symbols = new ArrayList<>();

    private ObjectLoader(byte[] elf) {
        this.elf = elf;
        this.b = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
    }

    public static Loaded load(byte[] elf) {
        return new ObjectLoader(elf).load();
    }

    private Loaded load() {
        if (elf.length < 64 || b.getInt(0) != 0x464c457f || elf[4] != 2 || elf[5] != 1)
            throw new IllegalArgumentException("not a little-endian ELF64 object");
        if ((b.getShort(18) & 0xffff) != 247) throw new IllegalArgumentException("not a BPF object (e_machine " + b.getShort(18) + ")");
        long shoff = b.getLong(40);
        int shentsize = b.getShort(58) & 0xffff, shnum = b.getShort(60) & 0xffff, shstrndx = b.getShort(62) & 0xffff;
        long[][] raw = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            int p = (int) (shoff + (long) i * shentsize);
            raw[i] = new long[] {b.getInt(p) & 0xffffffffL, b.getInt(p + 4), b.getLong(p + 8), b.getLong(p + 24),
                    b.getLong(p + 32), b.getInt(p + 40), b.getInt(p + 44)};
        }
        for (int i = 0; i < shnum; i++) {
            long[] s = raw[i];
            String name = cstr(raw[shstrndx][3] + s[0]);
            sections.add(new Section(i, name, (int) s[1], s[2], s[3], s[4], (int) s[5], (int) s[6]));
        }
        Section symtab = sections.stream().filter(s -> s.type == SHT_SYMTAB).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("object without a symbol table"));
        long strOff = sections.get(symtab.link).offset;
        for (long p = symtab.offset; p + 24 <= symtab.offset + symtab.size; p += 24) {
            int ip = (int) p;
            symbols.add(new Symbol(cstr(strOff + (b.getInt(ip) & 0xffffffffL)), b.getLong(ip + 8),
                    b.getShort(ip + 6) & 0xffff, b.get(ip + 4) & 0x0f));
        }

        Memory memory = new Memory();
        Map<String, InterpMap> maps = new LinkedHashMap<>();
        Map<Integer, InterpMap> dataMaps = new HashMap<>();          // section index -> its global data map
        Map<String, InterpMap> mapBySymbolKey = new HashMap<>();     // "shndx:value" -> map
        btfMaps(memory, maps, mapBySymbolKey);
        legacyMaps(memory, maps, mapBySymbolKey);
        for (Section s : sections) {
            if (!isData(s.name) || s.size == 0) continue;
            InterpMap m = new InterpMap(memory, s.name, InterpMap.ARRAY, 4, (int) s.size, 1, s.name.startsWith(".rodata"));
            if (s.type != SHT_NOBITS) System.arraycopy(elf, (int) s.offset, m.element(0), 0, (int) s.size);
            maps.put(s.name, m);
            dataMaps.put(s.index, m);
        }

        // lay out the code
        Map<Integer, Integer> base = new LinkedHashMap<>();
        int total = 0;
        for (Section s : sections) {
            if ((s.flags & SHF_EXECINSTR) != 0 && s.size > 0) {
                base.put(s.index, total);
                total += (int) (s.size / 8);
            }
        }
        byte[] image = new byte[total * 8];
        for (Map.Entry<Integer, Integer> e : base.entrySet()) {
            Section s = sections.get(e.getKey());
            System.arraycopy(elf, (int) s.offset, image, e.getValue() * 8, (int) s.size);
        }
        Code code = Code.of(image);
        // unrelocated ld_imm64 keep their constants; unrelocated calls are pc-relative (Code's default)
        for (Section rel : sections) {
            if (rel.type != SHT_REL || !base.containsKey(rel.info)) continue;
            int secBase = base.get(rel.info);
            for (long p = rel.offset; p + 16 <= rel.offset + rel.size; p += 16) {
                long roff = b.getLong((int) p);
                long info = b.getLong((int) p + 8);
                Symbol sym = symbols.get((int) (info >>> 32));
                int slot = secBase + (int) (roff / 8);
                int op = code.opcode[slot];
                if (op == 0x18) {
                    InterpMap m = mapBySymbolKey.get(sym.shndx + ":" + sym.value);
                    if (m != null && !dataMaps.containsValue(m)) {
                        code.resolveImm64(slot, m.handleAddress());
                    } else if (dataMaps.containsKey(sym.shndx)) {
                        InterpMap d = dataMaps.get(sym.shndx);
                        long addend = sym.type == 3 /* STT_SECTION */ ? code.imm[slot] : sym.value + code.imm[slot];
                        code.resolveImm64(slot, d.lookup(new byte[4]) + addend);
                    } else if (base.containsKey(sym.shndx)) {
                        throw new IllegalArgumentException("ld_imm64 of a function address (callbacks) is not supported");
                    } else {
                        throw new IllegalArgumentException("ld_imm64 relocated against " + sym.name + " in section "
                                + (sym.shndx < sections.size() ? sections.get(sym.shndx).name : sym.shndx) + ": not supported");
                    }
                } else if (op == 0x85 && code.src[slot] == 1) {
                    Integer tb = base.get(sym.shndx);
                    if (tb == null && sym.shndx == 0 /* SHN_UNDEF: an extern, libbpf makes it a kfunc call */) {
                        code.resolveKfunc(slot, sym.name);
                        continue;
                    }
                    if (tb == null) throw new IllegalArgumentException("call of " + sym.name + " outside the code");
                    code.resolveCall(slot, tb + (int) (sym.value / 8) + code.imm[slot] + 1);
                }
                // other relocations (CO-RE, .BTF, .maps' inner pointers) do not concern execution here
            }
        }
        Map<String, Integer> functions = new LinkedHashMap<>();
        Map<String, String> functionSections = new LinkedHashMap<>();
        for (Symbol s : symbols) {
            if (s.type == 2 /* STT_FUNC */ && base.containsKey(s.shndx)) {
                functions.put(s.name, base.get(s.shndx) + (int) (s.value / 8));
                functionSections.put(s.name, sections.get(s.shndx).name);
            }
        }
        return new Loaded(code, memory, maps, functions, functionSections);
    }

    static boolean isData(String name) {
        for (String p : new String[] {".data", ".rodata", ".bss"}) {
            if (name.equals(p) || name.startsWith(p + ".")) return true;
        }
        return false;
    }

    private void btfMaps(Memory memory, Map<String, InterpMap> maps, Map<String, InterpMap> bySymbol) {
        Section btfSec = find(".BTF");
        Section mapsSec = find(".maps");
        if (btfSec == null || mapsSec == null) return;
        byte[] data = new byte[(int) btfSec.size];
        System.arraycopy(elf, (int) btfSec.offset, data, 0, data.length);
        Btf btf = BtfReader.read(data);
        for (BtfType t : btf.types()) {
            if (!(t instanceof BtfType.Datasec ds) || !ds.name().equals(".maps")) continue;
            for (BtfType.SecInfo v : ds.vars()) {
                BtfType.Var var = (BtfType.Var) btf.type(v.type());
                BtfType def = resolve(btf, var.type());
                if (!(def instanceof BtfType.Composite c)) throw new IllegalArgumentException("map " + var.name() + " is not a struct");
                long type = 0, maxEntries = 0, keySize = 0, valueSize = 0;
                for (BtfType.Member m : c.members()) {
                    switch (m.name()) {
                        case "type" -> type = arrayLength(btf, m.type());
                        case "max_entries" -> maxEntries = arrayLength(btf, m.type());
                        case "key_size" -> keySize = arrayLength(btf, m.type());
                        case "value_size" -> valueSize = arrayLength(btf, m.type());
                        case "key" -> keySize = sizeOf(btf, ((BtfType.Ptr) resolve(btf, m.type())).type());
                        case "value" -> valueSize = sizeOf(btf, ((BtfType.Ptr) resolve(btf, m.type())).type());
                        default -> { }
                    }
                }
                InterpMap m = new InterpMap(memory, var.name(), (int) type, (int) keySize, (int) valueSize, (int) maxEntries, false);
                maps.put(var.name(), m);
                bySymbol.put(mapsSec.index + ":" + v.offset(), m);
            }
        }
    }

    private void legacyMaps(Memory memory, Map<String, InterpMap> maps, Map<String, InterpMap> bySymbol) {
        Section sec = find("maps");
        if (sec == null) return;
        for (Symbol s : symbols) {
            if (s.shndx != sec.index || s.type == 3 || s.name.isEmpty()) continue;
            int p = (int) (sec.offset + s.value);
            InterpMap m = new InterpMap(memory, s.name, b.getInt(p), b.getInt(p + 4), b.getInt(p + 8), b.getInt(p + 12), false);
            maps.put(s.name, m);
            bySymbol.put(sec.index + ":" + s.value, m);
        }
    }

    private static BtfType resolve(Btf btf, int id) {
        BtfType t = btf.type(id);
        while (t instanceof BtfType.Typedef || t instanceof BtfType.Qualifier || t instanceof BtfType.TypeTag) {
            id = t.refs()[0];
            t = btf.type(id);
        }
        return t;
    }

    /** {@code __uint(name, N)} is {@code int (*name)[N]}: the pointee array's length. */
    private static long arrayLength(Btf btf, int id) {
        BtfType p = resolve(btf, id);
        BtfType a = resolve(btf, ((BtfType.Ptr) p).type());
        return ((BtfType.Array) a).nelems();
    }

    static long sizeOf(Btf btf, int id) {
        BtfType t = resolve(btf, id);
        if (t instanceof BtfType.Int i) return i.size();
        if (t instanceof BtfType.Ptr) return 8;
        if (t instanceof BtfType.Array a) return a.nelems() * sizeOf(btf, a.elemType());
        if (t instanceof BtfType.Composite c) return c.size();
        if (t instanceof BtfType.Enum32 e) return e.size();
        if (t instanceof BtfType.Enum64 e) return e.size();
        if (t instanceof BtfType.FloatType f) return f.size();
        throw new IllegalArgumentException("no size for BTF type " + id + " " + t);
    }

    private Section find(String name) {
        for (Section s : sections) if (s.name.equals(name)) return s;
        return null;
    }

    private String cstr(long off) {
        int p = (int) off, e = p;
        while (elf[e] != 0) e++;
        return new String(elf, p, e - p, StandardCharsets.ISO_8859_1);
    }
}
