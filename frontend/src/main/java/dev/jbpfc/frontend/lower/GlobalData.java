package dev.jbpfc.frontend.lower;

import dev.jbpfc.diag.CompileError;
import dev.jbpfc.frontend.sema.ConstValue;
import dev.jbpfc.frontend.types.CType;
import dev.jbpfc.frontend.types.FloatType;
import dev.jbpfc.ir.Global;
import dev.jbpfc.ir.Linkage;
import dev.jbpfc.ir.Module;
import dev.jbpfc.source.SourceLocation;

import java.util.List;
import java.util.function.Function;

/**
 * Turns a static object and its evaluated initializer into an IR {@link Global}: its bytes, relocations, section,
 * size and alignment.
 *
 * <p>Worked example:
 * <pre>
 *   struct pt { int x, y; const char *name; } g_pts[2] = { [1] = { .y = 2, .name = "one" }, [0].x = 7 };
 *   int *g_ptr = &amp;g_pts[1].y;
 *   struct { __uint(type, BPF_MAP_TYPE_PROG_ARRAY); __uint(max_entries, 2); __type(key, __u32);
 *            __array(values, int (void *)); } jmp SEC(".maps") = { .values = { [1] = &amp;tail } };
 * </pre>
 * becomes
 * <pre>
 *   global static @.str size 4 align 1 section ".rodata.str1.1" data "one\00"
 *   global global @g_pts size 32 align 8 section ".data" data "\07\00\00\00 ... \02" reloc 24 @.str
 *   global global @g_ptr size 8 align 8 section ".data" reloc 0 @g_pts+20
 *   global global @jmp size 40 align 8 section ".maps" reloc 32 @tail
 * </pre>
 * (the flexible {@code values[]} array extends {@code jmp} past {@code sizeof}, as in clang). Pieces are written in
 * order, so a later designator overrides an earlier one; bytes no piece covers are zero.
 */
final class GlobalData {
    private final Module module;
    private final StringPool strings;
    /** Maps the base of an address constant (a symbol, a string literal or compound literal node) to a symbol. */
    private final Function<Object, String> symbolOfBase;

    GlobalData(Module module, StringPool strings, Function<Object, String> symbolOfBase) {
        this.module = module;
        this.strings = strings;
        this.symbolOfBase = symbolOfBase;
    }

    /**
     * Defines global {@code name} of C type {@code type} initialized by {@code pieces} (empty: zero), and adds it to
     * the module.
     */
    Global define(String name, CType type, Linkage linkage, String sectionAttr, int alignAttr, List<InitPiece> pieces,
                  SourceLocation loc) {
        long typeSize = type.isComplete() ? type.size() : 0;
        StaticImage image = new StaticImage(typeSize);
        for (InitPiece p : pieces) write(image, p, loc);
        String section = SectionRules.sectionOf(type, sectionAttr, image.isZero());
        int align = Math.max(type.align(), alignAttr);
        Global g = new Global(name, Math.max(typeSize, image.size()), align, section, linkage);
        if (!image.isZero()) g.setData(image.trimmedBytes());
        g.relocs().addAll(image.relocs());
        module.globals().add(g);
        return g;
    }

    /**
     * An extern variable: resolved by libbpf when it names its section ({@code __kconfig}: ".kconfig",
     * {@code __ksym}: ".ksyms"), else by the static linker ({@code bpftool gen object}, as the samples'
     * xdp_router_ipv4.bpf.c takes its {@code extern array_map rx_cnt} from xdp_sample.bpf.c): section "", which
     * puts its VAR in no DATASEC, as clang-22 does (libbpf would read a ".kconfig" one as a Kconfig value).
     */
    Global declareExtern(String name, CType type, boolean weak, String sectionAttr, SourceLocation loc) {
        String section = sectionAttr != null ? sectionAttr : "";
        long size = type.isComplete() ? type.size() : 0;
        Global g = new Global(name, size, type.align(), section, weak ? Linkage.EXTERN_WEAK : Linkage.EXTERN);
        module.globals().add(g);
        return g;
    }

    private void write(StaticImage image, InitPiece p, SourceLocation loc) {
        if (p.bytes() != null) {
            image.putBytes(p.byteOffset(), p.bytes());
            return;
        }
        ConstValue v = p.value();
        if (v == null) throw new CompileError(loc, "initializer element is not a compile-time constant");
        if (p.isBitfield()) {
            image.putBits(p.bitOffset(), p.bitWidth(), integerOf(v, loc));
            return;
        }
        CType t = p.type();
        int size = (int) t.size();
        if (v.isAddress() && v.base() != null) {
            if (size != 8) throw new CompileError(loc, "initializer element is not a compile-time constant");
            image.putAddress(p.byteOffset(), symbolOf(v.base()), v.offset());
        } else if (t.isFloating()) {
            double d = v.isFloat() ? v.floating() : v.asLong();
            long bits = t.unqualified() == FloatType.FLOAT ? Float.floatToRawIntBits((float) d) & 0xffffffffL
                                                           : Double.doubleToRawLongBits(d);
            image.putInt(p.byteOffset(), size, bits);
        } else if (t.isBool()) {
            image.putInt(p.byteOffset(), 1, v.isZero() ? 0 : 1);
        } else {
            image.putInt(p.byteOffset(), Math.min(size, 8), integerOf(v, loc));
            if (size == 16) image.putInt(p.byteOffset() + 8, 8, v.isInteger() ? v.integer().shiftRight(64).longValue()
                                                                              : (integerOf(v, loc) < 0 ? -1 : 0));
        }
    }

    private static long integerOf(ConstValue v, SourceLocation loc) {
        if (v.isAddress() && v.base() != null) {
            throw new CompileError(loc, "initializer element is not a compile-time constant");
        }
        return v.asLong();
    }

    private String symbolOf(Object base) {
        if (base instanceof byte[] literal) return strings.symbolFor(literal);
        return symbolOfBase.apply(base);
    }
}
