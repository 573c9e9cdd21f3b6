package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.PointerType;
import dev.jbpfc.frontend.types.QualifiedType;

/**
 * Refuses what jbpfc cannot compile yet: memory accesses in a non-zero address space and pointer conversions
 * between address spaces. clang-22 puts an {@code addr_space_cast} before every load, store or atomic through an
 * {@code address_space(1)} (BPF arena) pointer and on every conversion between spaces; jbpfc emits none, so
 * compiling such code without the casts would be a silent miscompile. Code that casts explicitly
 * ({@code cast_kern()}, {@code bpf_addr_space_cast}) with plain pointers compiles as usual.
 * The errors carry no location: {@link ExprLowering#raw} gives them the expression being lowered.
 */
final class ArenaAccessGuard {
    private ArenaAccessGuard() {}

    /** Throws when an object of type {@code t} lives in a non-zero address space and is read or written. */
    static void requireGenericAccess(CType t) {
        int as = QualifiedType.addressSpaceOf(t);
        if (as != 0) {
            throw new CompileError(null, "jbpfc cannot compile accesses through address_space(" + as
                    + ") pointers yet (no addr_space_cast is emitted); use plain pointers with "
                    + "cast_kern()/bpf_addr_space_cast");
        }
    }

    /**
     * Throws when a pointer of type {@code from} is converted to {@code to} and their pointees' spaces differ (the
     * caller skips constants: a null pointer is null in every space).
     */
    static void requireSameSpace(CType from, CType to) {
        CType f = from.unqualified(), t = to.unqualified();
        if (!(f instanceof PointerType fp) || !(t instanceof PointerType tp)) return;
        int fs = QualifiedType.addressSpaceOf(fp.pointee()), ts = QualifiedType.addressSpaceOf(tp.pointee());
        if (fs != ts) {
            throw new CompileError(null, "jbpfc cannot compile conversions between address_space(" + fs
                    + ") and address_space(" + ts + ") pointers yet (no addr_space_cast is emitted); use "
                    + "cast_kern()/cast_user()/bpf_addr_space_cast");
        }
    }
}
