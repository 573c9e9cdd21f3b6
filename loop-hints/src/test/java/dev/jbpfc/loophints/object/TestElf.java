package dev.jbpfc.loophints.object;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal ELF64 relocatable-object writer for tests: sections with given bytes, a symbol table, and nothing
 * else (no relocations). Enough to make objects the reader must understand, or must refuse, byte for byte.
 */
final class TestElf {
    static final int SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_NOBITS = 8;
    static final long SHF_ALLOC = 2, SHF_EXECINSTR = 4;
    static final int STT_FUNC = 2, STB_LOCAL = 0, STB_GLOBAL = 1;

    record Sec(String name, int type, long flags, byte[] data) {}

    record Sym(String name, int type, int bind, int shndx, long value, long size) {}

    final List<Sec> sections = new ArrayList<>();
    final List<Sym> symbols = new ArrayList<>();
    int machine = 247;

    /** Adds a section; returns its ELF index (the null section is 0). */
    int section(String name, int type, long flags, byte[] data) {
        sections.add(new Sec(name, type, flags, data));
        return sections.size();
    }

    int code(String name, byte[] insns) {
        return section(name, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, insns);
    }

    void func(String name, int shndx, long value, long size, boolean global) {
        symbols.add(new Sym(name, STT_FUNC, global ? STB_GLOBAL : STB_LOCAL, shndx, value, size));
    }

    byte[] build() {
        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        strtab.write(0);
        ByteBuffer syms = le(24 * (symbols.size() + 1));
        syms.position(24);                                     // symbol 0 is all zero
        for (Sym s : symbols) {
            syms.putInt(add(strtab, s.name())).put((byte) (s.bind() << 4 | s.type())).put((byte) 0)
                .putShort((short) s.shndx()).putLong(s.value()).putLong(s.size());
        }
        List<Sec> all = new ArrayList<>(sections);
        int strtabIndex = all.size() + 1;
        all.add(new Sec(".strtab", SHT_STRTAB, 0, strtab.toByteArray()));
        all.add(new Sec(".symtab", SHT_SYMTAB, 0, syms.array()));
        ByteArrayOutputStream shstrtab = new ByteArrayOutputStream();
        shstrtab.write(0);
        int[] names = new int[all.size() + 1];
        for (int i = 0; i < all.size(); i++) names[i] = add(shstrtab, all.get(i).name());
        names[all.size()] = add(shstrtab, ".shstrtab");
        all.add(new Sec(".shstrtab", SHT_STRTAB, 0, shstrtab.toByteArray()));

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[64]);
        long[] offsets = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            while (body.size() % 8 != 0) body.write(0);
            offsets[i] = body.size();
            if (all.get(i).type() != SHT_NOBITS) body.writeBytes(all.get(i).data());
        }
        while (body.size() % 8 != 0) body.write(0);
        long shoff = body.size();
        ByteBuffer sh = le(64 * (all.size() + 1));
        sh.position(64);
        for (int i = 0; i < all.size(); i++) {
            Sec s = all.get(i);
            boolean symtab = s.type() == SHT_SYMTAB;
            sh.putInt(names[i]).putInt(s.type()).putLong(s.flags()).putLong(0).putLong(offsets[i]).putLong(s.data().length)
              .putInt(symtab ? strtabIndex : 0).putInt(symtab ? 1 : 0).putLong(8).putLong(symtab ? 24 : 0);
        }
        body.writeBytes(sh.array());
        byte[] out = body.toByteArray();
        ByteBuffer h = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        h.putShort(16, (short) 1).putShort(18, (short) machine).putInt(20, 1).putLong(40, shoff)
         .putShort(52, (short) 64).putShort(58, (short) 64).putShort(60, (short) (all.size() + 1))
         .putShort(62, (short) all.size());
        return out;
    }

    private static int add(ByteArrayOutputStream table, String s) {
        int at = table.size();
        table.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        table.write(0);
        return at;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Instructions from (opcode, regs, off, imm) quadruples. */
    static byte[] insns(long... fields) {
        ByteBuffer b = le(fields.length / 4 * 8);
        for (int i = 0; i < fields.length; i += 4) {
            b.put((byte) fields[i]).put((byte) fields[i + 1]).putShort((short) fields[i + 2]).putInt((int) fields[i + 3]);
        }
        return b.array();
    }
}
