package dev.jbpfc.frontend.lower;

import dev.jbpfc.frontend.types.CType;

/**
 * Which ELF section a defined static object goes to, as clang-22 decides for BPF (checked with
 * {@code llvm-readelf-22 -S}):
 * <pre>
 *   char LICENSE[] SEC("license") = "GPL";   -> "license"   (an explicit section always wins)
 *   const volatile int cfg = 0;               -> ".rodata"   (const objects, even zero or volatile ones)
 *   int counter;  static int z = 0;           -> ".bss"      (no initializer, or only zero bytes)
 *   int limit = 10;                           -> ".data"
 * </pre>
 * libbpf maps {@code .rodata} read-only (frozen), {@code .data}/{@code .bss} writable, {@code .data.*} and
 * {@code .rodata.*} as extra maps, {@code .maps} as BTF-defined maps.
 */
final class SectionRules {
    private SectionRules() {}

    static String sectionOf(CType type, String sectionAttr, boolean zeroImage) {
        if (sectionAttr != null) return sectionAttr;
        if (type.isConst()) return ".rodata";
        return zeroImage ? ".bss" : ".data";
    }
}
