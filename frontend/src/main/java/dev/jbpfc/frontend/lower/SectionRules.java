package dev.jbpfc.frontend.lower;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.QualifiedType;

/**
 * Which ELF section a defined static object goes to, as clang-22 decides for BPF (checked with
 * {@code llvm-readelf-22 -S}):
 * <pre>
 *   char LICENSE[] SEC("license") = "GPL";   -> "license"   (an explicit section always wins)
 *   const volatile int cfg = 0;               -> ".rodata"   (const objects, even zero or volatile ones)
 *   int counter;  static int z = 0;           -> ".bss"      (no initializer, or only zero bytes)
 *   int limit = 10;                           -> ".data"
 *   int __arena hits[64];  const int __arena k = 1;
 *                                             -> ".addr_space.1" (an object in address space N, zero or not, const
 *                                                or not; a pointer to __arena memory is not itself in it)
 * </pre>
 * libbpf maps {@code .addr_space.1} into the object's arena map (its globals then live in the arena, at the start
 * of its pages), so such objects must not land in {@code .bss}; clang-22 writes the section as PROGBITS even when
 * it is all zeros.
 * libbpf maps {@code .rodata} read-only (frozen), {@code .data}/{@code .bss} writable, {@code .data.*} and
 * {@code .rodata.*} as extra maps, {@code .maps} as BTF-defined maps.
 */
final class SectionRules {
    private SectionRules() {}

    static String sectionOf(CType type, String sectionAttr, boolean zeroImage) {
        if (sectionAttr != null) return sectionAttr;
        int addressSpace = QualifiedType.objectAddressSpaceOf(type);
        if (addressSpace != 0) return ".addr_space." + addressSpace;
        if (type.isConst()) return ".rodata";
        return zeroImage ? ".bss" : ".data";
    }
}
