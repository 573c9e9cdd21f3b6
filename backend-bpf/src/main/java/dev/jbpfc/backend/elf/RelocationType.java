package dev.jbpfc.backend.elf;

/**
 * The BPF ELF relocation types (Documentation/bpf/llvm_reloc.rst) and what each patches.
 * <pre>
 *   r1 = map ll        R_BPF_64_64      ld_imm64 of a map or global: libbpf puts the map fd / value address in
 *   call func          R_BPF_64_32      BPF-to-BPF call into another section or to a global function
 *   long *p = &amp;x;     R_BPF_64_ABS64   a pointer stored in data
 *   .BTF.ext insn_off  R_BPF_64_NODYLD32  offsets of functions in .BTF / .BTF.ext (not applied at load time)
 * </pre>
 */
public enum RelocationType {
    NONE(0), R_BPF_64_64(1), R_BPF_64_ABS64(2), R_BPF_64_ABS32(3), R_BPF_64_NODYLD32(4), R_BPF_64_32(10);

    public final int code;

    RelocationType(int code) { this.code = code; }
}
