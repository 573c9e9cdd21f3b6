package dev.jbpfc.backend.mir;

/**
 * What a call or ld_imm64 refers to; the object emitter turns it into a relocation.
 * <pre>
 *   r1 = counts ll      DATA      R_BPF_64_64 against the variable's symbol (maps, globals, externs); for a
 *                                 static variable against its section symbol, the offset in imm (as clang does)
 *   r2 = callback ll    FUNCTION  R_BPF_64_64 against the code section, imm = the function's byte offset
 *   call sub            CALL      same section and static: pc-relative imm, no relocation; else R_BPF_64_32
 *                                 against the section symbol (static) or the function symbol (global), imm -1
 *   call bpf_kfunc      KFUNC     src_reg 1 + R_BPF_64_32 against the extern (libbpf turns it into a kfunc call)
 * </pre>
 */
public record SymbolRef(Kind kind, String name, long addend) {
    public enum Kind { DATA, FUNCTION, CALL, KFUNC }
}
