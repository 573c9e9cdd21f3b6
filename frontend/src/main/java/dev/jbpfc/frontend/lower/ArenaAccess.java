package dev.jbpfc.frontend.lower;

import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.PointerType;
import dev.jbpfc.frontend.types.QualifiedType;
import dev.jbpfc.ir.Instruction;
import dev.jbpfc.ir.IrBuilder;
import dev.jbpfc.ir.Opcode;
import dev.jbpfc.ir.Value;

/**
 * Memory in a non-zero address space ({@code __attribute__((address_space(1)))}: the BPF arena), as clang-22's
 * BPF backend compiles it. A pointer into the arena holds the address user space sees; the kernel reads and writes
 * through the address space 0 pointer that {@code addr_space_cast(p, 0, 1)} makes of it. So every load, store,
 * atomic and copy through an arena pointer accesses a cast of its address, and a conversion between address spaces
 * is a cast too:
 * <pre>
 *   int f(struct node __arena *n) { return n-&gt;v; }     r1 = addr_space_cast(r1, 0, 1)
 *                                                       w0 = *(u32 *)(r1 + 0)
 *   void *g(struct node __arena *n) { return n; }       r0 = addr_space_cast(r1, 0, 1)
 * </pre>
 * The lowering casts each access's address where the access is ({@code addrspacecast access}); the arena-casts
 * pass ({@code ArenaCastPlacement}) then moves the casts to the pointers, where clang puts them. Any non-zero
 * space is cast to 0 as clang does; only space 1 means something to the kernel (which judges the others).
 */
final class ArenaAccess {
    private ArenaAccess() {}

    /** {@code lv}, or {@code lv} at its address cast to the generic space when its object is in another space. */
    static LValue generic(IrBuilder b, LValue lv) {
        int space = QualifiedType.addressSpaceOf(lv.type());
        if (space == 0) return lv;
        return new LValue(b.addrSpaceCast(lv.address(), space, 0, true), lv.type(), lv.align(), lv.isVolatile(),
                lv.unitBytes(), lv.bitShift(), lv.bitWidth());
    }

    /** The address {@code p} of an object of type {@code t}, cast to the generic space for an access if need be. */
    static Value genericAddress(IrBuilder b, Value p, CType t) {
        int space = QualifiedType.addressSpaceOf(t);
        return space == 0 ? p : b.addrSpaceCast(p, space, 0, true);
    }

    /**
     * The pointer {@code v} of type {@code from} converted to {@code to}: a cast when the pointees' address spaces
     * differ (the caller skips constants: a null pointer is null in every space).
     */
    static Value convert(IrBuilder b, Value v, CType from, CType to) {
        CType f = from.unqualified(), t = to.unqualified();
        if (!(f instanceof PointerType fp) || !(t instanceof PointerType tp)) return v;
        int fs = QualifiedType.addressSpaceOf(fp.pointee()), ts = QualifiedType.addressSpaceOf(tp.pointee());
        if (fs == ts) return v;
        // Back to the space it came from: the pointer itself (clang folds the pair too).
        if (v instanceof Instruction c && c.op() == Opcode.ADDRSPACECAST && !c.forAccess && c.fromSpace == ts
                && c.toSpace == fs) {
            return c.operand(0);
        }
        return b.addrSpaceCast(v, fs, ts, false);
    }
}
