package dev.jbpfc.btf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed .BTF blob: its types (type id {@code i} is {@code types().get(i - 1)}; id 0 is void) and its raw string
 * section, which .BTF.ext records index into. Made by {@link BtfReader}; {@link BtfDumper} prints it.
 */
public record Btf(List<BtfType> types, byte[] strings) {
    public Btf {
        types = List.copyOf(types);
    }

    /** The type with this id (1-based); null for void (0). */
    public BtfType type(int id) {
        if (id == 0) return null;
        if (id < 0 || id > types.size()) throw new IllegalArgumentException("no BTF type id " + id + " (" + types.size() + " types)");
        return types.get(id - 1);
    }

    /** Number of type ids including void, like libbpf's btf__type_cnt. */
    public int typeCount() {
        return types.size() + 1;
    }

    /** The NUL-terminated string at {@code off} in the string section. */
    public String string(int off) {
        return cString(strings, off);
    }

    /** Every string of the section in offset order, the leading empty string included (for re-seeding a table). */
    public List<String> allStrings() {
        List<String> out = new ArrayList<>();
        int off = 0;
        while (off < strings.length) {
            String s = cString(strings, off);
            out.add(s);
            off += s.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return out;
    }

    /** Ids of the types named {@code name} of kind {@code kind}, in id order. */
    public List<Integer> find(BtfKind kind, String name) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            BtfType t = types.get(i);
            if (t.kind() == kind && t.name().equals(name)) out.add(i + 1);
        }
        return out;
    }

    static String cString(byte[] bytes, int off) {
        if (off < 0 || off >= bytes.length) throw new BtfFormatException("string offset " + off + " outside the string section (" + bytes.length + " bytes)");
        int end = off;
        while (end < bytes.length && bytes[end] != 0) end++;
        if (end == bytes.length) throw new BtfFormatException("string at offset " + off + " is not NUL-terminated");
        return new String(bytes, off, end - off, StandardCharsets.UTF_8);
    }
}
