package dev.jbpfc.testsuite.bench;

import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.FunctionReport;
import dev.jbpfc.loophints.LoopChecker;
import dev.jbpfc.loophints.LoopVerdict;
import dev.jbpfc.loophints.object.BpfObjectFile;
import dev.jbpfc.loophints.object.BpfObjectFile.FunctionSymbol;
import dev.jbpfc.loophints.object.BpfObjectFile.Section;
import dev.jbpfc.loophints.object.BpfObjectFile.Symbol;
import dev.jbpfc.loophints.object.BpfObjectFunctions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template loop checker's figures per program of one object: the kernel verifies a program together with every
 * subprogram it reaches, so a program's figures sum the checker's reports over its entry function and the
 * functions reachable from it by BPF-to-BPF calls and by function pointers ({@code ld_imm64} of a function, the
 * callbacks of {@code bpf_loop} and friends).
 *
 * <p>Example: in an object whose {@code xdp/prog} calls {@code .text/sum} ({@code call} with src_reg 1 and a
 * relocation against {@code sum}, or against the {@code .text} section symbol with the slot in the immediate), and
 * {@code sum} has one loop, {@code prog}'s row counts that loop's back edge. Calls inside one section need no
 * relocation: the target is the call's slot + 1 + imm.
 */
final class ProgramLoops {
    private static final int STT_SECTION = 3;
    private static final int CALL = 0x85, LD_IMM64 = 0x18, PSEUDO_CALL = 1;

    private final List<FunctionSymbol> symbols = new ArrayList<>();
    private final List<FunctionCode> functions = new ArrayList<>();
    private final Map<Integer, Set<Integer>> calls = new HashMap<>();

    ProgramLoops(BpfObjectFile file) {
        // BpfObjectFunctions.of walks code sections, then each section's FUNC symbols in file order: pair them the
        // same way (a section without FUNC symbols gives one FunctionCode and no symbol: it is no program here).
        List<FunctionCode> all = BpfObjectFunctions.of(file);
        int k = 0;
        for (Section sec : file.codeSections()) {
            boolean any = false;
            for (FunctionSymbol f : file.functions()) {
                if (f.section().index() != sec.index()) continue;
                any = true;
                symbols.add(f);
                functions.add(all.get(k++));
            }
            if (!any && sec.size() > 0) k++;
        }
        for (int i = 0; i < symbols.size(); i++) calls.put(i, callees(file, i));
    }

    /** Checks {@code program}'s entry and everything it reaches, {@code runs} times; the best time is reported. */
    LoopTable.Loops check(String program, int runs) {
        int entry = -1;
        for (int i = 0; i < symbols.size(); i++) {
            if (symbols.get(i).isProgram() && symbols.get(i).name().equals(program)) entry = i;
        }
        if (entry < 0) return LoopTable.Loops.unavailable("no function " + program + " in jbpfc's object");
        List<FunctionCode> reach = new ArrayList<>();
        for (int i : reachable(entry)) reach.add(functions.get(i));

        long best = Long.MAX_VALUE;
        List<FunctionReport> reports = null;
        for (int run = 0; run < Math.max(1, runs); run++) {
            List<FunctionReport> out = new ArrayList<>(reach.size());
            long t0 = System.nanoTime();
            for (FunctionCode f : reach) out.add(LoopChecker.check(f));
            long t = System.nanoTime() - t0;
            best = Math.min(best, t);
            reports = out;
        }
        int hinted = 0, accepted = 0, rejected = 0, unhinted = 0;
        long examined = 0;
        for (FunctionReport r : reports) {
            unhinted += r.unhintedBackEdges().size();
            for (LoopVerdict v : r.loops()) {
                // A function whose code does not decode gets one rejected verdict without a hint behind it.
                boolean realHint = !(v.start() < 0 && v.template().isEmpty() && v.reason().startsWith("malformed code"));
                if (realHint) hinted++;
                if (v.accepted()) accepted++;
                else rejected++;
                examined += v.examined();
            }
        }
        return new LoopTable.Loops(hinted, accepted, rejected, unhinted, examined, best, "");
    }

    private Set<Integer> reachable(int entry) {
        Set<Integer> seen = new LinkedHashSet<>();
        Deque<Integer> work = new ArrayDeque<>();
        work.push(entry);
        while (!work.isEmpty()) {
            int f = work.pop();
            if (!seen.add(f)) continue;
            for (int g : calls.getOrDefault(f, Set.of())) if (!seen.contains(g)) work.push(g);
        }
        return seen;
    }

    /** The functions function {@code i} calls or takes the address of. */
    private Set<Integer> callees(BpfObjectFile file, int i) {
        FunctionSymbol f = symbols.get(i);
        Map<Long, Symbol> relocs = relocations(file, f.section());
        byte[] code = file.code(f);
        Set<Integer> out = new LinkedHashSet<>();
        for (int slot = 0; slot * 8 + 8 <= code.length; slot++) {
            int op = code[slot * 8] & 0xff, src = (code[slot * 8 + 1] >> 4) & 0xf;
            int imm = (code[slot * 8 + 4] & 0xff) | (code[slot * 8 + 5] & 0xff) << 8 | (code[slot * 8 + 6] & 0xff) << 16
                    | code[slot * 8 + 7] << 24;
            Symbol sym = relocs.get(f.offset() + slot * 8L);
            int target = -1;
            if (op == CALL && src == PSEUDO_CALL) {
                if (sym == null) target = function(f.section().index(), f.offset() + (slot + 1L + imm) * 8);
                else if (sym.type() == STT_SECTION) target = function(sym.sectionIndex(), sym.value() + (imm + 1L) * 8);
                else target = function(sym.sectionIndex(), sym.value());
            } else if (op == LD_IMM64 && sym != null) {
                if (sym.isFunction()) target = function(sym.sectionIndex(), sym.value());
                else if (sym.type() == STT_SECTION) target = function(sym.sectionIndex(), sym.value() + imm);
            }
            if (target >= 0 && target != i) out.add(target);
            if (op == LD_IMM64) slot++;
        }
        return out;
    }

    /** The function whose bytes hold {@code offset} of section {@code sectionIndex}, or -1. */
    private int function(int sectionIndex, long offset) {
        for (int i = 0; i < symbols.size(); i++) {
            FunctionSymbol f = symbols.get(i);
            if (f.section().index() == sectionIndex && offset >= f.offset() && offset < f.offset() + Math.max(1, f.size())) {
                return i;
            }
        }
        return -1;
    }

    /** The relocations of a code section: byte offset -> symbol (the last entry wins when two share an offset). */
    private static Map<Long, Symbol> relocations(BpfObjectFile file, Section code) {
        Map<Long, Symbol> out = new HashMap<>();
        for (BpfObjectFile.Relocation r : file.relocations(code)) out.put(r.offset(), file.symbols().get(r.symbol()));
        return out;
    }
}
