package dev.jbpfc.backend.emit;

import dev.jbpfc.isa.BpfInsn;
import dev.jbpfc.backend.mir.CoreRelocation;
import dev.jbpfc.backend.mir.SymbolRef;
import dev.jbpfc.ir.DebugLoc;
import dev.jbpfc.ir.Linkage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's final instructions with what the object writer and {@code .BTF.ext} need about them. Indexes are
 * positions in {@link #insns}; {@link #slotOf(int)} turns one into an 8-byte slot offset within the function.
 */
public final class EncodedFunction {
    public record SymbolUse(int insn, SymbolRef symbol) {}

    public record LineEntry(int insn, DebugLoc loc) {}

    public record CoreEntry(int insn, CoreRelocation relocation) {}

    public final String name;
    public final String section;
    public final Linkage linkage;
    public final int btfFuncId;
    public final List<BpfInsn> insns = new ArrayList<>();
    public final List<SymbolUse> symbols = new ArrayList<>();
    public final List<LineEntry> lines = new ArrayList<>();
    public final List<CoreEntry> cores = new ArrayList<>();
    /** Labels of jump targets for -S, by instruction index. */
    public final Map<Integer, String> labels = new LinkedHashMap<>();
    public int stackBytes;
    /** Loops built to a template, with the instruction indexes of their key instructions (-1: gone). */
    public record LoopSite(dev.jbpfc.backend.mir.MLoop loop, int init, int header, int step, int backEdge) {}

    /** One loop of the function as the user sees it: its hint, or why it has none. */
    public record LoopOutcome(DebugLoc loc, dev.jbpfc.loophints.LoopHint hint, String reason) {}

    public final List<LoopSite> loopSites = new ArrayList<>();
    public final List<LoopOutcome> loopOutcomes = new ArrayList<>();

    public EncodedFunction(String name, String section, Linkage linkage, int btfFuncId) {
        this.name = name;
        this.section = section;
        this.linkage = linkage;
        this.btfFuncId = btfFuncId;
    }

    private int[] slotIndex;

    /** The slot where instruction {@code insnIndex} starts (insns must not change after the first call). */
    public int slotOf(int insnIndex) {
        if (slotIndex == null || slotIndex.length != insns.size() + 1) {
            slotIndex = new int[insns.size() + 1];
            for (int k = 0; k < insns.size(); k++) slotIndex[k + 1] = slotIndex[k] + insns.get(k).slots();
        }
        return slotIndex[insnIndex];
    }

    public int slotCount() { return slotOf(insns.size()); }
}
