package dev.jbpfc.frontend.lower;

import dev.jbpfc.btf.BtfBuilder;
import dev.jbpfc.btf.BtfType.SecInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the VARs (and extern kfunc FUNCs) of each ELF data section and emits one DATASEC per section at the end,
 * as clang does: sections in name order ({@code .bss}, {@code .data}, {@code .data.foo}, {@code .kconfig},
 * {@code .ksyms}, {@code .maps}, {@code .rodata}, {@code license}), entries in the order the variables were
 * defined, DATASEC size 0 (libbpf sets it from the ELF section).
 *
 * <p>Example: {@code int a; static int b; int c = 1;} gives
 * <pre>
 *   DATASEC '.bss' size=0 vlen=2   (VAR 'a' offset=0 size=4) (VAR 'b' offset=4 size=4)
 *   DATASEC '.data' size=0 vlen=1  (VAR 'c' offset=0 size=4)
 * </pre>
 * Offsets are the true in-section offsets (libbpf keeps them for static variables and recomputes them from the
 * symbols for global ones).
 */
public final class BtfSections {
    private final Map<String, List<SecInfo>> sections = new TreeMap<>();

    /** Records that {@code btfId} (a VAR, or a FUNC for {@code .ksyms}) lives at {@code offset} in {@code section}. */
    public void add(String section, int btfId, long offset, long size) {
        sections.computeIfAbsent(section, k -> new ArrayList<>()).add(new SecInfo(btfId, (int) offset, (int) size));
    }

    /** Emits the DATASECs (call once, after every global is known). */
    public void emit(BtfBuilder btf) {
        for (Map.Entry<String, List<SecInfo>> e : sections.entrySet()) btf.addDatasec(e.getKey(), 0, e.getValue());
    }
}
