package dev.jbpfc.backend.emit;

import dev.jbpfc.backend.BtfExtRecords;
import dev.jbpfc.backend.BtfSections;
import dev.jbpfc.backend.elf.ObjectFile;
import dev.jbpfc.backend.elf.ObjectSection;
import dev.jbpfc.backend.elf.ObjectSymbol;
import dev.jbpfc.backend.elf.RelocationType;
import dev.jbpfc.isa.BpfEncoder;
import dev.jbpfc.isa.BpfOp;
import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.backend.mir.SymbolRef;
import dev.jbpfc.diag.CompileError;
import dev.jbpfc.ir.CoreKind;
import dev.jbpfc.ir.ExternFunction;
import dev.jbpfc.ir.FnAttr;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Module;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts encoded functions and the module's globals into an {@link ObjectFile}: one code section per distinct
 * function section (in first-use order), data sections per global's section, symbols, and the relocations of
 * llvm_reloc.rst. Example, for {@code SEC("xdp") int prog()} calling static {@code sub()} in .text and reading
 * {@code counter}:
 * <pre>
 *   xdp:   call -1         R_BPF_64_32 .text   (imm = sub's slot in .text - 1, libbpf's convention)
 *          r1 = 0 ll       R_BPF_64_64 counter
 *   .text: sub: ...
 * </pre>
 * Calls between static functions of one section are resolved here (pc-relative imm) and need no relocation.
 */
public final class ObjectEmitter {
    private final Module module;
    private final ObjectFile object;
    private final Map<String, ObjectSymbol> functionSymbols = new HashMap<>();
    private final Map<String, Long> functionOffset = new HashMap<>();
    private final Map<String, String> functionSection = new HashMap<>();
    private final Map<String, Long> globalOffset = new HashMap<>();
    private final Map<String, ObjectSymbol> globalSymbols = new HashMap<>();

    private ObjectEmitter(Module module, String sourceName) {
        this.module = module;
        this.object = new ObjectFile(sourceName);
    }

    public static ObjectFile run(Module module, List<EncodedFunction> functions, BtfSections btf, boolean lineInfo,
                                 String sourceName) {
        ObjectEmitter e = new ObjectEmitter(module, sourceName);
        return e.emit(functions, btf, lineInfo);
    }

    private ObjectFile emit(List<EncodedFunction> functions, BtfSections btf, boolean lineInfo) {
        Map<String, List<EncodedFunction>> bySection = new LinkedHashMap<>();
        for (EncodedFunction f : functions) bySection.computeIfAbsent(f.section, k -> new ArrayList<>()).add(f);
        // Lay out code first so every function's offset is known before calls are patched.
        for (Map.Entry<String, List<EncodedFunction>> e : bySection.entrySet()) {
            long offset = 0;
            for (EncodedFunction f : e.getValue()) {
                functionOffset.put(f.name, offset);
                functionSection.put(f.name, f.section);
                offset += f.slotCount() * 8L;
            }
        }
        for (Map.Entry<String, List<EncodedFunction>> e : bySection.entrySet()) {
            ObjectSection code = object.section(e.getKey(), ObjectSection.Kind.CODE);
            for (EncodedFunction f : e.getValue()) {
                // The code is appended below, so the symbol's value is the laid-out offset, not code.size()
                // (libbpf finds every program and subprogram of a section by its symbol's value).
                long at = functionOffset.get(f.name);
                ObjectSymbol sym = object.define(f.name, code, at, f.slotCount() * 8L, ObjectSymbol.Type.FUNC,
                        binding(f.linkage));
                if (hasHiddenAttr(module, f.name)) sym.visibility = ObjectSymbol.Visibility.HIDDEN;
                functionSymbols.put(f.name, sym);
            }
        }
        layOutGlobals();
        BtfExtRecords records = new BtfExtRecords();
        // Code is appended once .BTF is encoded: that renumbers the types, and TYPE_ID constants take the new ids.
        Map<EncodedFunction, List<BpfInsn>> relocated = new LinkedHashMap<>();
        for (Map.Entry<String, List<EncodedFunction>> e : bySection.entrySet()) {
            ObjectSection code = object.findSection(e.getKey());
            for (EncodedFunction f : e.getValue()) {
                long base = functionOffset.get(f.name);
                List<BpfInsn> insns = new ArrayList<>(f.insns);
                for (EncodedFunction.SymbolUse use : f.symbols) {
                    long at = base + f.slotOf(use.insn()) * 8L;
                    insns.set(use.insn(), relocate(code, at, insns.get(use.insn()), use.symbol(), f));
                }
                relocated.put(f, insns);
                if (f.btfFuncId != 0) records.funcInfos.add(new BtfExtRecords.FuncInfo(f.section, base, f.btfFuncId));
                if (f.btfFuncId != 0) {
                    for (EncodedFunction.LoopOutcome o : f.loopOutcomes) {
                        if (o.hint() != null) records.loopHints.add(new BtfExtRecords.LoopHintTag(f.btfFuncId, o.hint().encode()));
                    }
                }
                if (lineInfo && f.lines.isEmpty() && hasAnyLines(functions)) {
                    // Once some function has line info the kernel wants it for every function's first instruction.
                    records.lineInfos.add(new BtfExtRecords.LineInfo(f.section, base, 0, 0, 0));
                }
                if (lineInfo) {
                    for (EncodedFunction.LineEntry l : f.lines) {
                        records.lineInfos.add(new BtfExtRecords.LineInfo(f.section, base + f.slotOf(l.insn()) * 8L,
                                l.loc().file(), l.loc().line(), l.loc().column()));
                    }
                }
                for (EncodedFunction.CoreEntry c : f.cores) {
                    records.coreRelocs.add(new BtfExtRecords.CoreReloc(f.section, base + f.slotOf(c.insn()) * 8L,
                            c.relocation().btfTypeId(), c.relocation().accessString(), c.relocation().kind().code));
                }
            }
        }
        writeGlobalData();
        BtfSections.Encoded encoded = btf != null ? btf.encode(records) : null;
        for (Map.Entry<EncodedFunction, List<BpfInsn>> e : relocated.entrySet()) {
            EncodedFunction f = e.getKey();
            if (encoded != null) renumberTypeIds(f, e.getValue(), encoded.typeIds());
            object.findSection(f.section).append(BpfEncoder.encode(e.getValue()), 8);
        }
        if (btf != null) {
            if (encoded.btf() != null) object.section(".BTF", ObjectSection.Kind.METADATA).append(encoded.btf(), 4);
            if (encoded.btfExt() != null) {
                ObjectSection ext = object.section(".BTF.ext", ObjectSection.Kind.METADATA);
                ext.append(encoded.btfExt(), 4);
                for (BtfSections.ExtRelocation r : encoded.btfExtRelocations()) {
                    ObjectSection code = object.findSection(r.section());
                    if (code == null) throw new IllegalStateException(".BTF.ext names unknown section " + r.section());
                    ext.addRelocation(r.offset(), object.sectionSymbol(code), RelocationType.R_BPF_64_NODYLD32);
                }
            }
        } else if (!records.coreRelocs.isEmpty()) {
            throw new CompileError(null, "CO-RE relocations need BTF (.BTF.ext), but no BTF was given to the backend");
        }
        return object;
    }

    /**
     * Gives the constants of TYPE_ID_LOCAL/TYPE_ID_TARGET relocations (the local type id, which libbpf checks
     * before patching) their final .BTF id, in the object's instructions and in {@code f}'s (which {@code -S}
     * prints).
     */
    private static void renumberTypeIds(EncodedFunction f, List<BpfInsn> insns, java.util.function.IntUnaryOperator typeIds) {
        for (EncodedFunction.CoreEntry c : f.cores) {
            CoreKind kind = c.relocation().kind();
            if (kind != CoreKind.TYPE_ID_LOCAL && kind != CoreKind.TYPE_ID_TARGET) continue;
            BpfInsn insn = insns.get(c.insn());
            int old = c.relocation().btfTypeId();
            if (insn.imm64 != old)
                throw new IllegalStateException(f.name + ": TYPE_ID relocation at " + c.insn() + " holds " + insn.imm64 + ", not type " + old);
            BpfInsn renumbered = insn.op == BpfOp.LD_IMM64 ? new BpfInsn(insn.op, insn.dst, insn.src, insn.off, 0, typeIds.applyAsInt(old), insn.symbol)
                    : insn.withImm(typeIds.applyAsInt(old));
            insns.set(c.insn(), renumbered);
            f.insns.set(c.insn(), renumbered);
        }
    }

    private static boolean hasAnyLines(List<EncodedFunction> functions) {
        for (EncodedFunction f : functions) if (!f.lines.isEmpty()) return true;
        return false;
    }

    /** Whether IR function {@code name} is {@code visibility("hidden")} (its symbol gets STV_HIDDEN). */
    static boolean hasHiddenAttr(Module module, String name) {
        dev.jbpfc.ir.Function f = module.function(name);
        return f != null && f.has(FnAttr.HIDDEN);
    }

    private static ObjectSymbol.Binding binding(Linkage l) {
        switch (l) {
            case STATIC: return ObjectSymbol.Binding.LOCAL;
            case WEAK: case EXTERN_WEAK: return ObjectSymbol.Binding.WEAK;
            default: return ObjectSymbol.Binding.GLOBAL;
        }
    }

    private static ObjectSection.Kind dataKind(String section) {
        if (section.equals(".bss") || section.startsWith(".bss.")) return ObjectSection.Kind.BSS;
        if (section.equals(".rodata") || section.startsWith(".rodata.")) return ObjectSection.Kind.RODATA;
        return ObjectSection.Kind.DATA;
    }

    private void layOutGlobals() {
        for (Global g : module.globals()) {
            if (g.linkage().isExtern()) {
                globalSymbols.put(g.name(), object.external(g.name(), ObjectSymbol.Type.NOTYPE,
                        g.linkage() == Linkage.EXTERN_WEAK));
                continue;
            }
            ObjectSection s = object.section(g.section(), dataKind(g.section()));
            int align = Math.max(1, g.align());
            long at;
            if (s.kind == ObjectSection.Kind.BSS) {
                at = s.reserve(g.size(), align);
            } else {
                at = s.reserve(g.size(), align); // bytes filled in by writeGlobalData
            }
            globalOffset.put(g.name(), at);
            ObjectSymbol sym = object.define(g.name(), s, at, g.size(), ObjectSymbol.Type.OBJECT, binding(g.linkage()));
            if (g.hidden()) sym.visibility = ObjectSymbol.Visibility.HIDDEN;
            globalSymbols.put(g.name(), sym);
        }
    }

    private void writeGlobalData() {
        Map<String, byte[]> sectionBytes = new HashMap<>();
        for (Global g : module.globals()) {
            if (g.linkage().isExtern()) continue;
            ObjectSection s = object.findSection(g.section());
            if (s.kind == ObjectSection.Kind.BSS) {
                if (!g.relocs().isEmpty()) throw new CompileError(null, "global '" + g.name() + "' in .bss has an initialiser");
                continue;
            }
            byte[] bytes = sectionBytes.computeIfAbsent(g.section(), k -> new byte[(int) s.size()]);
            long at = globalOffset.get(g.name());
            byte[] data = g.data();
            System.arraycopy(data, 0, bytes, (int) at, Math.min(data.length, (int) g.size()));
            for (Global.Reloc r : AsmPrinter.byOffset(g)) {
                Target t = target(r.symbol(), r.addend());
                long value = t.inlineAddend;
                for (int k = 0; k < 8; k++) bytes[(int) (at + r.offset() + k)] = (byte) (value >>> (8 * k));
                s.addRelocation(at + r.offset(), t.symbol, RelocationType.R_BPF_64_ABS64);
            }
        }
        for (Map.Entry<String, byte[]> e : sectionBytes.entrySet()) {
            ObjectSection s = object.findSection(e.getKey());
            s.overwrite(0, e.getValue());
        }
    }

    /** A relocation's symbol and the addend that goes into the patched bytes. */
    private static final class Target {
        final ObjectSymbol symbol;
        final long inlineAddend;

        Target(ObjectSymbol symbol, long inlineAddend) {
            this.symbol = symbol;
            this.inlineAddend = inlineAddend;
        }
    }

    /** How a data reference to {@code name} is relocated: static variables go through their section symbol. */
    private Target target(String name, long addend) {
        Global g = module.global(name);
        if (g != null) {
            ObjectSymbol sym = globalSymbols.get(name);
            if (g.linkage() == Linkage.STATIC && !g.section().equals(".maps") && sym.section != null) {
                return new Target(object.sectionSymbol(sym.section), globalOffset.get(name) + addend);
            }
            return new Target(sym, addend);
        }
        if (functionSymbols.containsKey(name)) {
            ObjectSymbol f = functionSymbols.get(name);
            if (f.binding == ObjectSymbol.Binding.LOCAL) {
                return new Target(object.sectionSymbol(f.section), functionOffset.get(name) + addend);
            }
            return new Target(f, addend);
        }
        ExternFunction ext = module.extern(name);
        if (ext != null) return new Target(object.external(name, ObjectSymbol.Type.NOTYPE, ext.weak()), addend);
        throw new CompileError(null, "reference to unknown symbol '" + name + "'");
    }

    private BpfInsn relocate(ObjectSection code, long at, BpfInsn insn, SymbolRef ref, EncodedFunction from) {
        switch (ref.kind()) {
            case DATA: {
                Target t = target(ref.name(), ref.addend());
                code.addRelocation(at, t.symbol, RelocationType.R_BPF_64_64);
                return new BpfInsn(insn.op, insn.dst, insn.src, insn.off, 0, t.inlineAddend, insn.symbol);
            }
            case FUNCTION: {
                ObjectSymbol f = functionSymbols.get(ref.name());
                if (f == null) throw new CompileError(null, "address of unknown function '" + ref.name() + "'");
                // libbpf recognises a subprogram address by the relocation into a code section and the imm
                // holding the byte offset there.
                code.addRelocation(at, object.sectionSymbol(f.section), RelocationType.R_BPF_64_64);
                return new BpfInsn(insn.op, insn.dst, insn.src, insn.off, 0, functionOffset.get(ref.name()), insn.symbol);
            }
            case CALL: {
                ObjectSymbol f = functionSymbols.get(ref.name());
                if (f == null) {
                    ExternFunction ext = module.extern(ref.name());
                    boolean weak = ext != null && ext.weak();
                    code.addRelocation(at, object.external(ref.name(), ObjectSymbol.Type.NOTYPE, weak),
                            RelocationType.R_BPF_64_32);
                    return insn.withImm(-1);
                }
                long calleeSlot = functionOffset.get(ref.name()) / 8;
                if (f.binding == ObjectSymbol.Binding.LOCAL) {
                    if (functionSection.get(ref.name()).equals(from.section)) {
                        return insn.withImm((int) (calleeSlot - (at / 8 + 1)));
                    }
                    code.addRelocation(at, object.sectionSymbol(f.section), RelocationType.R_BPF_64_32);
                    return insn.withImm((int) (calleeSlot - 1));
                }
                code.addRelocation(at, f, RelocationType.R_BPF_64_32);
                return insn.withImm(-1);
            }
            case KFUNC: {
                ExternFunction ext = module.extern(ref.name());
                boolean weak = ext != null && ext.weak();
                code.addRelocation(at, object.external(ref.name(), ObjectSymbol.Type.NOTYPE, weak),
                        RelocationType.R_BPF_64_32);
                return insn.withImm(-1);
            }
            default:
                throw new IllegalStateException(ref.toString());
        }
    }
}
