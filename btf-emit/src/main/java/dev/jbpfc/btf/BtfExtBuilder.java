package dev.jbpfc.btf;

import dev.jbpfc.btf.BtfExt.*;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds a .BTF.ext section (btf.rst 4.2): func_info, line_info and CO-RE relocation records grouped by the ELF
 * section of the code they describe, plus the ELF relocations the object writer must put in {@code .rel.BTF.ext}.
 *
 * <p>Worked example. For
 * <pre>
 *   SEC("tc") int prog(struct foo *f) {      // line 10 of t.c; FUNC 'prog' is BTF type 5
 *       return f->b;                          // line 11, column 12; struct foo is type 2, b its member 1
 *   }
 * </pre>
 * compiled to {@code 0: r0 = *(u32 *)(r1 + 4); 1: exit}, the backend calls
 * <pre>
 *   ext.addFuncInfo("tc", 0, 5);
 *   ext.addLineInfo("tc", 0, "t.c", "    return f->b;", 11, 12);
 *   ext.addCoreRelo("tc", 0, 2, "0:1", CoreReloKind.FIELD_BYTE_OFFSET);
 * </pre>
 * and {@link #encode} lays out (u32 words, strings as offsets into .BTF's string table):
 * <pre>
 *   header:    0xeB9F 1 0 | hdr_len 32 | func_info off 0 len 20 | line_info off 20 len 28 | core_relo off 48 len 28
 *   func_info: rec_size 8  | "tc" 1 record | insn_off 0, type_id 5
 *   line_info: rec_size 16 | "tc" 1 record | insn_off 0, "t.c", "    return f->b;", 11 &lt;&lt; 10 | 12
 *   core_relo: rec_size 16 | "tc" 1 record | insn_off 0, type_id 2, "0:1", kind 0
 * </pre>
 * Every insn_off word is a byte offset into section "tc" and gets an R_BPF_64_NODYLD32 relocation against the
 * section symbol of "tc" (llvm_reloc.rst); the word already holds the offset (the implicit addend), so a loader that
 * ignores the relocation, as libbpf does, reads the right value.
 *
 * <p>Within a section, records are written in instruction order (the kernel wants func_info and line_info strictly
 * increasing); sections appear in the order their first record was added. A second line_info for the same
 * instruction replaces the first (the later source location is the one the instruction carries out); a second
 * func_info at the same offset is an error. Strings go into the {@link BtfBuilder}'s table when a record is added,
 * so add every record before encoding the .BTF.
 */
public final class BtfExtBuilder {
    /** {@code R_BPF_64_NODYLD32}: 32-bit data in .BTF/.BTF.ext, S + A. */
    public static final int R_BPF_64_NODYLD32 = 4;
    public static final int HEADER_LEN = 32;
    public static final int FUNC_INFO_SIZE = 8, LINE_INFO_SIZE = 16, CORE_RELO_SIZE = 16;

    /** An ELF relocation for {@code .rel.BTF.ext}: at byte {@code offset} of .BTF.ext, type {@link #R_BPF_64_NODYLD32}, against {@code section}'s symbol. */
    public record Relocation(int offset, String section) {
        public int type() {
            return R_BPF_64_NODYLD32;
        }
    }

    /** The section's bytes and the relocations the ELF writer must emit for it. */
    public record Encoded(byte[] bytes, List<Relocation> relocations) {}

    private final BtfStrings strings;
    private final Map<String, List<FuncInfo>> funcInfos = new LinkedHashMap<>();
    private final Map<String, List<LineInfo>> lineInfos = new LinkedHashMap<>();
    private final Map<String, List<CoreRelo>> coreRelos = new LinkedHashMap<>();

    public BtfExtBuilder(BtfBuilder btf) {
        this(btf.strings());
    }

    public BtfExtBuilder(BtfStrings strings) {
        this.strings = strings;
    }

    /** The function starting at byte {@code insnOff} of {@code section} is the BTF FUNC {@code funcTypeId}. */
    public void addFuncInfo(String section, int insnOff, int funcTypeId) {
        checkOff(section, insnOff);
        if (funcTypeId <= 0) throw new IllegalArgumentException("func_info needs a FUNC type id, got " + funcTypeId);
        strings.add(section);
        funcInfos.computeIfAbsent(section, k -> new ArrayList<>()).add(new FuncInfo(section, insnOff, funcTypeId));
    }

    /**
     * The instruction at byte {@code insnOff} of {@code section} comes from {@code line}:{@code column} of
     * {@code fileName}, whose text is {@code lineText} (printed by the verifier next to the instruction). Columns
     * past 1023 do not fit the 10 bits the format has and are recorded as 1023; column 0 means "unknown".
     */
    public void addLineInfo(String section, int insnOff, String fileName, String lineText, int line, int column) {
        checkOff(section, insnOff);
        if (line < 0 || line >= 1 << 22) throw new IllegalArgumentException("line " + line + " does not fit line_info's 22 bits");
        if (column < 0) throw new IllegalArgumentException("column " + column);
        strings.add(section);
        strings.add(fileName);
        strings.add(lineText);
        lineInfos.computeIfAbsent(section, k -> new ArrayList<>())
                .add(new LineInfo(section, insnOff, fileName, lineText, line, Math.min(column, 1023)));
    }

    /**
     * A CO-RE relocation of {@code kind} on the instruction at byte {@code insnOff} of {@code section}, rooted at
     * type {@code rootTypeId}, with {@code accessString} (see {@link CoreAccessString}).
     */
    public void addCoreRelo(String section, int insnOff, int rootTypeId, String accessString, CoreReloKind kind) {
        checkOff(section, insnOff);
        if (rootTypeId <= 0) throw new IllegalArgumentException("a CO-RE relocation needs a root type id, got " + rootTypeId);
        CoreAccessString.parse(accessString);
        if (kind == null) throw new IllegalArgumentException("a CO-RE relocation needs a kind");
        strings.add(section);
        strings.add(accessString);
        coreRelos.computeIfAbsent(section, k -> new ArrayList<>()).add(new CoreRelo(section, insnOff, rootTypeId, accessString, kind));
    }

    /** Adds every record of a parsed .BTF.ext (e.g. another compiler's, to re-encode it). */
    public void addAll(BtfExt ext) {
        for (FuncInfo f : ext.funcInfos()) addFuncInfo(f.section(), f.insnOff(), f.typeId());
        for (LineInfo l : ext.lineInfos()) addLineInfo(l.section(), l.insnOff(), l.fileName(), l.lineText(), l.line(), l.column());
        for (CoreRelo c : ext.coreRelos()) addCoreRelo(c.section(), c.insnOff(), c.typeId(), c.accessString(), c.kind());
    }

    /** True when there is nothing to emit: then leave .BTF.ext out (libbpf refuses a header-only .BTF.ext). */
    public boolean isEmpty() {
        return funcInfos.isEmpty() && lineInfos.isEmpty() && coreRelos.isEmpty();
    }

    /** The records as they will be encoded (sorted and de-duplicated). */
    public BtfExt records() {
        return new BtfExt(flatten(funcInfos, FuncInfo::insnOff, true), flatten(lineInfos, LineInfo::insnOff, false),
                flatten(coreRelos, CoreRelo::insnOff, null));
    }

    /**
     * The section's bytes and relocations. Throws IllegalStateException when a .BTF was encoded from the shared
     * string table before some of these records were added (that .BTF would lack their strings).
     */
    public Encoded encode() {
        BtfExt r = records();
        LeBuffer out = new LeBuffer();
        List<Relocation> relocs = new ArrayList<>();
        out.u16(BtfWriter.MAGIC);
        out.u8(BtfWriter.VERSION);
        out.u8(0);
        out.u32(HEADER_LEN);
        for (int i = 0; i < 6; i++) out.u32(0); // offsets and lengths, patched below
        int fiLen = subsection(out, relocs, FUNC_INFO_SIZE, r.funcInfos(), FuncInfo::section, (b, f) -> {
            b.u32(f.insnOff());
            b.u32(f.typeId());
        });
        int liLen = subsection(out, relocs, LINE_INFO_SIZE, r.lineInfos(), LineInfo::section, (b, l) -> {
            b.u32(l.insnOff());
            b.u32(strings.add(l.fileName()));
            b.u32(strings.add(l.lineText()));
            b.u32(((long) l.line() << 10) | l.column());
        });
        int crLen = subsection(out, relocs, CORE_RELO_SIZE, r.coreRelos(), CoreRelo::section, (b, c) -> {
            b.u32(c.insnOff());
            b.u32(c.typeId());
            b.u32(strings.add(c.accessString()));
            b.u32(c.kind().value);
        });
        if (strings.grewSinceEncoded())
            throw new IllegalStateException(".BTF.ext strings were added after the .BTF was encoded: add every record before BtfBuilder.encode()");
        out.putU32(8, 0);
        out.putU32(12, fiLen);
        out.putU32(16, fiLen);
        out.putU32(20, liLen);
        out.putU32(24, fiLen + liLen);
        out.putU32(28, crLen);
        return new Encoded(out.toBytes(), List.copyOf(relocs));
    }

    private interface RecordWriter<T> {
        void write(LeBuffer b, T record);
    }

    /**
     * Writes {@code rec_size} then, per section, {@code sec_name_off, num_info} and the records; returns the byte
     * length (0, and nothing written, when there are no records: libbpf rejects a record size with no records).
     */
    private <T> int subsection(LeBuffer out, List<Relocation> relocs, int recSize, List<T> records,
                               Function<T, String> sectionOf, RecordWriter<T> writer) {
        if (records.isEmpty()) return 0;
        int start = out.size();
        out.u32(recSize);
        int i = 0;
        while (i < records.size()) {
            String section = sectionOf.apply(records.get(i));
            int j = i;
            while (j < records.size() && sectionOf.apply(records.get(j)).equals(section)) j++;
            out.u32(strings.add(section));
            out.u32(j - i);
            for (int k = i; k < j; k++) {
                relocs.add(new Relocation(out.size(), section)); // the insn_off word opens every record
                writer.write(out, records.get(k));
            }
            i = j;
        }
        return out.size() - start;
    }

    /**
     * Records section by section, each sorted by instruction offset (stable). {@code unique}: true = a repeated
     * offset is an error, false = the last record for an offset wins, null = repeats are kept (several CO-RE
     * relocations may not share an instruction either, but that is the backend's concern).
     */
    private static <T> List<T> flatten(Map<String, List<T>> bySection, Function<T, Integer> off, Boolean unique) {
        List<T> out = new ArrayList<>();
        for (List<T> recs : bySection.values()) {
            List<T> sorted = new ArrayList<>(recs);
            sorted.sort(Comparator.comparing(off));
            List<T> kept = new ArrayList<>();
            for (T r : sorted) {
                if (unique != null && !kept.isEmpty() && off.apply(kept.get(kept.size() - 1)).equals(off.apply(r))) {
                    if (unique) throw new IllegalStateException("two func_info records at the same offset: " + kept.get(kept.size() - 1) + " and " + r);
                    kept.set(kept.size() - 1, r);
                    continue;
                }
                kept.add(r);
            }
            out.addAll(kept);
        }
        return out;
    }

    private static void checkOff(String section, int insnOff) {
        if (section == null || section.isEmpty()) throw new IllegalArgumentException("a .BTF.ext record needs a section name");
        if (insnOff < 0 || insnOff % 8 != 0) throw new IllegalArgumentException("insn_off " + insnOff + " is not a byte offset of an instruction (a multiple of 8)");
    }
}
