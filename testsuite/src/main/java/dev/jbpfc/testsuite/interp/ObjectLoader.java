package dev.jbpfc.testsuite.interp;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfType;
import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.loophints.object.BpfObjectFile.Section;
import dev.jbpfc.loophints.object.BpfObjectFile.Symbol;
import dev.jbpfc.loophints.object.ObjectFormatException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of a loader the interpreter needs: takes a relocatable BPF object as loop-hints' {@link BpfObjectFile}
 * reads it (sections, symbols, relocations, .BTF; the one ELF reader of the project's Java side), lays every
 * executable section out in one {@link Code} image, creates its maps in a {@link Memory} and resolves the
 * relocations the programs need.
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
    private static final int STT_SECTION = 3;

    /** A loaded object: its code image, its maps by name, and where each function symbol starts in the image. */
    public record Loaded(Code code, Memory memory, Map<String, InterpMap> maps, Map<String, Integer> functions,
                         Map<String, String> functionSections) {
        public int entry(String function) {
            Integer e = functions.get(function);
            if (e == null) throw new IllegalArgumentException("no function " + function + " (have " + functions.keySet() + ")");
            return e;
        }
    }

    private final BpfObjectFile object;
    private final List<Section> sections;
    private final List<Symbol> symbols;

    private ObjectLoader(BpfObjectFile object) {
        this.object = object;
        this.sections = object.sections();
        this.symbols = object.symbols();
    }

    /** Loads {@code elf}; an object the reader refuses, or one using what is not modelled, is an IllegalArgumentException. */
    public static Loaded load(byte[] elf) {
        BpfObjectFile object;
        try {
            object = BpfObjectFile.parse(elf);
        } catch (ObjectFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new ObjectLoader(object).load();
    }

    private Loaded load() {
        if (sections.stream().noneMatch(s -> s.type() == BpfObjectFile.SHT_SYMTAB)) {
            throw new IllegalArgumentException("object without a symbol table");
        }
        Memory memory = new Memory();
        Map<String, InterpMap> maps = new LinkedHashMap<>();
        Map<Integer, InterpMap> dataMaps = new HashMap<>();          // section index -> its global data map
        Map<String, InterpMap> mapBySymbolKey = new HashMap<>();     // "shndx:value" -> map
        btfMaps(memory, maps, mapBySymbolKey);
        legacyMaps(memory, maps, mapBySymbolKey);
        for (Section s : sections) {
            if (!isData(s.name()) || s.size() == 0) continue;
            InterpMap m = new InterpMap(memory, s.name(), InterpMap.ARRAY, 4, (int) s.size(), 1, s.name().startsWith(".rodata"));
            byte[] initial = object.contents(s);                     // empty for NOBITS (.bss): zeros
            System.arraycopy(initial, 0, m.element(0), 0, initial.length);
            maps.put(s.name(), m);
            dataMaps.put(s.index(), m);
        }

        // lay out the code: every section with SHF_EXECINSTR, whatever its type
        Map<Integer, Integer> base = new LinkedHashMap<>();
        int total = 0;
        for (Section s : sections) {
            if ((s.flags() & BpfObjectFile.SHF_EXECINSTR) != 0 && s.size() > 0) {
                base.put(s.index(), total);
                total += (int) (s.size() / 8);
            }
        }
        byte[] image = new byte[total * 8];
        for (Map.Entry<Integer, Integer> e : base.entrySet()) {
            byte[] bytes = object.contents(sections.get(e.getKey()));
            System.arraycopy(bytes, 0, image, e.getValue() * 8, bytes.length);
        }
        Code code = Code.of(image);
        // unrelocated ld_imm64 keep their constants; unrelocated calls are pc-relative (Code's default)
        for (Map.Entry<Integer, Integer> e : base.entrySet()) {
            int secBase = e.getValue();
            for (BpfObjectFile.Relocation r : object.relocations(sections.get(e.getKey()))) {
                Symbol sym = symbols.get(r.symbol());
                int slot = secBase + (int) (r.offset() / 8);
                int op = code.opcode[slot];
                if (op == 0x18) {
                    InterpMap m = mapBySymbolKey.get(sym.sectionIndex() + ":" + sym.value());
                    if (m != null && !dataMaps.containsValue(m)) {
                        code.resolveImm64(slot, m.handleAddress());
                    } else if (dataMaps.containsKey(sym.sectionIndex())) {
                        InterpMap d = dataMaps.get(sym.sectionIndex());
                        long addend = sym.type() == STT_SECTION ? code.imm[slot] : sym.value() + code.imm[slot];
                        code.resolveImm64(slot, d.lookup(new byte[4]) + addend);
                    } else if (base.containsKey(sym.sectionIndex())) {
                        throw new IllegalArgumentException("ld_imm64 of a function address (callbacks) is not supported");
                    } else {
                        throw new IllegalArgumentException("ld_imm64 relocated against " + sym.name() + " in section "
                                + (sym.sectionIndex() < sections.size() ? sections.get(sym.sectionIndex()).name() : sym.sectionIndex())
                                + ": not supported");
                    }
                } else if (op == 0x85 && code.src[slot] == 1) {
                    Integer tb = base.get(sym.sectionIndex());
                    if (tb == null && sym.sectionIndex() == BpfObjectFile.SHN_UNDEF) {
                        code.resolveKfunc(slot, sym.name());                // an extern: libbpf makes it a kfunc call
                        continue;
                    }
                    if (tb == null) throw new IllegalArgumentException("call of " + sym.name() + " outside the code");
                    code.resolveCall(slot, tb + (int) (sym.value() / 8) + code.imm[slot] + 1);
                }
                // other relocations (CO-RE, .BTF, .maps' inner pointers) do not concern execution here
            }
        }
        Map<String, Integer> functions = new LinkedHashMap<>();
        Map<String, String> functionSections = new LinkedHashMap<>();
        for (Symbol s : symbols) {
            if (s.isFunction() && base.containsKey(s.sectionIndex())) {
                functions.put(s.name(), base.get(s.sectionIndex()) + (int) (s.value() / 8));
                functionSections.put(s.name(), sections.get(s.sectionIndex()).name());
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
        Section mapsSec = object.section(".maps").orElse(null);
        Btf btf = object.btf().orElse(null);
        if (btf == null || mapsSec == null) return;
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
                bySymbol.put(mapsSec.index() + ":" + v.offset(), m);
            }
        }
    }

    private void legacyMaps(Memory memory, Map<String, InterpMap> maps, Map<String, InterpMap> bySymbol) {
        Section sec = object.section("maps").orElse(null);
        if (sec == null) return;
        ByteBuffer defs = ByteBuffer.wrap(object.contents(sec)).order(ByteOrder.LITTLE_ENDIAN);
        for (Symbol s : symbols) {
            if (s.sectionIndex() != sec.index() || s.type() == STT_SECTION || s.name().isEmpty()) continue;
            int p = (int) s.value();
            InterpMap m = new InterpMap(memory, s.name(), defs.getInt(p), defs.getInt(p + 4), defs.getInt(p + 8),
                    defs.getInt(p + 12), false);
            maps.put(s.name(), m);
            bySymbol.put(sec.index() + ":" + s.value(), m);
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
}
