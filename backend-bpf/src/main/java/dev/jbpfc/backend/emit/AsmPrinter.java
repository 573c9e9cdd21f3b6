package dev.jbpfc.backend.emit;

import dev.jbpfc.backend.BackendOptions;
import dev.jbpfc.isa.BpfAsmSyntax;
import dev.jbpfc.isa.BpfAssembler;
import dev.jbpfc.isa.BpfEncoder;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Module;

import dev.jbpfc.backend.elf.ObjectFile;
import dev.jbpfc.backend.elf.ObjectSection;
import dev.jbpfc.backend.elf.Relocation;
import dev.jbpfc.backend.elf.RelocationType;

import java.util.List;

/**
 * The {@code -S} output: the whole module as assembly in the shape clang -S gives it (and that clang's assembler
 * reads back):
 * <pre>
 *         .section        xdp,"ax",@progbits
 *         .globl  prog
 *         .p2align        3
 *         .type   prog,@function
 * prog:
 *         r0 = 2
 *         exit
 * .Lfunc_end0:
 *         .size   prog, .Lfunc_end0-prog
 * </pre>
 * Jumps print their target label (LBB&lt;function&gt;_&lt;block&gt;), calls and ld_imm64 their symbol. An instruction
 * the syntax cannot spell (inline asm may write any bytes) is printed as its encoding, with the spelling that
 * would lose fields as a comment:
 * <pre>
 *         .8byte  0xffe0000000007040      # r0 = *(u32 *)skb[r7]     (ld_ind's imm, -0x200000, has no syntax)
 *         .8byte  0x111118                # r1 = 1 ll                (ld_imm64 of a pseudo source, no symbol:
 *         .8byte  0x0                                                 two slots)
 * </pre>
 */
public final class AsmPrinter {
    private AsmPrinter() {}

    public static String print(Module module, List<EncodedFunction> functions, BackendOptions options) {
        return print(module, functions, options, false);
    }

    /** {@code metadataFollows}: {@link #printMetadata} is appended, so nothing of the object is left out. */
    public static String print(Module module, List<EncodedFunction> functions, BackendOptions options,
                               boolean metadataFollows) {
        BpfAsmSyntax syntax = BpfAsmSyntax.clangS(options.cpu());
        StringBuilder out = new StringBuilder();
        out.append("\t.text\n");
        if (options.sourceName() != null) out.append("\t.file\t\"").append(options.sourceName()).append("\"\n");
        // What the object holds and this text does not: said in a comment, so that assembling the text refuses
        // it (dev.jbpfc.backend.asm.AssemblyObject) instead of writing an object without it.
        List<String> missing = new java.util.ArrayList<>();
        if (options.debugInfo()) missing.add(".BTF and .BTF.ext (-g)");
        if (functions.stream().anyMatch(f -> !f.cores.isEmpty())) missing.add("CO-RE relocations");
        if (!missing.isEmpty() && !metadataFollows) {
            out.append(dev.jbpfc.backend.asm.AssemblyObject.NOT_PRINTED).append(' ')
                    .append(String.join(", ", missing)).append('\n');
        }
        int index = 0;
        java.util.Set<String> codeSections = new java.util.HashSet<>();
        for (EncodedFunction f : functions) {
            out.append("\t.section\t").append(f.section).append(",\"ax\",@progbits\n");
            // The start of each code section, for the .BTF.ext relocations printMetadata writes.
            if (codeSections.add(f.section) && metadataFollows) out.append(SECTION_BEGIN).append(codeSections.size() - 1).append(":\n");
            if (f.linkage != Linkage.STATIC) out.append(f.linkage == Linkage.WEAK ? "\t.weak\t" : "\t.globl\t").append(f.name).append('\n');
            if (ObjectEmitter.hasHiddenAttr(module, f.name)) out.append("\t.hidden\t").append(f.name).append('\n');
            out.append("\t.p2align\t3\n");
            out.append("\t.type\t").append(f.name).append(",@function\n");
            out.append(f.name).append(":\n");
            for (int k = 0; k < f.insns.size(); k++) {
                String label = f.labels.get(k);
                if (label != null) out.append(label).append(":\n");
                BpfInsn insn = f.insns.get(k);
                out.append('\t').append(spelling(syntax, insn)).append('\n');
            }
            // Inline asm may jump to a label after its last instruction (verifier_cfg.c's out_of_range_jump: the
            // next function's first instruction, for the verifier to refuse).
            String end = f.labels.get(f.insns.size());
            if (end != null) out.append(end).append(":\n");
            out.append(".Lfunc_end").append(index).append(":\n");
            out.append("\t.size\t").append(f.name).append(", .Lfunc_end").append(index).append('-').append(f.name).append('\n');
            index++;
        }
        for (Global g : module.globals()) {
            if (g.linkage().isExtern()) {
                // Not clang's output: the object lists extern variables among the globals, in this order.
                if (g.linkage() == Linkage.EXTERN_WEAK) out.append("\t.weak\t").append(g.name()).append('\n');
                out.append("\t.extern\t").append(g.name()).append("\n\n");
                continue;
            }
            boolean bss = g.section().equals(".bss") || g.section().startsWith(".bss.");
            out.append("\t.type\t").append(g.name()).append(",@object\n");
            out.append("\t.section\t").append(g.section()).append(bss ? ",\"aw\",@nobits\n"
                    : g.section().startsWith(".rodata") ? ",\"a\",@progbits\n" : ",\"aw\",@progbits\n");
            if (g.linkage() != Linkage.STATIC) out.append(g.linkage() == Linkage.WEAK ? "\t.weak\t" : "\t.globl\t").append(g.name()).append('\n');
            if (g.hidden()) out.append("\t.hidden\t").append(g.name()).append('\n');
            out.append("\t.p2align\t").append(Integer.numberOfTrailingZeros(Math.max(1, g.align()))).append(", 0x0\n");
            out.append(g.name()).append(":\n");
            byte[] data = g.data();
            if (bss || (data.length == 0 && g.relocs().isEmpty())) {
                out.append("\t.zero\t").append(g.size()).append('\n');
            } else {
                long at = 0;
                for (Global.Reloc r : byOffset(g)) {
                    appendBytes(out, data, at, r.offset());
                    out.append("\t.quad\t").append(r.symbol());
                    if (r.addend() != 0) out.append(r.addend() > 0 ? "+" : "").append(r.addend());
                    out.append('\n');
                    at = r.offset() + 8;
                }
                appendBytes(out, data, at, g.size());
            }
            out.append("\t.size\t").append(g.name()).append(", ").append(g.size()).append("\n\n");
        }
        for (dev.jbpfc.ir.ExternFunction f : module.externs()) {
            if (f.weak()) out.append("\t.weak\t").append(f.name()).append('\n');
        }
        return out.toString();
    }

    /**
     * {@code insn} as -S prints it: its syntax where reading that back gives the same encoding, else its 8-byte
     * slots as {@code .8byte} (the assembler's and clang's data directive for instruction bytes) followed by the
     * lossy spelling as a comment. An instruction with a symbol or label prints its syntax: the relocation or
     * jump the assembler makes of it is what the object holds.
     */
    static String spelling(BpfAsmSyntax syntax, BpfInsn insn) {
        String text = syntax.format(insn);
        if (insn.symbol != null) return text;
        byte[] code = BpfEncoder.encode(List.of(insn));
        try {
            if (java.util.Arrays.equals(code, BpfEncoder.encode(List.of(BpfAssembler.instruction(text).insn())))) {
                return text;
            }
        } catch (IllegalArgumentException notReadable) {
            // a register past r10, say: printed as bytes below
        }
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < code.length; k += 8) {
            long slot = 0;
            for (int b = 0; b < 8; b++) slot |= (code[k + b] & 0xffL) << (8 * b);
            if (k > 0) out.append("\n\t");
            out.append(".8byte\t0x").append(Long.toHexString(slot));
            if (k == 0) out.append("\t# ").append(text);
        }
        return out.toString();
    }

    /**
     * The object's metadata sections (.BTF, .BTF.ext) as bytes, 16 a line; where .BTF.ext holds an offset into a
     * code section (R_BPF_64_NODYLD32 against it), {@code .long} of that section's start label plus the offset,
     * which clang's assembler turns into the same relocation:
     * <pre>
     *         .section        .BTF.ext,"",@progbits
     *         .byte   159,235,1,0,32,0,0,0,...
     *         .long   .Lsec_begin0+16
     * </pre>
     */
    public static String printMetadata(ObjectFile object) {
        StringBuilder out = new StringBuilder();
        java.util.Map<String, Integer> codeIndex = new java.util.HashMap<>();
        for (ObjectSection s : object.sections()) {
            if (s.kind == ObjectSection.Kind.CODE) codeIndex.put(s.name, codeIndex.size());
        }
        for (ObjectSection s : object.sections()) {
            if (s.kind != ObjectSection.Kind.METADATA) continue;
            out.append("\t.section\t").append(s.name).append(",\"\",@progbits\n");
            byte[] data = s.data();
            List<Relocation> relocs = new java.util.ArrayList<>(s.relocations());
            relocs.sort(java.util.Comparator.comparingLong(r -> r.offset));
            long at = 0;
            for (Relocation r : relocs) {
                Integer k = codeIndex.get(r.symbol.name);
                if (r.type != RelocationType.R_BPF_64_NODYLD32 || k == null) {
                    throw new IllegalStateException("unexpected relocation in " + s.name + ": " + r);
                }
                appendBytes(out, data, at, r.offset);
                long value = (data[(int) r.offset] & 0xffL) | (data[(int) r.offset + 1] & 0xffL) << 8
                        | (data[(int) r.offset + 2] & 0xffL) << 16 | (data[(int) r.offset + 3] & 0xffL) << 24;
                out.append("\t.long\t").append(SECTION_BEGIN).append(k).append('+').append(value).append('\n');
                at = r.offset + 4;
            }
            appendBytes(out, data, at, data.length);
        }
        return out.toString();
    }

    /** The label at the start of the k-th code section: {@code .Lsec_begin0}. */
    public static final String SECTION_BEGIN = ".Lsec_begin";

    /** A global's relocations in the order of their offsets (lowering may record them in another order). */
    static List<Global.Reloc> byOffset(Global g) {
        List<Global.Reloc> sorted = new java.util.ArrayList<>(g.relocs());
        sorted.sort(java.util.Comparator.comparingLong(Global.Reloc::offset));
        return sorted;
    }

    private static void appendBytes(StringBuilder out, byte[] data, long from, long to) {
        if (from >= to) return;
        StringBuilder line = new StringBuilder();
        int count = 0;
        for (long k = from; k < to; k++) {
            int b = k < data.length ? data[(int) k] & 0xff : 0;
            line.append(count == 0 ? "\t.byte\t" : ",").append(b);
            if (++count == 16) {
                out.append(line).append('\n');
                line.setLength(0);
                count = 0;
            }
        }
        if (count > 0) out.append(line).append('\n');
    }
}
