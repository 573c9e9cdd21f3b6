package dev.jbpfc.testsuite.interp;

import dev.jbpfc.testsuite.oracle.Hex;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An array or hash map of the interpreter: each value is a region of {@link Memory} of its own, so a pointer from
 * {@code bpf_map_lookup_elem} can reach exactly {@code value_size} bytes, as in the kernel. Global data sections
 * ({@code .data}, {@code .rodata}, {@code .bss}) are one-element arrays, like libbpf makes them.
 *
 * <p>The map itself is a one-byte read-only region (its "handle"): {@code ld_imm64} with a map relocation loads
 * the handle's address, which helpers accept and loads through it fail.
 */
public final class InterpMap {
    public static final int ARRAY = 2, HASH = 1;
    static final int EEXIST = 17, ENOENT = 2, E2BIG = 7, EINVAL = 22;

    public final String name;
    public final int type;
    public final int keySize, valueSize, maxEntries;
    final Memory memory;
    final Memory.Region handle;
    private final boolean readOnly;
    private final Memory.Region[] elements;                              // arrays
    private final Map<String, Memory.Region> entries = new LinkedHashMap<>();  // hashes, by key hex

    public InterpMap(Memory memory, String name, int type, int keySize, int valueSize, int maxEntries, boolean readOnly) {
        if (type != ARRAY && type != HASH) throw new IllegalArgumentException("map " + name + ": type " + type + " is not supported (array, hash)");
        if (type == ARRAY && keySize != 4) throw new IllegalArgumentException("array map " + name + " with key size " + keySize);
        this.memory = memory;
        this.name = name;
        this.type = type;
        this.keySize = keySize;
        this.valueSize = valueSize;
        this.maxEntries = maxEntries;
        this.readOnly = readOnly;
        this.handle = memory.add("map " + name, new byte[1], false);
        if (type == ARRAY) {
            if (maxEntries > 1 << 16) throw new IllegalArgumentException("array map " + name + " too large to model: " + maxEntries);
            elements = new Memory.Region[maxEntries];
            for (int i = 0; i < maxEntries; i++) elements[i] = memory.add(name + "[" + i + "]", new byte[valueSize], !readOnly);
        } else {
            elements = null;
        }
    }

    public long handleAddress() { return handle.base(); }

    /** The value bytes of an array element (initial contents of a global data section are written here). */
    public byte[] element(int index) { return elements[index].bytes; }

    /** The address of an element's value, or 0 (NULL) when absent. */
    long lookup(byte[] key) {
        if (type == ARRAY) {
            long index = Memory.le(key, 0, 4);
            return index < maxEntries ? elements[(int) index].base() : 0;
        }
        Memory.Region r = entries.get(Hex.of(key));
        return r == null ? 0 : r.base();
    }

    /** bpf_map_update_elem: 0 or a negative errno. */
    long update(byte[] key, byte[] value, long flags) {
        if (flags > 2) return -EINVAL;
        if (type == ARRAY) {
            long index = Memory.le(key, 0, 4);
            if (index >= maxEntries) return -E2BIG;
            if (flags == 1) return -EEXIST;
            System.arraycopy(value, 0, elements[(int) index].bytes, 0, valueSize);
            return 0;
        }
        String k = Hex.of(key);
        Memory.Region r = entries.get(k);
        if (r != null && flags == 1) return -EEXIST;
        if (r == null && flags == 2) return -ENOENT;
        if (r == null) {
            if (entries.size() >= maxEntries) return -E2BIG;
            r = memory.add(name + "{" + k + "}", new byte[valueSize], true);
            entries.put(k, r);
        }
        System.arraycopy(value, 0, r.bytes, 0, valueSize);
        return 0;
    }

    long delete(byte[] key) {
        if (type == ARRAY) return -EINVAL;
        Memory.Region r = entries.remove(Hex.of(key));
        if (r == null) return -ENOENT;
        memory.remove(r);
        return 0;
    }

    /** Every key and value, keys as lowercase hex (the form {@code MapContents} uses). */
    public Map<String, byte[]> contents() {
        Map<String, byte[]> out = new TreeMap<>();
        if (type == ARRAY) {
            for (int i = 0; i < maxEntries; i++) out.put(Hex.of(Hex.le(i, 4)), Arrays.copyOf(elements[i].bytes, valueSize));
        } else {
            for (Map.Entry<String, Memory.Region> e : entries.entrySet()) out.put(e.getKey(), e.getValue().bytes.clone());
        }
        return out;
    }
}
