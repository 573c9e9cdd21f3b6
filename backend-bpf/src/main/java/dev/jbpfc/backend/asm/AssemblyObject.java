package dev.jbpfc.backend.asm;

import dev.jbpfc.backend.elf.ElfObjectWriter;
import dev.jbpfc.backend.emit.AsmPrinter;
import dev.jbpfc.backend.elf.ObjectFile;
import dev.jbpfc.backend.elf.ObjectSection;
import dev.jbpfc.backend.elf.ObjectSymbol;
import dev.jbpfc.backend.elf.RelocationType;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.isa.BpfAssembler;
import dev.jbpfc.isa.BpfEncoder;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.OperandShape;
import dev.jbpfc.source.SourceFile;
import dev.jbpfc.source.SourceLocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles what {@code jbpfc -S} prints back into the object {@code jbpfc -c} writes for the same C file. For
 * <pre>
 *         .section        xdp,"ax",@progbits
 *         .globl  prog
 *         .type   prog,@function
 * prog:
 *         r1 = cnt ll              ld_imm64, R_BPF_64_64 against cnt (a static: its section symbol + offset)
 *         call helper              a function of this file: pc-relative, or R_BPF_64_32 across sections
 *         exit
 *         .section        .data,"aw",@progbits
 * cnt:
 *         .byte   3,0,0,0
 *         .quad   other+8          R_BPF_64_ABS64
 * </pre>
 * the sections, symbols (binding from .globl/.weak, .hidden, .type, .size), code, data and relocations are laid
 * out in the order {@code backend.emit.ObjectEmitter} uses, so the bytes are the same. With {@code -g}, -S ends
 * with the object's .BTF and .BTF.ext as bytes ({@code .section .BTF,"",@progbits}, {@code .byte}) and the
 * .BTF.ext's code offsets as {@code .long .Lsec_beginK+OFFSET} (relocated against that code section, as clang's
 * assembler does too; {@code .Lsec_beginK:} starts the K-th code section); their func_info, line_info and CO-RE
 * records name code offsets, so the text is assembled as printed (edited code would need new BTF). What a text
 * does not print is refused, never dropped: a {@code # jbpfc: not printed:} line makes assembling an error that
 * names what is missing. Directives other than the ones -S prints are errors too.
 */
public final class AssemblyObject {
    /** The comment -S writes when its text leaves something of the object out; the assembler refuses such text. */
    public static final String NOT_PRINTED = "# jbpfc: not printed:";

    private final SourceFile file;
    private String sourceName;
    private String section;
    private boolean codeSection;
    private int pendingAlign = 1;
    private final Set<String> globals = new HashSet<>();
    private final Set<String> weaks = new HashSet<>();
    private final Set<String> hidden = new HashSet<>();
    private final Map<String, String> sizes = new HashMap<>();
    private final Map<String, String> types = new HashMap<>();
    /** Functions in text order. */
    private final List<Function> functions = new ArrayList<>();
    /** Data objects in text order. */
    private final List<Data> data = new ArrayList<>();
    private Function function;
    private Data datum;
    /** Sections with no flags (.BTF, .BTF.ext): their bytes, in text order. */
    private final Map<String, java.io.ByteArrayOutputStream> metadata = new LinkedHashMap<>();
    private final List<MetaReloc> metaRelocs = new ArrayList<>();
    private boolean metadataSection;
    /** The first slot of an ld_imm64 printed as {@code .8byte}, waiting for its second; and its line. */
    private Long pendingSlot;
    private int pendingSlotLine;
    /** {@code .Lsec_beginK} labels: the code section each starts. */
    private final Map<String, String> sectionLabels = new HashMap<>();

    private record MetaReloc(String section, long offset, RelocationType type, String symbol, int line) {}

    private static final class Function {
        final String name;
        final String section;
        final int line;
        final List<BpfAssembler.Statement> body = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();
        final Map<String, Integer> labels = new HashMap<>();
        int slots;

        Function(String name, String section, int line) {
            this.name = name;
            this.section = section;
            this.line = line;
        }
    }

    private record Quad(long offset, String symbol, long addend) {}

    private static final class Data {
        final String name;
        final String section;
        final int align;
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        final List<Quad> quads = new ArrayList<>();

        Data(String name, String section, int align) {
            this.name = name;
            this.section = section;
            this.align = align;
        }
    }

    private AssemblyObject(SourceFile file) {
        this.file = file;
    }

    /** The ELF object of {@code text} (the path names the file in errors); a CompileError where it cannot. */
    public static byte[] assemble(String path, String text) {
        AssemblyObject a = new AssemblyObject(new SourceFile(path, text));
        a.read(text);
        return ElfObjectWriter.write(a.build());
    }

    private CompileError error(int line, String message) {
        int offset = 0;
        for (int l = 1; l < line; l++) offset = file.text().indexOf('\n', offset) + 1;
        return new CompileError(new SourceLocation(file, offset), message);
    }

    private void read(String text) {
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String raw = lines[n];
            if (raw.startsWith(NOT_PRINTED)) {
                throw error(n + 1, "this assembly does not hold the whole object (" + raw.substring(
                        NOT_PRINTED.length()).trim() + "): jbpfc -S does not print them yet, so the object would "
                        + "lack them; compile the C file with -c instead");
            }
            // A section name may hold "//" (SEC("uprobe//proc/self/exe:f")): the lines that name sections keep
            // their text.
            String t = raw.trim();
            String line = t.startsWith(".section") || t.startsWith(".reloc") ? t : stripComment(raw).trim();
            if (line.isEmpty()) continue;
            if (pendingSlot != null && !line.startsWith(".8byte")) {
                throw error(pendingSlotLine, "'.8byte' of an ld_imm64 lacks its second slot");
            }
            if (line.matches("[A-Za-z_.$][\\w.$]*:")) {
                label(n + 1, line.substring(0, line.length() - 1));
                continue;
            }
            if (line.startsWith(".")) {
                directive(n + 1, line);
                continue;
            }
            if (function == null) throw error(n + 1, "instruction outside a function: '" + line + "'");
            BpfAssembler.Statement s;
            try {
                s = BpfAssembler.instruction(line);
            } catch (IllegalArgumentException e) {
                throw error(n + 1, e.getMessage());
            }
            function.body.add(s);
            function.lines.add(n + 1);
            function.slots += s.insn().slots();
        }
        if (pendingSlot != null) throw error(pendingSlotLine, "'.8byte' of an ld_imm64 lacks its second slot");
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        int slashes = line.indexOf("//");
        int cut = hash < 0 ? slashes : slashes < 0 ? hash : Math.min(hash, slashes);
        return cut < 0 ? line : line.substring(0, cut);
    }

    private void label(int line, String name) {
        if (name.startsWith(AsmPrinter.SECTION_BEGIN)) {
            if (!codeSection) throw error(line, "'" + name + "' outside a code section");
            sectionLabels.put(name, section);
            return;
        }
        if (name.startsWith(".L") || name.startsWith("LBB")) {
            if (function == null) throw error(line, "label '" + name + "' outside a function");
            function.labels.put(name, function.slots);
            return;
        }
        if (codeSection) {
            function = new Function(name, section, line);
            functions.add(function);
        } else {
            if (section == null) throw error(line, "label '" + name + "' before any .section");
            function = null;
            datum = new Data(name, section, pendingAlign);
            data.add(datum);
        }
        pendingAlign = 1;
    }

    private void directive(int line, String text) {
        String[] parts = text.split("\\s+", 2);
        String args = parts.length > 1 ? parts[1].trim() : "";
        switch (parts[0]) {
            case ".text" -> section(".text", true);
            case ".file" -> sourceName = unquote(args);
            case ".section" -> {
                String[] a = args.split(",");
                section(a[0].trim(), a.length > 1 && a[1].contains("x"));
                if (a.length > 1 && a[1].trim().equals("\"\"")) {
                    metadataSection = true;
                    metadata.computeIfAbsent(section, k -> new java.io.ByteArrayOutputStream());
                }
            }
            case ".reloc" -> {
                String[] a = args.split(",\\s*", 3);
                if (!metadataSection || a.length != 3) throw error(line, "'.reloc' outside .BTF/.BTF.ext");
                RelocationType type;
                try {
                    type = RelocationType.valueOf(a[1].trim());
                } catch (IllegalArgumentException e) {
                    throw error(line, "unknown relocation type '" + a[1].trim() + "'");
                }
                metaRelocs.add(new MetaReloc(section, Long.parseLong(a[0].trim()), type, a[2].trim(), line));
            }
            case ".8byte" -> instructionBytes(line, args);
            case ".globl" -> globals.add(args);
            case ".weak" -> weaks.add(args);
            case ".hidden" -> hidden.add(args);
            case ".extern" -> {
                datum = null;
                data.add(new Data(args, null, 1));
            }
            case ".type" -> {
                String[] a = args.split(",");
                types.put(a[0].trim(), a.length > 1 ? a[1].trim() : "");
            }
            case ".size" -> {
                int comma = args.indexOf(',');
                sizes.put(args.substring(0, comma).trim(), args.substring(comma + 1).trim());
            }
            case ".p2align" -> pendingAlign = 1 << Integer.parseInt(args.split(",")[0].trim());
            case ".byte" -> {
                for (String b : args.split(",")) dataBytes(line).write(Long.decode(b.trim()).intValue());
            }
            case ".zero" -> dataBytes(line).writeBytes(new byte[Integer.parseInt(args)]);
            case ".long" -> {
                // In .BTF.ext: ".long .Lsec_beginK+N", an offset into a code section, relocated against it.
                int plus = args.indexOf('+');
                String label = plus < 0 ? args : args.substring(0, plus).trim();
                String target = sectionLabels.get(label);
                if (!metadataSection || target == null) {
                    throw error(line, "'.long " + args + "': jbpfc -S prints .long only as a code offset in .BTF.ext");
                }
                java.io.ByteArrayOutputStream out = metadata.get(section);
                long v = plus < 0 ? 0 : Long.parseLong(args.substring(plus + 1).trim());
                metaRelocs.add(new MetaReloc(section, out.size(), RelocationType.R_BPF_64_NODYLD32, target, line));
                for (int k = 0; k < 4; k++) out.write((int) (v >>> (8 * k)));
            }
            case ".quad" -> {
                java.io.ByteArrayOutputStream out = dataBytes(line);
                String sym = args;
                long addend = 0;
                int plus = Math.max(args.lastIndexOf('+'), args.lastIndexOf('-'));
                if (plus > 0) {
                    sym = args.substring(0, plus).trim();
                    addend = Long.parseLong(args.substring(args.charAt(plus) == '+' ? plus + 1 : plus).trim());
                }
                if (sym.matches("-?\\d+")) {
                    long v = Long.parseLong(sym);
                    for (int k = 0; k < 8; k++) out.write((int) (v >>> (8 * k)));
                } else {
                    datum.quads.add(new Quad(out.size(), sym, addend));
                    out.writeBytes(new byte[8]);
                }
            }
            default -> throw error(line, "directive '" + parts[0] + "' is not one jbpfc -S prints; jbpfc assembles "
                    + "its own -S output only");
        }
    }

    /**
     * {@code .8byte} in a function: an instruction -S printed as its bytes because the syntax cannot spell it
     * (AsmPrinter.spelling); an ld_imm64 takes two.
     */
    private void instructionBytes(int line, String args) {
        if (function == null || !codeSection) {
            throw error(line, "'.8byte' outside a function: jbpfc -S prints it only for instructions");
        }
        long slot;
        try {
            slot = args.startsWith("0x") ? Long.parseUnsignedLong(args.substring(2), 16) : Long.parseLong(args);
        } catch (NumberFormatException e) {
            throw error(line, "'.8byte " + args + "' needs a number");
        }
        if (pendingSlot == null && BpfAssembler.startsLdImm64(slot)) {
            pendingSlot = slot;
            pendingSlotLine = line;
            return;
        }
        BpfInsn insn;
        try {
            insn = pendingSlot == null ? BpfAssembler.rawInstruction(slot, 0) : BpfAssembler.rawInstruction(pendingSlot, slot);
        } catch (IllegalArgumentException e) {
            throw error(line, e.getMessage());
        }
        pendingSlot = null;
        function.body.add(new BpfAssembler.Statement(null, insn, null, null));
        function.lines.add(line);
        function.slots += insn.slots();
    }

    private java.io.ByteArrayOutputStream dataBytes(int line) {
        if (metadataSection) return metadata.get(section);
        if (datum == null || codeSection) throw error(line, "data outside a data object");
        return datum.bytes;
    }

    private void section(String name, boolean code) {
        section = name;
        codeSection = code;
        metadataSection = false;
        function = null;
        datum = null;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The object, in ObjectEmitter's order.

    private ObjectFile object;
    private final Map<String, Long> functionOffset = new HashMap<>();
    private final Map<String, ObjectSymbol> functionSymbols = new HashMap<>();
    private final Map<String, ObjectSymbol> dataSymbols = new HashMap<>();
    private final Map<String, Long> dataOffset = new HashMap<>();

    private ObjectSymbol.Binding binding(String name) {
        if (weaks.contains(name)) return ObjectSymbol.Binding.WEAK;
        return globals.contains(name) ? ObjectSymbol.Binding.GLOBAL : ObjectSymbol.Binding.LOCAL;
    }

    private ObjectFile build() {
        object = new ObjectFile(sourceName);
        Map<String, List<Function>> bySection = new LinkedHashMap<>();
        for (Function f : functions) bySection.computeIfAbsent(f.section, k -> new ArrayList<>()).add(f);
        for (List<Function> fs : bySection.values()) {
            long offset = 0;
            for (Function f : fs) {
                functionOffset.put(f.name, offset);
                offset += f.slots * 8L;
            }
        }
        for (Map.Entry<String, List<Function>> e : bySection.entrySet()) {
            ObjectSection code = object.section(e.getKey(), ObjectSection.Kind.CODE);
            for (Function f : e.getValue()) {
                ObjectSymbol sym = object.define(f.name, code, functionOffset.get(f.name), f.slots * 8L,
                        ObjectSymbol.Type.FUNC, binding(f.name));
                if (hidden.contains(f.name)) sym.visibility = ObjectSymbol.Visibility.HIDDEN;
                functionSymbols.put(f.name, sym);
            }
        }
        for (Data d : data) {
            if (d.section == null) {
                ObjectSymbol ext = object.external(d.name, ObjectSymbol.Type.NOTYPE, weaks.contains(d.name));
                dataSymbols.put(d.name, ext);
                continue;
            }
            ObjectSection s = object.section(d.section, dataKind(d.section));
            long size = d.bytes.size();
            String declared = sizes.get(d.name);
            if (declared != null && declared.matches("\\d+")) size = Long.parseLong(declared);
            long at = s.reserve(size, d.align);
            dataOffset.put(d.name, at);
            ObjectSymbol sym = object.define(d.name, s, at, size, ObjectSymbol.Type.OBJECT, binding(d.name));
            if (hidden.contains(d.name)) sym.visibility = ObjectSymbol.Visibility.HIDDEN;
            dataSymbols.put(d.name, sym);
        }
        for (Map.Entry<String, List<Function>> e : bySection.entrySet()) {
            ObjectSection code = object.findSection(e.getKey());
            for (Function f : e.getValue()) code.append(BpfEncoder.encode(encode(code, f)), 8);
        }
        writeData();
        for (Map.Entry<String, java.io.ByteArrayOutputStream> e : metadata.entrySet()) {
            object.section(e.getKey(), ObjectSection.Kind.METADATA).append(e.getValue().toByteArray(), 4);
        }
        for (MetaReloc r : metaRelocs) {
            ObjectSection target = object.findSection(r.symbol());
            if (target == null) throw error(r.line(), "relocation against unknown section '" + r.symbol() + "'");
            object.findSection(r.section()).addRelocation(r.offset(), object.sectionSymbol(target), r.type());
        }
        return object;
    }

    private static ObjectSection.Kind dataKind(String section) {
        if (section.equals(".bss") || section.startsWith(".bss.")) return ObjectSection.Kind.BSS;
        if (section.equals(".rodata") || section.startsWith(".rodata.")) return ObjectSection.Kind.RODATA;
        return ObjectSection.Kind.DATA;
    }

    private List<BpfInsn> encode(ObjectSection code, Function f) {
        List<BpfInsn> out = new ArrayList<>();
        long base = functionOffset.get(f.name);
        int slot = 0;
        for (int k = 0; k < f.body.size(); k++) {
            BpfAssembler.Statement s = f.body.get(k);
            BpfInsn insn = s.insn();
            if (s.jumpLabel() != null) {
                Integer target = f.labels.get(s.jumpLabel());
                if (target == null) throw error(f.lines.get(k), "jump to unknown label '" + s.jumpLabel() + "'");
                int delta = target - (slot + 1);
                insn = insn.op.shape == OperandShape.JA_LONG ? insn.withImm(delta) : insn.withOff(delta);
                insn = new BpfInsn(insn.op, insn.dst, insn.src, insn.off, insn.imm, insn.imm64, null);
            } else if (s.symbol() != null) {
                insn = relocate(code, base + slot * 8L, insn, s.symbol(), f);
            }
            out.add(insn);
            slot += insn.slots();
        }
        return out;
    }

    /** A relocation's symbol and the addend that goes into the patched bytes. */
    private record Target(ObjectSymbol symbol, long inlineAddend) {}

    /** Statics go through their section symbol; what the file does not define is an external. */
    private Target target(String name, long addend) {
        ObjectSymbol d = dataSymbols.get(name);
        if (d != null) {
            if (d.binding == ObjectSymbol.Binding.LOCAL && d.section != null && !d.section.name.equals(".maps")) {
                return new Target(object.sectionSymbol(d.section), dataOffset.get(name) + addend);
            }
            return new Target(d, addend);
        }
        ObjectSymbol f = functionSymbols.get(name);
        if (f != null) {
            if (f.binding == ObjectSymbol.Binding.LOCAL) {
                return new Target(object.sectionSymbol(f.section), functionOffset.get(name) + addend);
            }
            return new Target(f, addend);
        }
        return new Target(object.external(name, ObjectSymbol.Type.NOTYPE, weaks.contains(name)), addend);
    }

    private BpfInsn relocate(ObjectSection code, long at, BpfInsn insn, String name, Function from) {
        if (insn.op == BpfOp.CALL) {
            ObjectSymbol f = functionSymbols.get(name);
            if (f == null) {
                code.addRelocation(at, object.external(name, ObjectSymbol.Type.NOTYPE, weaks.contains(name)),
                        RelocationType.R_BPF_64_32);
                return insn.withImm(-1);
            }
            long calleeSlot = functionOffset.get(name) / 8;
            if (f.binding == ObjectSymbol.Binding.LOCAL) {
                if (f.section.name.equals(from.section)) return insn.withImm((int) (calleeSlot - (at / 8 + 1)));
                code.addRelocation(at, object.sectionSymbol(f.section), RelocationType.R_BPF_64_32);
                return insn.withImm((int) (calleeSlot - 1));
            }
            code.addRelocation(at, f, RelocationType.R_BPF_64_32);
            return insn.withImm(-1);
        }
        ObjectSymbol f = functionSymbols.get(name);
        if (f != null) {
            code.addRelocation(at, object.sectionSymbol(f.section), RelocationType.R_BPF_64_64);
            return new BpfInsn(insn.op, insn.dst, insn.src, insn.off, 0, functionOffset.get(name), insn.symbol);
        }
        Target t = target(name, 0);
        code.addRelocation(at, t.symbol(), RelocationType.R_BPF_64_64);
        return new BpfInsn(insn.op, insn.dst, insn.src, insn.off, 0, t.inlineAddend(), insn.symbol);
    }

    private void writeData() {
        Map<String, byte[]> sectionBytes = new LinkedHashMap<>();
        for (Data d : data) {
            if (d.section == null) continue;
            ObjectSection s = object.findSection(d.section);
            if (s.kind == ObjectSection.Kind.BSS) {
                if (!d.quads.isEmpty()) throw error(1, "'" + d.name + "' in " + d.section + " has relocated data");
                continue;
            }
            byte[] bytes = sectionBytes.computeIfAbsent(d.section, k -> new byte[(int) s.size()]);
            long at = dataOffset.get(d.name);
            byte[] b = d.bytes.toByteArray();
            System.arraycopy(b, 0, bytes, (int) at, b.length);
            for (Quad q : d.quads) {
                Target t = target(q.symbol(), q.addend());
                for (int k = 0; k < 8; k++) bytes[(int) (at + q.offset() + k)] = (byte) (t.inlineAddend() >>> (8 * k));
                s.addRelocation(at + q.offset(), t.symbol(), RelocationType.R_BPF_64_ABS64);
            }
        }
        for (Map.Entry<String, byte[]> e : sectionBytes.entrySet()) object.findSection(e.getKey()).overwrite(0, e.getValue());
    }
}
