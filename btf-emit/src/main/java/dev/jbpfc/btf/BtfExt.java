package dev.jbpfc.btf;

import java.util.List;

/**
 * The records of a .BTF.ext section with their strings resolved: what {@link BtfExtReader} reads and what
 * {@link BtfExtBuilder} is given. Instruction offsets are byte offsets from the start of the named ELF section
 * (the ELF contract; the kernel's func_info/line_info count instructions instead, libbpf divides by 8).
 */
public record BtfExt(List<FuncInfo> funcInfos, List<LineInfo> lineInfos, List<CoreRelo> coreRelos) {
    public BtfExt {
        funcInfos = List.copyOf(funcInfos);
        lineInfos = List.copyOf(lineInfos);
        coreRelos = List.copyOf(coreRelos);
    }

    /** The function whose code starts at {@code insnOff} in {@code section} has BTF FUNC {@code typeId}. */
    public record FuncInfo(String section, int insnOff, int typeId) {}

    /**
     * The instruction at {@code insnOff} comes from line {@code line}, column {@code column} of {@code fileName},
     * whose text is {@code lineText}; packed in the file as {@code line << 10 | column}.
     */
    public record LineInfo(String section, int insnOff, String fileName, String lineText, int line, int column) {}

    /** A CO-RE relocation of {@code kind} on the instruction at {@code insnOff}, rooted at type {@code typeId}. */
    public record CoreRelo(String section, int insnOff, int typeId, String accessString, CoreReloKind kind) {}
}
