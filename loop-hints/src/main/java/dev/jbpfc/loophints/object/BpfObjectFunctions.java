package dev.jbpfc.loophints.object;

import dev.jbpfc.btf.Btf;
import dev.jbpfc.btf.BtfExt;
import dev.jbpfc.btf.BtfKind;
import dev.jbpfc.btf.BtfType;
import dev.jbpfc.loophints.FunctionCode;
import dev.jbpfc.loophints.object.BpfObjectFile.FunctionSymbol;
import dev.jbpfc.loophints.object.BpfObjectFile.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions of an object as the checker takes them: one {@link FunctionCode} per FUNC symbol of every code
 * section, with its bytes and the values of the DECL_TAGs (component index -1) on its BTF FUNC.
 *
 * <p>Example: an object whose {@code .BTF} has {@code [7] FUNC 'prog'} and {@code [9] DECL_TAG
 * 'jbpfc.loop/1:counted-up:...' type_id=7 component_idx=-1}, and whose symbol {@code prog} is in section
 * {@code xdp}, gives {@code FunctionCode("xdp", "prog", true, <bytes>, ["jbpfc.loop/1:counted-up:..."])}.
 *
 * <p>Which BTF FUNC belongs to which symbol:
 * <ol>
 *   <li>the {@code .BTF.ext} func_info record for the symbol's section and byte offset, when there is one and the
 *       FUNC it names has the symbol's name (func_info is what the loader itself uses to pair code with its FUNC);
 *   <li>otherwise the FUNC types with the symbol's name: when exactly one exists, that one. Static functions of
 *       different sections (in a statically linked object) can share a name; when several FUNCs have the name and
 *       func_info did not decide, the function gets no tags at all, so its loops are reported as unhinted rather
 *       than checked against another function's hints. DATASEC records cannot help here: they list variables only.
 * </ol>
 * FUNCs of EXTERN linkage are never matched (they describe kfuncs and extern functions, not code of this object).
 *
 * <p>A code section with bytes but no FUNC symbol at all (hand-written objects) is taken as one function named
 * after its section, so that its back edges are not silently skipped.
 */
public final class BpfObjectFunctions {
    private BpfObjectFunctions() {}

    public static List<FunctionCode> of(BpfObjectFile file) {
        Btf btf = file.btf().orElse(null);
        Map<Integer, List<String>> tagsByFunc = btf == null ? Map.of() : tagsByFunc(btf);
        Map<String, List<Integer>> funcsByName = btf == null ? Map.of() : funcsByName(btf);
        Map<String, Integer> funcInfo = funcInfo(file, btf);

        List<FunctionCode> out = new ArrayList<>();
        for (Section sec : file.codeSections()) {
            boolean any = false;
            for (FunctionSymbol f : file.functions()) {
                if (f.section().index() != sec.index()) continue;
                any = true;
                int funcId = btfFunc(f, btf, funcsByName, funcInfo);
                List<String> tags = funcId > 0 ? tagsByFunc.getOrDefault(funcId, List.of()) : List.of();
                out.add(new FunctionCode(sec.name(), f.name(), f.isProgram(), withCallTargets(file, f),
                        List.copyOf(tags)));
            }
            if (!any && sec.size() > 0) {
                out.add(new FunctionCode(sec.name(), sec.name(), !sec.name().equals(".text"), file.contents(sec), List.of()));
            }
        }
        return out;
    }

    /** The BTF FUNC type id of a function symbol, or 0 when none can be told apart. */
    private static int btfFunc(FunctionSymbol f, Btf btf, Map<String, List<Integer>> funcsByName, Map<String, Integer> funcInfo) {
        if (btf == null) return 0;
        Integer id = funcInfo.get(f.section().name() + "\0" + f.offset());
        if (id != null && id > 0 && id < btf.typeCount()) {
            BtfType t = btf.type(id);
            if (t instanceof BtfType.Func fn && fn.name().equals(f.name()) && fn.linkage() != BtfType.FuncLinkage.EXTERN) return id;
        }
        List<Integer> byName = funcsByName.getOrDefault(f.name(), List.of());
        return byName.size() == 1 ? byName.get(0) : 0;
    }

    /** FUNC id -> the values of its DECL_TAGs with component index -1, in type id order. */
    private static Map<Integer, List<String>> tagsByFunc(Btf btf) {
        Map<Integer, List<String>> out = new HashMap<>();
        for (int id = 1; id < btf.typeCount(); id++) {
            if (!(btf.type(id) instanceof BtfType.DeclTag tag) || tag.componentIdx() != -1) continue;
            int target = tag.type();
            if (target <= 0 || target >= btf.typeCount() || btf.type(target).kind() != BtfKind.FUNC) continue;
            out.computeIfAbsent(target, k -> new ArrayList<>()).add(tag.name());
        }
        return out;
    }

    private static Map<String, List<Integer>> funcsByName(Btf btf) {
        Map<String, List<Integer>> out = new HashMap<>();
        for (int id = 1; id < btf.typeCount(); id++) {
            if (btf.type(id) instanceof BtfType.Func fn && fn.linkage() != BtfType.FuncLinkage.EXTERN)
                out.computeIfAbsent(fn.name(), k -> new ArrayList<>()).add(id);
        }
        return out;
    }

    /** "section\0byteOffset" -> FUNC type id, from .BTF.ext's func_info. */
    private static Map<String, Integer> funcInfo(BpfObjectFile file, Btf btf) {
        Map<String, Integer> out = new HashMap<>();
        if (btf == null || file.btfExt().isEmpty()) return out;
        for (BtfExt.FuncInfo fi : file.btfExt().get().funcInfos()) out.putIfAbsent(fi.section() + "\0" + fi.insnOff(), fi.typeId());
        return out;
    }

    /**
     * A function's bytes with each relocated BPF-to-BPF call made pc-relative to where libbpf will send it. In a
     * relocatable object such a call's imm is only part of the address (the callee's slot is its symbol's value / 8
     * + imm + 1, the symbol often being the callee's section), so read raw, {@code call -1} would seem to call
     * itself, inside a loop as like as not. A call that lands inside this function keeps a target here; any other
     * gets one just before the function's first slot, which the checker reads as a call into another function.
     * <pre>
     *   slot 3 of prog:  85 10 00 00 ff ff ff ff   call -1, REL against .text (value 0) + sum at .text slot 8
     *   becomes          85 10 00 00 fb ff ff ff   call -5: slot 3 + 1 - 5 = -1, outside prog
     * </pre>
     */
    static byte[] withCallTargets(BpfObjectFile file, FunctionSymbol f) {
        byte[] code = file.code(f);
        List<BpfObjectFile.Symbol> symbols = file.symbols();
        for (BpfObjectFile.Relocation r : file.relocations(f.section())) {
            long at = r.offset() - f.offset();
            if (at < 0 || at % 8 != 0 || at + 8 > code.length) continue;
            int p = (int) at;
            if ((code[p] & 0xff) != 0x85 || ((code[p + 1] >> 4) & 0x0f) != 1) continue; // call, src_reg = pseudo call
            BpfObjectFile.Symbol sym = symbols.get(r.symbol());
            int imm = (code[p + 4] & 0xff) | (code[p + 5] & 0xff) << 8 | (code[p + 6] & 0xff) << 16 | code[p + 7] << 24;
            long slot = p / 8;
            long target = Long.divideUnsigned(sym.value(), 8) + imm + 1; // slot in the symbol's section
            long first = f.offset() / 8, end = first + f.size() / 8;
            long rel = sym.sectionIndex() == f.section().index() && target >= first && target < end
                    ? target - first - slot - 1
                    : -(slot + 2);
            if (rel < Integer.MIN_VALUE || rel > Integer.MAX_VALUE) rel = -(slot + 2);
            code[p + 4] = (byte) rel;
            code[p + 5] = (byte) (rel >> 8);
            code[p + 6] = (byte) (rel >> 16);
            code[p + 7] = (byte) (rel >> 24);
        }
        return code;
    }
}
