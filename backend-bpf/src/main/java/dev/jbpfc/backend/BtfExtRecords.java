package dev.jbpfc.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * What the backend knows that {@code .BTF.ext} encodes: where each function starts (func_info), which source line
 * each instruction run comes from (line_info), and which instructions hold CO-RE relocated constants
 * (core_relo). Offsets are byte offsets of instructions within their ELF section, as clang writes them in
 * objects. btf-emit's .BTF.ext builder turns these into bytes.
 */
public final class BtfExtRecords {
    public record FuncInfo(String section, long insnOffset, int btfFuncId) {}

    /** {@code file} indexes the IR module's file list; line and column are 1-based. */
    public record LineInfo(String section, long insnOffset, int file, int line, int column) {}

    /** {@code kind} is the relocation number of llvm_reloc.rst (0 = field byte offset ...). */
    public record CoreReloc(String section, long insnOffset, int btfTypeId, String accessString, int kind) {}

    /** A loop hint: a DECL_TAG (component index -1) with this text on the FUNC type {@code btfFuncId} in .BTF. */
    public record LoopHintTag(int btfFuncId, String text) {}

    public final List<LoopHintTag> loopHints = new ArrayList<>();
    public final List<FuncInfo> funcInfos = new ArrayList<>();
    public final List<LineInfo> lineInfos = new ArrayList<>();
    public final List<CoreReloc> coreRelocs = new ArrayList<>();
}
