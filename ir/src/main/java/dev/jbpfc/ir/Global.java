package dev.jbpfc.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A global variable: {@code size} bytes aligned to {@code align} in ELF section {@code section} (".data",
 * ".bss", ".rodata", ".maps", ".data.foo", "license", ".kconfig" for externs). {@code data} are the initial bytes
 * (shorter than size: the rest is zero; empty for .bss and externs). {@code relocs} put another symbol's address
 * at an offset of the data (a pointer in an initialiser, a map-in-map's inner map, a prog array's program).
 * {@code btfType} is the BTF type id of the variable (0 = none). {@code hidden} is
 * {@code __attribute__((visibility("hidden")))} (libbpf's {@code __hidden}): the ELF symbol gets STV_HIDDEN, and
 * libbpf then treats the variable as static, so a data section holding only hidden variables is not mmap()-able
 * (which the kernel requires of a map value with a spin lock, list head or rbtree root).
 */
public final class Global {
    /** An address of {@code symbol} + {@code addend} stored at byte {@code offset} of the global's data. */
    public record Reloc(long offset, String symbol, long addend) {}

    private final String name;
    private long size;
    private int align;
    private String section;
    private Linkage linkage;
    private byte[] data = new byte[0];
    private final List<Reloc> relocs = new ArrayList<>();
    private int btfType;
    private boolean hidden;

    public Global(String name, long size, int align, String section, Linkage linkage) {
        this.name = name;
        this.size = size;
        this.align = align;
        this.section = section;
        this.linkage = linkage;
    }

    public String name() { return name; }

    public long size() { return size; }

    public void setSize(long s) { this.size = s; }

    public int align() { return align; }

    public void setAlign(int a) { this.align = a; }

    public String section() { return section; }

    public void setSection(String s) { this.section = s; }

    public Linkage linkage() { return linkage; }

    public void setLinkage(Linkage l) { this.linkage = l; }

    public byte[] data() { return data; }

    public void setData(byte[] d) { this.data = d.clone(); }

    public List<Reloc> relocs() { return relocs; }

    public int btfType() { return btfType; }

    public void setBtfType(int id) { this.btfType = id; }

    public boolean hidden() { return hidden; }

    public void setHidden(boolean h) { this.hidden = h; }
}
